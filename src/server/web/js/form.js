// The reporter's form: one unit's row of one period, laid out as the
// appendix's two-level header.
//
// A cell's life: typed → "chưa lưu" (kept at once in localStorage, so a
// reload or a lost network loses nothing) → checked by the server's rules
// as typed (POST …/check, debounced) → saved with the version it was based
// on (PUT, debounced) → "đã lưu". Without network the cell says "chưa lưu"
// in red ("chưa lưu — mất mạng" to screen readers and in its tooltip) and the
// save is tried again when the browser is back online and every few seconds;
// a server that answers but cannot save for now (503: its database busy or
// out of reach, or too many requests waiting) is tried again every few
// seconds the same way ("chưa lưu — máy chủ bận"). A save based on a stale
// version (409) shows both values and lets the person choose; nothing is
// overwritten silently. When the server holds the very values typed (the
// page's own save, whose answer was lost while its commit went through),
// there is nothing to choose: the form takes the server's version.
import {
  ApiError, api, clear, download, el, file_picker, format_number, format_time, period_text,
  query, row_path, show_message, start_page, state_name, t, Turns, upload_chosen_file,
} from './common.js';
import { split_pasted_row } from './paste.js';

const CHECK_DELAY_MS = 350;
const SAVE_DELAY_MS = 900;
const RETRY_DELAY_MS = 5000;

await start_page();
const period = query('period');
const unit_id = query('unit');
const draft_key = `chiso.draft:${period}:${unit_id}`;

// The row is asked for at once, beside the plan: it names its unit {id,
// name, short_name, kind}, so the form needs no list of every unit (a
// megabyte on a plan of 10,000 units).
const first_row = api('GET', row_path(period, unit_id));
first_row.catch(() => {});  // its error is shown where it is awaited (load_row)
const plan = await api('GET', '/api/plan');
let unit = null;           // the row's unit, from its first answer
const indicators = plan.indicators;
const indicator_by_code = new Map(indicators.map((indicator) => [indicator.code, indicator]));
const group_by_id = new Map((plan.groups || []).map((group) => [group.id ?? group.title, group]));

let row = null;            // the row as the server last sent it
let base_version = 0;      // the version the typed values are based on
const typed = new Map();   // code → text in the input
const saved = new Map();   // code → text the server acknowledged
const cell_state = new Map();  // code → 'pending' | 'saving' | 'saved' | 'offline'
let findings = [];
let editable = false;
let check_timer = 0;
let save_timer = 0;
let retry_timer = 0;
let saving = false;
// Why the server cannot save for now, when it says: the period is held by
// an import, a lock or an unlock elsewhere (a 503 naming the period).
let period_held = false;
let save_again = false;
const checks = new Turns();  // a check's findings drawn only if no later check has begun
const inputs = [];

function label_of(indicator) {
  return t(indicator.label, indicator.label_en);
}

function other_label_of(indicator) {
  return t(indicator.label_en || '', indicator.label);
}

// ---- the draft in localStorage --------------------------------------------

function keep_draft() {
  const values = {};
  let dirty = false;
  for (const [code, text] of typed) {
    values[code] = text;
    if ((saved.get(code) || '') !== text) dirty = true;
  }
  if (!dirty) {
    localStorage.removeItem(draft_key);
    return;
  }
  localStorage.setItem(draft_key, JSON.stringify({ base_version, values, at: new Date().toISOString() }));
}

function stored_draft() {
  try {
    const draft = JSON.parse(localStorage.getItem(draft_key) || 'null');
    return draft && typeof draft.values === 'object' ? draft : null;
  } catch {
    return null;
  }
}

function dirty_codes() {
  return [...typed.keys()].filter((code) => (saved.get(code) || '') !== (typed.get(code) || ''));
}

// ---- drawing ----------------------------------------------------------------

// The row's period {period, text, state, deadline}: an object in the row, or
// (an older server) its fields beside the row's.
function period_info() {
  if (row.period && typeof row.period === 'object') return row.period;
  return { period: row.period || period, text: period_text(period), state: row.period_state, deadline: row.deadline };
}

// The coordinator's last return {comment, author, at, indicator}, or null.
function return_note() {
  return row.returned || null;
}

function draw_head() {
  const head = clear(document.getElementById('form-head'));
  const info = period_info();
  const state = row.state;
  head.append(
    el('h1', {}, `${unit ? unit.name_in_period || unit.name : unit_id} — ${period_text(info.period || period)}`),
    el('div', { class: 'toolbar' },
      el('span', { class: `badge ${state}`, id: 'row-state' }, state_name(state)),
      el('span', { class: 'muted', id: 'row-version' }, row.version ? t(`Lần ${row.version}`, `Version ${row.version}`) : ''),
      info.deadline ? el('span', { class: 'muted' }, t(`Hạn nộp: ${info.deadline.split('-').reverse().join('/')}`, `Deadline: ${info.deadline}`)) : null,
      info.state === 'locked' ? el('span', { class: 'badge locked' }, state_name('locked')) : null,
      el('span', { class: 'grow' }),
      el('span', { id: 'save-summary', class: 'muted', role: 'status', 'aria-live': 'polite' })));
  const returned = document.getElementById('returned');
  const note = return_note();
  returned.hidden = !note;
  if (note) {
    clear(returned).append(
      el('strong', {}, t('Điều phối viên đã trả lại báo cáo: ', 'The coordinator returned the report: ')),
      note.comment,
      note.indicator && indicator_by_code.get(note.indicator)
        ? ` (${t('tại ô', 'at the cell')} “${label_of(indicator_by_code.get(note.indicator))}”)` : '',
      el('span', { class: 'muted' }, ` — ${note.author || ''}, ${format_time(note.at)}`));
  }
}

// The header: the groups over their indicators, an ungrouped indicator
// spanning both lines, as the appendix draws it.
function draw_sheet() {
  const group_line = el('tr', { class: 'groups' }, el('th', { class: 'unit', rowspan: 2, scope: 'col' }, t('Tên đơn vị', 'Unit')));
  const label_line = el('tr');
  for (let idx = 0; idx < indicators.length;) {
    const group_id = indicators[idx].group || '';
    let span = 1;
    while (group_id && idx + span < indicators.length && (indicators[idx + span].group || '') === group_id) span++;
    if (group_id) {
      const group = group_by_id.get(group_id) || { title: group_id };
      group_line.append(el('th', { colspan: span, scope: 'colgroup', title: t(group.title_en || '', group.title) },
        t(group.title, group.title_en)));
      for (let inner = idx; inner < idx + span; inner++) label_line.append(header_cell(indicators[inner], 1));
    } else {
      group_line.append(header_cell(indicators[idx], 2));
    }
    idx += span;
  }
  const body_line = el('tr', {}, el('th', { class: 'unit', scope: 'row' }, unit ? unit.name_in_period || unit.name : unit_id));
  inputs.length = 0;
  for (const indicator of indicators) body_line.append(value_cell(indicator));
  const table = el('table', { class: 'sheet', id: 'sheet' }, el('thead', {}, group_line, label_line), el('tbody', {}, body_line));
  clear(document.getElementById('sheet-box')).append(table);
}

function header_cell(indicator, rowspan) {
  return el('th', { rowspan: rowspan > 1 ? rowspan : null, scope: 'col', title: other_label_of(indicator) },
    el('label', { for: `v-${indicator.code}` }, label_of(indicator)));
}

// Whether the indicator applies to this unit's kind (applies_to [] = every kind).
function applies(indicator) {
  const kinds = indicator.applies_to || [];
  return kinds.length === 0 || Boolean(unit && kinds.includes(unit.kind));
}

// The plan's not-applicable markers ("-", "N/A", "không áp dụng"), folded.
const markers = new Set((plan.not_applicable_markers || []).map((marker) => marker.trim().toLocaleLowerCase('vi')));
function is_marker(text) {
  return markers.has((text || '').trim().toLocaleLowerCase('vi'));
}

function mark_marker(code) {
  const cell = document.getElementById(`c-${code}`);
  if (cell) cell.classList.toggle('marker', is_marker(typed.get(code)));
}

function value_cell(indicator) {
  const code = indicator.code;
  const applicable = applies(indicator);
  const marker_list = (plan.not_applicable_markers || []).join(', ');
  const hint = marker_list ? t(`Không áp dụng: gõ ${marker_list}`, `Does not apply: type ${marker_list}`) : '';
  const input = el('input', {
    class: 'value', id: `v-${code}`, type: 'text', autocomplete: 'off', spellcheck: 'false',
    inputmode: indicator.kind === 'mark' || indicator.kind === 'grade' ? 'text' : 'decimal',
    title: [other_label_of(indicator), hint].filter(Boolean).join('\n'),
    'data-code': code,
    // A grade: its values to choose from (and the markers), typing still allowed.
    list: indicator.kind === 'grade' && applicable ? `dl-${code}` : null,
    placeholder: applicable ? null : t('không áp dụng', 'n/a'),
  });
  input.value = typed.get(code) || '';
  input.readOnly = !editable || !applicable;
  input.addEventListener('input', () => on_typed(code, input.value));
  input.addEventListener('keydown', (event) => on_key(event, input));
  input.addEventListener('paste', (event) => on_paste(event, input));
  const choices = indicator.kind === 'grade' && applicable
    ? el('datalist', { id: `dl-${code}` }, ...[...(indicator.allowed || []), ...(plan.not_applicable_markers || [])]
      .map((value) => el('option', { value })))
    : null;
  const scale = indicator.max !== null && indicator.max !== undefined
    ? el('span', { class: 'scale', id: `m-${code}` }, `/ ${format_number(indicator.max, indicator.decimals)}`) : null;
  const classes = ['cell', indicator.kind === 'grade' ? 'grade' : '', applicable ? '' : 'not-applicable',
    is_marker(typed.get(code)) ? 'marker' : ''].filter(Boolean).join(' ');
  inputs.push(input);
  const cell = el('td', { class: classes, id: `c-${code}`, 'data-kind': indicator.kind },
    el('div', { class: 'entry' }, input, scale, choices),
    applicable ? null : el('div', { class: 'applies' }, t('Không áp dụng cho đơn vị này', 'Does not apply to this unit')),
    el('span', { class: 'save-state', id: `s-${code}` }),
    el('div', { class: 'previous', id: `p-${code}` }),
    el('div', { class: 'findings', id: `f-${code}` }),
    el('div', { class: 'notes', id: `n-${code}` }),
    el('div', { class: 'tools' },
      el('button', {
        type: 'button', class: 'link small', 'aria-label': `${t('Ghi chú cho', 'Comment on')} ${label_of(indicator)}`,
        onclick: () => ask_comment(code),
      }, t('Ghi chú', 'Comment'))));
  return cell;
}

function draw_previous() {
  const previous = row.previous || [];
  for (const indicator of indicators) {
    const box = document.getElementById(`p-${indicator.code}`);
    if (!box) continue;
    clear(box);
    // Not this unit's indicator: no earlier value to compare (the server
    // gives null for one typed anyway).
    if (!applies(indicator)) continue;
    const shown = previous.filter((earlier) => earlier.values && earlier.values[indicator.code] !== undefined &&
      earlier.values[indicator.code] !== null);
    if (shown.length === 0) continue;
    const text = shown.map((earlier) => `${period_text(earlier.period)}: ${format_number(earlier.values[indicator.code], indicator.decimals)}`);
    box.title = text.join('\n');
    box.append(text.slice(0, 2).join(' · '));
  }
}

// A note: who wrote it, the text, when.
function comment_note(comment) {
  return el('div', { class: 'note' }, el('strong', {}, `${comment.author}: `), comment.text,
    el('span', { class: 'muted' }, ` (${format_time(comment.at)})`));
}

// The comments at their cells; those on the whole row (indicator "") under
// the form, with a button to add one.
function draw_notes() {
  const row_notes = clear(document.getElementById('form-tools'));
  row_notes.append(el('div', { class: 'grow' }, (row.comments || []).filter((item) => !item.indicator).map(comment_note)),
    el('button', { type: 'button', class: 'secondary', id: 'row-comment', onclick: () => ask_comment('') },
      t('Ghi chú cho cả dòng', 'Comment on the whole row')));
  for (const indicator of indicators) {
    const box = document.getElementById(`n-${indicator.code}`);
    if (!box) continue;
    clear(box);
    const note = return_note();
    if (note && note.indicator === indicator.code) {
      box.append(el('div', { class: 'note returned' }, el('strong', {}, t('Trả lại: ', 'Returned: ')), note.comment));
    }
    box.append(...(row.comments || []).filter((item) => item.indicator === indicator.code).map(comment_note));
  }
}

// A finding's correction as people type it ("29,32"), or "".
function correction_of(finding) {
  if (finding.expected === undefined || finding.expected === null || typeof finding.expected !== 'number') return '';
  const indicator = indicator_by_code.get(finding.indicator);
  const decimals = indicator ? indicator.decimals : 2;
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: decimals ?? 2, useGrouping: false }).format(finding.expected);
}

function finding_box(finding, with_fix) {
  // A blank cell (severity info) is said briefly: the whole sentence, which
  // names the unit and the indicator, is in the tooltip.
  if (finding.severity === 'info' && with_fix) {
    return el('div', { class: 'finding info', title: t(finding.message, finding.message_en) }, t('Chưa nhập', 'Not filled in'));
  }
  const fix = with_fix && editable ? correction_of(finding) : '';
  return el('div', { class: `finding ${finding.severity}`, 'data-rule': finding.rule || finding.rule_id || '' },
    t(finding.message, finding.message_en),
    finding.hint ? el('div', {}, t(finding.hint, finding.hint_en)) : null,
    fix ? el('button', {
      type: 'button', class: 'small', 'data-fix': fix,
      onclick: () => apply_fix(finding.indicator, fix),
    }, t(`Sửa thành ${fix}`, `Change to ${fix}`)) : null);
}

function draw_findings() {
  for (const indicator of indicators) {
    const box = document.getElementById(`f-${indicator.code}`);
    if (!box) continue;
    clear(box);
    const cell = document.getElementById(`c-${indicator.code}`);
    cell.classList.remove('has-error', 'has-warning');
  }
  const row_box = clear(document.getElementById('row-findings'));
  for (const finding of findings) {
    const box = finding.indicator ? document.getElementById(`f-${finding.indicator}`) : null;
    if (box) {
      box.append(finding_box(finding, true));
      if (finding.severity !== 'info') {
        document.getElementById(`c-${finding.indicator}`).classList.add(finding.severity === 'error' ? 'has-error' : 'has-warning');
      }
    } else {
      row_box.append(finding_box(finding, false));
    }
  }
  draw_submit();
}

// What a cell's state line shows under the value, and why, which screen
// readers and the tooltip say but the line does not draw: it must fit the
// narrowest column on one line, and the page's summary line says it already.
const state_words = {
  pending: ['chưa lưu', 'not saved'],
  saving: ['đang lưu…', 'saving…'],
  saved: ['đã lưu', 'saved'],
  offline: ['chưa lưu', 'not saved'],
  waiting: ['chưa lưu', 'not saved'],
};
const state_reasons = {
  offline: [' — mất mạng', ' — offline'],
  waiting: [' — máy chủ bận, sẽ thử lại', ' — the server is busy; trying again'],
};

function set_cell_state(code, state) {
  cell_state.set(code, state);
  const box = document.getElementById(`s-${code}`);
  if (!box) return;
  box.className = `save-state ${state || ''}`;
  clear(box);
  box.removeAttribute('title');
  if (state) {
    const words = t(...state_words[state]);
    const reason = state_reasons[state] ? t(...state_reasons[state]) : '';
    box.append(words);
    if (reason) box.append(el('span', { class: 'visually-hidden' }, reason));
    box.title = words + reason;
  }
  const summary = document.getElementById('save-summary');
  if (summary) {
    const states = [...cell_state.values()];
    summary.textContent = states.includes('offline') ? t('Mất mạng: bản nháp được giữ trong trình duyệt và sẽ lưu khi có mạng.', 'Offline: the draft is kept in the browser and saved when the network returns.')
      : states.includes('waiting') && period_held ? t(`${period_text(period)} đang được nhập số liệu, khoá hoặc mở khoá ở nơi khác: bản nháp được giữ trong trình duyệt và sẽ tự lưu lại sau ít giây.`, `${period_text(period)} is being imported, locked or unlocked elsewhere: the draft is kept in the browser and saved again in a few seconds.`)
      : states.includes('waiting') ? t('Máy chủ tạm thời chưa lưu được: bản nháp được giữ trong trình duyệt và sẽ tự lưu lại sau ít giây.', 'The server cannot save for now: the draft is kept in the browser and saved again in a few seconds.')
        : states.includes('saving') ? t('Đang lưu…', 'Saving…')
          : states.includes('pending') ? t('Có ô chưa lưu', 'Some cells are not saved')
            : row.version ? t(`Đã lưu (lần ${base_version})`, `Saved (version ${base_version})`) : '';
  }
}

// ---- typing -------------------------------------------------------------

function on_typed(code, text) {
  typed.set(code, text);
  mark_marker(code);
  keep_draft();
  set_cell_state(code, (saved.get(code) || '') === text ? 'saved' : 'pending');
  clearTimeout(check_timer);
  check_timer = setTimeout(check_now, CHECK_DELAY_MS);
  clearTimeout(save_timer);
  save_timer = setTimeout(save_now, SAVE_DELAY_MS);
  draw_submit();
}

function apply_fix(code, text) {
  const input = document.getElementById(`v-${code}`);
  input.value = text;
  on_typed(code, text);
  input.focus();
}

// Enter moves on as Tab does (Shift+Enter back), as in Excel.
function on_key(event, input) {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  const idx = inputs.indexOf(input);
  const next = inputs[idx + (event.shiftKey ? -1 : 1)];
  if (next) {
    next.focus();
    next.select();
  }
}

// A row copied from Excel or Word: tab-separated cells, perhaps with the
// order number and the unit's name first. Fills the row from this cell on.
function on_paste(event, input) {
  if (!editable) return;
  const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
  if (!text.includes('\t')) return;
  event.preventDefault();
  const start = inputs.indexOf(input);
  const cells = split_pasted_row(text, inputs.length - start, unit ? [unit.name, unit.short_name] : []);
  cells.forEach((value, offset) => {
    const target = inputs[start + offset];
    if (!target) return;
    target.value = value;
    on_typed(target.dataset.code, value);
  });
  show_message(t(`Đã dán ${cells.length} ô.`, `${cells.length} cells pasted.`), 'ok');
}

function typed_values() {
  const values = {};
  for (const [code, text] of typed) if (text.trim() !== '') values[code] = text;
  return values;
}

async function check_now() {
  const turn = checks.take();
  try {
    const checked = await api('POST', `${row_path(period, unit.id)}/check`, { values: typed_values() });
    if (!turn.latest()) return;
    findings = checked.findings || [];
    draw_findings();
  } catch (error) {
    // Without network or with the server busy (503) the cells' line says
    // so and the save that follows checks again: nothing to show above.
    if (error.status !== 0 && error.status !== 503) show_message(error.text(), 'error');
  }
}

async function save_now() {
  clearTimeout(save_timer);
  clearTimeout(retry_timer);
  if (!editable) return;
  if (saving) {
    save_again = true;
    return;
  }
  const codes = dirty_codes();
  if (codes.length === 0) return;
  saving = true;
  const sent = new Map(typed);
  for (const code of codes) set_cell_state(code, 'saving');
  try {
    const answer = await api('PUT', row_path(period, unit.id), { values: typed_values(), version: base_version });
    base_version = answer.version;
    row.version = answer.version;
    row.state = answer.state || 'draft';
    for (const [code, text] of sent) saved.set(code, text);
    for (const code of codes) set_cell_state(code, (typed.get(code) || '') === (sent.get(code) || '') ? 'saved' : 'pending');
    findings = answer.findings || findings;
    keep_draft();
    draw_findings();
    update_state_badge();
  } catch (error) {
    if (error.status === 0 || error.status === 503) {
      period_held = error.status === 503 && error.field === 'period';
      for (const code of codes) set_cell_state(code, error.status === 0 ? 'offline' : 'waiting');
      retry_timer = setTimeout(save_now, RETRY_DELAY_MS);
    } else if (error.status === 409 && error.detail && error.detail.values) {
      for (const code of codes) set_cell_state(code, 'pending');
      show_conflict(error.detail);
    } else {
      for (const code of codes) set_cell_state(code, 'pending');
      show_message(error.text(), 'error');
    }
  } finally {
    saving = false;
    if (save_again) {
      save_again = false;
      save_timer = setTimeout(save_now, 0);
    }
  }
}

function update_state_badge() {
  const badge = document.getElementById('row-state');
  badge.className = `badge ${row.state}`;
  badge.textContent = state_name(row.state);
  document.getElementById('row-version').textContent = row.version ? t(`Lần ${row.version}`, `Version ${row.version}`) : '';
}

// ---- a conflict: both values, the person chooses ---------------------------

function show_conflict(current) {
  const dialog = clear(document.getElementById('conflict'));
  const theirs = current.values || {};
  const their_text_of = (code) => (typeof theirs[code] === 'object' && theirs[code] ? theirs[code].raw : theirs[code] || '');
  const codes = indicators.map((indicator) => indicator.code).filter((code) => (typed.get(code) || '') !== their_text_of(code));
  if (codes.length === 0) {
    // The server holds what was typed: this page's own save, whose answer
    // was lost (a 503 or the network while its commit went through), or
    // someone who typed the same. Nothing to choose: saved, at its version.
    base_version = current.version;
    row.version = current.version;
    if (current.state) row.state = current.state;
    for (const indicator of indicators) {
      saved.set(indicator.code, their_text_of(indicator.code));
      if (cell_state.has(indicator.code)) set_cell_state(indicator.code, 'saved');
    }
    keep_draft();
    update_state_badge();
    return;
  }
  const choice = new Map(codes.map((code) => [code, 'mine']));
  const grid = el('div', { class: 'choices' },
    el('strong', {}, t('Chỉ tiêu', 'Indicator')), el('strong', {}, t('Bạn đã gõ', 'You typed')), el('strong', {}, t('Trên máy chủ', 'On the server')));
  for (const code of codes) {
    const their_text = their_text_of(code);
    const name = `choice-${code}`;
    grid.append(el('span', {}, label_of(indicator_by_code.get(code))),
      el('label', { class: 'inline' }, el('input', { type: 'radio', name, checked: true, onchange: () => choice.set(code, 'mine') }), typed.get(code) || t('(trống)', '(blank)')),
      el('label', { class: 'inline' }, el('input', { type: 'radio', name, onchange: () => choice.set(code, 'theirs') }), their_text || t('(trống)', '(blank)')));
  }
  dialog.append(
    el('h2', {}, t('Người khác đã lưu dòng này trước bạn', 'Someone else saved this row before you')),
    el('p', {}, t(`Trên máy chủ đã có lần ${current.version}${current.author ? ` của ${current.author}` : ''}. Chọn giá trị giữ lại cho từng ô:`,
      `The server has version ${current.version}${current.author ? ` by ${current.author}` : ''}. Choose the value to keep in each cell:`)),
    grid,
    el('p', { class: 'toolbar' }, el('button', {
      type: 'button', id: 'conflict-keep',
      onclick: () => {
        base_version = current.version;
        for (const indicator of indicators) {
          const code = indicator.code;
          const their_text = their_text_of(code);
          saved.set(code, their_text);
          if (choice.get(code) === 'theirs' || !codes.includes(code)) {
            typed.set(code, their_text);
            document.getElementById(`v-${code}`).value = their_text;
          }
          set_cell_state(code, (typed.get(code) || '') === their_text ? 'saved' : 'pending');
        }
        dialog.close();
        keep_draft();
        save_now();
        check_now();
      },
    }, t('Giữ các giá trị đã chọn', 'Keep the chosen values'))));
  if (!dialog.open) dialog.showModal();
}

// ---- comments ---------------------------------------------------------------

function ask_comment(code) {
  const dialog = clear(document.getElementById('comment-dialog'));
  const indicator = indicator_by_code.get(code);
  const text = el('textarea', { id: 'comment-text', maxlength: 2000 });
  dialog.append(
    el('h2', {}, indicator ? t('Ghi chú cho ô', 'Comment on the cell') : t('Ghi chú cho cả dòng', 'Comment on the whole row')),
    indicator ? el('p', {}, label_of(indicator)) : null,
    el('label', { for: 'comment-text' }, t('Ghi chú', 'Comment')), text,
    el('p', { class: 'toolbar' },
      el('button', {
        type: 'button', onclick: async () => {
          if (!text.value.trim()) return;
          try {
            const comment = await api('POST', `${row_path(period, unit.id)}/comments`, { indicator: code, text: text.value.trim() });
            row.comments = [...(row.comments || []), comment];
            draw_notes();
            dialog.close();
          } catch (error) {
            show_message(error.text(), 'error');
          }
        },
      }, t('Lưu ghi chú', 'Save the comment')),
      el('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('Thôi', 'Cancel'))));
  dialog.showModal();
  text.focus();
}

// ---- submitting -------------------------------------------------------------

function explanation_key(finding) {
  return finding.indicator || finding.rule || finding.rule_id || '';
}

const explanations = new Map();

function draw_submit() {
  const panel = document.getElementById('submit-panel');
  if (!editable) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const errors = findings.filter((finding) => finding.severity === 'error');
  const warnings = findings.filter((finding) => finding.severity === 'warning');
  const focused_key = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.explains : null;
  clear(panel).append(el('h2', {}, t('Nộp báo cáo', 'Submit the report')));
  if (errors.length) {
    panel.append(el('p', { class: 'message error' }, t(`Còn ${errors.length} lỗi: sửa hết mới nộp được.`, `Errors remaining: ${errors.length}. Fix them all to submit.`)));
  }
  for (const warning of warnings) {
    const key = explanation_key(warning);
    const id = `why-${key}`;
    const box = el('input', { id, 'data-explains': key, maxlength: 500, value: explanations.get(key) || '' });
    box.addEventListener('input', () => {
      explanations.set(key, box.value);
      submit_button.disabled = !can_submit();
    });
    panel.append(el('label', { for: id }, t(`Giải thích cảnh báo: ${warning.message}`, `Explain the warning: ${warning.message_en || warning.message}`)), box);
    if (key === focused_key) setTimeout(() => box.focus(), 0);
  }
  const submit_button = el('button', { type: 'button', id: 'submit', onclick: submit_now }, t('Nộp báo cáo', 'Submit'));
  submit_button.disabled = !can_submit();
  panel.append(el('p', { class: 'toolbar' }, submit_button,
    dirty_codes().length ? el('span', { class: 'muted' }, t('Đợi lưu xong các ô…', 'Waiting for the cells to be saved…')) : null));
}

function can_submit() {
  if (!editable || base_version === 0 || dirty_codes().length) return false;
  if (findings.some((finding) => finding.severity === 'error')) return false;
  return findings.filter((finding) => finding.severity === 'warning')
    .every((warning) => (explanations.get(explanation_key(warning)) || '').trim() !== '');
}

async function submit_now() {
  const given = {};
  for (const finding of findings.filter((item) => item.severity === 'warning')) {
    given[explanation_key(finding)] = (explanations.get(explanation_key(finding)) || '').trim();
  }
  try {
    await api('POST', `${row_path(period, unit.id)}/submit`, { version: base_version, explanations: given });
    show_message(t('Đã nộp báo cáo.', 'The report is submitted.'), 'ok');
    await load_row();
  } catch (error) {
    show_message(error.text(), 'error');
  }
}

// ---- files ----------------------------------------------------------------

function draw_files() {
  const panel = clear(document.getElementById('files-panel'));
  const { input: file, picker } = file_picker('upload-file', '.xlsx,.docx,.csv,.tsv,.txt');
  panel.append(el('h2', {}, t('Tệp', 'Files')));
  // The submitted (or approved) row as a document to sign and file on paper.
  if (row.state === 'submitted' || row.state === 'approved') {
    panel.append(el('div', { class: 'toolbar', id: 'own-document' },
      el('span', {}, t(`Văn bản lần ${row.version} để ký, đóng dấu:`, `Version ${row.version} as a document to sign:`)),
      ...['docx', 'pdf'].map((format) => el('button', {
        type: 'button', class: 'secondary', 'data-document': format,
        onclick: () => download(`${row_path(period, unit.id)}/document.${format}`, `so-lieu-${period}-don-vi-${unit.id}.${format}`)
          .catch((error) => show_message(error.text(), 'error')),
      }, format.toUpperCase()))));
  }
  if (editable) {
    panel.append(el('div', { class: 'row' },
      el('div', {}, el('label', { for: 'upload-file' }, t('Tải lên dòng của đơn vị (XLSX, DOCX, CSV)', "Upload the unit's row (XLSX, DOCX, CSV)")), picker),
      el('div', {}, el('button', {
        type: 'button', class: 'secondary', onclick: async () => {
          if (!(await upload_chosen_file(period, file))) return;
          localStorage.removeItem(draft_key);
          await load_row();
        },
      }, t('Tải lên', 'Upload')))));
  }
}

// ---- loading ----------------------------------------------------------------

async function load_row(answer) {
  row = await (answer || api('GET', row_path(period, unit.id)));
  unit = row.unit;
  base_version = row.version || 0;
  typed.clear();
  saved.clear();
  for (const [code, cell] of Object.entries(row.values || {})) {
    typed.set(code, cell.raw ?? '');
    saved.set(code, cell.raw ?? '');
  }
  findings = row.findings || [];
  const period_open = period_info().state !== 'locked';
  editable = period_open && ['not_started', 'draft', 'returned'].includes(row.state);
  const draft = editable ? stored_draft() : null;
  draw_head();
  draw_sheet();
  draw_previous();
  draw_notes();
  draw_findings();
  draw_files();
  cell_state.clear();
  if (draft) {
    // What was typed here and not saved yet: back into the cells, then saved
    // (a conflict if someone saved meanwhile).
    let restored = 0;
    for (const [code, text] of Object.entries(draft.values)) {
      if (!indicator_by_code.has(code) || (typed.get(code) || '') === text) continue;
      typed.set(code, text);
      document.getElementById(`v-${code}`).value = text;
      set_cell_state(code, 'pending');
      restored++;
    }
    if (restored) {
      show_message(t(`Đã khôi phục ${restored} ô gõ chưa lưu từ trình duyệt.`, `${restored} unsaved cells restored from the browser.`), 'info');
      if (draft.base_version !== base_version) {
        show_conflict({ version: base_version, author: row.author, values: Object.fromEntries(saved) });
      } else {
        save_now();
      }
      check_now();
    } else {
      localStorage.removeItem(draft_key);
    }
  }
  if (!editable) {
    const why = period_info().state === 'locked' ? t('Kỳ đã khóa: chỉ xem.', 'The period is locked: read only.')
      : row.state === 'approved' ? t('Báo cáo đã được duyệt: chỉ xem.', 'Approved: read only.')
        : t('Báo cáo đã nộp: chỉ xem. Điều phối viên có thể trả lại để sửa.', 'Submitted: read only. The coordinator may return it for changes.');
    show_message(why, 'info');
  }
}

window.addEventListener('online', () => save_now());
window.addEventListener('pagehide', () => keep_draft());

try {
  await load_row(first_row);
} catch (error) {
  // A unit the plan does not know is a 404 that names it.
  show_message(error instanceof ApiError ? error.text() : String(error), 'error');
}
