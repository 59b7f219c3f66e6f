// What the browser tests share (round_test.mjs, kinds_test.mjs): the check
// count, chiso run and served, a page in headless Chromium, screenshots, and
// waiting for a page's state.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let failed = 0;

export function failures() {
  return failed;
}

export function check(condition, what) {
  if (!condition) {
    failed++;
    console.error(`FAILED: ${what}`);
  } else {
    console.log(`ok: ${what}`);
  }
}

// A fresh temporary folder for the test's database and downloads.
export function make_work() {
  return mkdtempSync(join(tmpdir(), 'chiso-web-'));
}

// `chiso ARGS`, its standard output; exit 1 (findings of severity error, as
// an import of a table as received has) is not a failure.
export function run_chiso_allowing_findings(chiso, args) {
  try {
    return execFileSync(chiso, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (error.status === 1) return error.stdout;
    throw error;
  }
}

// `chiso ARGS serve` on a free port: {server, base} once it listens.
export async function start_server(chiso, args) {
  const server = spawn(chiso, [...args, 'serve', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stderr.on('data', (chunk) => { log += chunk; });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`chiso serve did not start: ${log}`)), 20000);
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /http:\/\/[\d.]+:\d+/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve({ server, base: match[0] });
      }
    });
    server.on('exit', (code) => reject(new Error(`chiso serve exited ${code}: ${log}`)));
  });
}

export const browser_args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A page in a context of its own (Vietnamese, Hải Phòng's time zone); a
// script error on it is a failed check.
export async function new_page(browser, base, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    failed++;
    console.error(`FAILED: a script error on ${page.url()}: ${error.message}`);
  });
  page.on('dialog', (dialog) => dialog.accept());
  page.base = base;
  return page;
}

export async function shot(page, out, name, full_page = false) {
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: full_page });
}

export async function log_in(page, username, secret) {
  await page.goto(`${page.base}/`);
  await page.waitForURL(/\/dang-nhap/);
  await page.fill('#username', username);
  await page.fill('#password', secret);
  await page.click('#login-form button[type=submit]');
}

// Waits until `predicate` (run in the page) is true. Not waitForFunction:
// it evaluates a string in the page, which the pages' CSP (no eval) refuses.
export async function wait_until(page, predicate, arg, timeout_ms = 15000) {
  const deadline = Date.now() + timeout_ms;
  while (!(await page.evaluate(predicate, arg))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Waits until no cell of the form is waiting to be saved.
export async function all_saved(page) {
  await wait_until(page, () => {
    const states = [...document.querySelectorAll('.save-state')];
    return states.length > 0 && states.every((box) => !/pending|saving|offline|waiting/.test(box.className));
  });
}
