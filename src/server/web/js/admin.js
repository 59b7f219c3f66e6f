// The administration page: the plan's units (administrator and
// coordinator); for the administrator alone, users (add — the one-time
// password shown once —, role and units, disable/enable, reset the
// password), unlocking a locked period with a reason, and the login trail.
// The sections are hidden in the HTML and shown here by role, so a person
// never sees tools the API would refuse them.
import {
  api, clear, el, format_time, lang, load_units, period_text, role_name, role_names, show_message, sort_by_name,
  start_page, t, Turns,
} from './common.js';

const session = await start_page({ roles: ['administrator', 'coordinator'] });
const administrator = session.role === 'administrator';
const units = await load_units();
const unit_name = (id) => (units.by_id.get(String(id)) || units.by_name.get(id) || { name: String(id) }).name;

function role_select(id, value) {
  return el('select', { id }, Object.keys(role_names).map((role) => el('option', { value: role, selected: role === value }, role_name(role))));
}

function units_select(id, chosen) {
  const wanted = new Set((chosen || []).map((unit) => unit_name(unit)));
  return el('select', { id, multiple: true, size: 4 },
    sort_by_name([...units.units]).map((unit) => el('option', { value: unit.id, selected: wanted.has(unit.name) }, unit.name)));
}

function selected_units(select) {
  return [...select.selectedOptions].map((option) => Number(option.value));
}

function show_one_time(user, password) {
  const box = document.getElementById('one-time');
  clear(box).hidden = false;
  box.append(t(`Mật khẩu dùng một lần của ${user}: `, `One-time password of ${user}: `), el('code', { id: 'one-time-password' }, password),
    el('div', { class: 'muted' }, t('Chỉ hiện một lần: hãy chuyển cho người dùng; họ phải đổi khi đăng nhập lần đầu.',
      'Shown once: hand it to the user, who must change it at the first login.')));
}

// Each list is drawn again after each change; an answer that comes back
// after a later one's is dropped (answers can come out of order), and the
// list drawn before stays until the new answer has come.
const drawn = { users: new Turns(), periods: new Turns(), audit: new Turns() };

async function draw_users() {
  const turn = drawn.users.take();
  let users;
  try {
    users = await api('GET', '/api/users');
  } catch (error) {
    if (turn.latest()) show_message(error.text(), 'error');
    return;
  }
  if (!turn.latest()) return;
  const table = clear(document.getElementById('users'));
  table.append(el('thead', {}, el('tr', {},
    ['Tên đăng nhập|User name', 'Tên hiển thị|Display name', 'Vai trò|Role', 'Đơn vị|Units', 'Đăng nhập gần nhất|Last login', 'Trạng thái|State', '']
      .map((pair) => el('th', {}, pair ? t(...pair.split('|')) : '')))));
  const body = el('tbody');
  for (const user of sort_by_name(users, (item) => item.username)) {
    const role = role_select(`role-${user.username}`, user.role);
    const unit_list = units_select(`units-${user.username}`, user.units);
    body.append(el('tr', { 'data-user': user.username },
      el('td', {}, user.username),
      el('td', {}, user.display_name || ''),
      el('td', {}, el('label', { for: role.id, class: 'inline' }, role)),
      el('td', {}, unit_list),
      el('td', { class: 'nowrap' }, format_time(user.last_login)),
      el('td', {}, user.disabled ? t('Đã khóa', 'Disabled') : user.must_change_password ? t('Chờ đổi mật khẩu', 'Must change password') : t('Hoạt động', 'Active')),
      el('td', {}, el('div', { class: 'toolbar' },
        el('button', {
          type: 'button', class: 'small', onclick: () => patch(user.username, { role: role.value, units: selected_units(unit_list) }),
        }, t('Lưu', 'Save')),
        el('button', {
          type: 'button', class: 'small secondary', onclick: () => patch(user.username, { disabled: !user.disabled }),
        }, user.disabled ? t('Mở khóa', 'Enable') : t('Khóa', 'Disable')),
        el('button', {
          type: 'button', class: 'small secondary', onclick: async () => {
            try {
              const reset = await api('POST', `/api/users/${encodeURIComponent(user.username)}/password`, {});
              show_one_time(user.username, reset.one_time_password);
            } catch (error) {
              show_message(error.text(), 'error');
            }
          },
        }, t('Đặt lại mật khẩu', 'Reset password'))))));
  }
  table.append(body);
}

async function patch(username, change) {
  try {
    await api('PATCH', `/api/users/${encodeURIComponent(username)}`, change);
    show_message(t(`Đã lưu ${username}.`, `${username} saved.`), 'ok');
    await draw_users();
  } catch (error) {
    show_message(error.text(), 'error');
  }
}

document.getElementById('u-role').replaceWith(role_select('u-role', 'reporter'));
document.getElementById('u-units').replaceWith(units_select('u-units', []));
document.getElementById('add-user').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = document.getElementById('u-name').value.trim();
  try {
    const added = await api('POST', '/api/users', {
      username,
      display_name: document.getElementById('u-display').value.trim(),
      role: document.getElementById('u-role').value,
      units: selected_units(document.getElementById('u-units')),
    });
    show_one_time(username, added.one_time_password);
    event.target.reset();
    await draw_users();
  } catch (error) {
    show_message(error.text(), 'error');
  }
});

async function draw_periods() {
  const turn = drawn.periods.take();
  const periods = await api('GET', '/api/periods');
  if (!turn.latest()) return;
  const select = clear(document.getElementById('unlock-period'));
  const locked = periods.filter((period) => period.state === 'locked');
  select.append(...(locked.length ? locked.map((period) => el('option', { value: period.period }, period_text(period.period)))
    : [el('option', { value: '' }, t('(không có kỳ nào đã khóa)', '(no locked period)'))]));
}

document.getElementById('unlock').addEventListener('submit', async (event) => {
  event.preventDefault();
  const period = document.getElementById('unlock-period').value;
  if (!period) return;
  try {
    await api('POST', `/api/periods/${encodeURIComponent(period)}/unlock`, { reason: document.getElementById('unlock-reason').value.trim() });
    show_message(t(`Đã mở khóa ${period_text(period)}.`, `${period_text(period)} unlocked.`), 'ok');
    await draw_periods();
  } catch (error) {
    show_message(error.text(), 'error');
  }
});

// The login trail's actions (store/accounts.h: AuthEvent::action) in words.
const ACTION_WORDS = {
  login: ['Đăng nhập', 'Login'],
  login_failed: ['Đăng nhập sai', 'Failed login'],
  login_refused: ['Đăng nhập bị chặn', 'Login refused'],
  logout: ['Đăng xuất', 'Logout'],
  password: ['Đổi mật khẩu', 'Password change'],
  user_add: ['Thêm người dùng', 'User added'],
  user_change: ['Sửa người dùng', 'User changed'],
};

// The trail's details as the store writes them (store/account_flows.cpp, account_secrets.cpp,
// in English), in Vietnamese unless the page is in English.
const DETAIL_WORDS = {
  'wrong password': 'Sai mật khẩu',
  'unknown name': 'Không có tên đăng nhập này',
  'account disabled': 'Tài khoản đã bị khóa',
  'wrong current password': 'Sai mật khẩu hiện tại',
  'changed by the user': 'Người dùng tự đổi',
  'password hash renewed': 'Làm mới mã băm mật khẩu',
  'one-time password set': 'Đặt mật khẩu dùng một lần',
  'password set': 'Đặt mật khẩu',
  'one-time password': 'mật khẩu dùng một lần',
  disabled: 'Khóa tài khoản',
  enabled: 'Mở khóa tài khoản',
  'this account': 'tài khoản này',
  'this address': 'địa chỉ này',
};

// "a → b" with each side's "-" (none) in words.
function change_words(text) {
  return text.split(' → ').map((side) => (side === '-' ? '(không có)' : side)).join(' → ');
}

function detail_part(part) {
  if (DETAIL_WORDS[part]) return DETAIL_WORDS[part];
  let match = /^role (\S+)(?: → (\S+))?$/.exec(part);
  if (match) return `vai trò ${role_name(match[1])}${match[2] ? ` → ${role_name(match[2])}` : ''}`;
  match = /^units (.*)$/.exec(part);
  if (match) return `đơn vị ${change_words(match[1])}`;
  match = /^display name (.*)$/.exec(part);
  if (match) return `tên hiển thị ${change_words(match[1])}`;
  match = /^(\d+) failed logins in (\d+) minutes from (.+): logins are refused for now; try again in (\d+) minutes\.$/.exec(part);
  if (match) {
    return `Đã đăng nhập sai ${match[1]} lần trong ${match[2]} phút từ ${DETAIL_WORDS[match[3]] || match[3]}: ` +
      `tạm thời không đăng nhập được; thử lại sau ${match[4]} phút.`;
  }
  return part;
}

function detail_words(detail) {
  if (!detail || lang() === 'en') return detail || '';
  return detail.split('; ').map(detail_part).join('; ');
}

function action_words(action) {
  const words = ACTION_WORDS[action];
  return words ? t(words[0], words[1]) : action;
}

async function draw_audit() {
  const turn = drawn.audit.take();
  const events = await api('GET', '/api/audit?limit=200');
  if (!turn.latest()) return;
  const table = clear(document.getElementById('audit'));
  table.append(el('thead', {}, el('tr', {},
    ['Lúc|At', 'Người dùng|User', 'Người làm|Actor', 'Việc|Action', 'Địa chỉ|Address', 'Chi tiết|Detail']
      .map((pair) => el('th', {}, t(...pair.split('|')))))),
  el('tbody', {}, [...events].reverse().map((event) => el('tr', {},
    el('td', { class: 'nowrap' }, format_time(event.at_utc)), el('td', {}, event.user), el('td', {}, event.actor || ''),
    el('td', {}, action_words(event.action)), el('td', {}, event.address || ''), el('td', {}, detail_words(event.detail))))));
}

// The units of the plan: number, name, short name, kind.
function draw_units() {
  const table = clear(document.getElementById('units'));
  table.append(el('thead', {}, el('tr', {},
    ['STT|No.', 'Tên đơn vị|Unit', 'Tên ngắn|Short name', 'Loại|Kind'].map((pair) => el('th', {}, t(...pair.split('|')))))),
  el('tbody', {}, units.units.map((unit) => el('tr', { 'data-unit': unit.name },
    el('td', {}, String(unit.id)), el('td', {}, unit.name), el('td', {}, unit.short_name || ''),
    el('td', {}, unit.kind)))));
  document.getElementById('unit-list').hidden = false;
}

draw_units();
if (administrator) {
  document.getElementById('user-tools').hidden = false;
  await Promise.all([draw_users(), draw_periods(), draw_audit()]);
}
