// The storefront's words in English and Chinese. The language is the buyer's choice (the toggle,
// kept in localStorage), else the browser's (navigator.language starting with "zh").

const WORDS = {
  en: {
    'shop.name': 'payonce shop',
    'nav.products': 'Products',
    'nav.lookup': 'Find my order',
    'nav.language': '中文',
    'products.title': 'Products',
    'products.empty': 'No products yet.',
    'products.empty.owner': 'Shop owner: create products and import card keys in the console at',
    'products.loading': 'Loading products…',
    'product.stock': 'In stock: {n}',
    'product.soldOut': 'Sold out',
    'product.membership': '{days} days of membership',
    'product.buy': 'Buy',
    'product.quantity': 'Quantity',
    'product.email': 'Email (your receipt and order lookup)',
    'product.userId': 'Your account name in the app (the membership goes to it)',
    'product.back': '← All products',
    'product.notFound': 'This product does not exist.',
    'product.total': 'Total: {amount}',
    'product.working': 'Creating your order…',
    'product.paying': 'Opening the payment page…',
    'product.resuming': 'Finishing the order you started…',
    'captcha.title': 'Many orders came from your network lately. Please solve this to continue.',
    'captcha.answer': 'Answer',
    'captcha.continue': 'Continue',
    'captcha.wrong': 'That was not right, or the challenge expired. Here is a new one.',
    'order.title': 'Your order',
    'order.noSecret': 'This page shows an order only with its secret link. Open the link you got when you bought, or look the order up by number and email.',
    'order.notFound': 'No order matches this link.',
    'order.number': 'Order number',
    'order.status': 'Status',
    'order.amount': 'Amount',
    'order.quantity': 'Quantity',
    'order.keys': 'Your card keys',
    'order.copy': 'Copy',
    'order.copied': 'Copied',
    'order.copyAll': 'Copy all',
    'order.membership': 'Your membership now runs until {date}.',
    'order.pay': 'Pay now',
    'order.secretLink': 'Keep this page\'s link: it is the only way to see your keys.',
    'order.copyLink': 'Copy the link',
    'order.following': 'Waiting for the payment… this page updates by itself.',
    'order.delivering': 'Paid. Delivering…',
    'order.expiresAt': 'Pay before {time}, or the order is cancelled.',
    'order.refunded': 'Refunded: {amount}',
    'status.PENDING_PAYMENT': 'Waiting for payment',
    'status.PAID': 'Paid, delivering',
    'status.DELIVERED': 'Delivered',
    'status.CANCELLED': 'Cancelled',
    'status.EXPIRED': 'Expired (not paid in time)',
    'status.PARTIALLY_REFUNDED': 'Partly refunded',
    'status.REFUNDED': 'Refunded',
    'lookup.title': 'Find my order',
    'lookup.help': 'Enter the order number and the email you bought with to see where the order stands. The card keys are shown only on the order\'s secret link.',
    'lookup.orderId': 'Order number (ord_…)',
    'lookup.email': 'Email',
    'lookup.submit': 'Look up',
    'lookup.none': 'No order with this number and email.',
    'lookup.limited': 'Too many lookups from your network. Please try again in a few minutes.',
    'lookup.here': 'This browser holds the secret link of this order:',
    'lookup.notHere': 'This browser does not hold its secret link. Use the link you got when you bought.',
    'lookup.mine': 'Orders bought in this browser',
    'lookup.open': 'Open',
    'error.sold_out': 'Not enough stock left.',
    'error.reservation_limit': 'You have too many unpaid orders. Pay or wait for them to expire, then try again.',
    'error.rate_limited': 'Too many requests. Please wait a moment.',
    'error.network': 'The shop cannot be reached. Check your connection and try again.',
    'error.generic': 'Something went wrong: {detail}',
    'footer.sandbox': 'Payment and delivery by payonce: each order is charged once and delivered once.',
  },
  zh: {
    'shop.name': 'payonce 商店',
    'nav.products': '商品',
    'nav.lookup': '查询订单',
    'nav.language': 'English',
    'products.title': '商品',
    'products.empty': '还没有商品。',
    'products.empty.owner': '店主：请在后台创建商品并导入卡密：',
    'products.loading': '正在加载商品…',
    'product.stock': '库存：{n}',
    'product.soldOut': '已售罄',
    'product.membership': '会员 {days} 天',
    'product.buy': '购买',
    'product.quantity': '数量',
    'product.email': '邮箱（用于收据和查询订单）',
    'product.userId': '你在应用中的账号（会员开通到此账号）',
    'product.back': '← 全部商品',
    'product.notFound': '商品不存在。',
    'product.total': '合计：{amount}',
    'product.working': '正在创建订单…',
    'product.paying': '正在打开支付页面…',
    'product.resuming': '正在完成你刚才的订单…',
    'captcha.title': '你的网络最近下单较多，请先完成验证。',
    'captcha.answer': '答案',
    'captcha.continue': '继续',
    'captcha.wrong': '答案不对或验证已过期，请再试一题。',
    'order.title': '你的订单',
    'order.noSecret': '本页只凭订单的专属链接显示订单。请打开购买时得到的链接，或用订单号和邮箱查询订单。',
    'order.notFound': '没有与此链接对应的订单。',
    'order.number': '订单号',
    'order.status': '状态',
    'order.amount': '金额',
    'order.quantity': '数量',
    'order.keys': '你的卡密',
    'order.copy': '复制',
    'order.copied': '已复制',
    'order.copyAll': '全部复制',
    'order.membership': '你的会员有效期已延长至 {date}。',
    'order.pay': '去支付',
    'order.secretLink': '请保存本页链接：这是查看卡密的唯一方式。',
    'order.copyLink': '复制链接',
    'order.following': '等待支付… 本页会自动更新。',
    'order.delivering': '已支付，正在发货…',
    'order.expiresAt': '请在 {time} 前支付，否则订单将取消。',
    'order.refunded': '已退款：{amount}',
    'status.PENDING_PAYMENT': '待支付',
    'status.PAID': '已支付，发货中',
    'status.DELIVERED': '已发货',
    'status.CANCELLED': '已取消',
    'status.EXPIRED': '已过期（未按时支付）',
    'status.PARTIALLY_REFUNDED': '部分退款',
    'status.REFUNDED': '已退款',
    'lookup.title': '查询订单',
    'lookup.help': '输入订单号和购买时填写的邮箱，查看订单状态。卡密只在订单的专属链接中显示。',
    'lookup.orderId': '订单号（ord_…）',
    'lookup.email': '邮箱',
    'lookup.submit': '查询',
    'lookup.none': '没有匹配此订单号和邮箱的订单。',
    'lookup.limited': '你的网络查询过于频繁，请几分钟后再试。',
    'lookup.here': '本浏览器保存了此订单的专属链接：',
    'lookup.notHere': '本浏览器没有此订单的专属链接，请使用购买时得到的链接。',
    'lookup.mine': '在本浏览器购买的订单',
    'lookup.open': '打开',
    'error.sold_out': '库存不足。',
    'error.reservation_limit': '你的未支付订单过多。请先支付或等待其过期后再试。',
    'error.rate_limited': '请求过于频繁，请稍候。',
    'error.network': '无法连接商店，请检查网络后重试。',
    'error.generic': '出错了：{detail}',
    'footer.sandbox': '支付与发货由 payonce 处理：每个订单只扣款一次、只发货一次。',
  },
};

const CHOSEN = 'payonce.lang';

/** 'zh' or 'en'. */
export function language() {
  const chosen = localStorage.getItem(CHOSEN);
  if (chosen === 'zh' || chosen === 'en') {
    return chosen;
  }
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function toggleLanguage() {
  localStorage.setItem(CHOSEN, language() === 'zh' ? 'en' : 'zh');
  location.reload();
}

/** The phrase for a key, with {name} replaced by values[name]. */
export function t(key, values = {}) {
  const phrase = WORDS[language()][key] ?? WORDS.en[key] ?? key;
  return phrase.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** Fills every element with data-i18n="key" with its phrase, and sets the page's lang. */
export function translatePage() {
  document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
}
