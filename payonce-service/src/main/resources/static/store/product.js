// The product page: quantity and email, then Buy. Buy creates the order under an
// Idempotency-Key made once for this page view and kept (with the exact body) in sessionStorage
// until the order is made, so a double click, a retry or a reload while the request runs all send
// the same key and the same bytes, and payonce answers them all with the one order. The button is
// disabled meanwhile too, but that is comfort: the key is what makes it correct.
import { buyerToken, captchaChallenge, createOrder, getProduct, goPay, keepOrder, newKey, secretLink } from './api.js';
import { t } from './i18n.js';
import { el, money, problemText, show, startPage } from './page.js';

startPage();
const sku = new URLSearchParams(location.search).get('sku') || '';
const PENDING = 'payonce.pending-order:' + sku;
const form = document.getElementById('buy');
const button = document.getElementById('buy-button');
const message = document.getElementById('message');
const captchaBox = document.getElementById('captcha');
let product = null;
let challenge = null;

try {
  product = await getProduct(sku);
  render(product);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  if (pending) {
    // A reload while the order was being created: finish that same order rather than start another.
    say(t('product.resuming'));
    await submit(pending);
  }
} catch (problem) {
  show(document.getElementById('product'),
    el('p', { class: 'message error', id: 'not-found' }, problem.code === 'product_not_found' ? t('product.notFound') : problemText(problem)));
}

function render(p) {
  const soldOut = p.kind === 'CARD_KEY' && p.available === 0;
  show(document.getElementById('product'),
    el('h1', { id: 'product-name' }, p.name),
    el('p', { class: 'price' }, money(p.price, p.currency)),
    el('p', { class: 'stock', id: 'stock' }, p.kind === 'MEMBERSHIP' ? t('product.membership', { days: p.membershipDays })
      : soldOut ? t('product.soldOut') : t('product.stock', { n: p.available })));
  const quantity = document.getElementById('quantity');
  const most = Math.max(1, Math.min(p.orderQuantityMax ?? 100, p.kind === 'CARD_KEY' ? p.available : 100));
  quantity.max = String(most);
  if (p.kind === 'MEMBERSHIP') {
    quantity.value = '1';
    quantity.closest('label').hidden = true;
    document.getElementById('user-id-field').hidden = false;
    document.getElementById('user-id').required = true;
  }
  const total = () => {
    document.getElementById('total').textContent = t('product.total', { amount: money(p.price * (Number(quantity.value) || 0), p.currency) });
  };
  quantity.addEventListener('input', total);
  total();
  form.hidden = false;
  button.disabled = soldOut;
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  if (button.disabled || !form.reportValidity()) {
    return;
  }
  // Kept before anything is sent, synchronously: a second click in the same tick, or the page
  // after a reload, finds it and sends exactly the same request.
  let pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  if (!pending) {
    pending = { key: newKey('order'), body: JSON.stringify(orderBody()), buyer: null };
    sessionStorage.setItem(PENDING, JSON.stringify(pending));
  }
  await submit(pending);
});

function orderBody() {
  const buyer = { email: document.getElementById('email').value.trim() };
  const userId = document.getElementById('user-id').value.trim();
  if (product.kind === 'MEMBERSHIP' && userId) {
    buyer.userId = userId;
  }
  return { sku, quantity: Number(document.getElementById('quantity').value), buyer };
}

async function submit(pending) {
  button.disabled = true;
  say(t('product.working'));
  try {
    const answer = challenge ? { token: challenge.token, answer: document.getElementById('captcha-answer').value } : null;
    if (!pending.buyer) {
      // The key belongs to one buyer session: the request is kept with it, for a reload to reuse.
      pending.buyer = await buyerToken();
      sessionStorage.setItem(PENDING, JSON.stringify(pending));
    }
    const order = await createOrderRetrying(pending, answer);
    sessionStorage.removeItem(PENDING);
    keepOrder({ orderId: order.orderId, token: order.orderToken, sku, name: product?.name ?? sku, createdAt: order.createdAt });
    say(t('product.paying'));
    try {
      await goPay(order.orderId, order.orderToken, 'pay-' + order.orderId);
    } catch (payProblem) {
      // The order stands; its page says why it cannot be paid yet and offers to try again.
      location.assign(secretLink(order.orderId, order.orderToken));
    }
  } catch (problem) {
    if (problem.code === 'captcha_required' || problem.code === 'captcha_wrong') {
      await showChallenge(problem.code === 'captcha_wrong');
      button.disabled = false;
      return;
    }
    // A final refusal (sold out, a bad email...) belongs to this key for good: the next Buy starts afresh.
    if (problem.status >= 400 && problem.status < 500 && problem.code !== 'reservation_limit' && problem.code !== 'rate_limited') {
      sessionStorage.removeItem(PENDING);
    }
    say(problemText(problem), true);
    button.disabled = false;
  }
}

/** The first request may still be running (409 idempotency_key_in_use): wait as told and ask again with the same key. */
async function createOrderRetrying(pending, captcha) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await createOrder(pending.buyer, pending.key, pending.body, captcha);
    } catch (problem) {
      if (problem.code !== 'idempotency_key_in_use' || attempt >= 10) {
        throw problem;
      }
      await new Promise(resolve => setTimeout(resolve, problem.retryAfterSeconds * 1000));
    }
  }
}

async function showChallenge(wrong) {
  challenge = await captchaChallenge();
  const image = document.getElementById('captcha-image');
  image.src = challenge.image;
  image.dataset.token = challenge.token;
  document.getElementById('captcha-answer').value = '';
  captchaBox.hidden = false;
  button.textContent = t('captcha.continue');
  say(wrong ? t('captcha.wrong') : '', wrong);
  document.getElementById('captcha-answer').focus();
}

function say(text, error = false) {
  message.textContent = text;
  message.classList.toggle('error', error);
}
