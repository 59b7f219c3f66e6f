// The reporter's form in Debian's headless Chromium (issue 16 §7): logs in
// through the login page, then opens the form of one unit's row again and
// again, each time in a new browser context (nothing cached, the session
// cookie kept), and measures from the navigation's start until the form's
// cells are in the page and painted (the second animation frame after the
// last cell appears), and the bytes each kind of response took on the wire.
// Driven by playwright-core from tests/web (scripts/install-deps.sh --test
// runs npm ci there). Prints one JSON line.
//
//   node bench/form_draw.mjs BASE_URL USER PASSWORD FORM_PATH LOADS
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'tests', 'web', 'package.json'));
const { chromium } = require('playwright-core');

const [base, user, password, form_path, loads_text] = process.argv.slice(2);
if (!base || !user || !password || !form_path) {
  console.error('usage: node bench/form_draw.mjs BASE_URL USER PASSWORD FORM_PATH [LOADS]');
  process.exit(2);
}
const loads = Number(loads_text || 9);

const browser_args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const context_options = { viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' };

// Runs in the page before its own scripts (an init script is not subject to
// the page's CSP): notes when the number of cells stops growing at
// `expected`, then the time of the frame painted after it.
function watch_cells(expected) {
  const seen = () => document.querySelectorAll('#sheet input.value').length;
  const observer = new MutationObserver(() => {
    if (seen() < expected) return;
    observer.disconnect();
    window.__cells_ms = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__drawn_ms = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function wait_for(page, read, timeout_ms = 30000) {
  const deadline = Date.now() + timeout_ms;
  for (;;) {
    const value = await page.evaluate(read);
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Bytes on the wire (headers and body) by kind, from Resource Timing.
function transferred() {
  const bytes = { document: 0, scripts: 0, styles: 0, api: 0, other: 0 };
  for (const entry of performance.getEntriesByType('navigation')) bytes.document += entry.transferSize;
  for (const entry of performance.getEntriesByType('resource')) {
    const path = new URL(entry.name).pathname;
    const kind = path.endsWith('.js') ? 'scripts' : path.endsWith('.css') ? 'styles'
      : path.startsWith('/api/') ? 'api' : 'other';
    bytes[kind] += entry.transferSize;
  }
  return bytes;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: browser_args });
try {
  const login_context = await browser.newContext(context_options);
  const login_page = await login_context.newPage();
  await login_page.goto(`${base}/dang-nhap`);
  await login_page.fill('#username', user);
  await login_page.fill('#password', password);
  await login_page.click('#login-form button[type=submit]');
  await login_page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
  const storage = await login_context.storageState();
  // The number of cells the form draws: the plan's indicators it shows.
  await login_page.goto(`${base}${form_path}`, { waitUntil: 'networkidle' });
  await login_page.waitForSelector('#sheet input.value');
  const expected = await login_page.evaluate(() => document.querySelectorAll('#sheet input.value').length);
  await login_context.close();

  const drawn_ms = [];
  const cells_ms = [];
  let bytes = null;
  for (let load = 0; load < loads; load++) {
    const context = await browser.newContext({ ...context_options, storageState: storage });
    await context.addInitScript(watch_cells, expected);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}${form_path}`);
    drawn_ms.push(await wait_for(page, () => window.__drawn_ms));
    cells_ms.push(await page.evaluate(() => window.__cells_ms));
    await page.waitForLoadState('networkidle');
    if (errors.length) throw new Error(`script errors on the form: ${errors.join('; ')}`);
    if (page.url().includes('/dang-nhap')) throw new Error('the form sent the browser to the login page');
    bytes = await page.evaluate(transferred);
    await context.close();
  }
  const sorted = [...drawn_ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(JSON.stringify({ cells: expected, loads, drawn_ms, cells_ms, median_drawn_ms: median, bytes,
                               bytes_total: Object.values(bytes).reduce((sum, value) => sum + value, 0),
                               chromium: browser.version() }));
} finally {
  await browser.close();
}
