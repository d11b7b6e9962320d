// The owner's console: plain JavaScript over the admin API. Every value from the server is put in
// the page with textContent (never innerHTML), so a product name or an email cannot inject markup.
'use strict';

let csrfToken = null;
const page = document.getElementById('page');

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function money(minor, currency) {
  return (Number(minor) / 100).toFixed(2) + ' ' + (currency || '');
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

// One call to the API. Changes carry the session's CSRF token; a lost session goes back to the login.
async function api(method, path, body, headers) {
  const init = {method, credentials: 'same-origin', headers: Object.assign({}, headers || {})};
  if (method !== 'GET') init.headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const answer = await fetch(path, init);
  if (answer.status === 401) {
    window.location.assign('/admin/login');
    throw new Error('not logged in');
  }
  const text = await answer.text();
  return {status: answer.status, ok: answer.ok, body: text ? JSON.parse(text) : null};
}

function problemText(answer) {
  const body = answer.body || {};
  return (body.code ? body.code + ': ' : '') + (body.detail || 'HTTP ' + answer.status);
}

function table(headings, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, headings.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
}

// ---- Dashboard ----------------------------------------------------------------------------------
let dashboardTimer = null;

async function dashboard() {
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const answer = await api('GET', '/v1/admin/stats?since=' + encodeURIComponent(midnight.toISOString()));
  const s = answer.body;
  const canvas = el('canvas', {id: 'rate-chart', width: 720, height: 180});
  page.replaceChildren(el('h1', {}, 'Dashboard'),
    el('section', {class: 'tiles'},
      el('div', {class: 'tile', id: 'sales-today'}, el('h2', {}, 'Sales today'),
        s.sales.length ? s.sales.map((x) => el('p', {}, x.orders + ' orders, ' + money(x.amount, x.currency)
          + (x.refunded ? ' (' + money(x.refunded, x.currency) + ' refunded)' : ''))) : el('p', {}, 'No sales yet')),
      el('div', {class: 'tile'}, el('h2', {}, 'Payments today'),
        Object.entries(s.paymentsByStatus).map(([k, v]) => el('p', {}, k + ': ' + v)), Object.keys(s.paymentsByStatus).length ? null : el('p', {}, 'None')),
      el('div', {class: 'tile'}, el('h2', {}, 'Orders today'),
        Object.entries(s.ordersByStatus).map(([k, v]) => el('p', {}, k + ': ' + v)), Object.keys(s.ordersByStatus).length ? null : el('p', {}, 'None')),
      el('div', {class: 'tile' + (s.openMoneyExceptions ? ' alert' : ''), id: 'money-exceptions'}, el('h2', {}, 'Money exceptions'),
        el('p', {}, s.openMoneyExceptions + ' open'),
        Object.entries(s.openMoneyExceptionsByKind).map(([k, v]) => el('p', {}, k + ': ' + v)))),
    el('h2', {}, 'Orders per minute, last hour (created, paid)'), canvas);
  drawRate(canvas, s.rate);
}

function drawRate(canvas, rate) {
  const g = canvas.getContext('2d');
  const max = Math.max(1, ...rate.map((p) => Math.max(p.created, p.paid)));
  const w = canvas.width / rate.length;
  g.clearRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#f4f6f8';
  g.fillRect(0, 0, canvas.width, canvas.height);
  rate.forEach((p, i) => {
    const hc = (p.created / max) * (canvas.height - 20);
    const hp = (p.paid / max) * (canvas.height - 20);
    g.fillStyle = '#9bb7d4';
    g.fillRect(i * w + 1, canvas.height - hc, w / 2 - 1, hc);
    g.fillStyle = '#2e7d32';
    g.fillRect(i * w + w / 2, canvas.height - hp, w / 2 - 1, hp);
  });
  g.fillStyle = '#333';
  g.fillText('max ' + max + '/min', 4, 12);
}

// ---- Products and stock -------------------------------------------------------------------------
async function products() {
  const answer = await api('GET', '/v1/admin/products');
  const list = answer.body.products;
  const result = el('p', {id: 'import-result', role: 'status'});
  const codes = el('textarea', {id: 'import-codes', rows: 6, placeholder: 'One card key per line'});
  const sku = el('select', {id: 'import-sku'}, list.filter((p) => p.kind === 'CARD_KEY').map((p) => el('option', {value: p.sku}, p.sku)));
  const file = el('input', {id: 'import-file', type: 'file', accept: '.txt,text/plain',
    onchange: async () => { if (file.files[0]) codes.value = await file.files[0].text(); }});
  page.replaceChildren(el('h1', {}, 'Products'),
    table(['SKU', 'Name', 'Kind', 'Price', 'Available', 'Reserved', 'Delivered', ''], list.map((p) => [
      p.sku, p.name, p.kind, money(p.price, p.currency), p.available ?? '-', p.reserved ?? '-', p.delivered ?? '-',
      el('button', {type: 'button', class: 'small', onclick: () => editProduct(p)}, 'Edit')])),
    el('div', {id: 'product-editor'}),
    el('h2', {}, 'Import card keys'),
    el('form', {id: 'import-form', onsubmit: (e) => { e.preventDefault(); importKeys(sku.value, codes.value, result); }},
      el('label', {}, 'Product ', sku), el('label', {}, 'Paste ', codes), el('label', {}, 'or a .txt file ', file),
      el('button', {id: 'import-submit', type: 'submit'}, 'Import'), result),
    el('h2', {}, 'New product'), newProductForm());
}

async function importKeys(sku, text, shownIn) {
  let result = shownIn;
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (!sku || lines.length === 0) {
    result.textContent = 'Choose a product and give at least one key.';
    return;
  }
  // Repeats inside the paste are reported by line here; the server reports keys it already holds.
  const seen = new Map();
  const repeated = [];
  lines.forEach((line, i) => { if (seen.has(line)) repeated.push(i + 1); else seen.set(line, i + 1); });
  const answer = await api('POST', '/v1/admin/products/' + encodeURIComponent(sku) + '/card-keys', {codes: lines});
  if (!answer.ok) {
    result.textContent = 'Refused: ' + problemText(answer);
    return;
  }
  const already = answer.body.duplicates - repeated.length;
  // The stock columns change with the import: draw the list again, then say what the import did.
  await products();
  document.getElementById('import-sku').value = sku;
  result = document.getElementById('import-result');
  result.textContent = 'Imported ' + answer.body.imported + ' of ' + lines.length + '; duplicates: ' + answer.body.duplicates
    + (repeated.length ? ' (' + repeated.length + ' repeated in the paste, lines ' + repeated.slice(0, 20).join(', ') + ')' : '')
    + (already > 0 ? ' (' + already + ' already in stock)' : '');
  result.dataset.imported = answer.body.imported;
  result.dataset.duplicates = answer.body.duplicates;
}

function editProduct(p) {
  const name = el('input', {id: 'edit-name', value: p.name});
  const price = el('input', {id: 'edit-price', type: 'number', min: 1, value: p.price});
  const out = el('p', {role: 'status'});
  document.getElementById('product-editor').replaceChildren(el('h2', {}, 'Edit ' + p.sku),
    el('p', {class: 'hint'}, 'A new price applies to orders created from now on; orders already made keep what they were charged.'),
    el('form', {onsubmit: async (e) => {
      e.preventDefault();
      const answer = await api('PATCH', '/v1/admin/products/' + encodeURIComponent(p.sku), {name: name.value, price: Number(price.value)});
      if (answer.ok) products(); else out.textContent = 'Refused: ' + problemText(answer);
    }}, el('label', {}, 'Name ', name), el('label', {}, 'Price (minor units) ', price), el('button', {type: 'submit'}, 'Save'), out));
}

function newProductForm() {
  const f = {sku: el('input', {id: 'new-sku', required: true}), name: el('input', {id: 'new-name', required: true}),
    kind: el('select', {id: 'new-kind'}, el('option', {}, 'CARD_KEY'), el('option', {}, 'MEMBERSHIP')),
    price: el('input', {id: 'new-price', type: 'number', min: 1, required: true}),
    currency: el('input', {id: 'new-currency', value: 'CNY', size: 3}), days: el('input', {id: 'new-days', type: 'number', min: 1})};
  const out = el('p', {role: 'status'});
  return el('form', {onsubmit: async (e) => {
    e.preventDefault();
    const body = {sku: f.sku.value, name: f.name.value, kind: f.kind.value, price: Number(f.price.value), currency: f.currency.value};
    if (f.kind.value === 'MEMBERSHIP') body.membershipDays = Number(f.days.value);
    const answer = await api('POST', '/v1/admin/products', body);
    if (answer.ok) products(); else out.textContent = 'Refused: ' + problemText(answer);
  }}, Object.entries({'SKU ': f.sku, 'Name ': f.name, 'Kind ': f.kind, 'Price (minor units) ': f.price, 'Currency ': f.currency,
    'Membership days ': f.days}).map(([label, input]) => el('label', {}, label, input)), el('button', {type: 'submit'}, 'Create'), out);
}

// ---- Orders -------------------------------------------------------------------------------------
async function orders(query) {
  const q = el('input', {id: 'order-q', placeholder: 'Order number, email or user id', value: query || ''});
  const status = el('select', {id: 'order-status'}, el('option', {value: ''}, 'any status'),
    ['PENDING_PAYMENT', 'PAID', 'DELIVERED', 'CANCELLED', 'EXPIRED', 'PARTIALLY_REFUNDED', 'REFUNDED'].map((s) => el('option', {}, s)));
  const results = el('div', {id: 'order-results'});
  const search = async () => {
    const answer = await api('GET', '/v1/admin/orders?limit=50&q=' + encodeURIComponent(q.value) + '&status=' + encodeURIComponent(status.value));
    if (!answer.ok) { results.replaceChildren(el('p', {class: 'error'}, problemText(answer))); return; }
    results.replaceChildren(answer.body.orders.length === 0 ? el('p', {}, 'No order found.') :
      table(['Order', 'Status', 'Product', 'Amount', 'Refunded', 'Email', 'Created'], answer.body.orders.map((o) => [
        el('a', {href: '#order/' + encodeURIComponent(o.orderId), class: 'order-link'}, o.orderId), o.status, o.quantity + ' x ' + o.sku,
        money(o.amount, o.currency), money(o.refundedAmount, o.currency), o.buyerEmail || '', when(o.createdAt)])));
  };
  page.replaceChildren(el('h1', {}, 'Orders'),
    el('form', {id: 'order-search-form', onsubmit: (e) => { e.preventDefault(); search(); }}, q, status,
      el('button', {id: 'order-search', type: 'submit'}, 'Search')), results);
  await search();
}

async function orderDetail(orderId) {
  const answer = await api('GET', '/v1/admin/orders/' + encodeURIComponent(orderId));
  if (!answer.ok) { page.replaceChildren(el('p', {class: 'error'}, problemText(answer))); return; }
  const d = answer.body;
  const o = d.order;
  page.replaceChildren(el('h1', {}, 'Order ' + o.orderId),
    el('dl', {id: 'order-detail'},
      el('dt', {}, 'Status'), el('dd', {id: 'order-status-value'}, o.status),
      el('dt', {}, 'Product'), el('dd', {}, o.quantity + ' x ' + o.sku + ' (' + o.kind + ')'),
      el('dt', {}, 'Amount'), el('dd', {}, money(o.amount, o.currency)),
      el('dt', {}, 'Refunded'), el('dd', {id: 'order-refunded'}, money(o.refundedAmount, o.currency)),
      el('dt', {}, 'Buyer'), el('dd', {}, [o.buyerEmail, o.buyerUserId].filter(Boolean).join(' / ') || '-'),
      el('dt', {}, 'Delivered'), el('dd', {}, o.kind === 'CARD_KEY' ? d.cardKeysDelivered + ' card keys' : when(d.memberExpiresAt))),
    el('h2', {}, 'Timeline'),
    el('ol', {id: 'timeline'}, d.timeline.map((e) => el('li', {}, el('time', {}, when(e.at)), ' ', el('strong', {}, e.what), ' ',
      el('code', {}, e.ref), e.detail ? ' ' + e.detail : ''))),
    el('h2', {}, 'Refunds'),
    d.refunds.length ? table(['Refund', 'Amount', 'Status', 'Requested'], d.refunds.map((r) => [r.refundId, money(r.amount, r.currency),
      r.status, when(r.createdAt)])) : el('p', {id: 'no-refunds'}, 'None'),
    refundForm(o));
}

// One refund intent, one Idempotency-Key: a double click or a retry after a lost answer sends the
// same key, so payonce refunds once; a new key is drawn only after payonce gave a final answer.
function refundForm(o) {
  const left = o.amount - o.refundedAmount;
  if (!['PAID', 'DELIVERED', 'PARTIALLY_REFUNDED'].includes(o.status) || left <= 0) return el('p', {}, 'Nothing to refund.');
  let key = crypto.randomUUID();
  const amount = el('input', {id: 'refund-amount', type: 'number', min: 1, max: left, value: left, oninput: () => { key = crypto.randomUUID(); }});
  const button = el('button', {id: 'refund-submit', type: 'submit'}, 'Refund');
  const out = el('p', {id: 'refund-result', role: 'status'});
  let inFlight = false;
  return el('form', {id: 'refund-form', onsubmit: async (e) => {
    e.preventDefault();
    if (inFlight) return;
    inFlight = true;
    button.disabled = true;
    try {
      const answer = await api('POST', '/v1/orders/' + encodeURIComponent(o.orderId) + '/refunds', {amount: Number(amount.value)},
        {'Idempotency-Key': key});
      if (answer.status === 503 || answer.status === 409 && answer.body && answer.body.code === 'idempotency_key_in_use') {
        out.textContent = 'The gateway has not answered yet: press Refund again to ask with the same request.';
        return;
      }
      key = crypto.randomUUID();
      if (answer.ok) { await orderDetail(o.orderId); return; }
      out.textContent = 'Refused: ' + problemText(answer);
    } catch (error) {
      out.textContent = 'No answer (' + error.message + '): press Refund again, it will not refund twice.';
    } finally {
      inFlight = false;
      button.disabled = false;
    }
  }}, el('label', {}, 'Refund (minor units, at most ' + left + ') ', amount), button, out);
}

// ---- Memberships and calling systems ------------------------------------------------------------
async function members() {
  const answer = await api('GET', '/v1/admin/systems');
  const list = el('div', {id: 'member-list'});
  const show = async (systemId, userId) => {
    const m = await api('GET', '/v1/admin/systems/' + encodeURIComponent(systemId) + '/members?limit=50'
      + (userId ? '&userId=' + encodeURIComponent(userId) : ''));
    list.replaceChildren(el('h2', {}, 'Members of ' + systemId), m.ok ? table(['User', 'Expires', 'Last extended', 'Grants'],
      m.body.members.map((x) => [x.userId, when(x.expiresAt), when(x.updatedAt), x.grants])) : el('p', {class: 'error'}, problemText(m)));
  };
  const id = el('input', {id: 'system-id', required: true});
  const pem = el('textarea', {id: 'system-pem', rows: 4, placeholder: '-----BEGIN PUBLIC KEY-----'});
  const out = el('p', {role: 'status'});
  page.replaceChildren(el('h1', {}, 'Memberships and calling systems'),
    table(['System', 'Key', 'Members', 'Registered', ''], answer.body.systems.map((s) => [s.systemId,
      s.keyBits ? 'RSA ' + s.keyBits : 'internal', s.members, when(s.createdAt),
      el('button', {type: 'button', class: 'small', onclick: () => show(s.systemId)}, 'Members')])), list,
    el('h2', {}, 'Register a calling system'),
    el('form', {onsubmit: async (e) => {
      e.preventDefault();
      const r = await api('POST', '/v1/admin/systems', {systemId: id.value, publicKeyPem: pem.value});
      if (r.ok) members(); else out.textContent = 'Refused: ' + problemText(r);
    }}, el('label', {}, 'System id ', id), el('label', {}, 'RSA public key (PEM) ', pem), el('button', {type: 'submit'}, 'Register'), out));
}

// ---- API keys -----------------------------------------------------------------------------------
async function keys() {
  const answer = await api('GET', '/v1/admin/api-keys');
  const scopes = ['catalog', 'orders:read', 'orders:write', 'refunds', 'members', 'admin'];
  const boxes = scopes.map((s) => el('input', {type: 'checkbox', value: s}));
  const label = el('input', {id: 'key-label'});
  const out = el('p', {id: 'key-created', role: 'status'});
  page.replaceChildren(el('h1', {}, 'API keys'),
    table(['Key', 'Scopes', 'Label', 'Created', 'Revoked', ''], answer.body.keys.map((k) => [k.prefix, k.scopes.join(' '), k.label || '',
      when(k.createdAt), when(k.revokedAt), k.revokedAt ? '' : el('button', {type: 'button', class: 'small', onclick: async () => {
        if (!window.confirm('Revoke ' + k.prefix + ' for good?')) return;
        const r = await api('DELETE', '/v1/admin/api-keys/' + encodeURIComponent(k.id));
        if (r.ok) keys(); else out.textContent = problemText(r);
      }}, 'Revoke')])),
    el('h2', {}, 'New key'),
    el('form', {onsubmit: async (e) => {
      e.preventDefault();
      const r = await api('POST', '/v1/admin/api-keys', {scopes: boxes.filter((b) => b.checked).map((b) => b.value), label: label.value || null});
      if (!r.ok) { out.textContent = 'Refused: ' + problemText(r); return; }
      await keys();
      document.getElementById('key-created').replaceChildren('Store this key now, it is shown once: ', el('code', {}, r.body.key));
    }}, scopes.map((s, i) => el('label', {class: 'inline'}, boxes[i], ' ' + s)), el('label', {}, 'Label ', label),
      el('button', {type: 'submit'}, 'Create'), out));
}

// ---- Webhook endpoints (shown only where /v1/admin/webhook-endpoints exists) ----------------------
const EVENT_TYPES = ['order.paid', 'order.delivered', 'order.refunded', 'order.expired', 'membership.renewed'];

async function webhooks() {
  const answer = await api('GET', '/v1/admin/webhook-endpoints');
  if (!answer.ok) { page.replaceChildren(el('h1', {}, 'Webhooks'), el('p', {}, 'This payonce has no webhooks.')); return; }
  const url = el('input', {id: 'webhook-url', type: 'url', required: true, placeholder: 'https://shop.example.com/payonce/events'});
  const boxes = EVENT_TYPES.map((t) => el('input', {type: 'checkbox', value: t, checked: true}));
  const out = el('p', {id: 'webhook-created', role: 'status'});
  page.replaceChildren(el('h1', {}, 'Webhook endpoints'),
    table(['URL', 'Events', 'Enabled', 'Created', ''], answer.body.endpoints.map((w) => [w.url, (w.eventTypes || []).join(' '),
      w.enabled ? 'yes' : 'no', when(w.createdAt), w.enabled ? el('button', {type: 'button', class: 'small', onclick: async () => {
        const r = await api('POST', '/v1/admin/webhook-endpoints/' + encodeURIComponent(w.id) + '/disable');
        if (r.ok) webhooks(); else out.textContent = problemText(r);
      }}, 'Disable') : ''])),
    el('h2', {}, 'New endpoint'),
    el('form', {onsubmit: async (e) => {
      e.preventDefault();
      const r = await api('POST', '/v1/admin/webhook-endpoints', {url: url.value, eventTypes: boxes.filter((b) => b.checked).map((b) => b.value)});
      if (!r.ok) { out.textContent = 'Refused: ' + problemText(r); return; }
      await webhooks();
      document.getElementById('webhook-created').replaceChildren('Store the signing secret now, it is shown once: ', el('code', {}, r.body.secret));
    }}, el('label', {}, 'URL ', url), EVENT_TYPES.map((t, i) => el('label', {class: 'inline'}, boxes[i], ' ' + t)),
      el('button', {type: 'submit'}, 'Create'), out));
}

// ---- Routing ------------------------------------------------------------------------------------
async function route() {
  clearInterval(dashboardTimer);
  const [name, arg] = (window.location.hash.slice(1) || 'dashboard').split('/');
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.page === name));
  try {
    if (name === 'products') await products();
    else if (name === 'orders') await orders();
    else if (name === 'order') await orderDetail(decodeURIComponent(arg || ''));
    else if (name === 'members') await members();
    else if (name === 'keys') await keys();
    else if (name === 'webhooks') await webhooks();
    else {
      await dashboard();
      dashboardTimer = setInterval(() => dashboard().catch(() => {}), 5000);
    }
  } catch (error) {
    const flash = document.getElementById('flash');
    flash.textContent = error.message;
    flash.hidden = false;
  }
}

async function start() {
  const session = await api('GET', '/v1/console/session');
  csrfToken = session.body.csrfToken;
  document.getElementById('who').textContent = session.body.account;
  document.getElementById('logout').addEventListener('click', async () => {
    await api('DELETE', '/v1/console/session');
    window.location.assign('/admin/login');
  });
  // The webhooks page appears only where this payonce has webhooks.
  api('GET', '/v1/admin/webhook-endpoints').then((r) => { document.getElementById('nav-webhooks').hidden = !r.ok; }).catch(() => {});
  window.addEventListener('hashchange', route);
  await route();
}

start();
