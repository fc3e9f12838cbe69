// The instructor's sign-in page. A link printed by the server at start (/instructor/login#token=...) signs in at
// once: the token is read from the fragment (never sent in a URL), the address is replaced so the token stays
// out of the history, and the form is posted.

const form = document.getElementById('instructor-login');
const field = document.getElementById('token');
const match = /^#token=([^&]+)$/.exec(window.location.hash);
if (match) {
  history.replaceState(null, '', window.location.pathname + window.location.search);
  if (form && field && !document.getElementById('login-error')) {
    field.value = decodeURIComponent(match[1]);
    form.submit();
  }
}
