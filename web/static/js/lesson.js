// Entry point of a lesson page: reads `#lesson-data` (docs/page-contract.md), builds the experiment panel and wires
// it: the settings and the URL, the socket (docs/protocol.md) and where its messages go, the buttons, the
// downloads. What a race shows as it runs is race-stream.js's (its charts race-charts.js's); the other kinds of
// preset are their own views (preset-views.js); the links the page hands out are share-links.js's.
//
// Changing a setting RESTARTS the experiment from step 0 with the new values (and it keeps running if it was
// running): the curves on the page then always belong to the settings shown. The page says so under the toolbar.

import {translator, formatNumber} from './i18n.js';
import {ExperimentSocket} from './ws.js';
import {closeNotice} from './close-notice.js';
import {fromQuery, presetFromQuery, fromPreset, toSpec, toQuery} from './state.js';
import {buildPanel, speedsUpTo} from './panel.js';
import {buildControls, showStart} from './controls.js';
import {Readout} from './readout.js';
import {toCsv, wireDownloads} from './downloads.js';
import {TrainingCharts} from './training.js';
import {PresetViews} from './preset-views.js';
import {RateMapView} from './rate-map.js';
import {RegionsView} from './regions.js';
import {GradientCheckView} from './gradcheck.js';
import {RaceStream} from './race-stream.js';
import {showExperimentAddress, copyOnClick, keepExperimentAcrossLanguages} from './share-links.js';
import {renderMath} from './math.js';
import {markVisited, markDone} from './progress.js';
import {watchCourseVersion} from './course-updates.js';
import {ChallengePanel} from './challenge.js';
import {ClassLink} from './classroom.js';

const RESTART_DELAY_MS = 300;

const data = JSON.parse(document.getElementById('lesson-data').textContent);
const t = translator(data.strings || {}, data.lang);
const main = document.getElementById('main');
watchCourseVersion(main, main.dataset.courseVersion, t);
const format = (v) => formatNumber(v, data.lang);
const schema = {optimizers: data.optimizers || [], schedules: data.schedules || []};
const query = new URLSearchParams(window.location.search);
const maxSpeed = (data.limits && data.limits.maxStepsPerSecond) || Infinity;
const SPEEDS = speedsUpTo(maxSpeed);
const ui = buildPanel(document.getElementById('experiment-panel'), {presets: data.presets, t, maxSpeed});

let preset = presetFromQuery(data.presets, query);
let state = fromQuery(preset, query);

// ---- the views of the panel --------------------------------------------------------------------------------

const race = new RaceStream({ui, t, format, data, page: {preset: () => preset, state: () => state},
  readout: new Readout(ui.readout, t, ui.readoutLive),
  training: new TrainingCharts(ui, t, format),
  regions: new RegionsView(ui.regions, t, format, (message) => socket.send(message)),
  gradcheck: new GradientCheckView(ui.race, t, data.gradientCheckPath, data.slug)});
const {live} = race;

const rateMapView = new RateMapView(ui.rateMap, t, format, data.rateMapPath || '/api/rate-map');
rateMapView.onPick = (index, lr, mu) => {
  const run = state.runs[index];
  if (!run) return;
  run.optimizer.lr = lr;
  run.optimizer.mu = mu;
  buildControls(ui.settings, {preset, schema, state, t, dimension: live.dimension || 2, changed: settingsChanged});
  settingsChanged();
};
/** Whether a preset is the gradient-estimate kind (computed over HTTP) rather than a race (over the socket). */
const isEstimate = (p) => p.kind === 'gradient-estimate';
/** Whether a preset is an activation study (computed over HTTP). */
const isActivations = (p) => p.kind === 'activations';
/** Whether a preset is a hyperparameter search (over the socket, its own view). */
const isSearch = (p) => p.kind === 'search';
/** Whether a preset is a race of optimizers (the default kind). */
const isRace = (p) => !isEstimate(p) && !isActivations(p) && !isSearch(p);

// ---- the socket and where its messages go -----------------------------------------------------------------

const classLink = new ClassLink({data, t, panel: document.getElementById('experiment-panel'),
  send: (message) => socket.send(message), presetId: () => preset.id,
  shareQuery: () => toQuery(state, new URLSearchParams())});
const socket = new ExperimentSocket(data.wsPath || '/ws/experiment', {
  onOpen: () => {
    classLink.hello();
    startExperiment(live.state === 'running');
  },
  onMessage: receive,
  confirmFrames: true,
  onDown: (delay, close) => {
    const notice = closeNotice(close.code, close.reason);
    const text = t(notice.key, {...notice.params, seconds: Math.ceil(delay / 1000)});
    race.setState('offline');
    ui.status.textContent = text;
    views.get('search')?.setStatus('offline');
    ui.search.status.textContent = text;
  },
});
const views = new PresetViews({ui, t, data, socket, onComputed: (p) => markDone(data.slug, p.id)});

/** A server message goes to the class link (a push), the search view, or the race. */
function receive(message) {
  if (message.type === 'push') {
    classLink.receive(message);
    return;
  }
  if (isSearch(preset)) {
    const search = views.get('search');
    if (search && search.receive(message)) markDone(data.slug, preset.id);
    return;
  }
  race.receive(message);
}

// ---- settings, URL, restart -------------------------------------------------------------------------------

function writeUrl() {
  showExperimentAddress(ui.share, toQuery(state, query));
}

function renderSettings() {
  ui.presetSelect.value = preset.id;
  ui.claim.replaceChildren();
  if (preset.claim && preset.claim.text) {
    const label = document.createElement('strong');
    label.textContent = t('claimLabel');
    ui.claim.append(label, ` ${preset.claim.text}`);
  }
  ui.race.hidden = !isRace(preset);
  rateMapView.show(preset, state);
  ui.estimate.root.hidden = !isEstimate(preset);
  ui.activations.root.hidden = !isActivations(preset);
  ui.search.root.hidden = !isSearch(preset);
  ui.sourceBox.hidden = !isRace(preset);
  if (!isRace(preset)) {
    const shown = preset;
    views.load(preset.kind).then((view) => {
      if (preset === shown) view.show(preset, state, writeUrl);
    });
    return;
  }
  const dimension = Array.isArray(preset.spec.start) ? preset.spec.start.length : (live.dimension || 2);
  buildControls(ui.settings, {preset, schema, state, t, dimension, changed: settingsChanged});
  ui.logToggle.checked = state.log;
  const speedIndex = SPEEDS.reduce((best, s, k) => (Math.abs(s - state.speed) < Math.abs(SPEEDS[best] - state.speed)
    ? k : best), 0);
  ui.speed.value = String(speedIndex);
  state.speed = SPEEDS[speedIndex];                      // a speed from a link, kept within the server's limit
  showSpeed();
}

let restartTimer = null;

function settingsChanged() {
  writeUrl();
  rateMapView.show(preset, state);
  clearTimeout(restartTimer);
  restartTimer = setTimeout(() => startExperiment(live.state === 'running'), RESTART_DELAY_MS);
}

/** Sends `start` for the current settings; the experiment waits at step 0 unless `running`. */
function startExperiment(running) {
  clearTimeout(restartTimer);
  if (isEstimate(preset) || isActivations(preset)) return; // computed over HTTP, see estimate.js, activations.js
  if (isSearch(preset)) {
    views.load('search').then((view) => {
      if (isSearch(preset)) view.restart();
    });
    return;
  }
  const spec = toSpec(preset, state);
  // `lesson`: a data file the spec names (a csv problem) is read from this lesson's folder
  if (socket.send({type: 'start', spec, paused: !running, lesson: data.slug})) {
    race.expectStart(spec, running);
    socket.send({type: 'speed', stepsPerSecond: state.speed});
  }
}

function showSpeed() {
  const speed = SPEEDS[Number(ui.speed.value)];
  ui.speedValue.textContent = t('speedValue', {n: speed});
  ui.speed.setAttribute('aria-valuetext', t('speedValue', {n: speed}));
}

// ---- buttons and controls ----------------------------------------------------------------------------------

ui.buttons.start.addEventListener('click', () => {
  if (live.state === 'done') startExperiment(true);
  else socket.send({type: 'resume'});
});
ui.buttons.pause.addEventListener('click', () => socket.send({type: 'pause'}));
ui.buttons.step.addEventListener('click', () => socket.send({type: 'step', n: 1}));
ui.buttons.reset.addEventListener('click', () => {
  race.expectStart(live.spec, false);
  socket.send({type: 'reset'});
});
let speedTimer = null;
ui.speed.addEventListener('input', () => {
  showSpeed();
  state.speed = SPEEDS[Number(ui.speed.value)];
  writeUrl();
  clearTimeout(speedTimer);
  speedTimer = setTimeout(() => socket.send({type: 'speed', stepsPerSecond: state.speed}), 100);
});
ui.logToggle.addEventListener('change', () => {
  state.log = ui.logToggle.checked;
  race.charts.showLog(state.log);
  writeUrl();
});
ui.presetSelect.addEventListener('change', () => {
  if (isRace(preset) && live.state === 'running') socket.send({type: 'pause'});
  preset = data.presets.find((p) => p.id === ui.presetSelect.value) || preset;
  const keep = {speed: state.speed, log: state.log};
  state = {...fromPreset(preset), ...keep};
  renderSettings();
  writeUrl();
  classLink.hello();
  startExperiment(false);
});
ui.path.canvas.addEventListener('click', (event) => {
  if (!(preset.controls && preset.controls.start)) return;
  const start = race.charts.pointAt(event);
  if (!start) return;
  state.start = start;
  showStart(ui.settings, state.start);
  settingsChanged();
});

// ---- downloads and links -----------------------------------------------------------------------------------

function csvOfPreset() {
  if (isRace(preset)) return toCsv(live.points);
  const view = views.get(preset.kind);
  return view ? view.csv() : '';
}

function jsonOfPreset() {
  const head = {lesson: data.slug, preset: preset.id};
  if (!isRace(preset)) {
    const view = views.get(preset.kind);
    if (!view) return head;
    return isSearch(preset) ? {...head, ...view.document()} : {...head, answer: view.answer};
  }
  return {...head, spec: live.spec, problem: live.problem, diverged: live.diverged, points: live.points};
}

wireDownloads(ui.buttons, {name: () => `${data.slug}-${preset.id}`, csv: csvOfPreset, json: jsonOfPreset});
copyOnClick(ui.share, ui.shareStatus, t);
keepExperimentAcrossLanguages(document.getElementById('lang-switch'));

// ---- start -------------------------------------------------------------------------------------------------

renderMath(document.getElementById('lesson-text'));
markVisited(data.slug, data.presets.length);

// The instructor's open challenges for this lesson: submit the spec shown (challenge.js).
const challenges = new ChallengePanel(document.getElementById('experiment-panel'), data, t,
  () => ({preset: preset.id, spec: toSpec(preset, state)}));
ui.presetSelect.addEventListener('change', () => challenges.presetChanged());
renderSettings();
ui.share.href = window.location.href;
race.setState('connecting');
socket.connect();
window.addEventListener('pagehide', () => socket.close());
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();          // back from the page cache: the socket is gone
});
