// The instructor's challenges page: opens a challenge from a lesson preset, lists the term's challenges, and
// shows the selected one's leaderboard, polled every 2 s, with close and CSV (docs/classroom.md).

import {translator} from './i18n.js';
import {goalText, fixedText, deadlineText, fillLeaderboard} from './challenge-text.js';

const POLL_MS = 2000;
const strings = JSON.parse(document.getElementById('page-strings').textContent || '{}');
const lang = (document.documentElement.lang || 'en').startsWith('zh') ? 'zh' : 'en';
const t = translator(strings, lang);
const $ = (id) => document.getElementById(id);
const form = $('challenge-form');
let presets = [];
let selected = null;

async function request(url, options = {}) {
  const response = await fetch(url, {credentials: 'same-origin', cache: 'no-store', ...options});
  if (response.status === 401) {
    window.location.href = '/instructor/login';
    throw new Error('signed out');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function fillPresets(list) {
  if (presets.length) return;
  presets = list;
  $('ch-preset').replaceChildren(...list.map((p, i) => {
    const option = document.createElement('option');
    option.value = String(i);
    option.textContent = `${p.lessonTitle} · ${p.title}`;
    return option;
  }));
  goalChanged();
}

/** The goal that fits the chosen preset's problem (the server lists them: `goals`), and its budget's range. */
function goalChanged() {
  const preset = presets[Number($('ch-preset').value)];
  if (preset && preset.goals && preset.goals.length) $('ch-goal').value = preset.goals[0];
  const epochs = $('ch-goal').value !== 'steps-to-loss';
  $('ch-threshold').hidden = epochs;
  $('ch-threshold-label').hidden = epochs;
  if (epochs && Number($('ch-budget').value) > 200) $('ch-budget').value = '30';
  if (!epochs && Number($('ch-budget').value) < 100) $('ch-budget').value = '2000';
}

function renderList(challenges) {
  $('challenges').replaceChildren(...challenges.map((c) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.dataset.id = String(c.id);
    button.textContent = `#${c.id} ${c.title}`;
    button.addEventListener('click', () => { selected = c.id; refresh(); });
    const status = document.createElement('span');
    status.className = c.open ? 'status-open' : 'status-closed';
    status.textContent = ` (${t(c.open ? 'challenge.open' : 'challenge.closed')})`;
    item.append(button, status);
    if (c.id === selected) item.setAttribute('aria-current', 'true');
    return item;
  }));
}

async function refreshBoard() {
  if (selected === null) return;
  const board = await request(`/api/instructor/challenges/${selected}/leaderboard`);
  const c = board.challenge;
  $('board').hidden = false;
  $('board-title').textContent = `#${c.id} ${c.title} (${t(c.open ? 'challenge.open' : 'challenge.closed')})`;
  $('board-goal').textContent = `${goalText(c.goal, t)} ${fixedText(c.fixed, t)} ${deadlineText(c.deadline, t, lang)}`;
  $('board-close').hidden = !c.open;
  $('board-csv').href = `/api/instructor/challenges/${c.id}/leaderboard.csv`;
  fillLeaderboard(document.querySelector('#leaderboard tbody'), board.lines, c.goal, t, lang, true);
  $('board-empty').hidden = board.lines.length > 0;
}

async function refresh() {
  try {
    const answer = await request('/api/instructor/challenges');
    fillPresets(answer.presets);
    if (selected === null && answer.challenges.length) selected = answer.challenges[0].id;
    renderList(answer.challenges);
    await refreshBoard();
  } catch (e) {
    $('ch-form-error').textContent = e.message;
  }
}

$('ch-preset').addEventListener('change', goalChanged);
$('ch-goal').addEventListener('change', goalChanged);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  $('ch-form-error').textContent = '';
  const preset = presets[Number($('ch-preset').value)];
  const type = $('ch-goal').value;
  const budget = Number($('ch-budget').value);
  const body = {lesson: preset.lesson, preset: preset.preset,
    goal: type === 'steps-to-loss' ? {type, threshold: Number($('ch-threshold').value), steps: budget}
      : {type, epochs: budget},
    fixed: [...form.querySelectorAll('input[name=fixed]:checked')].map((box) => box.value),
    showLeaderboard: $('ch-show').checked};
  if ($('ch-deadline').value) body.deadlineMinutes = Number($('ch-deadline').value);
  if ($('ch-title').value.trim()) body.title = $('ch-title').value.trim();
  try {
    const opened = await request('/api/instructor/challenges', {method: 'POST',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    selected = opened.id;
    $('ch-form-error').textContent = t('challenge.opened', {id: opened.id});
    await refresh();
  } catch (e) {
    $('ch-form-error').textContent = e.message;
  }
});

$('board-close').addEventListener('click', async () => {
  if (selected === null || !window.confirm(t('challenge.closeConfirm'))) return;
  try {
    await request(`/api/instructor/challenges/${selected}/close`, {method: 'POST'});
    await refresh();
  } catch (e) {
    $('ch-form-error').textContent = e.message;
  }
});

refresh();
setInterval(refresh, POLL_MS);
