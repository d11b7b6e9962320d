// The console's login: POST /v1/console/session sets the HttpOnly session cookie; then the console.
'use strict';
document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('login-error');
  const button = document.getElementById('login-submit');
  error.hidden = true;
  button.disabled = true;
  try {
    const answer = await fetch('/v1/console/session', {
      method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({name: document.getElementById('login-name').value,
                            password: document.getElementById('login-password').value})});
    if (answer.status === 201) {
      window.location.assign('/admin/');
      return;
    }
    const problem = await answer.json().catch(() => ({}));
    error.textContent = problem.code === 'login_locked'
      ? 'Locked out after too many failed logins. Try again in ' + Math.ceil((problem.retryAfterSeconds || 60) / 60) + ' min.'
      : problem.code === 'login_failed' ? 'Wrong account or password.' : (problem.detail || 'Login failed (' + answer.status + ').');
    error.dataset.code = problem.code || '';
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
});
