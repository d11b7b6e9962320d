// The product list: each product with its price and stock, linking to its page.
import { listProducts } from './api.js';
import { t } from './i18n.js';
import { el, money, problemText, show, startPage } from './page.js';

startPage();
const shelf = document.getElementById('products');

try {
  const { products } = await listProducts();
  if (products.length === 0) {
    show(shelf, el('div', { class: 'empty', id: 'empty' },
      el('p', {}, t('products.empty')),
      el('p', {}, t('products.empty.owner') + ' ', el('a', { href: '/admin/' }, '/admin'))));
  } else {
    show(shelf, ...products.map(card));
  }
} catch (problem) {
  show(shelf, el('p', { class: 'message error' }, problemText(problem)));
}

function card(product) {
  const soldOut = product.kind === 'CARD_KEY' && product.available === 0;
  const stock = product.kind === 'MEMBERSHIP'
    ? t('product.membership', { days: product.membershipDays })
    : soldOut ? t('product.soldOut') : t('product.stock', { n: product.available });
  return el('a', { class: 'product' + (soldOut ? ' sold-out' : ''), href: '/product.html?sku=' + encodeURIComponent(product.sku),
      'data-sku': product.sku },
    el('h2', {}, product.name),
    el('p', { class: 'price' }, money(product.price, product.currency)),
    el('p', { class: 'stock' }, stock));
}
