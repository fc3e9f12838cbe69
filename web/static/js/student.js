// The student's identity in the class: a random id kept in this browser (localStorage) and the display name they
// chose. The small "Your name" control in every page's header (layout.html) sets the name: it is saved on the
// server (POST /api/students/name) and kept here, and the lesson page sends both in its `hello`.

const ID_KEY = 'optlab.student.id';
const NAME_KEY = 'optlab.student.name';
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

/** This browser's student id (made up once: 24 hex digits). */
export function studentId() {
  let id = stored(ID_KEY);
  if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    id = fallbackId || randomId();
    fallbackId = id;
    store(ID_KEY, id);
  }
  return id;
}

/** The name the student chose here, if any. */
export function studentName() {
  const name = stored(NAME_KEY);
  return name && name.trim() ? name.trim().slice(0, MAX_NAME) : null;
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
  store(NAME_KEY, body.name);
  window.dispatchEvent(new CustomEvent('optlab:name', {detail: body.name}));
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
