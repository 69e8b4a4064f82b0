// Tenantry POS back office: a plain ES module, no build step, nothing fetched from the network.
// The token stays in memory (never in storage); the selected store travels as X-Store-Id, which the
// server checks against the token's grants. Every screen clears its data before it loads, and only the
// answer for the store still selected is drawn: a page never shows one store's data under another's name.
const $ = (id) => document.getElementById(id);
const state = { token: null, me: null, stores: [], store: '', screen: null, gen: 0, expiryTimer: null };
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }); // the demo's currency
const fmtMoney = (s) => money.format(Number(s));
const SESSION_ENDED = 'Your session has ended (it expired or the server restarted). Sign in again.';

class SessionEnded extends Error {}

async function api(path, options = {}) {
  if (!state.token) throw new SessionEnded();
  const headers = { 'Authorization': 'Bearer ' + state.token };
  if (options.body) headers['Content-Type'] = 'application/json';
  if (state.store && !options.noStore) headers['X-Store-Id'] = state.store;
  const res = await fetch(path, { ...options, headers });
  if (res.status === 401) { signOut(SESSION_ENDED); throw new SessionEnded(); }
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new Error((body && (body.detail || body.title)) || ('HTTP ' + res.status));
  return body;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (v !== false && v != null) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}
const cell = (text, cls) => el('td', cls ? { class: cls } : {}, text);
const isOwner = () => state.me && state.me.role === 'OWNER';
const canManage = () => state.me && (state.me.role === 'OWNER' || state.me.role === 'MANAGER');
const storeById = (id) => state.stores.find((s) => s.id === id);
const storeName = (id) => (storeById(id) || { name: '(another store)' }).name;

function zoneOf(storeId) {
  const s = storeById(storeId) || state.stores[0];
  return s ? s.timezone : Intl.DateTimeFormat().resolvedOptions().timeZone;
}
function dateIn(zone, date = new Date()) { // YYYY-MM-DD of that instant in the zone
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
function addDays(iso, days) {
  const d = new Date(iso + 'T12:00:00Z'); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10);
}
function timeIn(zone, instant) {
  return instant ? new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(new Date(instant)) : '—';
}
function showError(err, target = 'app-error') {
  if (err instanceof SessionEnded) return;
  $(target).textContent = err.message;
}

// ---------- sign in / sign out ----------
$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  let res;
  try {
    res = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: $('email').value, password: $('password').value }) });
  } catch (err) { $('login-error').textContent = 'The server cannot be reached. Try again in a moment.'; return; }
  if (!res.ok) { $('login-error').textContent = res.status === 401 ? 'Wrong email or password.' : 'Sign-in failed (HTTP ' + res.status + ').'; return; }
  state.token = (await res.json()).token;
  $('password').value = '';
  try {
    await start();
  } catch (err) { if (!(err instanceof SessionEnded)) { signOut(); $('login-error').textContent = err.message; } }
});

async function start() {
  const [me, company, stores] = await Promise.all([api('/api/me', { noStore: true }), api('/api/company', { noStore: true }),
    api('/api/stores', { noStore: true })]);
  state.me = me; state.stores = stores;
  $('company').textContent = company.name;
  $('who').textContent = me.email + ' · ' + me.role.charAt(0) + me.role.slice(1).toLowerCase();
  const switcher = $('store-switcher');
  switcher.replaceChildren();
  // "All stores" for owners and for anyone granted several stores; a cashier's one store otherwise
  const choices = (me.role === 'OWNER' || me.stores.length > 1) ? [{ id: '', name: 'All stores' }] : [];
  for (const s of choices.concat(me.stores)) switcher.append(el('option', { value: s.id }, s.name));
  state.store = switcher.value;
  scheduleExpiry(state.token);
  for (const tab of document.querySelectorAll('[role=tab]')) tab.hidden = !tab.dataset.roles.split(' ').includes(me.role);
  document.querySelectorAll('.owner-only').forEach((n) => { n.hidden = !isOwner(); });
  document.querySelectorAll('.manager-up').forEach((n) => { n.hidden = !canManage(); });
  $('login-message').hidden = true;
  $('login-view').hidden = true; $('app').hidden = false;
  const first = document.querySelector('[role=tab]:not([hidden])');
  show(first.dataset.screen);
}

function scheduleExpiry(token) {
  clearTimeout(state.expiryTimer);
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    const ms = claims.exp * 1000 - Date.now();
    if (ms > 0 && ms < 2 ** 31) state.expiryTimer = setTimeout(() => signOut(SESSION_ENDED), ms);
  } catch (e) { /* not a JWT we can read: the server's 401 still ends the session */ }
}

// Forgets the token and wipes every piece of company data from the page before showing the login.
function signOut(message) {
  clearTimeout(state.expiryTimer);
  state.token = null; state.me = null; state.stores = []; state.store = ''; state.gen++;
  for (const tb of document.querySelectorAll('#app tbody')) tb.replaceChildren();
  for (const id of ['company', 'who', 'store-switcher', 'chart', 'stores-list', 'clock-employee', 'kpi-total', 'kpi-count',
    'period-label', 'catalog-hint', 'clock-hint', 'clock-result', 'app-error', 'issued-value', 'issued-for']) {
    $(id).replaceChildren();
  }
  $('issued-key').hidden = true;
  document.querySelectorAll('#employee-stores input, #user-stores input').forEach((n) => n.parentElement.remove());
  delete document.body.dataset.loadedStore;
  delete document.body.dataset.loadedScreen;
  $('app').hidden = true; $('login-view').hidden = false;
  $('login-message').textContent = message || '';
  $('login-message').hidden = !message;
  $('password').focus();
}
$('sign-out').addEventListener('click', () => signOut('You signed out.'));

// ---------- screens and the store switcher ----------
const loaders = { dashboard: loadDashboard, catalog: loadCatalog, stores: loadStores, employees: loadEmployees,
  customers: loadCustomers, users: loadUsers };

function show(screen) {
  state.screen = screen;
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const on = tab.dataset.screen === screen;
    tab.setAttribute('aria-selected', on); tab.tabIndex = on ? 0 : -1;
    $('screen-' + tab.dataset.screen).hidden = !on;
  }
  refresh();
}
$('tabs').addEventListener('click', (e) => { const t = e.target.closest('[role=tab]'); if (t) show(t.dataset.screen); });
$('tabs').addEventListener('keydown', (e) => { // arrow keys move between tabs (WAI-ARIA tabs pattern)
  if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
  const tabs = [...document.querySelectorAll('[role=tab]:not([hidden])')];
  let i = tabs.indexOf(document.activeElement);
  i = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (i + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
  tabs[i].focus(); show(tabs[i].dataset.screen); e.preventDefault();
});

// switching stores re-reads the data only; inputs keep what was typed
$('store-switcher').addEventListener('change', (e) => { state.store = e.target.value; refresh(); });

async function refresh() {
  const gen = ++state.gen, store = state.store, screen = state.screen;
  delete document.body.dataset.loadedStore;
  $('app-error').textContent = '';
  const current = () => gen === state.gen && state.token !== null;
  try {
    await loaders[screen](current);
    if (current()) { document.body.dataset.loadedStore = store || 'all'; document.body.dataset.loadedScreen = screen; }
  } catch (err) { if (current()) showError(err); }
}

// ---------- dashboard ----------
$('period-kind').addEventListener('change', () => {
  $('custom-range').hidden = $('period-kind').value !== 'custom';
  if ($('period-kind').value !== 'custom') refresh();
});
$('period').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });

function period() {
  const zone = zoneOf(state.store), today = dateIn(zone), kind = $('period-kind').value;
  if (kind === 'custom') return { from: $('period-from').value || today, to: $('period-to').value || today, zone };
  if (kind === 'today') return { from: today, to: today, zone };
  return { from: addDays(today, 1 - Number(kind)), to: today, zone };
}

async function loadDashboard(current) {
  const chart = $('chart'), table = $('report-table').querySelector('tbody');
  chart.replaceChildren(el('title', { id: 'chart-title' }, 'Sales per store'));
  table.replaceChildren(); $('kpi-total').textContent = '…'; $('kpi-count').textContent = '…';
  const p = period();
  $('period-label').textContent = (p.from === p.to ? p.from : p.from + ' to ' + p.to)
    + ' — business days in the store\'s time zone (' + p.zone + ')';
  const r = await api('/api/reports/sales?from=' + p.from + '&to=' + p.to);
  if (!current()) return;
  $('kpi-total').textContent = fmtMoney(r.total);
  $('kpi-count').textContent = r.count + (r.count === 1 ? ' sale' : ' sales');
  for (const s of r.byStore) {
    table.append(el('tr', { dataset: { store: s.storeId } }, cell(s.storeName), cell(s.count, 'num'), cell(fmtMoney(s.total), 'money')));
  }
  table.append(el('tr', {}, el('th', { scope: 'row' }, 'Total'), cell(r.count, 'num'), cell(fmtMoney(r.total), 'money')));
  drawChart(chart, r.byStore);
}

// A bar per store on a y axis in the currency with rounded ticks; each bar carries its value.
function drawChart(svg, rows) {
  const ns = 'http://www.w3.org/2000/svg', W = 520, H = 240, L = 72, B = 36, T = 22, R = 12;
  const add = (tag, attrs, text) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); if (text != null) n.textContent = text; svg.append(n); return n; };
  const max = Math.max(...rows.map((s) => Number(s.total)), 0);
  const step = niceStep(max / 4 || 1), top = Math.max(step * Math.ceil(max / step), step);
  const y = (v) => H - B - (H - B - T) * v / top;
  for (let v = 0; v <= top + 1e-9; v += step) {
    add('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' });
    add('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, money.format(v));
  }
  add('line', { x1: L, x2: L, y1: T, y2: H - B, class: 'axis' });
  const slot = (W - L - R) / Math.max(rows.length, 1), bw = Math.min(64, slot * 0.6);
  rows.forEach((s, i) => {
    const x = L + slot * i + (slot - bw) / 2, v = Number(s.total);
    const bar = add('rect', { x, y: y(v), width: bw, height: Math.max(0, H - B - y(v)), 'data-store': s.storeId });
    const t = document.createElementNS(ns, 'title'); t.textContent = s.storeName + ': ' + fmtMoney(s.total); bar.append(t);
    add('text', { x: x + bw / 2, y: y(v) - 5, 'text-anchor': 'middle', class: 'value' }, fmtMoney(s.total));
    add('text', { x: x + bw / 2, y: H - B + 16, 'text-anchor': 'middle', class: 'label' },
      s.storeName.length > 14 ? s.storeName.slice(0, 13) + '…' : s.storeName);
  });
}
function niceStep(raw) {
  const mag = 10 ** Math.floor(Math.log10(raw)), n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

// ---------- catalog ----------
async function loadCatalog(current) {
  const body = $('catalog').querySelector('tbody');
  body.replaceChildren();
  const single = state.store !== '';
  $('catalog-hint').textContent = single
    ? 'Prices at ' + storeName(state.store) + (canManage() ? '. Set a price to override the base price at this store only.' : '.')
    : 'Base prices. Pick a store to see and set its prices.';
  const rows = await api('/api/products');
  if (!current()) return;
  for (const p of rows) body.append(productRow(p, single));
}

function productRow(p, single) {
  const overridden = single && p.price !== p.basePrice;
  const tr = el('tr', { dataset: { sku: p.sku, id: p.id } },
    cell(p.sku), cell(p.name, 'name'), cell(fmtMoney(p.basePrice), 'money base'),
    cell(fmtMoney(p.price), 'money price' + (overridden ? ' override' : '')));
  const actions = el('td', { class: 'actions' });
  if (single && canManage()) {
    const input = el('input', { 'aria-label': 'Price of ' + p.name + ' at ' + storeName(state.store), inputmode: 'decimal',
      value: overridden ? p.price : '', placeholder: p.basePrice, class: 'override-input' });
    actions.append(input, el('button', { type: 'button', class: 'set-price', onclick: () => setPrice(p, input.value) }, 'Set'));
    if (overridden) actions.append(el('button', { type: 'button', class: 'remove-price', onclick: () => setPrice(p, null) }, 'Remove'));
  }
  if (isOwner()) actions.append(el('button', { type: 'button', class: 'edit', 'aria-label': 'Edit ' + p.name, onclick: () => editRow(tr, p) }, 'Edit'));
  tr.append(actions);
  return tr;
}

async function setPrice(p, value) {
  const path = '/api/stores/' + state.store + '/prices/' + p.id;
  try {
    if (value === null) await api(path, { method: 'DELETE' });
    else await api(path, { method: 'PUT', body: JSON.stringify({ price: value.trim() }) });
    refresh();
  } catch (err) { showError(err); }
}

function editRow(tr, p) {
  const name = el('input', { 'aria-label': 'Name', value: p.name, class: 'edit-name' });
  const price = el('input', { 'aria-label': 'Base price', value: p.basePrice, inputmode: 'decimal', class: 'edit-price' });
  tr.replaceChildren(cell(p.sku), el('td', {}, name), el('td', {}, price), cell(''),
    el('td', {}, el('button', { type: 'button', class: 'primary save', onclick: async () => {
      try {
        await api('/api/products/' + p.id, { method: 'PUT', body: JSON.stringify({ name: name.value, basePrice: price.value.trim() }) });
        refresh();
      } catch (err) { showError(err); }
    } }, 'Save'), ' ', el('button', { type: 'button', onclick: () => refresh() }, 'Cancel')));
  name.focus();
}

$('product-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const p = await api('/api/products', { method: 'POST', body: JSON.stringify({ sku: $('new-sku').value, name: $('new-name').value,
      basePrice: $('new-price').value.trim() }) });
    $('product-result').textContent = 'Added ' + p.name + '.';
    $('new-sku').value = ''; $('new-name').value = ''; $('new-price').value = '';
    refresh();
  } catch (err) { showError(err, 'product-result'); }
});

// ---------- stores and registers ----------
async function loadStores(current) {
  const list = $('stores-list');
  list.replaceChildren();
  const shown = state.stores.filter((s) => !state.store || s.id === state.store);
  const registers = await Promise.all(shown.map((s) => api('/api/stores/' + s.id + '/registers')));
  if (!current()) return;
  if (!$('zones').children.length && Intl.supportedValuesOf) {
    for (const z of Intl.supportedValuesOf('timeZone')) $('zones').append(el('option', { value: z }));
  }
  shown.forEach((s, i) => {
    const rows = registers[i].map((r) => {
      const active = r.keys.filter((k) => !k.revokedAt);
      return el('tr', { dataset: { register: r.id } }, cell(r.name),
        cell(active.length ? active.map((k) => 'issued ' + new Date(k.createdAt).toLocaleDateString()
          + (k.lastSeenAt ? ', last seen ' + new Date(k.lastSeenAt).toLocaleString() : ', never used')).join('; ') : 'no active key'),
        el('td', {}, el('button', { type: 'button', class: 'new-key', onclick: () => issueKey(s, r) }, 'New key'),
          ...active.map((k) => el('button', { type: 'button', class: 'revoke', 'aria-label': 'Revoke key of ' + r.name + ' issued ' + k.createdAt,
            onclick: () => revokeKey(s, k) }, 'Revoke'))));
    });
    const name = el('input', { 'aria-label': 'New register name at ' + s.name, placeholder: 'Register name', required: true });
    list.append(el('div', { class: 'store-card', dataset: { store: s.id } },
      el('h3', {}, s.name, ' ', el('span', { class: 'muted' }, '(' + s.timezone + ')')),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Register'), el('th', { scope: 'col' }, 'Key'),
        el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'Actions')))), el('tbody', {}, rows)),
      el('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); addRegister(s, name.value); } }, name,
        el('button', { type: 'submit' }, 'Add register'))));
  });
}

function showKey(store, issued) {
  $('issued-for').textContent = issued.name + ' at ' + store.name;
  $('issued-value').textContent = issued.apiKey;
  $('copy-result').textContent = '';
  $('issued-key').hidden = false;
  $('copy-key').focus();
}
$('copy-key').addEventListener('click', async () => {
  try { await navigator.clipboard.writeText($('issued-value').textContent); $('copy-result').textContent = 'Copied.'; }
  catch (e) { getSelection().selectAllChildren($('issued-value')); $('copy-result').textContent = 'Selected: press Ctrl+C.'; }
});
async function addRegister(store, name) {
  try { showKey(store, await api('/api/stores/' + store.id + '/registers', { method: 'POST', body: JSON.stringify({ name }) })); await refreshKeepKey(); }
  catch (err) { showError(err); }
}
async function issueKey(store, register) {
  try { showKey(store, await api('/api/stores/' + store.id + '/registers/' + register.id + '/keys', { method: 'POST' })); await refreshKeepKey(); }
  catch (err) { showError(err); }
}
async function revokeKey(store, key) {
  try { await api('/api/stores/' + store.id + '/register-keys/' + key.id, { method: 'DELETE' }); refresh(); }
  catch (err) { showError(err); }
}
const refreshKeepKey = () => refresh(); // the shown key stays until the screen or the session changes

$('store-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const s = await api('/api/stores', { method: 'POST', noStore: true, body: JSON.stringify({ name: $('new-store-name').value, timezone: $('new-store-zone').value }) });
    $('store-result').textContent = 'Added ' + s.name + '.';
    $('new-store-name').value = '';
    state.stores = await api('/api/stores', { noStore: true });
    state.me = await api('/api/me', { noStore: true });
    const switcher = $('store-switcher');
    if (![...switcher.options].some((o) => o.value === s.id)) switcher.append(el('option', { value: s.id }, s.name));
    refresh();
  } catch (err) { showError(err, 'store-result'); }
});

// ---------- employees and time clock ----------
let employeesShown = [];
async function loadEmployees(current) {
  const shifts = $('shifts').querySelector('tbody'), list = $('employees').querySelector('tbody'), pick = $('clock-employee');
  shifts.replaceChildren(); list.replaceChildren(); pick.replaceChildren();
  const single = state.store !== '';
  $('clock').hidden = !single;
  $('clock-hint').textContent = single ? 'Clocking in and out at ' + storeName(state.store) + '.' : 'Pick a store in the switcher to use its time clock.';
  const [employees, today] = await Promise.all([api('/api/employees'), single ? api('/api/time-clock/today') : []]);
  if (!current()) return;
  employeesShown = employees;
  const names = new Map(employees.map((e) => [e.id, e.name]));
  for (const e of employees) {
    list.append(el('tr', {}, cell(e.name), cell(e.storeIds.map(storeName).join(', ') || '—')));
    if (!single || e.storeIds.includes(state.store)) pick.append(el('option', { value: e.id }, e.name));
  }
  const zone = zoneOf(state.store);
  for (const t of today) shifts.append(el('tr', {}, cell(names.get(t.employeeId) || '—'), cell(timeIn(zone, t.clockedInAt)), cell(timeIn(zone, t.clockedOutAt))));
  if (single && !today.length) shifts.append(el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'No shifts yet today.')));
  const boxes = $('employee-stores');
  boxes.querySelectorAll('label').forEach((n) => n.remove());
  for (const s of state.stores) boxes.append(el('label', {}, el('input', { type: 'checkbox', value: s.id, checked: s.id === state.store }), ' ' + s.name));
}

async function punch(kind) {
  const id = $('clock-employee').value, name = ($('clock-employee').selectedOptions[0] || {}).textContent;
  $('clock-result').textContent = '';
  if (!id) { $('clock-result').textContent = 'Pick an employee first.'; return; }
  try {
    const t = await api('/api/time-clock/' + kind, { method: 'POST', body: JSON.stringify({ employeeId: id }) });
    const zone = zoneOf(state.store);
    $('clock-result').textContent = kind === 'clock-in' ? name + ' clocked in at ' + timeIn(zone, t.clockedInAt) + '.'
      : name + ' clocked out at ' + timeIn(zone, t.clockedOutAt) + '.';
    const keep = $('clock-result').textContent;
    await refresh();
    $('clock-result').textContent = keep;
  } catch (err) { $('clock-result').textContent = err instanceof SessionEnded ? '' : err.message; }
}
$('clock-in').addEventListener('click', () => punch('clock-in'));
$('clock-out').addEventListener('click', () => punch('clock-out'));

$('employee-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const storeIds = [...$('employee-stores').querySelectorAll('input:checked')].map((i) => i.value);
  try {
    const emp = await api('/api/employees', { method: 'POST', body: JSON.stringify({ name: $('new-employee').value, storeIds }) });
    $('employee-result').textContent = 'Added ' + emp.name + '.';
    $('new-employee').value = '';
    refresh();
  } catch (err) { showError(err, 'employee-result'); }
});

// ---------- customers ----------
async function loadCustomers(current) {
  const body = $('customers').querySelector('tbody');
  body.replaceChildren();
  const rows = await api('/api/customers?q=' + encodeURIComponent($('customer-q').value.trim()));
  if (!current()) return;
  for (const c of rows) body.append(el('tr', {}, cell(c.name), cell(c.phone || '—'), cell(c.loyaltyPoints, 'num points')));
  if (!rows.length) body.append(el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'No customer matches.')));
}
$('customer-search').addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
$('customer-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const c = await api('/api/customers', { method: 'POST', body: JSON.stringify({ name: $('new-customer').value, phone: $('new-customer-phone').value }) });
    $('customer-result').textContent = 'Added ' + c.name + '.';
    $('new-customer').value = ''; $('new-customer-phone').value = '';
    refresh();
  } catch (err) { showError(err, 'customer-result'); }
});

// ---------- users ----------
async function loadUsers() {
  const boxes = $('user-stores');
  boxes.querySelectorAll('label').forEach((n) => n.remove());
  for (const s of state.stores) boxes.append(el('label', {}, el('input', { type: 'checkbox', value: s.id, checked: s.id === state.store }), ' ' + s.name));
}
$('user-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const storeIds = [...$('user-stores').querySelectorAll('input:checked')].map((i) => i.value);
  try {
    const sent = await api('/api/invitations', { method: 'POST', noStore: true, body: JSON.stringify({
      email: $('new-user-email').value, role: $('new-user-role').value, storeIds }) });
    $('user-result').textContent = 'Invitation sent to ' + sent.email + ' as ' + sent.role.toLowerCase()
      + ', valid until ' + new Date(sent.expiresAt).toLocaleDateString() + '.';
    $('new-user-email').value = '';
  } catch (err) { showError(err, 'user-result'); }
});

// ---------- the login view's cards: sign in, sign up (#signup), a mailed link (#signup=<token>, #invitation=<token>) ----------
function invitationToken() {
  const m = /^#invitation=(inv_[A-Za-z0-9_-]{10,100})$/.exec(location.hash);
  return m ? m[1] : null;
}
function signupToken() {
  const m = /^#signup=(sgn_[A-Za-z0-9_-]{10,100})$/.exec(location.hash);
  return m ? m[1] : null;
}
function showLoginCard() {
  const card = invitationToken() !== null ? 'accept' : signupToken() !== null ? 'confirm'
    : location.hash === '#signup' ? 'signup' : 'login';
  for (const id of ['login', 'signup', 'confirm', 'accept']) $(id).hidden = id !== card;
  if (card === 'accept') $('accept-password').focus();
  if (card === 'confirm') $('confirm-password').focus();
  if (card === 'signup') $('signup-company').focus();
}
// posts a mailed link's token with the password typed; on success the token leaves the address bar (it is spent)
async function useLink(path, token, passwordId, errorId, done) {
  $(errorId).textContent = '';
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, password: $(passwordId).value }) });
  } catch (err) { $(errorId).textContent = 'The server cannot be reached. Try again in a moment.'; return; }
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    $(errorId).textContent = problem.detail || 'That did not work (HTTP ' + res.status + ').';
    return;
  }
  $(passwordId).value = '';
  history.replaceState(null, '', location.pathname);
  showLoginCard();
  $('login-message').textContent = done;
  $('login-message').hidden = false;
}
$('accept').addEventListener('submit', (e) => {
  e.preventDefault();
  useLink('/api/invitations/accept', invitationToken(), 'accept-password', 'accept-error',
    'Invitation accepted: sign in with your email and password.');
});
$('confirm').addEventListener('submit', (e) => {
  e.preventDefault();
  useLink('/api/signup/confirm', signupToken(), 'confirm-password', 'confirm-error',
    'Company created: sign in with your email and password.');
});
$('signup').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('signup-error').textContent = '';
  $('signup-result').hidden = true;
  let res;
  try {
    res = await fetch('/api/signup', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ companyName: $('signup-company').value, email: $('signup-email').value }) });
  } catch (err) { $('signup-error').textContent = 'The server cannot be reached. Try again in a moment.'; return; }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) { $('signup-error').textContent = body.detail || 'Signup failed (HTTP ' + res.status + ').'; return; }
  $('signup-result').textContent = body.message;
  $('signup-result').hidden = false;
});
window.addEventListener('hashchange', showLoginCard);
showLoginCard();
