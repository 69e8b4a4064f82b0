// Tenantry POS page: no build step. The token stays in memory; the selected store travels as X-Store-Id,
// which the server checks against the token's grants.
const state = { token: null, store: '', me: null };
const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
  const headers = { 'Authorization': 'Bearer ' + state.token, 'Content-Type': 'application/json' };
  if (state.store) headers['X-Store-Id'] = state.store;
  const res = await fetch(path, { ...options, headers });
  const body = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error((body && (body.detail || body.title)) || res.status);
  return body;
}

$('login').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: $('email').value, password: $('password').value }) });
  if (!res.ok) { $('login-error').textContent = 'Wrong email or password.'; return; }
  state.token = (await res.json()).token;
  state.me = await api('/api/me');
  const switcher = $('store-switcher');
  switcher.innerHTML = '';
  const options = (state.me.role === 'OWNER' || state.me.stores.length > 1) ? [{ id: '', name: 'All stores' }] : [];
  for (const s of options.concat(state.me.stores)) {
    const o = document.createElement('option'); o.value = s.id; o.textContent = s.name; switcher.appendChild(o);
  }
  state.store = switcher.value;
  $('who').textContent = state.me.email + ' (' + state.me.role + ')';
  $('login').hidden = true; $('app').hidden = false;
  refresh();
});

// switching stores re-reads the data only; the rest of the page (inputs, results) stays as it is
$('store-switcher').addEventListener('change', (e) => { state.store = e.target.value; refresh(); });

async function refresh() {
  const store = state.store;
  await Promise.all([loadCatalog(), loadReport()]);
  if (store === state.store) document.body.dataset.loadedStore = store || 'all'; // what the page shows now
}

async function loadCatalog() {
  const store = state.store;
  const rows = await api('/api/products');
  if (store !== state.store) return; // switched again meanwhile: the newer answer wins
  const body = $('catalog').querySelector('tbody');
  body.innerHTML = '';
  for (const p of rows) {
    const tr = document.createElement('tr');
    tr.dataset.sku = p.sku;
    for (const [text, cls] of [[p.sku], [p.name], ['$' + p.price, 'money price']]) {
      const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}

async function loadReport() {
  const chart = $('chart');
  chart.innerHTML = '';
  if (state.me.role === 'CASHIER') { $('report-total').textContent = 'Reports are for owners and managers.'; return; }
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  const store = state.store;
  const r = await api('/api/reports/sales?from=' + from + '&to=' + today);
  if (store !== state.store) return;
  const max = Math.max(1, ...r.byStore.map((s) => Number(s.total)));
  r.byStore.forEach((s, i) => {
    const h = Math.round(110 * Number(s.total) / max), x = 20 + i * 90;
    chart.insertAdjacentHTML('beforeend',
      `<rect x="${x}" y="${130 - h}" width="60" height="${h}" fill="#4a7bb7"></rect>` +
      `<text x="${x}" y="${125 - h}" font-size="11">$${s.total}</text>` +
      `<text x="${x}" y="148" font-size="11"></text>`);
    chart.lastElementChild.textContent = s.storeName;
  });
  $('report-total').textContent = 'Total $' + r.total + ' in ' + r.count + ' sales';
}

async function punch(kind) {
  try {
    const t = await api('/api/time-clock/' + kind, { method: 'POST', body: JSON.stringify({ employeeId: $('employee').value.trim() }) });
    $('clock-result').textContent = (kind === 'clock-in' ? 'Clocked in at ' + t.clockedInAt : 'Clocked out at ' + t.clockedOutAt);
  } catch (err) { $('clock-result').textContent = err.message; }
}
$('clock-in').addEventListener('click', () => punch('clock-in'));
$('clock-out').addEventListener('click', () => punch('clock-out'));
