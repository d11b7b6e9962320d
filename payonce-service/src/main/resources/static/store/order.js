// The order page, which is also where the gateway sends the buyer back. It shows an order only
// with its secret link (#order=...&token=...); a return from the gateway (?id=ord_...) finds the
// token this browser kept and turns the address into the secret link. It follows the order live
// until it is delivered or closed, then shows the card keys with copy buttons, or the
// membership's new expiry.
import { getOrder, goPay, keptToken, newKey, secretLink, withReturn } from './api.js';
import { t } from './i18n.js';
import { copy, dateTime, el, money, problemText, show, startPage } from './page.js';

startPage();
const box = document.getElementById('order');
const FOLLOW_MS = 1500;
const SETTLED = ['DELIVERED', 'CANCELLED', 'EXPIRED', 'PARTIALLY_REFUNDED', 'REFUNDED'];

const secret = readSecret();
if (!secret) {
  show(box, el('p', { id: 'no-secret', class: 'message' }, t('order.noSecret')),
    el('p', {}, el('a', { href: '/lookup.html' }, t('nav.lookup'))));
} else {
  await follow(secret);
}

function readSecret() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('order') && fragment.get('token')) {
    return { orderId: fragment.get('order'), token: fragment.get('token') };
  }
  const returned = new URLSearchParams(location.search).get('id');
  const token = returned && keptToken(returned);
  if (!token) {
    return null;
  }
  // Back from the gateway: the address becomes the secret link, so a bookmark or a copy of it works anywhere.
  history.replaceState(null, '', secretLink(returned, token));
  return { orderId: returned, token };
}

async function follow({ orderId, token }) {
  let shown = '';
  for (;;) {
    let order;
    try {
      order = await getOrder(orderId, token);
    } catch (problem) {
      show(box, el('p', { id: 'not-found', class: 'message error' },
        problem.code === 'order_not_found' ? t('order.notFound') : problemText(problem)));
      if (problem.code === 'order_not_found') {
        return;
      }
      await sleep(FOLLOW_MS * 2);
      continue;
    }
    // Drawn again only when something changed, so a button is never replaced under the buyer's finger.
    if (JSON.stringify(order) !== shown) {
      shown = JSON.stringify(order);
      render(order, token);
    }
    if (SETTLED.includes(order.status)) {
      return;
    }
    await sleep(FOLLOW_MS);
  }
}

function render(order, token) {
  const parts = [
    row(t('order.number'), el('code', { id: 'order-id' }, order.orderId)),
    row(t('order.status'), el('strong', { id: 'status', 'data-status': order.status }, t('status.' + order.status))),
    row(t('order.quantity'), String(order.quantity)),
    row(t('order.amount'), money(order.amount, order.currency)),
  ];
  if (order.refundedAmount > 0) {
    parts.push(el('p', { id: 'refunded' }, t('order.refunded', { amount: money(order.refundedAmount, order.currency) })));
  }
  if (order.status === 'PENDING_PAYMENT') {
    parts.push(el('p', { class: 'following' }, t('order.following')),
      el('p', {}, t('order.expiresAt', { time: dateTime(order.expiresAt) })),
      el('button', { id: 'pay', class: 'primary', onclick: () => payAgain(order, token) }, t('order.pay')));
  }
  if (order.status === 'PAID') {
    parts.push(el('p', { class: 'following' }, t('order.delivering')));
  }
  const keys = order.delivery?.cardKeys ?? [];
  if (keys.length > 0) {
    parts.push(el('h2', {}, t('order.keys')),
      el('ul', { id: 'card-keys', class: 'keys' }, ...keys.map(key =>
        el('li', {}, el('code', { class: 'card-key' }, key), copyButton(key, 'copy-key')))),
      keys.length > 1 ? copyButton(keys.join('\n'), 'copy-all', t('order.copyAll')) : null);
  }
  if (order.delivery?.memberExpiresAt) {
    parts.push(el('p', { id: 'member-expiry' }, t('order.membership', { date: dateTime(order.delivery.memberExpiresAt) })));
  }
  parts.push(el('div', { class: 'secret' }, el('p', {}, t('order.secretLink')),
    copyButton(secretLink(order.orderId, token), 'copy-link', t('order.copyLink'))));
  show(box, ...parts);
}

function row(label, value) {
  return el('p', { class: 'row' }, el('span', { class: 'label' }, label), value);
}

function copyButton(text, className, label = t('order.copy')) {
  const button = el('button', { type: 'button', class: 'copy ' + className }, label);
  button.addEventListener('click', async () => {
    await copy(text);
    button.textContent = t('order.copied');
    setTimeout(() => { button.textContent = label; }, 1500);
  });
  return button;
}

/** An open payment is reused; after a failed or closed one, a new attempt under a new key. */
async function payAgain(order, token) {
  const open = order.payments.find(payment => payment.status === 'PENDING' && /^https?:\/\//.test(payment.payUrl ?? ''));
  if (open) {
    location.assign(withReturn(open.payUrl, location.origin + '/order.html?' + new URLSearchParams({ id: order.orderId })));
    return;
  }
  try {
    await goPay(order.orderId, token, newKey('pay'));
  } catch (problem) {
    box.append(el('p', { class: 'message error' }, problemText(problem)));
  }
}

function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
