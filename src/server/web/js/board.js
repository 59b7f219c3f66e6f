// The coordinator's board of one period: each unit's state with its time and
// version, counts per state (a filter), a unit's row read-only with its
// explanations, return (with a comment, optionally at a cell) and approve;
// lock the period; the documents; upload a whole table; the consolidated
// table as typed, with the findings at their cells.
import {
  api, clear, collator, download, el, file_picker, format_number, format_time, late, load_units, period_path, period_text, query,
  row_path, show_message, start_page, state_name, t, Turns, upload_chosen_file,
} from './common.js';

const session = await start_page();
const staff = session.role === 'coordinator' || session.role === 'administrator';
const period = query('period');
const [plan, units] = await Promise.all([api('GET', '/api/plan'), load_units()]);
let status = null;
let filter = '';

const label_of = (indicator) => t(indicator.label, indicator.label_en);

// The state the board shows: late when past the deadline and not handed in.
function shown_state(unit_status) {
  return late(status.deadline, unit_status.state) ? 'late' : unit_status.state;
}

function draw_head() {
  const head = clear(document.getElementById('board-head'));
  head.append(el('h1', {}, `${t('Theo dõi', 'Board')}: ${period_text(status.period || period)}`),
    el('div', { class: 'toolbar' },
      el('span', { class: `badge ${status.state}`, id: 'period-state' }, state_name(status.state)),
      status.deadline ? el('span', { class: 'muted' }, `${t('Hạn nộp', 'Deadline')}: ${status.deadline.split('-').reverse().join('/')}`) : null));
  const tools = clear(document.getElementById('board-tools'));
  const { input: file, picker } = file_picker('table-file', '.xlsx,.docx,.csv,.tsv,.txt');
  tools.append(
    el('span', {}, t('Tải về:', 'Download:')),
    ...['xlsx', 'docx', 'pdf', 'csv'].map((format) => el('button', {
      type: 'button', class: 'secondary', 'data-format': format,
      onclick: () => {
        const review = staff && document.getElementById('review-variant').checked;
        download(`${period_path(period)}/report.${format}${review ? '?variant=review' : ''}`,
          `phu-luc-${period}${review ? '-ra-soat' : ''}.${format}`).catch((error) => show_message(error.text(), 'error'));
      },
    }, format.toUpperCase())),
    staff ? el('label', { class: 'inline' }, el('input', { type: 'checkbox', id: 'review-variant' }),
      t('bản rà soát (số như đơn vị nhập, ô có phát hiện được tô)', 'review copy (values as typed, cells with findings marked)')) : null,
    el('span', { class: 'grow' }));
  if (staff && status.state !== 'locked') {
    tools.append(
      el('span', {}, t('Tải lên cả bảng:', 'Upload a whole table:')), picker,
      el('button', {
        type: 'button', class: 'secondary', onclick: async () => {
          if (await upload_chosen_file(period, file)) await refresh();
        },
      }, t('Tải lên', 'Upload')),
      el('button', {
        type: 'button', class: 'danger', id: 'lock', onclick: async () => {
          if (!confirm(t('Khóa kỳ này? Sau khi khóa chỉ quản trị viên mở lại được.', 'Lock this period? Only an administrator can unlock it.'))) return;
          try {
            await api('POST', `${period_path(period)}/lock`, {});
            show_message(t('Đã khóa kỳ báo cáo.', 'The period is locked.'), 'ok');
            await refresh();
          } catch (error) {
            show_message(error.text(), 'error');
          }
        },
      }, t('Khóa kỳ', 'Lock the period')));
  }
}

function draw_counts() {
  const counts = new Map();
  for (const unit_status of status.units) {
    const state = shown_state(unit_status);
    counts.set(state, (counts.get(state) || 0) + 1);
  }
  const box = clear(document.getElementById('counts'));
  const order = ['not_started', 'draft', 'late', 'submitted', 'returned', 'approved'];
  box.append(el('button', { type: 'button', 'aria-pressed': String(filter === ''), onclick: () => { filter = ''; draw_status(); } },
    `${t('Tất cả', 'All')} (${status.units.length})`));
  for (const state of order) {
    box.append(el('button', {
      type: 'button', 'aria-pressed': String(filter === state), 'data-state': state,
      onclick: () => { filter = filter === state ? '' : state; draw_status(); },
    }, el('span', { class: `badge ${state}` }, state_name(state)), ` ${counts.get(state) || 0}`));
  }
}

function draw_status() {
  draw_counts();
  const table = clear(document.getElementById('status-table'));
  table.append(el('thead', {}, el('tr', {},
    el('th', {}, t('Đơn vị', 'Unit')), el('th', {}, t('Trạng thái', 'State')), el('th', {}, t('Lần', 'Version')),
    el('th', {}, t('Lúc', 'At')), el('th', {}, t('Người nhập', 'By')), el('th', {}, t('Lỗi / cảnh báo', 'Errors / warnings')),
    el('th', {}, ''))));
  const body = el('tbody');
  // Each unit named as it was in the period (name_in_period); matched by its registered name.
  const shown_name = (unit_status) => unit_status.name_in_period || unit_status.unit;
  const rows = [...status.units].sort((a, b) => collator.compare(shown_name(a), shown_name(b)));
  for (const unit_status of rows) {
    const state = shown_state(unit_status);
    if (filter && state !== filter) continue;
    const unit = units.by_name.get(unit_status.unit);
    body.append(el('tr', { 'data-unit': unit_status.unit },
      el('td', {}, shown_name(unit_status)),
      el('td', {}, el('span', { class: `badge ${state}` }, state_name(state)),
        state === 'late' ? el('span', { class: 'muted' }, ` (${state_name(unit_status.state)})`) : null),
      el('td', { class: 'number' }, unit_status.version ? String(unit_status.version) : ''),
      el('td', { class: 'nowrap' }, format_time(unit_status.at_utc)),
      el('td', {}, unit_status.author || ''),
      el('td', { class: 'number' }, unit_status.version ? `${unit_status.errors || 0} / ${unit_status.warnings || 0}` : ''),
      el('td', {}, unit && unit_status.version ? el('button', {
        type: 'button', class: 'secondary', onclick: () => open_unit(unit),
      }, t('Xem', 'Open')) : null)));
  }
  table.append(body);
}

// A unit's row, read-only, with its findings and explanations; return or
// approve it.
async function open_unit(unit) {
  const panel = document.getElementById('unit-panel');
  let row;
  try {
    row = await api('GET', row_path(period, unit.id));
  } catch (error) {
    show_message(error.text(), 'error');
    return;
  }
  clear(panel).hidden = false;
  const shown = (row.unit && row.unit.name_in_period) || unit.name;  // as named in the period
  const explanations = row.explanations || {};
  const list = el('table', { class: 'list' }, el('thead', {}, el('tr', {},
    el('th', {}, t('Chỉ tiêu', 'Indicator')), el('th', {}, t('Giá trị', 'Value')), el('th', {}, t('Phát hiện', 'Findings')),
    el('th', {}, t('Giải thích', 'Explanation')))));
  const body = el('tbody');
  for (const indicator of plan.indicators) {
    const cell = (row.values || {})[indicator.code];
    const found = (row.findings || []).filter((finding) => finding.indicator === indicator.code);
    const comments = (row.comments || []).filter((comment) => comment.indicator === indicator.code);
    body.append(el('tr', { class: found.length ? 'flagged' : null },
      el('td', {}, label_of(indicator)),
      el('td', { class: `number${found.some((f) => f.severity === 'error') ? ' finding-error' : found.some((f) => f.severity === 'warning') ? ' finding-warning' : ''}` }, cell ? cell.raw : ''),
      el('td', {}, found.map((finding) => el('div', { class: `message ${finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info'}` }, t(finding.message, finding.message_en)))),
      el('td', {}, explanations[indicator.code] || '', comments.map((comment) => el('div', { class: 'muted' }, `${comment.author}: ${comment.text}`)))));
  }
  list.append(body);
  const row_level = (row.findings || []).filter((finding) => !finding.indicator);
  const comment = el('textarea', { id: 'return-comment', maxlength: 2000 });
  const at_cell = el('select', { id: 'return-indicator' }, el('option', { value: '' }, t('(cả dòng)', '(the whole row)')),
    plan.indicators.map((indicator) => el('option', { value: indicator.code }, label_of(indicator))));
  const can_move = staff && row.state === 'submitted' && status.state !== 'locked';
  panel.append(
    el('div', { class: 'toolbar' }, el('h2', { class: 'grow' }, `${shown} — ${state_name(row.state)}, ${t('lần', 'version')} ${row.version}`),
      el('button', { type: 'button', class: 'secondary', onclick: () => { panel.hidden = true; } }, t('Đóng', 'Close'))),
    el('div', { class: 'scroll' }, list),
    ...row_level.map((finding) => el('div', { class: `message ${finding.severity === 'error' ? 'error' : 'warning'}` },
      t(finding.message, finding.message_en), explanations[finding.rule || finding.rule_id] ? ` — ${explanations[finding.rule || finding.rule_id]}` : '')),
    can_move ? el('div', { class: 'row' },
      el('div', { class: 'wide' }, el('label', { for: 'return-comment' }, t('Lý do trả lại', 'Why it is returned')), comment),
      el('div', {}, el('label', { for: 'return-indicator' }, t('Tại ô', 'At the cell')), at_cell),
      el('div', {}, el('button', {
        type: 'button', class: 'danger', id: 'return', onclick: async () => {
          if (!comment.value.trim()) {
            show_message(t('Hãy ghi lý do trả lại.', 'Write why it is returned.'), 'error');
            comment.focus();
            return;
          }
          const request = { version: row.version, comment: comment.value.trim() };
          if (at_cell.value) request.indicator = at_cell.value;
          await move(unit, 'return', request, t(`Đã trả lại ${shown}.`, `${shown} returned.`));
        },
      }, t('Trả lại', 'Return'))),
      el('div', {}, el('button', {
        type: 'button', id: 'approve',
        onclick: () => move(unit, 'approve', { version: row.version }, t(`Đã duyệt ${shown}.`, `${shown} approved.`)),
      }, t('Duyệt', 'Approve')))) : null);
  panel.scrollIntoView({ block: 'nearest' });
}

async function move(unit, action, request, done) {
  try {
    await api('POST', `${row_path(period, unit.id)}/${action}`, request);
    show_message(done, 'ok');
    document.getElementById('unit-panel').hidden = true;
    await refresh();
  } catch (error) {
    show_message(error.text(), 'error');
  }
}

// Each refresh draws only while no later one has begun (its status and its
// table alike): a status read begun before a move can be answered after the
// one that follows the move, and the later one is the board as it is.
const refreshes = new Turns();

// The consolidated table as typed (?variant=review), each finding at its
// cell; the table drawn before stays until this one has come.
async function draw_consolidated(turn) {
  let table;
  try {
    table = await api('GET', `${period_path(period)}/table${staff ? '?variant=review' : ''}`);
  } catch (error) {
    if (turn.latest())
      clear(document.getElementById('consolidated')).append(el('p', { class: 'message error' }, error.text()));
    return;
  }
  if (!turn.latest()) return;
  const box = clear(document.getElementById('consolidated'));
  const found = new Map();
  for (const finding of table.findings || []) {
    const key = `${finding.unit}\u0000${finding.indicator || ''}`;
    if (!found.has(key)) found.set(key, []);
    found.get(key).push(finding);
  }
  const head = el('tr', {}, el('th', { class: 'unit' }, t('Đơn vị', 'Unit')),
    plan.indicators.map((indicator) => el('th', { title: t(indicator.label_en, indicator.label) }, label_of(indicator))));
  const body = el('tbody');
  for (const unit_row of table.units || []) {
    const row_findings = found.get(`${unit_row.name}\u0000`) || [];
    body.append(el('tr', {},
      el('td', { class: `unit${row_findings.some((f) => f.severity !== 'info') ? ' finding-warning' : ''}`, title: row_findings.map((f) => t(f.message, f.message_en)).join('\n') || null }, unit_row.name_in_period || unit_row.name),
      plan.indicators.map((indicator) => {
        const here = found.get(`${unit_row.name}\u0000${indicator.code}`) || [];
        const severity = here.some((f) => f.severity === 'error') ? 'error'
          : here.some((f) => f.severity === 'warning') ? 'warning' : here.length ? 'info' : '';
        return el('td', {
          class: `number${severity ? ` finding-${severity}` : ''}`,
          title: here.map((f) => t(f.message, f.message_en)).join('\n') || null,
        }, format_number((unit_row.values || {})[indicator.code], indicator.decimals));
      })));
  }
  if (table.summary) {
    body.append(el('tr', { class: 'total' }, el('td', { class: 'unit' }, t('Toàn thành phố', 'City-wide')),
      plan.indicators.map((indicator) => el('td', { class: 'number' }, format_number(table.summary[indicator.code], indicator.decimals)))));
  }
  box.append(el('table', { class: 'list consolidated' }, el('thead', {}, head), body));
  const count = (table.findings || []).length;
  box.append(el('p', { class: 'muted' }, t(`${count} phát hiện; rê chuột lên ô tô màu để xem.`, `${count} findings; hover a coloured cell to read them.`)));
}

async function refresh() {
  const turn = refreshes.take();
  let answer;
  try {
    answer = await api('GET', `${period_path(period)}/status`);
  } catch (error) {
    if (turn.latest()) show_message(error.text(), 'error');
    return;
  }
  if (!turn.latest()) return;
  status = answer;
  draw_head();
  draw_status();
  await draw_consolidated(turn);
}

await refresh();
