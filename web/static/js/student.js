// The student's identity in the class: a random id kept in this browser (localStorage) and the display name they
// chose. The small "Your name" control in every page's header (layout.html) sets the name: it is saved on the
// server (POST /api/students/name) and kept here, and the lesson page sends both in its `hello`. The challenge
// card (challenge.js) submits with the same id and name, so the class view and the leaderboard show one student.

const ID_KEY = 'optlab.student.id';
const NAME_KEY = 'optlab.student.name';
/** Where the challenge card kept its own id and name before both used these: read once, so nothing is lost. */
const LEGACY_ID_KEY = 'optlab.studentId';
const LEGACY_NAME_KEY = 'optlab.displayName';
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The longest name the server keeps. */
export const MAX_NAME = 40;

function stored(key) {
  try {
    return window.localStorage.getItem(key);
  } catch (e) {
    return null;                                   // storage switched off: a fresh id per page
  }
}

function store(key, value) {
  try {
    window.localStorage.setItem(key, value);
  } catch (e) {
    // storage switched off: the name lasts as long as the page
  }
}

function randomId() {
  const bytes = new Uint8Array(12);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let fallbackId = null;

/**
 * This browser's student id (made up once: 24 hex digits). A browser that has only the id the challenge card used
 * to keep takes that one, so its challenge scores stay its own.
 */
export function studentId() {
  let id = stored(ID_KEY);
  if (!id || !ID_PATTERN.test(id)) {
    const legacy = stored(LEGACY_ID_KEY);
    id = legacy && ID_PATTERN.test(legacy) ? legacy : fallbackId || randomId();
    fallbackId = id;
    store(ID_KEY, id);
  }
  return id;
}

/** The name the student chose here (or, before, on a challenge card), if any. */
export function studentName() {
  const name = stored(NAME_KEY) || stored(LEGACY_NAME_KEY);
  return name && name.trim() ? name.trim().slice(0, MAX_NAME) : null;
}

/**
 * Keeps `name`, already stored on the server (a challenge submission stores it), here too: the header shows it
 * and the lesson page says it in a new `hello`.
 */
export function rememberName(name) {
  store(NAME_KEY, name);
  window.dispatchEvent(new CustomEvent('optlab:name', {detail: name}));
}

/** Saves `name` on the server, then here; resolves to the name kept, rejects with the server's message. */
export async function saveStudentName(name) {
  const response = await fetch('/api/students/name', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({student: studentId(), name}),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  rememberName(body.name);
  return body.name;
}

/** Wires the header's name control, if the page has one. */
function wireNameControl() {
  const form = document.getElementById('student-name-form');
  if (!form) return;
  const input = form.querySelector('input');
  const status = document.getElementById('student-name-status');
  const summary = document.querySelector('#student-name summary');
  const show = (name) => {
    if (name) summary.textContent = name;
  };
  input.maxLength = MAX_NAME;
  input.value = studentName() || '';
  show(studentName());
  window.addEventListener('optlab:name', (event) => {       // also a name given on a challenge card
    input.value = event.detail;
    show(event.detail);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = '';
    saveStudentName(input.value).then((name) => {
      input.value = name;
      show(name);
      status.textContent = form.dataset.saved || 'Saved.';
      form.closest('details').open = false;             // the name in the header says it is saved
    }, (error) => {
      status.textContent = error.message;
    });
  });
}

wireNameControl();
