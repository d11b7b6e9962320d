// Order lookup by number and email: where the order stands, never its keys (those need the
// secret link). Below, the orders bought in this browser, with their secret links.
import { keptOrders, keptToken, lookUpOrder, secretLink } from './api.js';
import { t } from './i18n.js';
import { dateTime, el, money, problemText, show, startPage } from './page.js';

startPage();
const form = document.getElementById('lookup');
const result = document.getElementById('lookup-result');
const button = document.getElementById('lookup-button');

form.addEventListener('submit', async event => {
  event.preventDefault();
  if (!form.reportValidity()) {
    return;
  }
  button.disabled = true;
  result.hidden = false;
  try {
    const found = await lookUpOrder(document.getElementById('lookup-order').value.trim(), document.getElementById('lookup-email').value.trim());
    const token = keptToken(found.orderId);
    show(result,
      el('p', { class: 'row' }, el('span', { class: 'label' }, t('order.number')), el('code', {}, found.orderId)),
      el('p', { class: 'row' }, el('span', { class: 'label' }, found.productName), `× ${found.quantity}`),
      el('p', { class: 'row' }, el('span', { class: 'label' }, t('order.status')),
        el('strong', { id: 'lookup-status', 'data-status': found.status }, t('status.' + found.status))),
      el('p', { class: 'row' }, el('span', { class: 'label' }, t('order.amount')), money(found.amount, found.currency)),
      el('p', {}, dateTime(found.createdAt)),
      token ? el('p', {}, t('lookup.here') + ' ', el('a', { id: 'lookup-link', href: secretLink(found.orderId, token) }, t('lookup.open')))
        : el('p', { class: 'message' }, t('lookup.notHere')));
  } catch (problem) {
    const text = problem.code === 'order_not_found' ? t('lookup.none')
      : problem.code === 'rate_limited' ? t('lookup.limited') : problemText(problem);
    show(result, el('p', { id: 'lookup-refused', class: 'message error', 'data-code': problem.code }, text));
  } finally {
    button.disabled = false;
  }
});

const mine = keptOrders();
if (mine.length > 0) {
  const list = document.getElementById('mine');
  show(list, el('h2', {}, t('lookup.mine')), el('ul', { class: 'mine' }, ...mine.map(order =>
    el('li', {}, el('a', { href: secretLink(order.orderId, order.token) }, order.name), ' ',
      el('code', {}, order.orderId), ' ', dateTime(order.createdAt)))));
  list.hidden = false;
}
