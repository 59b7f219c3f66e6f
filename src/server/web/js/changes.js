// The change trail: every value change (old → new) and every state move,
// with who, when and from which page or file; newest first, filtered, paged by id, and
// downloaded as CSV for Excel (GET /api/changes, /api/changes.csv).
import {
  api, clear, day_value, download, el, format_time, load_units, period_text, show_message, sort_by_name, start_page,
  state_name, t,
} from './common.js';

await start_page({ roles: ['coordinator', 'administrator'] });
const PAGE_SIZE = 100;
const [plan, units] = await Promise.all([api('GET', '/api/plan'), load_units()]);
const label_by_code = new Map(plan.indicators.map((indicator) => [indicator.code, t(indicator.label, indicator.label_en)]));
let next_after_id = null;

const unit_select = document.getElementById('f-unit');
unit_select.append(el('option', { value: '' }, t('(tất cả)', '(all)')),
  ...sort_by_name([...units.units]).map((unit) => el('option', { value: unit.id }, unit.name)));
const indicator_select = document.getElementById('f-indicator');
indicator_select.append(el('option', { value: '' }, t('(tất cả)', '(all)')),
  ...plan.indicators.map((indicator) => el('option', { value: indicator.code }, label_by_code.get(indicator.code))));

function filters() {
  const params = new URLSearchParams();
  const add = (name, id) => {
    const value = document.getElementById(id).value.trim();
    if (value) params.set(name, value);
  };
  add('period', 'f-period');
  add('unit', 'f-unit');
  add('indicator', 'f-indicator');
  add('user', 'f-user');
  for (const [name, id] of [['from', 'f-from'], ['to', 'f-to']]) {
    const day = day_value(document.getElementById(id));
    if (day) params.set(name, day);
  }
  return params;
}

// A state move shows the states' names; a value change the texts typed.
function shown(change, text) {
  if (change.indicator === '' && text) return state_name(text);
  return text ?? '';
}

async function load(more) {
  const params = filters();
  params.set('order', 'newest');
  params.set('limit', String(PAGE_SIZE));
  if (more && next_after_id !== null) params.set('after_id', String(next_after_id));
  let page;
  try {
    page = await api('GET', `/api/changes?${params}`);
  } catch (error) {
    show_message(error.text(), 'error');
    return;
  }
  const table = document.getElementById('changes');
  if (!more) {
    clear(table).append(el('thead', {}, el('tr', {},
      ['Lúc|At', 'Người|User', 'Kỳ|Period', 'Đơn vị|Unit', 'Chỉ tiêu|Indicator', 'Cũ|Old', 'Mới|New', 'Nguồn|Source', 'Lần|Version']
        .map((pair) => el('th', {}, t(...pair.split('|')))))), el('tbody'));
  }
  const body = table.querySelector('tbody');
  for (const change of page.changes || []) {
    body.append(el('tr', {},
      el('td', { class: 'nowrap' }, format_time(change.at)),
      el('td', {}, change.user || ''),
      el('td', {}, period_text(change.period)),
      el('td', {}, change.unit_name || change.unit || ''),
      el('td', {}, change.indicator ? label_by_code.get(change.indicator) || change.indicator : t('(trạng thái)', '(state)')),
      el('td', { class: 'number' }, shown(change, change.old)),
      el('td', { class: 'number' }, shown(change, change.new)),
      el('td', {}, change.source || ''),
      el('td', { class: 'number' }, change.version ? String(change.version) : '')));
  }
  next_after_id = page.next_after_id ?? null;
  document.getElementById('more').hidden = next_after_id === null || (page.changes || []).length < PAGE_SIZE;
  if (!more && (page.changes || []).length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 9 }, t('Không có thay đổi nào khớp bộ lọc.', 'No change matches the filters.'))));
  }
}

document.getElementById('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  load(false);
});
document.getElementById('more').addEventListener('click', () => load(true));
document.getElementById('csv').addEventListener('click', () =>
  download(`/api/changes.csv?${filters()}&order=newest`, 'nhat-ky-thay-doi.csv').catch((error) => show_message(error.text(), 'error')));
await load(false);
