// A whole reporting round in headless Chromium (issue 16 §6): a coordinator
// opens a period; a reporter of Sở Giao thông vận tải pastes the unit's row
// as copied from the seed appendix, types 39,32 where the partial share
// should be 29,32 (39 of 133 services: 29,32 %, seed line 18), sees the
// message and the correction at the cell, applies it, submits and downloads
// the row as a DOCX to sign (read back with Python's zipfile); a second
// reporter (Sở Công Thương) changes a one-time password, fills and submits;
// the coordinator sees the board change, returns one row at a cell (the
// reporter sees the comment there) and approves the other; the returned row
// is edited with the network cut, reloaded and saved when it returns; the
// coordinator locks the period and downloads the XLSX, which chiso reads
// back. A screenshot of each page goes to OUT/*.png.
//
// With --postgresql, the same round on a PostgreSQL database of its own (on
// the test server that CHISO_TEST_PG_FILE names, created and dropped here)
// through two `chiso serve` on it (issue 17 §2): the coordinator and the
// administrator on the first, the reporters on the second.
//
//   node round_test.mjs CHISO_EXE SAMPLE OUT_DIR [--postgresql]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  all_saved, browser_args, check, failures, log_in, make_work, new_page as new_page_of, shot as shot_into,
  start_server as start_server_of, run_chiso_allowing_findings as run_chiso_of, wait_until,
} from './web_support.mjs';

const [chiso, sample, out, mode] = process.argv.slice(2);
if (!chiso || !sample || !out || (mode && mode !== '--postgresql')) {
  console.error('usage: node round_test.mjs CHISO_EXE SAMPLE OUT_DIR [--postgresql]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const work = make_work();
const postgresql = mode === '--postgresql' ? create_database() : null;
const db = postgresql ? postgresql.uri : join(work, 'chiso.db');
const password = 'mat-khau-thu-1234';
const servers = [];
let browser = null;

// A new database on the test server (CHISO_TEST_PG_FILE: its
// administrative URI, postgresql://…/postgres?…): {admin, name, uri}.
function create_database() {
  const file = process.env.CHISO_TEST_PG_FILE;
  if (!file) {
    console.error('FAILED: --postgresql needs CHISO_TEST_PG_FILE (ctest sets it: the pg_server fixture)');
    process.exit(1);
  }
  const admin = readFileSync(file, 'utf8').trim();
  const name = `chiso_web_${process.pid}`;
  execFileSync('psql', [admin, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `DROP DATABASE IF EXISTS ${name}`,
    '-c', `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`], { stdio: ['ignore', 'pipe', 'pipe'] });
  return { admin, name, uri: admin.replace(/\/postgres(\?|$)/, `/${name}$1`) };
}

function run_chiso(args, input) {
  return execFileSync(chiso, ['--db', db, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

function run_chiso_allowing_findings(args, database = db) {
  return run_chiso_of(chiso, ['--db', database, ...args]);
}

async function start_server() {
  const { server, base } = await start_server_of(chiso, ['--db', db]);
  servers.push(server);
  return base;
}

async function new_page(base, viewport) {
  return new_page_of(browser, base, viewport);
}

async function shot(page, name, full_page = false) {
  await shot_into(page, out, name, full_page);
}

// A paste event carrying `text`, as Excel and Word put a copied row on the
// clipboard (tab-separated, a line break at the end).
async function paste(page, selector, text) {
  await page.focus(selector);
  await page.evaluate(({ selector, text }) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.querySelector(selector).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, { selector, text });
}

async function values_of(page, codes) {
  return page.evaluate((codes) => Object.fromEntries(codes.map((code) => [code, document.getElementById(`v-${code}`).value])), codes);
}

// The row as the server has it, fetched with the page's own session.
async function server_row(page, period, unit) {
  return page.evaluate(async ({ period, unit }) => {
    const response = await fetch(`/api/periods/${period}/units/${unit}`);
    return response.json();
  }, { period, unit });
}

try {
  // ---- the database: the sample as 2024-Q4, and the people ----
  run_chiso_allowing_findings(['import', sample, '--period', '2024-Q4']);
  run_chiso(['user', 'add', 'dieu-phoi', '--role', 'coordinator', '--display-name', 'Điều phối viên', '--password-stdin'], `${password}\n`);
  run_chiso(['user', 'add', 'quan-tri', '--role', 'administrator', '--password-stdin'], `${password}\n`);
  run_chiso(['user', 'add', 'giao-thong', '--role', 'reporter', '--unit', 'Sở Giao thông vận tải', '--password-stdin'], `${password}\n`);
  const added = run_chiso(['user', 'add', 'cong-thuong', '--role', 'reporter', '--unit', 'Sở Công Thương']);
  const one_time = (/^Mật khẩu dùng một lần: (\S+)$/m.exec(added) || [])[1];
  check(Boolean(one_time), 'chiso user add printed a one-time password');
  const base = await start_server();
  // The reporters' pages: through a second server on the same database
  // with PostgreSQL.
  const reporters_base = postgresql ? await start_server() : base;
  if (postgresql) check(reporters_base !== base, `the reporters' pages come from a second server (${reporters_base}; the coordinator's: ${base})`);
  // playwright-core gives the browser a fresh --user-data-dir of its own
  // (a temporary folder, removed at close): no profile is shared or kept.
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...browser_args, '--lang=vi-VN'] });

  // ---- the unknown page, and a page before login ----
  const anonymous = await new_page(base);
  const missing = await anonymous.goto(`${base}/khong-co-trang-nay`);
  check(missing.status() === 404 && (await anonymous.textContent('h1')) === 'Không tìm thấy trang', 'an unknown page is the Vietnamese 404 page');
  await shot(anonymous, '404');
  await anonymous.goto(`${base}/theo-doi?period=2025-Q1`);
  await anonymous.waitForURL(/\/dang-nhap\?next=/);
  check(true, 'a page without a session leads to the login page');
  await shot(anonymous, 'login');
  await anonymous.fill('#username', 'dieu-phoi');
  await anonymous.fill('#password', 'sai-mat-khau-123');
  await anonymous.click('#login-form button[type=submit]');
  await anonymous.waitForSelector('#message.error');
  check(/mật khẩu/i.test(await anonymous.textContent('#message')), 'a wrong password is refused in Vietnamese');

  // ---- the coordinator opens Quý I năm 2025 ----
  const coordinator = await new_page(base);
  await log_in(coordinator, 'dieu-phoi', password);
  await coordinator.waitForSelector('#periods table');
  await coordinator.fill('#period-text', 'Quý I năm 2025');
  await coordinator.fill('#deadline', '2099-04-10');
  await coordinator.click('#open-period-form button[type=submit]');
  await coordinator.waitForSelector('text=Đã mở kỳ Quý I năm 2025.');
  await coordinator.waitForSelector('#periods td >> text=Quý I năm 2025');
  check(true, 'the coordinator opened Quý I năm 2025 and sees it in the list');
  await shot(coordinator, 'home-coordinator');
  await coordinator.goto(`${base}/theo-doi?period=2025-Q1`);
  await coordinator.waitForSelector('#status-table tbody tr');
  const not_started = await coordinator.textContent('#counts button[data-state="not_started"]');
  check(/\b30\b/.test(not_started), `the board counts 30 units not started (${not_started.trim()})`);

  // ---- the reporter of Sở Giao thông vận tải ----
  const transport = await new_page(reporters_base);
  await log_in(transport, 'giao-thong', password);
  await transport.waitForSelector('#periods table a');
  await shot(transport, 'home-reporter');
  await transport.click('a:has-text("Sở Giao thông vận tải") >> nth=0');
  await transport.waitForSelector('#sheet input.value');
  // The form under 150 KB transferred (issue 16 §7), as a first visit loads
  // it: a new browser context with this session and an empty cache; every
  // response counted (its body as sent — the server does not compress — and
  // about 300 bytes of headers).
  const cold = await browser.newContext({ storageState: await transport.context().storageState() });
  const cold_page = await cold.newPage();
  await cold_page.goto(transport.url(), { waitUntil: 'networkidle' });
  await cold_page.waitForSelector('#sheet input.value');
  const form_bytes = await cold_page.evaluate(() => performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .reduce((sum, entry) => sum + entry.decodedBodySize + 300, 0));
  await cold.close();
  check(form_bytes > 10000 && form_bytes < 150 * 1024, `the form is under 150 KB transferred (${form_bytes} bytes)`);
  // The row as copied from the seed's table (line 18), the partial share left
  // blank: the order number, the unit's name, then the 15 values.
  const seed_row = '11\tSở Giao thông vận tải\t5\t3\t133\t94\t70,68\t39\t\t99\t100\tx\t2\tx\tx\tx\tx\n';
  await paste(transport, '#v-tthc_shortened', seed_row);
  const pasted = await values_of(transport, ['tthc_shortened', 'online_total', 'online_partial', 'online_partial_pct', 'commitments_published']);
  check(pasted.tthc_shortened === '5' && pasted.online_total === '133' && pasted.online_partial === '39' &&
    pasted.online_partial_pct === '' && pasted.commitments_published === 'x',
  `a pasted tab-separated row fills the cells, the order number and the name dropped (${JSON.stringify(pasted)})`);
  await transport.click('#v-online_partial_pct');
  await transport.keyboard.type('39,32');
  await transport.waitForSelector('#f-online_partial_pct .finding.error');
  const message = await transport.textContent('#f-online_partial_pct .finding');
  check(message.includes('39 / 133 = 29,32'), `the message is at the cell: ${message}`);
  const fix = await transport.getAttribute('#f-online_partial_pct button[data-fix]', 'data-fix');
  check(fix === '29,32', `the likely correction at the cell is 29,32 (${fix})`);
  await all_saved(transport);
  check((await transport.textContent('#s-online_partial_pct')) === 'đã lưu', 'the cell says "đã lưu" once saved');
  check(await transport.isDisabled('#submit'), 'submit is disabled while an error remains');
  await shot(transport, 'form-finding', true);
  await transport.click('#f-online_partial_pct button[data-fix]');
  check((await transport.inputValue('#v-online_partial_pct')) === '29,32', 'the correction is applied to the cell');
  await wait_until(transport, () => !document.querySelector('#f-online_partial_pct .finding'));
  await all_saved(transport);
  // A comment on a value, kept and shown at its cell.
  await transport.click('#c-online_total .tools button');
  await transport.fill('#comment-text', 'Gồm cả 12 dịch vụ chuyển từ Sở Xây dựng.');
  await transport.click('#comment-dialog button:not(.secondary)');
  await transport.waitForSelector('#n-online_total .note');
  check((await transport.textContent('#n-online_total')).includes('12 dịch vụ chuyển từ Sở Xây dựng'), 'a comment on a value is shown at its cell');
  // Enter moves on as in Excel.
  await transport.focus('#v-online_partial_pct');
  await transport.keyboard.press('Enter');
  check(await transport.evaluate(() => document.activeElement.id) === 'v-cashless_pct', 'Enter moves to the next cell');
  await transport.waitForSelector('#submit:not([disabled])');
  await transport.click('#submit');
  await transport.waitForSelector('#row-state.submitted');
  check(true, 'the reporter submitted the row');
  const transport_row = await server_row(transport, '2025-Q1', 11);
  check(transport_row.state === 'submitted' && transport_row.values.online_partial_pct.raw === '29,32',
    `the server keeps the submitted row with 29,32 (${transport_row.state}, ${JSON.stringify(transport_row.values.online_partial_pct)})`);
  // The submitted row as a document to sign (issue 16 §3), read back.
  {
    const [download] = await Promise.all([transport.waitForEvent('download'), transport.click('button[data-document="docx"]')]);
    const docx = join(work, 'so-giao-thong.docx');
    await download.saveAs(docx);
    const xml = execFileSync('/usr/bin/python3', ['-c',
      'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', docx],
    { encoding: 'utf8' });
    check(['SỞ GIAO THÔNG VẬN TẢI', 'Kỳ báo cáo: Quý I năm 2025', '>29,32<', 'THỦ TRƯỞNG ĐƠN VỊ', '(Ký tên, đóng dấu)']
      .every((text) => xml.includes(text)), 'the reporter downloads the submitted row as a DOCX to sign, with 29,32 and the signature block');
    check(readFileSync(docx).subarray(0, 2).toString() === 'PK', 'the document is a zip (DOCX)');
  }

  // ---- the reporter of Sở Công Thương: one-time password, then the row ----
  const trade = await new_page(reporters_base);
  await log_in(trade, 'cong-thuong', one_time);
  await trade.waitForSelector('#password-form:not([hidden])');
  await shot(trade, 'password-change');
  await trade.fill('#new-password', password);
  await trade.fill('#new-password-again', password);
  await trade.click('#password-form button[type=submit]');
  await trade.waitForSelector('#periods table a');
  check(true, 'the one-time password was changed at the first login');
  await trade.goto(`${reporters_base}/bieu-mau?period=2025-Q1&unit=4`);
  await trade.waitForSelector('#sheet input.value');
  // The seed's row of Sở Công Thương (line 11) but 1.000 procedures cut
  // where 2024-Q4 had 100: a value far from the unit's previous periods.
  await paste(trade, '#v-tthc_shortened', '1.000\t5\t158\t117\t74,05\t41\t25,95\t88,5\t99\tx\t1\tx\t\tx\t0\r\n');
  await all_saved(trade);
  const trade_findings = await trade.$$eval('.finding.error', (boxes) => boxes.map((box) => box.textContent));
  check(trade_findings.length === 0, `Sở Công Thương's row has no error (${trade_findings.join(' | ')})`);
  const saved_trade = await server_row(trade, '2025-Q1', 4);
  check((saved_trade.findings || []).some((finding) => finding.rule === 'value.jump'), 'the server gives the value.jump warning for 1.000 after 100');
  {
    await trade.waitForSelector('#f-tthc_shortened .finding.warning[data-rule="value.jump"]');
    check(/100/.test(await trade.textContent('#p-tthc_shortened')), 'the previous period\'s value is beside the cell');
    check(await trade.isDisabled('#submit'), 'submit waits for the warning\'s explanation');
    await trade.fill('#submit-panel input[data-explains="tthc_shortened"]', 'Năm nay rà soát lại toàn bộ thủ tục.');
    check(await trade.isEnabled('#submit'), 'submit is possible once the warning is explained');
  }
  for (const box of await trade.$$('#submit-panel input[data-explains]')) {
    if (!(await box.inputValue())) await box.fill('Số liệu đã đối chiếu với sổ theo dõi.');
  }
  await trade.waitForSelector('#submit:not([disabled])');
  await trade.click('#submit');
  await trade.waitForSelector('#row-state.submitted');

  // ---- the coordinator: the board changed; return one, approve the other ----
  await coordinator.reload();
  await coordinator.waitForSelector('#status-table tbody tr');
  const submitted = await coordinator.textContent('#counts button[data-state="submitted"]');
  check(/\b2\b/.test(submitted), `the board shows 2 rows submitted (${submitted.trim()})`);
  await coordinator.click('#counts button[data-state="submitted"]');
  await shot(coordinator, 'board', true);
  await coordinator.click('tr[data-unit="Sở Công Thương"] button');
  await coordinator.waitForSelector('#return');
  check((await coordinator.textContent('#unit-panel')).includes('rà soát lại toàn bộ thủ tục'), 'the coordinator reads the explanation of the warning');
  await coordinator.fill('#return-comment', 'Tỷ lệ thu không dùng tiền mặt cần đối chiếu lại với Kho bạc.');
  await coordinator.selectOption('#return-indicator', 'cashless_pct');
  await shot(coordinator, 'board-unit');
  // The board's answers out of order, as a slow network or a busy server
  // gives them: the status read after the return is answered only after
  // the one after the approval (it was read before the approval).
  let status_reads = 0;
  let release_first_status;
  const first_status_released = new Promise((resolve) => { release_first_status = resolve; });
  let first_status_delivered;
  const first_status_done = new Promise((resolve) => { first_status_delivered = resolve; });
  const status_answers = [];  // what each read was answered, for the message of a failure
  const out_of_order = async (route) => {
    status_reads += 1;
    const read = status_reads;
    const response = await route.fetch();
    const tally = {};
    try {
      for (const unit of (await response.json()).units || []) tally[unit.state] = (tally[unit.state] || 0) + 1;
    } catch { /* not JSON: the status says enough */ }
    status_answers.push(`read ${read}: ${response.status()} ${JSON.stringify(tally)}`);
    if (read === 1) {
      await first_status_released;
      await route.fulfill({ response });
      first_status_delivered();
      return;
    }
    await route.fulfill({ response });
    setTimeout(release_first_status, 300);
  };
  await coordinator.route('**/status', out_of_order);
  await coordinator.click('#return');
  await coordinator.waitForSelector('text=Đã trả lại Sở Công Thương.');
  await coordinator.click('#counts button[data-state=""], #counts button:first-child');
  await coordinator.click('tr[data-unit="Sở Giao thông vận tải"] button');
  await coordinator.waitForSelector('#approve');
  await coordinator.click('#approve');
  await coordinator.waitForSelector('text=Đã duyệt Sở Giao thông vận tải.');
  // The message comes before the board is drawn again: wait for the counts,
  // and for the late answer to have come and gone.
  const one_approved_one_returned = () => ['approved', 'returned'].every((state) =>
    /\b1\b/.test((document.querySelector(`#counts button[data-state="${state}"]`) || {}).textContent || ''));
  const not_counted = await wait_until(coordinator, one_approved_one_returned).then(() => '', (error) => error.message);
  await first_status_done;
  await coordinator.waitForLoadState('networkidle');
  await coordinator.unroute('**/status', out_of_order);
  const board_counts = await coordinator.evaluate(() =>
    `${document.getElementById('counts').textContent} | ${(document.getElementById('message') || {}).textContent || ''}`);
  check(!not_counted && await coordinator.evaluate(one_approved_one_returned),
    `the board counts one approved and one returned, and an older answer that comes later does not undo it (${board_counts}; ${status_answers.join('; ')}${not_counted ? `; ${not_counted}` : ''})`);

  // ---- the returned row: the comment at the cell; edited offline ----
  await trade.reload();
  await trade.waitForSelector('#sheet input.value');
  const returned_row = await server_row(trade, '2025-Q1', 4);
  check(returned_row.state === 'returned', `the row is returned (${returned_row.state})`);
  await trade.waitForSelector('#n-cashless_pct .note.returned');
  check((await trade.textContent('#n-cashless_pct')).includes('đối chiếu lại với Kho bạc'), 'the reporter sees the return comment at the cell');
  check((await trade.textContent('#returned')).includes('đối chiếu lại với Kho bạc'), 'and above the form');
  await shot(trade, 'form-returned', true);

  // ---- two people on one row: the later save gets a 409, both values shown ----
  const coordinator_form = await coordinator.context().newPage();
  await coordinator_form.goto(`${base}/bieu-mau?period=2025-Q1&unit=4`);
  await coordinator_form.waitForSelector('#sheet input.value');
  await coordinator_form.fill('#v-meeting_room_count', '3');
  await all_saved(coordinator_form);
  await coordinator_form.close();
  await trade.fill('#v-meeting_room_count', '4');
  await trade.waitForSelector('#conflict[open]');
  const choices = await trade.$$eval('#conflict .choices label', (labels) => labels.map((label) => label.textContent));
  check(choices.includes('4') && choices.includes('3'), `a conflict shows the value typed and the one on the server (${choices.join(', ')})`);
  await shot(trade, 'form-conflict');
  await trade.click('#conflict input[name="choice-meeting_room_count"] >> nth=1');
  await trade.click('#conflict-keep');
  await all_saved(trade);
  check((await trade.inputValue('#v-meeting_room_count')) === '3' &&
    (await server_row(trade, '2025-Q1', 4)).values.meeting_room_count.raw === '3', 'the value chosen (the server\'s) is kept');
  await trade.context().setOffline(true);
  await trade.fill('#v-cashless_pct', '');
  await trade.click('#v-cashless_pct');
  await trade.keyboard.type('90');
  await trade.waitForSelector('#s-cashless_pct.offline', { timeout: 15000 });
  check((await trade.textContent('#s-cashless_pct')) === 'chưa lưu — mất mạng', 'a cell typed offline says "chưa lưu — mất mạng"');
  await shot(trade, 'form-offline', true);
  await trade.click('#v-first_time_valid_pct');
  await trade.keyboard.press('Control+A');
  await trade.keyboard.type('98,5');
  const reload = await trade.reload().then(() => 'loaded', () => 'failed');
  check(reload === 'failed', 'a reload without network fails (the browser cannot reach the server)');
  await trade.context().setOffline(false);
  await trade.goto(`${reporters_base}/bieu-mau?period=2025-Q1&unit=4`);
  await trade.waitForSelector('#sheet input.value');
  const restored = await values_of(trade, ['cashless_pct', 'first_time_valid_pct']);
  check(restored.cashless_pct === '90' && restored.first_time_valid_pct === '98,5',
    `what was typed offline is back after the reload (${JSON.stringify(restored)})`);
  await all_saved(trade);
  const saved_row = await server_row(trade, '2025-Q1', 4);
  check(saved_row.values.cashless_pct.raw === '90' && saved_row.values.first_time_valid_pct.raw === '98,5',
    `and saved once the network is back (version ${saved_row.version})`);
  // Offline again, without a reload: saved on the browser's "online" event.
  await trade.context().setOffline(true);
  await trade.fill('#v-meeting_room_count', '2');
  await trade.waitForSelector('#s-meeting_room_count.offline', { timeout: 15000 });
  await trade.context().setOffline(false);
  await all_saved(trade);
  check((await server_row(trade, '2025-Q1', 4)).values.meeting_room_count.raw === '2', 'a cell typed offline is saved when the network returns');
  // The server answers but cannot save or check for now (503, its database
  // restarting): the cell says so, and the save is tried again by itself;
  // nothing is left above the form once it is saved.
  const refused_saves = [];
  const server_busy = (route) => {
    if (route.request().method() === 'GET') return route.continue();
    if (route.request().method() === 'PUT') refused_saves.push(route.request().url());
    return route.fulfill({
      status: 503, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'busy', message: 'Cơ sở dữ liệu đang bận hoặc tạm thời không tới được; hãy thử lại sau ít phút.', message_en: 'The database is busy or out of reach for now; try again in a moment.' } }),
    });
  };
  await trade.route('**/api/periods/*/units/*', server_busy);
  await trade.route('**/api/periods/*/units/*/check', server_busy);
  await trade.fill('#v-meeting_room_count', '5');
  await trade.waitForSelector('#s-meeting_room_count.waiting', { timeout: 15000 });
  check((await trade.getAttribute('#s-meeting_room_count', 'title')) === 'chưa lưu — máy chủ bận, sẽ thử lại',
    'a cell the server could not save says "chưa lưu — máy chủ bận, sẽ thử lại" in its tooltip');
  check((await trade.textContent('#save-summary')).startsWith('Máy chủ tạm thời chưa lưu được'),
    `and the form says the draft is kept and saved again (${await trade.textContent('#save-summary')})`);
  await shot(trade, 'form-server-busy', true);
  await trade.unroute('**/api/periods/*/units/*', server_busy);
  await trade.unroute('**/api/periods/*/units/*/check', server_busy);
  await all_saved(trade);
  check(refused_saves.length >= 1 && (await server_row(trade, '2025-Q1', 4)).values.meeting_room_count.raw === '5',
    `a cell the server could not save is saved by itself once it can (refused ${refused_saves.length} times first)`);
  const left_above = await trade.$eval('#message', (box) => (box.hidden ? '' : box.textContent));
  check(!left_above.includes('Cơ sở dữ liệu đang bận'), `and no word of the busy server is left above the form (${JSON.stringify(left_above)})`);
  if (postgresql) {
    // The period held by an import elsewhere (psql holds the import's lock
    // of 2025-Q1): the save is refused at once, the form says why in the
    // period's words and saves by itself once the import has ended.
    const importer = spawn('psql', [postgresql.uri, '-X', '-At', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const held = new Promise((resolve) => {
      let seen = '';
      importer.stdout.on('data', (chunk) => {
        seen += chunk;
        if (seen.includes('held')) resolve();
      });
    });
    importer.stdin.write("BEGIN;\nSELECT 'held' FROM (SELECT pg_advisory_xact_lock(hashtextextended('2025-Q1', 1128813391))) AS import_lock;\n");
    await held;
    await trade.fill('#v-meeting_room_count', '4');
    await trade.waitForSelector('#s-meeting_room_count.waiting', { timeout: 15000 });
    const held_summary = await trade.textContent('#save-summary');
    check(held_summary.startsWith('Quý I năm 2025 đang được nhập số liệu, khoá hoặc mở khoá ở nơi khác: bản nháp được giữ'),
      `a save of a period an import holds is refused at once and the form says why (${held_summary})`);
    await shot(trade, 'form-period-held', true);
    const ended = new Promise((resolve) => importer.on('exit', resolve));
    importer.stdin.end('COMMIT;\n');
    await ended;
    await all_saved(trade);
    check((await server_row(trade, '2025-Q1', 4)).values.meeting_room_count.raw === '4',
      'and saved by itself once the import has ended');
  }
  // A save whose commit went through but whose answer was lost (a 503):
  // sent again from the version it was based on, it gets a 409 with the
  // very values typed, and the form takes the server's version without
  // asking anyone to choose.
  let answers_lost = 0;
  const answer_lost = async (route) => {
    if (route.request().method() !== 'PUT' || answers_lost > 0) return route.continue();
    answers_lost += 1;
    await route.fetch();  // the server saves it; its answer goes nowhere
    return route.fulfill({
      status: 503, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'busy', message: 'Cơ sở dữ liệu đang bận hoặc tạm thời không tới được; hãy thử lại sau ít phút.', message_en: 'The database is busy or out of reach for now; try again in a moment.' } }),
    });
  };
  const version_before_lost = (await server_row(trade, '2025-Q1', 4)).version;
  await trade.route('**/api/periods/*/units/*', answer_lost);
  await trade.fill('#v-meeting_room_count', '6');
  await trade.waitForSelector('#s-meeting_room_count.waiting', { timeout: 15000 });
  await all_saved(trade);
  await trade.unroute('**/api/periods/*/units/*', answer_lost);
  const after_lost = await server_row(trade, '2025-Q1', 4);
  check(answers_lost === 1 && after_lost.values.meeting_room_count.raw === '6' && after_lost.version === version_before_lost + 1,
    `a save whose answer was lost is kept once (version ${version_before_lost} → ${after_lost.version})`);
  check(!(await trade.$eval('#conflict', (dialog) => dialog.open)), 'and no one is asked to choose between equal values');
  await trade.fill('#v-meeting_room_count', '2');
  await all_saved(trade);
  const after_next = await server_row(trade, '2025-Q1', 4);
  check(after_next.values.meeting_room_count.raw === '2' && after_next.version === version_before_lost + 2,
    `the next edit saves on from the server's version (${after_next.version})`);
  for (const box of await trade.$$('#submit-panel input[data-explains]')) await box.fill('Đã đối chiếu với Kho bạc.');
  await trade.waitForSelector('#submit:not([disabled])');
  await trade.click('#submit');
  await trade.waitForSelector('#row-state.submitted');

  // ---- a phone's width: the form scrolls sideways, the unit column stays ----
  const phone = await new_page(reporters_base, { width: 390, height: 844 });
  await log_in(phone, 'giao-thong', password);
  await phone.waitForSelector('#periods table a');
  await phone.goto(`${reporters_base}/bieu-mau?period=2025-Q1&unit=11`);
  await phone.waitForSelector('#sheet input.value');
  await phone.$eval('#sheet-box', (box) => { box.scrollLeft = 600; });
  const unit_left = await phone.$eval('#sheet tbody th.unit', (cell) => Math.round(cell.getBoundingClientRect().left));
  check(unit_left <= 10, `on a phone the unit column stays at the left while the form scrolls (${unit_left}px)`);
  await shot(phone, 'form-phone');

  // ---- lock, download the XLSX, read it back with chiso ----
  await coordinator.reload();
  await coordinator.waitForSelector('#lock');
  await coordinator.click('#lock');
  await coordinator.waitForSelector('#period-state.locked');
  check(true, 'the coordinator locked the period');
  // The published XLSX, and the review copy (values as typed: the published
  // one recomputes the shares from the counts, so only the review copy shows
  // the 29,32 typed rather than computed).
  const read_back = async (name, review) => {
    await coordinator.setChecked('#review-variant', review);
    const [download] = await Promise.all([coordinator.waitForEvent('download'), coordinator.click('button[data-format="xlsx"]')]);
    const xlsx = join(work, name);
    await download.saveAs(xlsx);
    const read_back_db = join(work, `${name}.db`);
    run_chiso_allowing_findings(['import', xlsx, '--period', '2025-Q1'], read_back_db);
    const table = JSON.parse(execFileSync(chiso, ['--db', read_back_db, 'report', '--period', '2025-Q1', '--variant', 'review',
      '--format', 'json', '-o', '-'], { encoding: 'utf8' }));
    return Object.fromEntries(table.units.map((unit) => [unit.name, unit.values]));
  };
  const published = await read_back('phu-luc-2025-Q1.xlsx', false);
  check(published['Sở Công Thương'] && published['Sở Công Thương'].cashless_pct === 90,
    `the downloaded XLSX read back by chiso has the 90 typed offline for Sở Công Thương (${JSON.stringify(published['Sở Công Thương'])})`);
  const typed = await read_back('phu-luc-2025-Q1-ra-soat.xlsx', true);
  check(typed['Sở Giao thông vận tải'] && typed['Sở Giao thông vận tải'].online_partial_pct === 29.32,
    `the review XLSX read back by chiso has the 29,32 typed for Sở Giao thông vận tải (${JSON.stringify(typed['Sở Giao thông vận tải'])})`);
  await shot(coordinator, 'board-locked', true);

  // ---- the change trail and the administrator's page ----
  await coordinator.goto(`${base}/nhat-ky`);
  await coordinator.waitForSelector('#changes tbody tr');
  // The trail starts with the sample imported as 2024-Q4, cell by cell: this
  // round's changes are those of Quý I năm 2025.
  check(await coordinator.isVisible('#changes td >> text=cli: import 000_e41d2a91a7ebffff.txt'),
    'the change trail lists the first versions too (the sample as imported)');
  await coordinator.fill('#f-period', 'Quý I năm 2025');
  await coordinator.fill('#f-from', '01/01/2000');
  await coordinator.click('#filters button[type=submit]');
  await coordinator.waitForSelector('#changes tbody td >> text=Quý I năm 2025');
  check(await coordinator.isVisible('#changes td >> text=29,32'), 'the change trail shows the value 29,32');
  check(await coordinator.isVisible('#changes td >> text=Quý I năm 2025'), 'the change trail names the period as people write it');
  await shot(coordinator, 'changes');
  const admin = await new_page(base);
  await log_in(admin, 'quan-tri', password);
  await admin.waitForSelector('#periods table');
  await admin.goto(`${base}/quan-tri`);
  await admin.waitForSelector('#users tbody tr');
  await admin.fill('#u-name', 'nguoi-xem');
  await admin.selectOption('#u-role', 'viewer');
  await admin.click('#add-user button[type=submit]');
  await admin.waitForSelector('#one-time-password');
  check((await admin.textContent('#one-time-password')).length >= 10, 'a new user\'s one-time password is shown once');
  await admin.waitForSelector('#audit tbody tr');
  check(await admin.isVisible('#audit td >> text=Đổi mật khẩu'), 'the login trail says its actions in words (the one-time password changed)');
  await shot(admin, 'admin', true);

  // ---- English ----
  await coordinator.goto(`${base}/`);
  await coordinator.click('#top button:has-text("English")');
  await coordinator.waitForSelector('h1:has-text("Reporting periods")');
  check(true, 'the language switch shows the pages in English');
  await shot(coordinator, 'home-english');
} catch (error) {
  check(false, error.stack || String(error));
} finally {
  if (browser) await browser.close().catch(() => {});
  await Promise.all(servers.map((server) => new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    server.on('exit', resolve);
    server.kill('SIGTERM');
  })));
  if (postgresql) {
    try {
      execFileSync('psql', [postgresql.admin, '-X', '-q', '-c', `DROP DATABASE IF EXISTS ${postgresql.name} WITH (FORCE)`],
        { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      check(false, `the test's database is dropped: ${error.stderr || error}`);
    }
  }
  rmSync(work, { recursive: true, force: true });
}
console.log(failures() ? `${failures()} checks failed` : 'every check passed');
process.exit(failures() ? 1 : 0);
