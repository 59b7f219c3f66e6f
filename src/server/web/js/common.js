// What every page shares: the API call (session cookie + CSRF token), the
// language (Vietnamese first, English kept in localStorage), Vietnamese
// numbers and periods, building elements without innerHTML, and the page
// header with its navigation by role.

const LANG_KEY = 'chiso.lang';

export function lang() {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
}

// The text in the chosen language.
export function t(vi, en) {
  return lang() === 'en' && en ? en : vi;
}

// Static text of a page: an element with data-en shows it in English.
function translate_page() {
  document.documentElement.lang = lang();
  text_date_fields();
  if (lang() !== 'en') return;
  for (const node of document.querySelectorAll('[data-en]')) node.textContent = node.dataset.en;
  for (const node of document.querySelectorAll('[data-en-placeholder]')) node.placeholder = node.dataset.enPlaceholder;
  if (document.body.dataset.titleEn) document.title = document.body.dataset.titleEn;
}

// A number as people write it: "4.190", "72,65" (vi) or "4,190", "72.65".
export function format_number(value, decimals) {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'x' : '0';
  const options = { maximumFractionDigits: decimals ?? 2 };
  return new Intl.NumberFormat(lang() === 'en' ? 'en-US' : 'vi-VN', options).format(value);
}

// "2025-Q1" → "Quý I năm 2025" / "Q1 2025".
export function period_text(period) {
  // As the server writes them (plan/period.cpp: period_text_vi, period_text_en).
  const code = period || '';
  let match = /^(\d{4})-Q([1-4])$/.exec(code);
  if (match) {
    const roman = ['I', 'II', 'III', 'IV'][Number(match[2]) - 1];
    return t(`Quý ${roman} năm ${match[1]}`, `Q${match[2]} ${match[1]}`);
  }
  match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code);
  if (match) {
    const month = Number(match[2]);
    return t(`Tháng ${month} năm ${match[1]}`, `${MONTHS_EN[month - 1]} ${match[1]}`);
  }
  match = /^(\d{4})-H([12])$/.exec(code);
  if (match) {
    return match[2] === '1' ? t(`6 tháng đầu năm ${match[1]}`, `First half of ${match[1]}`)
      : t(`6 tháng cuối năm ${match[1]}`, `Second half of ${match[1]}`);
  }
  if (/^\d{4}$/.test(code)) return t(`Năm ${code}`, `Year ${code}`);
  return code;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

// "2026-12-06T10:08:14.962Z" → "06/12/2026 17:08" in the browser's time
// (day first in both languages, as the documents write dates).
export function format_time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const two = (number) => String(number).padStart(2, '0');
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

// Chromium draws <input type=date> in the browser's own format (01/31/2099
// under an English browser, whatever the page's lang): every date field of
// the pages is a text field in the page's language instead, read with
// day_value().
function text_date_fields() {
  for (const input of document.querySelectorAll('input[type="date"]')) {
    input.type = 'text';
    input.placeholder = t('nn/tt/nnnn', 'yyyy-mm-dd');
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
  }
}

// A day as people type it ("10/04/2025", "10/4/2025") or "2025-04-10", as
// "2025-04-10"; "" for an empty field; null when it is no day (31/02/2025).
export function parse_day(text) {
  const typed = (text || '').trim();
  if (!typed) return '';
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
  const [year, month, day] = match ? [match[3], match[2], match[1]].map(Number)
    : (match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed)) ? [match[1], match[2], match[3]].map(Number) : [];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

// The day in a date field (text_date_fields) as "2025-04-10"; what was
// typed when it is no day, for the server to refuse with its message.
export function day_value(input) {
  const day = parse_day(input.value);
  return day === null ? input.value.trim() : day;
}

// "2025-04-10" → "10/04/2025".
export function format_date(day) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day || '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day || '';
}

export const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

// Names in Vietnamese order (Đ after D, tones after the bare letter).
export function sort_by_name(items, name = (item) => item.name) {
  return items.sort((a, b) => collator.compare(name(a), name(b)));
}

// Reads whose answers can come back out of order (a slow network, a busy
// server: a read begun before a change answered after the one begun after
// it): each read takes a turn, and only the latest turn draws what it read.
//   const turn = refreshes.take(); const answer = await api(…);
//   if (!turn.latest()) return;
export class Turns {
  #latest = 0;

  take() {
    const mine = ++this.#latest;
    return { latest: () => mine === this.#latest };
  }
}

// A row past its period's deadline (the end of that day, local time) and
// not yet handed in.
export function late(deadline, state) {
  if (!deadline || !['not_started', 'draft', 'returned'].includes(state)) return false;
  return new Date(`${deadline}T23:59:59`) < new Date();
}

export const state_names = {
  not_started: ['Chưa bắt đầu', 'Not started'],
  draft: ['Đang nhập', 'Draft'],
  submitted: ['Đã nộp', 'Submitted'],
  returned: ['Bị trả lại', 'Returned'],
  approved: ['Đã duyệt', 'Approved'],
  withdrawn: ['Đã rút', 'Withdrawn'],
  late: ['Trễ hạn', 'Late'],
  open: ['Đang mở', 'Open'],
  locked: ['Đã khóa', 'Locked'],
};

export function state_name(state) {
  const names = state_names[state];
  return names ? t(names[0], names[1]) : state;
}

export const role_names = {
  administrator: ['Quản trị viên', 'Administrator'],
  coordinator: ['Điều phối viên', 'Coordinator'],
  reporter: ['Người báo cáo', 'Reporter'],
  viewer: ['Người xem', 'Viewer'],
};

export function role_name(role) {
  const names = role_names[role];
  return names ? t(names[0], names[1]) : role;
}

// el('td', {class: 'x', title: '…', onclick: f}, child, 'text', …): an
// element with attributes, listeners (on…) and children; never innerHTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else if (name in node && typeof value !== 'string') node[name] = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

// An error from the API: {status, code, message, message_en, detail}.
export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || (status === 0 ? 'network' : 'http');
    this.message_vi = error.message || '';
    this.message_en = error.message_en || '';
    this.field = error.field;
    this.detail = error.detail;
  }
  text() {
    if (this.status === 0) return t('Mất kết nối mạng với máy chủ.', 'The network connection to the server is lost.');
    return t(this.message_vi || this.message, this.message_en);
  }
}

let csrf_token = '';

// Calls the API. `body`: an object (sent as JSON), a Blob/File (sent as
// is), or undefined. Resolves to the parsed JSON (or the Response for
// `raw`); rejects with ApiError (status 0 when the network is down).
export async function api(method, path, body, { raw = false } = {}) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf_token;
  let payload;
  if (body instanceof Blob) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null);
  }
  if (raw && response.ok) return response;
  let parsed = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, parsed);
    if (response.status === 401 && path !== '/api/session') go_to_login();
    throw error;
  }
  return parsed;
}

export function go_to_login() {
  const here = location.pathname + location.search;
  location.assign(`/dang-nhap?next=${encodeURIComponent(here)}`);
}

export function period_path(period) {
  return `/api/periods/${encodeURIComponent(period)}`;
}

export function row_path(period, unit_id) {
  return `${period_path(period)}/units/${encodeURIComponent(unit_id)}`;
}

// A message in the page's message area (role=status for screen readers).
export function show_message(text, kind = 'info') {
  const box = document.getElementById('message');
  if (!box) return;
  clear(box);
  box.className = `message ${kind}`;
  box.hidden = !text;
  if (text) box.append(text);
}

// The session, or a redirect to the login page (or to the password change
// while the password is one-time). Draws the header. Resolves to the
// session {user, display_name, role, units, csrf_token}.
export async function start_page({ roles } = {}) {
  translate_page();
  let session;
  try {
    session = await api('GET', '/api/session');
  } catch (error) {
    if (error.status === 401) go_to_login();
    else show_message(error.text(), 'error');
    return never();
  }
  csrf_token = session.csrf_token;
  if (session.must_change_password) {
    location.assign('/dang-nhap?doi-mat-khau=1');
    return never();
  }
  draw_header(session);
  if (roles && !roles.includes(session.role)) {
    show_message(t('Trang này không dành cho vai trò của bạn.', 'This page is not for your role.'), 'error');
    return never();
  }
  return session;
}

// The page stops here (it is being left, or cannot go on): a promise that
// never settles, so the page's script waits rather than failing.
function never() {
  return new Promise(() => {});
}

export function set_csrf_token(token) {
  csrf_token = token;
}

function draw_header(session) {
  const header = document.getElementById('top');
  if (!header) return;
  const links = [['/', 'Các kỳ báo cáo', 'Periods']];
  if (session.role === 'coordinator' || session.role === 'administrator') {
    links.push(['/nhat-ky', 'Nhật ký thay đổi', 'Change trail']);
  }
  if (session.role === 'administrator') links.push(['/quan-tri', 'Quản trị', 'Administration']);
  if (session.role === 'coordinator') links.push(['/quan-tri', 'Đơn vị', 'Units']);
  const nav = el('nav', { 'aria-label': t('Điều hướng', 'Navigation') },
    links.map(([href, vi, en]) =>
      el('a', { href, 'aria-current': location.pathname === href ? 'page' : null }, t(vi, en))));
  const switch_lang = el('button', {
    type: 'button', class: 'link', lang: lang() === 'en' ? 'vi' : 'en',
    onclick: () => {
      localStorage.setItem(LANG_KEY, lang() === 'en' ? 'vi' : 'en');
      location.reload();
    },
  }, lang() === 'en' ? 'Tiếng Việt' : 'English');
  const logout = el('button', {
    type: 'button', class: 'link',
    onclick: async () => {
      try {
        await api('DELETE', '/api/session');
      } finally {
        location.assign('/dang-nhap');
      }
    },
  }, t('Đăng xuất', 'Log out'));
  clear(header).append(
    el('a', { href: '/', class: 'brand' }, el('img', { src: '/static/icon.svg', alt: '', width: 24, height: 24 }), 'chiso'),
    nav,
    el('span', { class: 'who' }, `${session.display_name || session.user} · ${role_name(session.role)}`),
    switch_lang, logout);
}

// For pages without a session (login): the language switch only.
export function start_public_page() {
  translate_page();
  const header = document.getElementById('top');
  if (!header) return;
  clear(header).append(
    el('a', { href: '/', class: 'brand' }, el('img', { src: '/static/icon.svg', alt: '', width: 24, height: 24 }), 'chiso'),
    el('span', { class: 'spacer' }),
    el('button', {
      type: 'button', class: 'link',
      onclick: () => {
        localStorage.setItem(LANG_KEY, lang() === 'en' ? 'vi' : 'en');
        location.reload();
      },
    }, lang() === 'en' ? 'Tiếng Việt' : 'English'));
}

// The value of ?name= in the page's address.
export function query(name) {
  return new URLSearchParams(location.search).get(name) || '';
}

// Units {id, name, short_name, kind} by name and by id.
export async function load_units() {
  const units = await api('GET', '/api/units');
  const by_name = new Map(units.map((unit) => [unit.name, unit]));
  const by_id = new Map(units.map((unit) => [String(unit.id), unit]));
  return { units, by_name, by_id };
}

// Starts a download of `path` (a document the API writes) under `name`.
export async function download(path, name) {
  const response = await api('GET', path, undefined, { raw: true });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A file control in the page's language: Chromium draws its own button and
// "no file chosen" in the browser's language, whatever the page's `lang`.
// The native input stays (keyboard, screen readers, tests), out of sight; a
// label drawn as a button opens it, and the chosen file's name is shown.
export function file_picker(id, accept) {
  const none = () => t('Chưa chọn tệp', 'No file chosen');
  const input = el('input', { type: 'file', id, accept, class: 'file-native' });
  const chosen = el('span', { class: 'muted', id: `${id}-chosen` }, none());
  input.addEventListener('change', () => { chosen.textContent = input.files[0] ? input.files[0].name : none(); });
  const picker = el('span', { class: 'file-picker' }, input,
    el('label', { for: id, class: 'button secondary' }, t('Chọn tệp…', 'Choose a file…')), chosen);
  return { input, picker };
}

// Uploads the file chosen in `input` to a period (the same reader as the
// command line; only the units in the file change) and says what it did.
// Resolves true when uploaded.
export async function upload_chosen_file(period, input) {
  const file = input.files[0];
  if (!file) return false;
  try {
    const result = await api('POST', `${period_path(period)}/upload?name=${encodeURIComponent(file.name)}`, file);
    const texts = Object.values(result.periods || {}).map((done) => t(done.text, done.text_en));
    show_message(`${t('Đã tải lên', 'Uploaded')} ${file.name}. ${texts.join(' ')}`, 'ok');
    return true;
  } catch (error) {
    show_message(error.text(), 'error');
    return false;
  }
}
