// The storefront's client of payonce's public JSON API (docs/api.md). Credentials stay in this
// browser: the buyer session in localStorage, each order's token in localStorage and in the
// order page's URL fragment, which browsers never send to a server.

const BUYER = 'payonce.buyer';
const ORDERS = 'payonce.orders';

/** A refusal from payonce: its problem+json code, status and detail. */
export class Problem extends Error {
  constructor(status, body, headers) {
    super(body?.detail || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code || (status === 0 ? 'network' : 'unknown');
    this.body = body;
    this.retryAfterSeconds = Number(headers?.get?.('Retry-After')) || 1;
  }
}

async function call(method, path, { headers = {}, body } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : body,
      cache: 'no-store',
    });
  } catch (e) {
    throw new Problem(0, null, null);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Problem(response.status, json, response.headers);
  }
  return json;
}

/** An idempotency key from the browser's random source (crypto.randomUUID needs https, this does not). */
export function newKey(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return prefix + '-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

export const listProducts = () => call('GET', '/v1/products');
export const getProduct = sku => call('GET', '/v1/products/' + encodeURIComponent(sku));

/**
 * The buyer session of this browser, opened when there is none or it is about to expire. Two
 * callers at once share one opening: Idempotency-Keys belong to a session, so two sessions would
 * turn one double click into two orders.
 */
let opening = null;
export function buyerToken() {
  const kept = JSON.parse(localStorage.getItem(BUYER) || 'null');
  if (kept && Date.parse(kept.expiresAt) - Date.now() > 60 * 60 * 1000) {
    return Promise.resolve(kept.buyerToken);
  }
  opening ??= call('POST', '/v1/buyer-sessions').then(opened => {
    localStorage.setItem(BUYER, JSON.stringify(opened));
    return opened.buyerToken;
  }).finally(() => { opening = null; });
  return opening;
}

/**
 * POST /v1/orders as the buyer session {@code buyer}, with the given key and body text. The same
 * session, key and bytes always give the same order: payonce replays its stored answer, so a double click, a reload or a retry after
 * a lost answer never makes a second one.
 */
export async function createOrder(buyer, key, bodyText, captcha) {
  const headers = { Authorization: 'Bearer ' + buyer, 'Idempotency-Key': key };
  if (captcha) {
    headers['X-Captcha-Token'] = captcha.token;
    headers['X-Captcha-Answer'] = captcha.answer;
  }
  return call('POST', '/v1/orders', { headers, body: bodyText });
}

export const captchaChallenge = () => call('POST', '/v1/store/captcha-challenges');

export const getOrder = (orderId, token) => call('GET', '/v1/orders/' + encodeURIComponent(orderId), {
  headers: { 'X-Order-Token': token },
});

/** Opens (or, with the same key, finds again) the payment of an order at the default channel. */
export const payOrder = (orderId, token, key) => call('POST', '/v1/orders/' + encodeURIComponent(orderId) + '/payments', {
  headers: { 'X-Order-Token': token, 'Idempotency-Key': key },
  body: JSON.stringify({ channel: 'alipay' }),
});

export const lookUpOrder = (orderId, email) => call('POST', '/v1/store/order-lookups', {
  body: JSON.stringify({ orderId, email }),
});

/** Orders bought in this browser, newest first: {orderId, token, sku, name, createdAt}. */
export function keptOrders() {
  return JSON.parse(localStorage.getItem(ORDERS) || '[]');
}

export function keepOrder(order) {
  const others = keptOrders().filter(kept => kept.orderId !== order.orderId);
  localStorage.setItem(ORDERS, JSON.stringify([order, ...others].slice(0, 50)));
}

export function keptToken(orderId) {
  return keptOrders().find(kept => kept.orderId === orderId)?.token;
}

/** The order's secret link: the token is in the fragment, so it never reaches a server or a Referer. */
export function secretLink(orderId, token) {
  return location.origin + '/order.html#' + new URLSearchParams({ order: orderId, token }).toString();
}

/**
 * Opens the order's payment under {@code key} (the same key finds the same payment again) and
 * sends the buyer to the gateway's page, with a return link to the order's page; the token stays
 * in this browser, the return link carries only the order's number.
 */
export async function goPay(orderId, token, key) {
  const payment = await payOrder(orderId, token, key);
  const back = location.origin + '/order.html?' + new URLSearchParams({ id: orderId });
  if (payment.payUrl && /^https?:\/\//.test(payment.payUrl)) {
    location.assign(withReturn(payment.payUrl, back));
  } else {
    location.assign(secretLink(orderId, token));
  }
}

/** A pay page's link with the shop's return link added (the sandbox gateway honours it, as Alipay's page payments do). */
export function withReturn(payUrl, back) {
  return payUrl + (payUrl.includes('?') ? '&' : '?') + 'return_url=' + encodeURIComponent(back);
}
