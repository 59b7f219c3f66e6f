// Home: the periods, by role. A reporter sees each period with the state of
// their own units' rows and a link to each form; the coordinator opens a
// period and goes to its board.
import {
  api, clear, el, format_date, late, load_units, parse_day, period_text, row_path, show_message, sort_by_name, start_page,
  state_name, t,
} from './common.js';

const session = await start_page();
const staff = session.role === 'coordinator' || session.role === 'administrator';
const { by_name } = await load_units();

async function own_rows(period) {
  const names = sort_by_name([...session.units], (name) => name);
  return Promise.all(names.map(async (name) => {
    const unit = by_name.get(name);
    if (!unit) return { name, state: '?' };
    try {
      const row = await api('GET', row_path(period.period, unit.id));
      // Named as the unit was in that period (issue 15 §3).
      return { name: (row.unit && row.unit.name_in_period) || name, unit, state: row.state, version: row.version };
    } catch (error) {
      return { name, unit, state: '?', error: error.text() };
    }
  }));
}

async function draw() {
  const box = clear(document.getElementById('periods'));
  let periods;
  try {
    periods = await api('GET', '/api/periods');
  } catch (error) {
    show_message(error.text(), 'error');
    return;
  }
  periods.sort((a, b) => b.period.localeCompare(a.period));
  if (periods.length === 0) {
    box.append(el('p', {}, t('Chưa có kỳ báo cáo nào.', 'No reporting period yet.')));
    return;
  }
  const table = el('table', { class: 'list' },
    el('thead', {}, el('tr', {},
      el('th', {}, t('Kỳ', 'Period')),
      el('th', {}, t('Trạng thái', 'State')),
      el('th', {}, t('Hạn nộp', 'Deadline')),
      staff ? el('th', {}, t('Đơn vị đã có số liệu', 'Units with data')) : null,
      el('th', {}, staff ? t('Theo dõi', 'Board') : t('Đơn vị của bạn', 'Your units')))));
  const body = el('tbody');
  table.append(body);
  for (const period of periods) {
    const action = el('td');
    if (staff) {
      action.append(el('a', { class: 'button secondary', href: `/theo-doi?period=${encodeURIComponent(period.period)}` },
        t('Mở bảng theo dõi', 'Open the board')));
    } else if (session.role === 'reporter') {
      for (const row of await own_rows(period)) {
        const state = late(period.deadline, row.state) ? 'late' : row.state;
        action.append(el('div', { class: 'toolbar' },
          row.unit
            ? el('a', { href: `/bieu-mau?period=${encodeURIComponent(period.period)}&unit=${row.unit.id}` }, row.name)
            : row.name,
          el('span', { class: `badge ${state}` }, state_name(state)),
          row.version ? el('span', { class: 'muted' }, t(`lần ${row.version}`, `version ${row.version}`)) : null));
      }
    } else {
      action.append(el('a', { href: `/theo-doi?period=${encodeURIComponent(period.period)}` }, t('Xem bảng', 'View the table')));
    }
    body.append(el('tr', {},
      el('td', {}, el('strong', {}, period_text(period.period)), el('div', { class: 'muted' }, period.period)),
      el('td', {}, el('span', { class: `badge ${period.state}` }, state_name(period.state))),
      el('td', {}, format_date(period.deadline)),
      staff ? el('td', { class: 'number' }, String(period.unit_count)) : null,
      action));
  }
  box.append(table);
}

if (staff) {
  document.getElementById('open-period').hidden = false;
  document.getElementById('open-period-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const deadline = parse_day(document.getElementById('deadline').value);
    if (deadline === null) {
      show_message(t(`Hạn nộp «${document.getElementById('deadline').value}» không phải một ngày; cần dạng 10/04/2025.`,
        `The deadline «${document.getElementById('deadline').value}» is not a day; expected e.g. 2025-04-10.`), 'error');
      return;
    }
    try {
      const opened = await api('POST', '/api/periods', {
        period: document.getElementById('period-text').value.trim(),
        deadline,
      });
      show_message(t(`Đã mở kỳ ${opened.text}.`, `Period ${opened.text_en || opened.period} opened.`), 'ok');
      await draw();
    } catch (error) {
      show_message(error.text(), 'error');
    }
  });
}
await draw();
