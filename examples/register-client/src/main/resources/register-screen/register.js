// The register's selling screen: served by 'register serve' on loopback from the local database.
// The total shown while selling is an estimate with the synced tax rate; the receipt is what was recorded.
const $ = (id) => document.getElementById(id);
const cart = new Map(); // sku -> {product, quantity}
let products = [], taxRate = 0;
let customer = null; // {id, name, points} picked from a search, or null

async function call(path, options) {
  const res = await fetch(path, options);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
  return body;
}
const cents = (s) => Math.round(Number(s) * 100);
const fmt = (c) => '$' + (c / 100).toFixed(2);

async function loadProducts() {
  products = await call('/api/products');
  const body = $('products').querySelector('tbody');
  body.replaceChildren();
  for (const p of products) {
    const tr = document.createElement('tr');
    tr.dataset.sku = p.sku;
    tr.innerHTML = '<td></td><td class="num"></td><td><button type="button">Add</button></td>';
    tr.cells[0].textContent = p.name + ' (' + p.sku + ')';
    tr.cells[1].textContent = '$' + p.price;
    tr.querySelector('button').setAttribute('aria-label', 'Add ' + p.name);
    tr.querySelector('button').addEventListener('click', () => add(p));
    body.append(tr);
  }
}

function add(p, quantity = 1) {
  const line = cart.get(p.sku) || { product: p, quantity: 0 };
  line.quantity += quantity;
  cart.set(p.sku, line);
  drawCart();
}

function drawCart() {
  const body = $('cart').querySelector('tbody');
  body.replaceChildren();
  let subtotal = 0;
  for (const [sku, line] of cart) {
    const amount = cents(line.product.price) * line.quantity;
    subtotal += amount;
    const tr = document.createElement('tr');
    tr.dataset.sku = sku;
    tr.innerHTML = '<td></td><td><input type="number" min="1" max="10000"></td><td class="num"></td><td><button type="button">Remove</button></td>';
    tr.cells[0].textContent = line.product.name;
    const qty = tr.querySelector('input');
    qty.value = line.quantity;
    qty.setAttribute('aria-label', 'Quantity of ' + line.product.name);
    qty.addEventListener('change', () => { line.quantity = Math.max(1, Number(qty.value) || 1); drawCart(); });
    tr.cells[2].textContent = fmt(amount);
    tr.querySelector('button').setAttribute('aria-label', 'Remove ' + line.product.name);
    tr.querySelector('button').addEventListener('click', () => { cart.delete(sku); drawCart(); });
    body.append(tr);
  }
  const tax = Math.round(subtotal * taxRate); // half-up like the register's journal
  $('subtotal').textContent = fmt(subtotal);
  $('tax').textContent = fmt(tax);
  $('total').textContent = fmt(subtotal + tax);
  $('charge').disabled = cart.size === 0;
}

$('scan').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = $('code').value.trim().toLowerCase();
  $('scan-error').textContent = '';
  if (!code) return;
  const p = products.find((x) => x.sku.toLowerCase() === code)
    || (products.filter((x) => x.name.toLowerCase().includes(code)).length === 1 ? products.find((x) => x.name.toLowerCase().includes(code)) : null);
  if (!p) { $('scan-error').textContent = 'No single product matches "' + $('code').value + '".'; return; }
  add(p);
  $('code').value = '';
});

$('charge').addEventListener('click', async () => {
  $('sale-error').textContent = '';
  const lines = [...cart.values()].map((l) => ({ sku: l.product.sku, quantity: l.quantity }));
  try {
    const sale = customer ? { lines, customerId: customer.id } : { lines };
    const r = await call('/api/sales', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sale) });
    $('receipt').textContent = r.lines.map((l) => l.name.padEnd(24) + String(l.quantity).padStart(4) + ' x ' + l.unitPrice.padStart(8) + ' ' + l.amount.padStart(9)).join('\n')
      + '\n' + 'Subtotal'.padEnd(40) + r.subtotal.padStart(9) + '\n' + 'Tax'.padEnd(40) + r.tax.padStart(9) + '\n' + 'TOTAL'.padEnd(40) + r.total.padStart(9)
      + (r.customer ? '\nCustomer ' + r.customer + '\nPoints this sale'.padEnd(41) + String(r.pointsEarned).padStart(9)
        + '\nPoints total'.padEnd(41) + String(r.pointsTotal).padStart(9) : '')
      + '\nSale ' + r.clientSaleId;
    $('receipt').dataset.total = r.total;
    cart.clear(); drawCart(); pick(null); $('customer-q').value = '';
    refreshStatus();
    $('code').focus();
  } catch (err) { $('sale-error').textContent = err.message; }
});

function pick(c) {
  customer = c;
  const p = $('customer');
  p.dataset.id = c ? c.id : '';
  p.firstChild.textContent = c ? c.name + ' · ' + c.points + ' points ' : 'No customer ';
  $('customer-clear').hidden = !c;
  $('customers').replaceChildren();
}
$('customer-clear').addEventListener('click', () => pick(null));

$('customer-search').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('customer-error').textContent = '';
  const list = $('customers');
  list.replaceChildren();
  try {
    const found = await call('/api/customers?q=' + encodeURIComponent($('customer-q').value.trim()));
    if (!found.length) $('customer-error').textContent = 'No customer matches.';
    for (const c of found) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.id = c.id;
      b.textContent = c.name + (c.phone ? ' · ' + c.phone : '') + ' · ' + c.points + ' points';
      b.addEventListener('click', () => { pick(c); $('code').focus(); });
      li.append(b);
      list.append(li);
    }
  } catch (err) { $('customer-error').textContent = err.message; }
});

async function refreshStatus() {
  try {
    const s = await call('/api/status');
    $('store').textContent = s.store;
    taxRate = Number(s.taxRate || 0);
    $('tax-rate').textContent = '(' + (taxRate * 100).toFixed(2).replace(/\.?0+$/, '') + ' %)';
    const parts = [s.connection, s.pending + ' pending'];
    if (s.parked) parts.push(s.parked + ' parked');
    $('status').textContent = parts.join(' · ');
    $('status').dataset.connection = s.connection;
    $('status').dataset.pending = s.pending;
    $('status-message').textContent = s.message || '';
  } catch (err) {
    $('status').textContent = 'register stopped';
    $('status').dataset.connection = 'stopped';
  }
}

await refreshStatus();
await loadProducts();
drawCart();
setInterval(refreshStatus, 1000);
setInterval(loadProducts, 30000); // picks up what the background sync brought
