// Login, and the forced change of a one-time password (the API refuses
// everything else until it is changed).
import { api, query, set_csrf_token, show_message, start_public_page, t } from './common.js';

start_public_page();
const login_form = document.getElementById('login-form');
const password_form = document.getElementById('password-form');
let old_password = '';

// Where to go after login: the page asked for, if it is one of ours.
function next_page() {
  const next = query('next');
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function ask_new_password(known_old) {
  login_form.hidden = true;
  password_form.hidden = false;
  const old_input = document.getElementById('old-password');
  old_input.value = known_old;
  old_input.closest('form').querySelector('label[for="old-password"]').hidden = Boolean(known_old);
  old_input.hidden = Boolean(known_old);
  document.getElementById('new-password').focus();
}

login_form.addEventListener('submit', async (event) => {
  event.preventDefault();
  show_message('');
  const username = document.getElementById('username').value.trim();
  const password = document.getElementById('password').value;
  try {
    const session = await api('POST', '/api/session', { username, password });
    set_csrf_token(session.csrf_token);
    if (session.must_change_password) {
      old_password = password;
      show_message(t('Đăng nhập lần đầu: hãy đặt mật khẩu mới.', 'First login: choose a new password.'), 'info');
      ask_new_password(old_password);
      return;
    }
    location.assign(next_page());
  } catch (error) {
    show_message(error.text(), 'error');
    document.getElementById('password').select();
  }
});

password_form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const new_password = document.getElementById('new-password').value;
  if (new_password !== document.getElementById('new-password-again').value) {
    show_message(t('Hai lần nhập mật khẩu mới không giống nhau.', 'The two new passwords differ.'), 'error');
    return;
  }
  try {
    await api('POST', '/api/session/password', {
      old_password: document.getElementById('old-password').value, new_password,
    });
    location.assign(next_page());
  } catch (error) {
    show_message(error.text(), 'error');
  }
});

// Sent here by another page while the password is still one-time.
if (query('doi-mat-khau')) {
  api('GET', '/api/session').then((session) => {
    set_csrf_token(session.csrf_token);
    ask_new_password('');
  }).catch(() => {});
} else {
  document.getElementById('username').focus();
}
