// The instructor's live class view (/instructor): a snapshot of the class arrives over ws /ws/instructor once a
// second (docs/protocol.md, "The instructor's socket"); this draws it: who is connected, on which lesson and
// preset, what their experiment does, counts per lesson and the server's load. Rename and Hide are POSTs to
// /api/instructor/students/{id}/... Every name is set as text, never as HTML.

const strings = {};
document.querySelectorAll('#class-strings [data-key]').forEach((node) => {
  strings[node.dataset.key] = node.textContent;
});
const say = (key, params = {}) => (strings[key] || key)
  .replace(/\{(\w+)\}/g, (all, name) => (name in params ? String(params[name]) : all));
const lang = document.documentElement.lang.startsWith('zh') ? 'zh-CN' : 'en';
const number = new Intl.NumberFormat(lang);
const $ = (id) => document.getElementById(id);
const hiddenHere = new Set();
let latest = null;

function nameOf(student) {
  return student.name || say('student', {number: student.number || '?'});
}

function ago(iso, now) {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  return seconds < 120 ? say('secondsAgo', {seconds}) : say('minutesAgo', {minutes: Math.floor(seconds / 60)});
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function action(text, className, run) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `secondary small ${className}`;
  button.textContent = text;
  button.addEventListener('click', run);
  return button;
}

async function post(path, body) {
  const response = await fetch(path, {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
  return answer;
}

function studentPath(student, what) {
  return `/api/instructor/students/${encodeURIComponent(student.student)}/${what}`;
}

function rename(student) {
  const name = window.prompt(say('renamePrompt', {name: nameOf(student)}), student.name || '');
  if (name === null || !name.trim()) return;
  post(studentPath(student, 'name'), {name: name.trim()}).catch((e) => { $('class-status').textContent = e.message; });
}

function hide(student) {
  hiddenHere.add(student.student);
  post(studentPath(student, 'hidden'), {hidden: true}).catch((e) => { $('class-status').textContent = e.message; });
}

function showHidden() {
  for (const id of hiddenHere) {
    post(`/api/instructor/students/${encodeURIComponent(id)}/hidden`, {hidden: false}).catch(() => {});
  }
  hiddenHere.clear();
}

function stateText(student) {
  const state = say(student.state);
  return student.search ? `${say('search')}: ${state}` : state;
}

function draw(snapshot) {
  latest = snapshot;
  const now = Date.parse(snapshot.at) || Date.now();
  const rows = snapshot.students.map((student) => {
    const row = document.createElement('tr');
    row.dataset.student = student.student;
    row.dataset.state = student.state;
    const preset = student.preset ? ` · ${student.preset}` : '';
    const actions = document.createElement('td');
    actions.className = 'class-actions';
    actions.append(action(say('rename'), 'class-rename', () => rename(student)),
      action(say('hide'), 'class-hide', () => hide(student)));
    row.append(cell(nameOf(student), 'class-name'), cell(student.lesson + preset, 'class-lesson'),
      cell(stateText(student), 'class-state'), cell(number.format(student.step), 'class-step'),
      cell(ago(student.lastActivity, now), 'class-active'), actions);
    return row;
  });
  $('class-students').tBodies[0].replaceChildren(...rows);
  $('class-empty').hidden = rows.length > 0;
  const lessons = Object.entries(snapshot.lessons).map(([slug, count]) => {
    const item = document.createElement('li');
    item.dataset.lesson = slug;
    item.append(Object.assign(document.createElement('span'), {textContent: slug, className: 'class-lesson-slug'}),
      Object.assign(document.createElement('strong'), {textContent: number.format(count)}));
    return item;
  });
  $('class-lessons').replaceChildren(...lessons);
  const hiddenNote = $('class-hidden');
  hiddenNote.hidden = snapshot.hidden === 0;
  hiddenNote.replaceChildren(say('hiddenCount', {count: snapshot.hidden}), ' ');
  if (hiddenHere.size > 0) hiddenNote.append(action(say('showHidden'), 'class-show-hidden', showHidden));
  const total = Object.values(snapshot.lessons).reduce((a, b) => a + b, 0);
  const load = snapshot.load;
  $('load-students').textContent = number.format(total);
  $('load-sessions').textContent = number.format(load.sessions);
  $('load-refused').textContent = number.format(snapshot.refused);
  $('load-steps').textContent = number.format(load.stepsPerSecond);
  $('load-queue').textContent = number.format(load.workerQueue);
  $('load-heap').textContent = `${number.format(load.heapUsedMiB)} / ${number.format(load.heapMaxMiB)} MiB`;
  const notes = [say('live', {time: new Date(now).toLocaleTimeString(lang)})];
  if (snapshot.listed > snapshot.students.length) {
    notes.push(say('cut', {shown: snapshot.students.length, listed: snapshot.listed}));
  }
  if (snapshot.anonymous > 0) notes.push(say('anonymous', {count: snapshot.anonymous}));
  $('class-status').textContent = notes.join(' ');
}

let delay = 1000;
function connect() {
  const url = new URL('/ws/instructor', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  socket.addEventListener('message', (event) => {
    delay = 1000;
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (message.type === 'snapshot') draw(message);
  });
  socket.addEventListener('close', (event) => {
    if (event.code === 1008) {                          // signed out elsewhere: the page asks to sign in again
      window.location.assign('/instructor/login');
      return;
    }
    $('class-status').textContent = say('offline');
    setTimeout(connect, delay);
    delay = Math.min(30000, delay * 2);
  });
}

if ($('class-view')) connect();
