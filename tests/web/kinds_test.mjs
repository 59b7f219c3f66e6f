// A short browser round on a plan with the indicator kinds of issue 15
// (tests/check/fixtures/kinds-plan.toml): the reporter of Sở Tư pháp, a
// department, sees a grade offered as a choice list, each score with its
// scale ("/ 10"), and the district-only "Tiếp cận đất đai" as a shaded cell
// that does not apply; a grade outside the list is an error at its cell.
// The row submitted, the reporter downloads it as a PDF to sign, which
// pdftotext reads back (and pdftoppm renders for a person to look at). The
// browser runs with --lang=vi-VN as a Vietnamese office's Chromium does; the
// date and file controls are drawn in the page's language all the same. Screenshots go to OUT/*.png.
//
//   node kinds_test.mjs CHISO_EXE SAMPLE OUT_DIR   (SAMPLE: unused; the plan's own table)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  all_saved, browser_args, check, failures, log_in, make_work, new_page, run_chiso_allowing_findings, shot, start_server,
  wait_until,
} from './web_support.mjs';

const [chiso, , out] = process.argv.slice(2);
if (!chiso || !out) {
  console.error('usage: node kinds_test.mjs CHISO_EXE SAMPLE OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const fixtures = new URL('../check/fixtures/', import.meta.url).pathname;
const plan = join(fixtures, 'kinds-plan.toml');
const work = make_work();
const db = join(work, 'chiso.db');
const password = 'mat-khau-thu-1234';
const chiso_args = ['--db', db, '--plan', plan];
let server = null;
let browser = null;

function run_chiso(args, input) {
  return execFileSync(chiso, [...chiso_args, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

try {
  run_chiso_allowing_findings(chiso, [...chiso_args, 'import', join(fixtures, 'kinds-table.tsv'), '--period', '2024']);
  run_chiso(['user', 'add', 'dieu-phoi', '--role', 'coordinator', '--password-stdin'], `${password}\n`);
  run_chiso(['user', 'add', 'tu-phap', '--role', 'reporter', '--unit', 'Sở Tư pháp', '--password-stdin'], `${password}\n`);
  run_chiso(['user', 'add', 'an-lao', '--role', 'reporter', '--unit', 'UBND huyện An Lão', '--password-stdin'], `${password}\n`);
  let base;
  ({ server, base } = await start_server(chiso, chiso_args));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...browser_args, '--lang=vi-VN'] });

  const coordinator = await new_page(browser, base);
  await log_in(coordinator, 'dieu-phoi', password);
  await coordinator.waitForSelector('#periods table');
  await coordinator.fill('#period-text', 'Năm 2025');
  // A date field in the page's language, not in Chromium's own format.
  const date_field = await coordinator.$eval('#deadline', (input) => ({ type: input.type, placeholder: input.placeholder }));
  check(date_field.type === 'text' && date_field.placeholder === 'nn/tt/nnnn',
    `the deadline is typed the Vietnamese way (${JSON.stringify(date_field)})`);
  await coordinator.fill('#deadline', '31/02/2099');
  await coordinator.click('#open-period-form button[type=submit]');
  await coordinator.waitForSelector('#message.error');
  check((await coordinator.textContent('#message')).includes('không phải một ngày'), 'a day that does not exist is refused');
  await coordinator.fill('#deadline', '31/01/2099');
  await shot(coordinator, out, 'kinds-home-date');
  await coordinator.click('#open-period-form button[type=submit]');
  await coordinator.waitForSelector('text=Đã mở kỳ Năm 2025.');
  await coordinator.waitForSelector('#periods td >> text=31/01/2099');
  check(true, 'the deadline typed 31/01/2099 is kept and shown so');

  // ---- the department's form ----
  const justice = await new_page(browser, base);
  await log_in(justice, 'tu-phap', password);
  await justice.waitForSelector('#periods table a');
  await justice.goto(`${base}/bieu-mau?period=2025&unit=1`);
  await justice.waitForSelector('#sheet input.value');
  check(await justice.$eval('html', (node) => node.lang) === 'vi', 'the page says lang="vi"');
  const land = await justice.$eval('#c-land', (cell) => ({
    shaded: cell.classList.contains('not-applicable'), read_only: cell.querySelector('input').readOnly,
    placeholder: cell.querySelector('input').placeholder, text: cell.textContent,
  }));
  check(land.shaded && land.read_only && land.placeholder === 'không áp dụng' && land.text.includes('Không áp dụng cho đơn vị này'),
    `a district-only indicator does not apply to a department: shaded, read-only (${JSON.stringify(land)})`);
  const grades = await justice.$$eval('#dl-grade option', (options) => options.map((option) => option.value));
  check(JSON.stringify(grades) === JSON.stringify(['Xuất sắc', 'Tốt', 'Khá', 'Trung bình', 'Yếu', '-', 'N/A', 'không áp dụng']),
    `the grade offers its allowed values and the markers (${grades.join(', ')})`);
  check(await justice.getAttribute('#v-grade', 'list') === 'dl-grade', 'the grade cell takes its choice list');
  const scales = await justice.evaluate(() => ['direction', 'procedures', 'par_index', 'max_points']
    .map((code) => (document.getElementById(`m-${code}`) || {}).textContent));
  check(JSON.stringify(scales) === JSON.stringify(['/ 10', '/ 15', '/ 100', '/ 100']), `each score shows its scale (${scales.join(', ')})`);
  check(!(await justice.$('#m-grade')) && !(await justice.$('#m-par_rank')), 'a grade and a rank have no scale');
  check(await justice.textContent('label[for="upload-file"].button') === 'Chọn tệp…' &&
    await justice.textContent('#upload-file-chosen') === 'Chưa chọn tệp', 'the file control speaks the page\'s language');

  // 4 · 9 + 4 · 14 = 92 for the index; a grade outside the list first.
  for (const [code, text] of [['direction', '9'], ['procedures', '14'], ['par_index', '92'], ['max_points', '100'],
    ['par_rank', '1'], ['grade', 'Giỏi']]) {
    await justice.fill(`#v-${code}`, text);
  }
  await justice.waitForSelector('#f-grade .finding.error');
  check(true, `a grade outside the list is an error at its cell: ${(await justice.textContent('#f-grade .finding')).trim()}`);
  await shot(justice, out, 'kinds-form-grade-error', true);
  await justice.fill('#v-grade', 'Tốt');
  await wait_until(justice, () => !document.querySelector('#f-grade .finding.error'));
  await all_saved(justice);
  for (const box of await justice.$$('#submit-panel input[data-explains]')) await box.fill('Đã đối chiếu.');
  await justice.waitForSelector('#submit:not([disabled])');
  await justice.click('#submit');
  await justice.waitForSelector('#row-state.submitted');
  await shot(justice, out, 'kinds-form-submitted', true);

  // ---- the submitted row as a PDF to sign ----
  const [download] = await Promise.all([justice.waitForEvent('download'), justice.click('button[data-document="pdf"]')]);
  const pdf = join(work, 'so-tu-phap.pdf');
  await download.saveAs(pdf);
  check(readFileSync(pdf).subarray(0, 5).toString() === '%PDF-', 'the own-row document downloads as a PDF');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).normalize('NFC');
  for (const expected of ['SỞ TƯ PHÁP', 'Kỳ báo cáo: Năm 2025', 'Số liệu lần', 'bởi tu-phap', 'NGƯỜI LẬP BIỂU', 'THỦ TRƯỞNG ĐƠN VỊ',
    '(Ký, ghi rõ họ tên)', '(Ký tên, đóng dấu)', 'Tốt']) {
    check(text.includes(expected), `the PDF says "${expected}"`);
  }
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, join(out, 'kinds-own-row')]);

  // ---- the district's form: the same indicator applies ----
  const district = await new_page(browser, base);
  await log_in(district, 'an-lao', password);
  await district.waitForSelector('#periods table a');
  await district.goto(`${base}/bieu-mau?period=2025&unit=3`);
  await district.waitForSelector('#sheet input.value');
  check(!(await district.$eval('#c-land', (cell) => cell.classList.contains('not-applicable'))) &&
    !(await district.$eval('#v-land', (input) => input.readOnly)), 'the district-only indicator applies to a district');
  await district.fill('#v-land', '-');
  await wait_until(district, () => document.getElementById('c-land').classList.contains('marker'));
  check(true, 'a not-applicable marker typed is shown as such');
  await shot(district, out, 'kinds-form-district', true);

  // A cell's save state in the form's narrowest column (130 px, at a phone's
  // width), typed offline, its longest state: one line inside its cell, not
  // cut, clear of the value's focus ring (3 px outline, 1 px offset), and the
  // whole words for screen readers and in the tooltip.
  await district.setViewportSize({ width: 390, height: 844 });
  await district.context().setOffline(true);
  await district.fill('#v-direction', '8');
  await district.waitForSelector('#s-direction.offline', { timeout: 15000 });
  await district.$eval('#c-direction', (cell) => cell.scrollIntoView({ inline: 'center' }));
  const state = await district.$eval('#s-direction', (box) => {
    const line = box.getBoundingClientRect();
    const cell = box.closest('td').getBoundingClientRect();
    const input = box.closest('td').querySelector('input.value').getBoundingClientRect();
    return {
      text: box.textContent, title: box.title, lines: Math.round(line.height / parseFloat(getComputedStyle(box).lineHeight)),
      inside: line.left >= cell.left && line.right <= cell.right, cut: box.scrollWidth > box.clientWidth,
      gap: Math.round(line.top - input.bottom), cell: Math.round(cell.width),
    };
  });
  check(state.text === 'chưa lưu — mất mạng' && state.title === 'chưa lưu — mất mạng',
    `a cell typed offline says "chưa lưu — mất mạng" to screen readers and in its tooltip (${JSON.stringify(state)})`);
  check(state.cell <= 135 && state.lines === 1 && state.inside && !state.cut && state.gap >= 4,
    `in the narrowest column its state is one line inside the cell, clear of the value (${JSON.stringify(state)})`);
  await shot(district, out, 'kinds-form-district-narrow');
  await district.context().setOffline(false);
} catch (error) {
  check(false, error.stack || String(error));
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(failures() ? `${failures()} checks failed` : 'every check passed');
process.exit(failures() ? 1 : 0);
