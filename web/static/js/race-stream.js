// A race on the lesson page as the server streams it (docs/protocol.md): what the page knows of the experiment
// (`live`), the messages that change it (started, frames, status, diverged, regions, pace, done, error) and what
// they show: the charts (race-charts.js, training.js, regions.js), the readout, the status line and the buttons'
// states. lesson.js sends the commands and hands every race message to receive().

import {toSpec} from './state.js';
import {clearErrors, showError} from './controls.js';
import {RUN_COLOURS} from './charts.js';
import {RaceCharts} from './race-charts.js';
import {DataTable} from './readout.js';
import {showSources} from './source.js';
import {localizeReason} from './server-text.js';
import {markDone} from './progress.js';

const STATUS_KEYS = {running: 'statusRunning', paused: 'statusPaused', done: 'statusDone',
  connecting: 'statusConnecting', offline: 'statusOffline', invalid: 'statusInvalid'};

/**
 * The race shown on the page. `page` gives the preset and settings shown now ({preset(), state()}); the views of a
 * training problem, its decision regions and the gradient check are lesson.js's, shown here as the race goes.
 */
export class RaceStream {
  constructor({ui, t, format, data, page, readout, training, regions, gradcheck}) {
    this.ui = ui;
    this.t = t;
    this.data = data;
    this.page = page;
    this.readout = readout;
    this.training = training;
    this.regions = regions;
    this.gradcheck = gradcheck;
    /** What the page knows of the experiment on the server. */
    this.live = {
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
    this.charts = new RaceCharts(ui, t, format, this.live, page.state().log);
    this.tables = {accuracy: new DataTable(ui.accuracy.details, t), ratio: new DataTable(ui.ratio.details, t),
      epochLoss: new DataTable(ui.epochLoss.details, t), regions: new DataTable(ui.regions.details, t)};
    this.redrawQueued = false;
  }

  /** A `start` or `reset` was sent: what arrives until its `started` belongs to the experiment it replaces. */
  expectStart(spec, running) {
    this.live.awaiting = true;
    this.live.pendingSpec = spec;
    this.live.pendingRunning = running;
  }

  /** Handles one server message of a race. */
  receive(message) {
    const {live} = this;
    if (message.type === 'started' && message.kind !== 'race') return undefined;   // a search replaced by now
    switch (message.type) {
      case 'started': return this.started(message);
      case 'error': return this.failed(message);
      default:
        if (live.awaiting || message.experiment !== live.experiment) return undefined;   // a replaced experiment
    }
    switch (message.type) {
      case 'frames': return this.addPoints(message.points || {});
      case 'status': return this.setState(message.state);
      case 'diverged': return this.diverged(message);
      case 'regions': return this.regions.draw(message);
      case 'pace': return this.showPace(message);
      case 'done':
        Object.assign(live.latest, message.final || {});
        live.step = Math.max(live.step, ...Object.values(live.latest).map((p) => p.step));
        markDone(this.data.slug, this.page.preset().id);
        return this.setState('done');
      default:
        return undefined;
    }
  }

  started(message) {
    const {ui, t, live, charts, data} = this;
    const preset = this.page.preset();
    const state = this.page.state();
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
    live.diverged = [];
    clearErrors(document.getElementById('experiment-panel'));
    ui.error.textContent = '';
    ui.divergence.hidden = true;
    ui.divergence.replaceChildren();
    ui.decimated.hidden = !(message.stride > 1);
    ui.decimated.textContent = t('decimated', {stride: message.stride});

    charts.setUp(message, Boolean(preset.controls && preset.controls.start));
    this.training.setUp(message, live.runIds);
    this.regions.setUp(message, live.runIds);
    this.gradcheck.setUp(message, live.spec);
    charts.reset(this.training.active);
    this.addPoints(message.initial || {});
    const first = (message.initial || {})[live.runIds[0]];
    charts.setStart(first && first.params ? first.params : state.start);
    const types = [...new Set(message.runs.map((r) => r.optimizer.type))];
    if (types.join() !== live.sourceTypes) {
      live.sourceTypes = types.join();
      // The lesson's own optimizer first (the momentum lesson shows Momentum.java), else the newest method raced.
      showSources(ui.source, types, t, data.sourcePath, types.includes(data.slug) ? data.slug : types[types.length - 1]);
    }
    this.setState(live.pendingRunning ? 'running' : 'paused');
    live.pendingRunning = false;
    charts.fillTables();
    this.tables.accuracy.from(() => this.training.accuracyTable(live.points));
    this.tables.ratio.from(() => this.training.ratioTable(live.points));
    this.tables.epochLoss.from(() => this.training.epochLossTable(live.points));
    this.tables.regions.from(() => this.regions.table());
    this.showReadout(false, true);
  }

  failed(message) {
    const {ui, t, live} = this;
    const field = message.field || '';
    if (field === '' || field.startsWith('spec')) live.awaiting = false;   // the start was refused: the old one stays
    if (live.experiment === null) this.setState('invalid');
    const {target, text} = showError(document.getElementById('experiment-panel'), field, message.message, t);
    ui.error.textContent = target ? t('errorNear') : t('errorText', {message: text});
    if (target) target.scrollIntoView({block: 'nearest'});
  }

  diverged(message) {
    const {ui, t} = this;
    this.live.diverged.push({run: message.run, step: message.step, reason: message.reason});
    const item = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = t('divergedMessage', {run: message.run, step: message.step,
      reason: localizeReason(message.reason, t.lang)});
    item.append(strong, ` ${t('divergedWhy')}`);
    ui.divergence.append(item);
    ui.divergence.hidden = false;
  }

  /** Adds points ({runId: point or [points]}) to the store and the charts. */
  addPoints(byRun) {
    const {live} = this;
    for (const [runId, value] of Object.entries(byRun)) {
      const points = Array.isArray(value) ? value : [value];
      if (!live.points[runId]) continue;
      for (const p of points) {
        live.points[runId].push(p);
        live.latest[runId] = p;
        if (p.step > live.step) live.step = p.step;
        this.training.add(runId, p);
      }
      this.charts.add(runId, points);
    }
    this.redraw();
  }

  redraw() {
    if (this.redrawQueued) return;
    this.redrawQueued = true;
    requestAnimationFrame(() => {
      this.redrawQueued = false;
      this.charts.update(this.page.state().log);
      this.training.update();
      this.showCounter();
      this.showReadout(this.live.state === 'running');
      this.charts.refreshTables();
      Object.values(this.tables).forEach((table) => table.refresh());
    });
  }

  /** The readout of every run's latest point (and, on a training problem, its latest epoch evaluation). */
  showReadout(running, now = false) {
    const {live, training} = this;
    const colours = Object.fromEntries(live.runIds.map((id, k) => [id, RUN_COLOURS[k % RUN_COLOURS.length]]));
    this.readout.show(live.latest, colours, running, now, training.active
      ? {evaluations: training.evaluations, blocks: training.blocks, vectors: live.problem && live.problem.vectors}
      : null);
  }

  /** The server's `pace`: "server busy: 35 of 60 steps/s" while it cannot hold the speed, nothing once it can. */
  showPace(message) {
    const {ui, t} = this;
    ui.busy.hidden = !message.busy;
    ui.busy.textContent = message.busy
      ? t('serverBusy', {achieved: Math.round(message.achieved), speed: Math.round(message.stepsPerSecond)}) : '';
  }

  /** Shows the experiment's state (running, paused, done, connecting, offline, invalid) and enables the buttons. */
  setState(name) {
    const {ui, t} = this;
    if (name !== 'running') this.showPace({busy: false});
    this.live.state = name;
    ui.status.dataset.state = name;
    ui.status.textContent = t(STATUS_KEYS[name] || 'statusConnecting');
    const connected = name !== 'connecting' && name !== 'offline' && name !== 'invalid';
    ui.buttons.start.disabled = !connected || name === 'running';
    ui.buttons.start.textContent = name === 'done' ? t('btnRestart') : t('btnStart');
    ui.buttons.pause.disabled = name !== 'running';
    ui.buttons.step.disabled = name !== 'paused';
    ui.buttons.reset.disabled = !connected;
    this.showCounter();
    this.showReadout(name === 'running', true);
  }

  showCounter() {
    const {ui, t, live} = this;
    ui.counter.textContent = live.steps ? t('stepCounter', {step: live.step, steps: live.steps}) : '';
  }
}
