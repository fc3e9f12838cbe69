// Entry point of a lesson page: reads `#lesson-data` (docs/page-contract.md), builds the experiment panel and
// runs the live experiment over the WebSocket (docs/protocol.md).
//
// Changing a setting RESTARTS the experiment from step 0 with the new values (and it keeps running if it was
// running): the curves on the page then always belong to the settings shown. The page says so under the toolbar.

import {translator, formatNumber} from './i18n.js';
import {ExperimentSocket} from './ws.js';
import {closeNotice} from './close-notice.js';
import {changesLr, fromQuery, presetFromQuery, fromPreset, toSpec, toQuery} from './state.js';
import {buildPanel, speedsUpTo} from './panel.js';
import {buildControls, clearErrors, showError, showStart} from './controls.js';
import {LOG_FLOOR, logAxisMin, lossChart, pathChart, stepChart, resetDatasets, datasetOf, keepEqualAspect, RUN_COLOURS} from './charts.js';
import {contourLayer} from './contour.js';
import {PathZoom} from './path-zoom.js';
import {Readout, DataTable, rowsByStep} from './readout.js';
import {downloadCsv, downloadJson, downloadPng, toCsv} from './downloads.js';
import {TrainingCharts} from './training.js';
import {PresetViews} from './preset-views.js';
import {RateMapView} from './rate-map.js';
import {RegionsView} from './regions.js';
import {GradientCheckView} from './gradcheck.js';
import {showSources} from './source.js';
import {localizeReason} from './server-text.js';
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

/** What the page knows of the experiment on the server. */
const live = {
  experiment: null,     // id of the experiment whose messages are shown
  awaiting: false,      // a start was sent; messages until its `started` belong to the replaced experiment
  state: 'connecting',  // running | paused | done | connecting | offline
  steps: 0,
  step: 0,
  dimension: 0,
  runIds: [],
  points: {},           // runId -> every point received, in order
  latest: {},
  diverged: [],         // [{run, step, reason}]
  problem: null,
  spec: null,
};
let map = {layer: null, minima: [], start: null};
let pathView = null;    // {chart, bounds, axes, observer}
const pathZoom = new PathZoom(ui.pathZoom, t, format);
const lossView = lossChart(ui.loss.canvas, t, format, state.log);
let lrView = null;
let paramView = null;   // the parameter against step, for 1-D problems
const readout = new Readout(ui.readout, t, ui.readoutLive);
const training = new TrainingCharts(ui, t, format);
const regions = new RegionsView(ui.regions, t, format, (message) => socket.send(message));
const gradcheck = new GradientCheckView(ui.race, t, data.gradientCheckPath, data.slug);
const tables = {loss: new DataTable(ui.loss.details, t), path: new DataTable(ui.path.details, t),
  lr: new DataTable(ui.lr.details, t), param: new DataTable(ui.param.details, t),
  accuracy: new DataTable(ui.accuracy.details, t), ratio: new DataTable(ui.ratio.details, t),
  epochLoss: new DataTable(ui.epochLoss.details, t), regions: new DataTable(ui.regions.details, t)};

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

const classLink = new ClassLink({data, t, panel: document.getElementById('experiment-panel'),
  send: (message) => socket.send(message), presetId: () => preset.id,
  shareQuery: () => toQuery(state, new URLSearchParams())});
const socket = new ExperimentSocket(data.wsPath || '/ws/experiment', {
  onOpen: () => {
    classLink.hello();
    startExperiment(live.state === 'running');
  },
  onMessage: receive,
  onDown: (delay, close) => {
    const notice = closeNotice(close.code, close.reason);
    const text = t(notice.key, {...notice.params, seconds: Math.ceil(delay / 1000)});
    setState('offline');
    ui.status.textContent = text;
    views.get('search')?.setStatus('offline');
    ui.search.status.textContent = text;
  },
});
const views = new PresetViews({ui, t, data, socket, onComputed: (p) => markDone(data.slug, p.id)});

// ---- settings, URL, restart -------------------------------------------------------------------------------

function colourOf(runId) {
  const k = live.runIds.indexOf(runId);
  return RUN_COLOURS[(k < 0 ? 0 : k) % RUN_COLOURS.length];
}

function writeUrl() {
  const url = `${window.location.pathname}?${toQuery(state, query)}`;
  window.history.replaceState(null, '', url);
  ui.share.href = new URL(url, window.location.href).href;
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
    live.awaiting = true;
    live.pendingSpec = spec;
    live.pendingRunning = running;
    socket.send({type: 'speed', stepsPerSecond: state.speed});
  }
}

// ---- server messages --------------------------------------------------------------------------------------

function receive(message) {
  if (message.type === 'push') {
    classLink.receive(message);
    return undefined;
  }
  if (isSearch(preset)) {
    const search = views.get('search');
    if (search && search.receive(message)) markDone(data.slug, preset.id);
    return undefined;
  }
  if (message.type === 'started' && message.kind !== 'race') return undefined;   // a search replaced by now
  switch (message.type) {
    case 'started': return started(message);
    case 'error': return failed(message);
    default:
      if (live.awaiting || message.experiment !== live.experiment) return undefined;   // a replaced experiment
  }
  switch (message.type) {
    case 'frames': return frames(message);
    case 'status': return setState(message.state);
    case 'diverged': return diverged(message);
    case 'regions': return regions.draw(message);
    case 'pace': return showPace(message);
    case 'done':
      Object.assign(live.latest, message.final || {});
      live.step = Math.max(live.step, ...Object.values(live.latest).map((p) => p.step));
      markDone(data.slug, preset.id);
      return setState('done');
    default:
      return undefined;
  }
}

function started(message) {
  live.experiment = message.experiment;
  ui.status.dataset.experiment = String(message.experiment);
  live.awaiting = false;
  live.steps = message.steps;
  live.step = 0;
  live.problem = message.problem;
  live.spec = live.pendingSpec || toSpec(preset, state);
  live.dimension = message.problem.dimension;
  live.runIds = message.runs.map((r) => r.id);
  live.points = Object.fromEntries(live.runIds.map((id) => [id, []]));
  live.latest = {};
  live.maxLoss = -Infinity;
  live.minLoss = Infinity;
  live.minPositiveLoss = Infinity;
  live.belowLogFloor = false;
  live.diverged = [];
  clearErrors(document.getElementById('experiment-panel'));
  ui.error.textContent = '';
  ui.divergence.hidden = true;
  ui.divergence.replaceChildren();
  ui.decimated.hidden = !(message.stride > 1);
  ui.decimated.textContent = t('decimated', {stride: message.stride});

  setUpPathChart(message);
  setUpLrChart(message.runs);
  setUpParamChart(message.problem.dimension);
  for (const chart of [lossView, lrView, paramView]) {
    if (chart) chart.options.scales.x.max = live.steps;
  }
  training.setUp(message, live.runIds);
  regions.setUp(message, live.runIds);
  gradcheck.setUp(message, live.spec);
  lossView.options.scales.y.title.text = training.active ? t('axisBatchLoss') : t('axisLoss');
  resetDatasets(lossView, live.runIds);
  if (pathView) resetDatasets(pathView.chart, live.runIds, {showLine: true, pointRadius: 1.5, borderWidth: 1.5});
  if (lrView) resetDatasets(lrView, live.runIds);
  if (paramView) resetDatasets(paramView, live.runIds);
  addPoints(message.initial || {});
  const first = (message.initial || {})[live.runIds[0]];
  map.start = first && first.params ? first.params : state.start;
  const types = [...new Set(message.runs.map((r) => r.optimizer.type))];
  if (types.join() !== live.sourceTypes) {
    live.sourceTypes = types.join();
    // The lesson's own optimizer first (the momentum lesson shows Momentum.java), else the newest method raced.
    showSources(ui.source, types, t, data.sourcePath, types.includes(data.slug) ? data.slug : types[types.length - 1]);
  }
  setState(live.pendingRunning ? 'running' : 'paused');
  live.pendingRunning = false;
  tables.loss.from(() => lossTable());
  tables.path.from(() => pathTable());
  tables.lr.from(() => lrTable());
  tables.param.from(() => ({columns: [t('colStep'), ...live.runIds.map((id) => `x (${id})`)],
    rows: rowsByStep(live.runIds.map((id) => live.points[id]), (p) => (Array.isArray(p.params) ? p.params[0] : null))}));
  tables.accuracy.from(() => training.accuracyTable(live.points));
  tables.ratio.from(() => training.ratioTable(live.points));
  tables.epochLoss.from(() => training.epochLossTable(live.points));
  tables.regions.from(() => regions.table());
  showReadout(false, true);
}

function failed(message) {
  const field = message.field || '';
  if (field === '' || field.startsWith('spec')) live.awaiting = false;   // the start was refused: the old one stays
  if (live.experiment === null) setState('invalid');
  const {target, text} = showError(document.getElementById('experiment-panel'), field, message.message, t);
  ui.error.textContent = target ? t('errorNear') : t('errorText', {message: text});
  if (target) target.scrollIntoView({block: 'nearest'});
}

function diverged(message) {
  live.diverged.push({run: message.run, step: message.step, reason: message.reason});
  const item = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = t('divergedMessage', {run: message.run, step: message.step,
    reason: localizeReason(message.reason, t.lang)});
  item.append(strong, ` ${t('divergedWhy')}`);
  ui.divergence.append(item);
  ui.divergence.hidden = false;
}

function frames(message) {
  addPoints(message.points || {});
}

/** Adds points ({runId: point or [points]}) to the store and the charts. */
function addPoints(byRun) {
  for (const [runId, value] of Object.entries(byRun)) {
    const points = Array.isArray(value) ? value : [value];
    if (!live.points[runId]) continue;
    const loss = datasetOf(lossView, runId);
    const path = pathView ? datasetOf(pathView.chart, runId) : null;
    const lr = lrView ? datasetOf(lrView, runId) : null;
    const param = paramView ? datasetOf(paramView, runId) : null;
    for (const p of points) {
      live.points[runId].push(p);
      live.latest[runId] = p;
      if (p.step > live.step) live.step = p.step;
      loss.data.push({x: p.step, y: p.loss});
      if (Number.isFinite(p.loss) && p.loss > live.maxLoss) live.maxLoss = p.loss;
      if (Number.isFinite(p.loss) && p.loss < live.minLoss) live.minLoss = p.loss;
      if (p.loss > 0 && p.loss < live.minPositiveLoss) live.minPositiveLoss = p.loss;
      if (p.loss !== null && p.loss >= 0 && p.loss < LOG_FLOOR) live.belowLogFloor = true;
      if (path) {
        // Same order as the loss chart; a non-finite coordinate (null) leaves a gap.
        const [x, y] = Array.isArray(p.params) ? p.params : [null, null];
        path.data.push(x === null || y === null ? {x: null, y: null} : {x, y});
      }
      if (lr) lr.data.push({x: p.step, y: p.lr});
      if (param) param.data.push({x: p.step, y: Array.isArray(p.params) ? p.params[0] : null});
      training.add(runId, p);
    }
  }
  redraw();
}

let redrawQueued = false;

/**
 * Keeps the loss axis readable when a run blows up: the axis stops at a few orders of magnitude above the
 * starting loss (the diverging curve leaves the chart at the top) instead of squashing every other curve flat.
 */
function capLossAxis() {
  // A loss that goes negative (a saddle, Reddi's problem) cannot be drawn on a log axis: linear then, and said so.
  const negative = live.minLoss < 0;
  const log = state.log && !negative;
  lossView.options.scales.y.type = log ? 'logarithmic' : 'linear';
  ui.logToggle.disabled = negative;
  ui.logNote.hidden = !negative;
  // Chart.js takes a log axis's bottom from ticks it rounds, which can come out as 0 for losses near 1e-30 (and a log
  // axis from 0 draws nothing): the bottom is set here, a power of ten at or below the data, never below LOG_FLOOR.
  lossView.options.scales.y.min = log ? logAxisMin(live.minPositiveLoss) : undefined;
  ui.logFloorNote.hidden = !(log && live.belowLogFloor);
  const initial = live.runIds.map((id) => (live.points[id][0] || {}).loss).filter((v) => Number.isFinite(v));
  const start = Math.max(0, ...initial.map(Math.abs));
  const cap = start > 0 ? start * (log ? 1e4 : 10) : undefined;
  lossView.options.scales.y.max = cap !== undefined && live.maxLoss > cap ? cap : undefined;
}

function redraw() {
  if (redrawQueued) return;
  redrawQueued = true;
  requestAnimationFrame(() => {
    redrawQueued = false;
    capLossAxis();
    lossView.update('none');
    if (pathView) pathView.chart.update('none');
    if (lrView) lrView.update('none');
    if (paramView) paramView.update('none');
    training.update();
    showCounter();
    showReadout(live.state === 'running');
    Object.values(tables).forEach((table) => table.refresh());
  });
}

/** The readout of every run's latest point (and, on a training problem, its latest epoch evaluation). */
function showReadout(running, now = false) {
  readout.show(live.latest, colours(), running, now, training.active
    ? {evaluations: training.evaluations, blocks: training.blocks, vectors: live.problem && live.problem.vectors}
    : null);
}

function colours() {
  return Object.fromEntries(live.runIds.map((id) => [id, colourOf(id)]));
}

// ---- charts ------------------------------------------------------------------------------------------------

function sameBounds(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function dropPathChart() {
  if (!pathView) return;
  if (pathView.observer) pathView.observer.disconnect();
  pathView.chart.destroy();
  pathView = null;
}

function setUpPathChart(message) {
  const bounds = Array.isArray(message.problem.bounds) ? message.problem.bounds : null;
  const twoD = message.problem.dimension === 2;
  ui.path.figure.hidden = !twoD;
  if (!twoD) {
    dropPathChart();
    pathZoom.clear();
    return;
  }
  map = {layer: message.contour ? contourLayer(message.contour) : null, minima: message.problem.minima || [],
    start: null};
  const axes = Array.isArray(message.problem.axes) ? message.problem.axes : ['x[0]', 'x[1]'];
  if (!pathView || !sameBounds(pathView.bounds, bounds) || !sameBounds(pathView.axes, axes)) {
    dropPathChart();
    const chart = pathChart(ui.path.canvas, t, format, bounds, () => map, axes);
    pathView = {chart, bounds, axes, observer: bounds ? keepEqualAspect(chart, ui.path.box, bounds) : null};
    if (!bounds) ui.path.box.style.height = '';
  }
  pathZoom.setUp(pathView.chart, map, message.contour, bounds);
  ui.path.figure.querySelector('.chart-title').textContent = bounds ? t('pathTitle') : t('pathTitlePlain');
  ui.path.canvas.setAttribute('aria-label', bounds ? t('pathTitle') : t('pathTitlePlain'));
  const clickable = Boolean(bounds && preset.controls && preset.controls.start);
  ui.path.canvas.classList.toggle('clickable', clickable);
  ui.pathNote.textContent = bounds ? `${t('pathLegend')}${clickable ? ` ${t('pathClick')}` : ''}` : t('pathNoMap');
}

function setUpParamChart(dimension) {
  const oneD = dimension === 1;
  ui.param.figure.hidden = !oneD;
  if (oneD && !paramView) paramView = stepChart(ui.param.canvas, t, format, 'x');
  if (!oneD && paramView) {
    paramView.destroy();
    paramView = null;
  }
}

function setUpLrChart(runs) {
  const scheduled = runs.some((r) => changesLr(r.schedule));
  ui.lr.figure.hidden = !scheduled;
  if (scheduled && !lrView) lrView = stepChart(ui.lr.canvas, t, format, 'lr');
  if (!scheduled && lrView) {
    lrView.destroy();
    lrView = null;
  }
}

function lossTable() {
  return {columns: [t('colStep'), ...live.runIds.map((id) => `${t('colLoss')} (${id})`)],
    rows: rowsByStep(live.runIds.map((id) => live.points[id]), (p) => p.loss)};
}

function pathTable() {
  return {columns: [t('colStep'), ...live.runIds.map((id) => `${t('colParams')} (${id})`)],
    rows: rowsByStep(live.runIds.map((id) => live.points[id]),
      (p) => (Array.isArray(p.params) ? `(${p.params.map(format).join(', ')})` : '—'))};
}

function lrTable() {
  return {columns: [t('colStep'), ...live.runIds.map((id) => `lr (${id})`)],
    rows: rowsByStep(live.runIds.map((id) => live.points[id]), (p) => p.lr)};
}

// ---- status and buttons ------------------------------------------------------------------------------------

const STATUS_KEYS = {running: 'statusRunning', paused: 'statusPaused', done: 'statusDone',
  connecting: 'statusConnecting', offline: 'statusOffline', invalid: 'statusInvalid'};

/** The server's `pace`: "server busy: 35 of 60 steps/s" while it cannot hold the speed, nothing once it can. */
function showPace(message) {
  ui.busy.hidden = !message.busy;
  ui.busy.textContent = message.busy
    ? t('serverBusy', {achieved: Math.round(message.achieved), speed: Math.round(message.stepsPerSecond)}) : '';
}

function setState(name) {
  if (name !== 'running') showPace({busy: false});
  live.state = name;
  ui.status.dataset.state = name;
  ui.status.textContent = t(STATUS_KEYS[name] || 'statusConnecting');
  const connected = name !== 'connecting' && name !== 'offline' && name !== 'invalid';
  ui.buttons.start.disabled = !connected || name === 'running';
  ui.buttons.start.textContent = name === 'done' ? t('btnRestart') : t('btnStart');
  ui.buttons.pause.disabled = name !== 'running';
  ui.buttons.step.disabled = name !== 'paused';
  ui.buttons.reset.disabled = !connected;
  showCounter();
  showReadout(name === 'running', true);
}

function showCounter() {
  ui.counter.textContent = live.steps ? t('stepCounter', {step: live.step, steps: live.steps}) : '';
}

function showSpeed() {
  const speed = SPEEDS[Number(ui.speed.value)];
  ui.speedValue.textContent = t('speedValue', {n: speed});
  ui.speed.setAttribute('aria-valuetext', t('speedValue', {n: speed}));
}

ui.buttons.start.addEventListener('click', () => {
  if (live.state === 'done') startExperiment(true);
  else socket.send({type: 'resume'});
});
ui.buttons.pause.addEventListener('click', () => socket.send({type: 'pause'}));
ui.buttons.step.addEventListener('click', () => socket.send({type: 'step', n: 1}));
ui.buttons.reset.addEventListener('click', () => {
  live.pendingRunning = false;
  live.pendingSpec = live.spec;
  live.awaiting = true;
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
  capLossAxis();
  lossView.update('none');
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
  if (!pathView || !(preset.controls && preset.controls.start)) return;
  const {chart} = pathView;
  const area = chart.chartArea;
  const rect = ui.path.canvas.getBoundingClientRect();
  const px = event.clientX - rect.left;
  const py = event.clientY - rect.top;
  if (px < area.left || px > area.right || py < area.top || py > area.bottom) return;
  const round = (v) => Number(v.toFixed(2));
  state.start = [round(chart.scales.x.getValueForPixel(px)), round(chart.scales.y.getValueForPixel(py))];
  showStart(ui.settings, state.start);
  settingsChanged();
});

// ---- downloads and sharing ---------------------------------------------------------------------------------

const fileName = () => `${data.slug}-${preset.id}`;

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

ui.buttons.csv.addEventListener('click', () => downloadCsv(fileName(), csvOfPreset()));
ui.buttons.json.addEventListener('click', () => downloadJson(fileName(), jsonOfPreset()));
document.querySelectorAll('[data-png]').forEach((button) => {
  button.addEventListener('click', () => downloadPng(`${fileName()}-${button.dataset.png}`,
    document.getElementById(`chart-${button.dataset.png}`)));
});
ui.share.addEventListener('click', (event) => {
  event.preventDefault();
  const link = ui.share.href;
  const done = () => {
    ui.shareStatus.textContent = t('linkCopied');
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(link).then(done, () => {
      ui.shareStatus.textContent = t('linkCopyFailed', {link});
    });
  } else {
    ui.shareStatus.textContent = t('linkCopyFailed', {link});
  }
});

// The language switch keeps the experiment: same query, other language.
const langSwitch = document.getElementById('lang-switch');
if (langSwitch) {
  langSwitch.addEventListener('click', () => {
    const target = new URL(langSwitch.href, window.location.href);
    const params = new URLSearchParams(window.location.search);
    if (target.searchParams.has('lang')) params.set('lang', target.searchParams.get('lang'));
    langSwitch.href = `${target.pathname}?${params.toString()}`;
  });
}

renderMath(document.getElementById('lesson-text'));
markVisited(data.slug, data.presets.length);

// The instructor's open challenges for this lesson: submit the spec shown (challenge.js).
const challenges = new ChallengePanel(document.getElementById('experiment-panel'), data, t,
  () => ({preset: preset.id, spec: toSpec(preset, state)}));
ui.presetSelect.addEventListener('change', () => challenges.presetChanged());
renderSettings();
ui.share.href = window.location.href;
setState('connecting');
socket.connect();
window.addEventListener('pagehide', () => socket.close());
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();          // back from the page cache: the socket is gone
});
