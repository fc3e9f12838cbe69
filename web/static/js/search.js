// A search preset (the tuning lesson's random search): trials of small networks with lr, reg and dropout drawn
// from ranges (on a regression table, lr alone), run by the server over the WebSocket (docs/protocol.md,
// "Searches") only when the student presses Start. Each finished trial appears on a scatter plot of lr against reg,
// or against the metric when reg is not drawn (log lr, the colour its metric: search-metric.js; circles for the
// first round, triangles for the finer second round, a star on the best) and in a table of all trials, best first
// (search-table.js).

import {el} from './dom.js';
import {formatNumber} from './i18n.js';
import {clearErrors, showError, numberControl, problemControls, fixedValue} from './controls.js';
import {toSpec, SEARCH_RANGES} from './state.js';
import {FONT, axisTitle} from './charts.js';
import {searchChart, DIVERGED_COLOUR} from './search-chart.js';
import {scaleColour, bestFirst, searchMetric} from './search-metric.js';
import {trialsTable, trialsCsv} from './search-table.js';

export {scaleColour, bestFirst};

const RESTART_DELAY_MS = 300;
const READOUT_INTERVAL_MS = 2000;

/** The search view of the panel: toolbar, scatter plot, table of trials, settings. */
export class SearchView {
  constructor(ui, t, socket, lesson) {
    this.ui = ui;
    this.t = t;
    this.socket = socket;
    this.lesson = lesson;
    this.experiment = null;
    this.awaiting = false;
    this.state = 'connecting';
    this.trials = [];
    this.started = null;
    this.fineBox = null;
    this.timer = null;
    this.readoutAt = 0;
    this.readoutTimer = null;
    this.chart = searchChart(ui.canvas, this, t);
    ui.start.addEventListener('click', () => this.run());
    ui.reset.addEventListener('click', () => {
      if (this.socket.send({type: 'reset'})) this.awaiting = true;
    });
  }

  /** Shows `preset` with the settings of `state`; `changed()` is told of every setting change. */
  show(preset, state, changed) {
    this.preset = preset;
    this.settings = state;
    this.changed = changed;
    this.buildSettings();
    if (this.state !== 'offline') this.setStatus('connecting');
  }

  /** Whether the search draws reg (then the plot's y axis is reg, else validation accuracy). */
  regVaries() {
    const ranges = this.started && this.started.ranges;
    return Boolean(ranges && ranges.reg[1] > ranges.reg[0]);
  }

  buildSettings() {
    const t = this.t;
    const preset = this.preset;
    const state = this.settings;
    const ranges = preset.controls.fields || {};
    const set = () => {
      this.changed();
      this.scheduleRestart();
    };
    const parts = [];
    if (ranges.trials) {
      parts.push(numberControl({label: t('searchTrials'), value: state.search.trials, range: ranges.trials,
        field: 'spec.search.trials', set: (v) => {
          state.search.trials = v;
          set();
        }}));
    }
    if (ranges.epochs) {
      parts.push(numberControl({label: t('top.epochs'), value: state.top.epochs, range: ranges.epochs,
        field: 'spec.epochs', set: (v) => {
          if (v === undefined) delete state.top.epochs;
          else state.top.epochs = v;
          set();
        }}));
    }
    if (ranges.batch_size) {
      parts.push(numberControl({label: t('top.batch_size'), value: state.top.batch_size, range: ranges.batch_size,
        field: 'spec.batch_size', placeholder: t('fullBatch'), set: (v) => {
          if (v === undefined) delete state.top.batch_size;
          else state.top.batch_size = v;
          set();
        }}));
    }
    for (const name of SEARCH_RANGES) {
      if (ranges[name] && Array.isArray(state.search[name])) parts.push(this.rangeControl(name, ranges[name], set));
    }
    if (preset.controls.refine) {
      const id = 'search-refine';
      const box = el('input', {type: 'checkbox', id});
      box.checked = Boolean(state.search.refine);
      box.addEventListener('change', () => {
        state.search.refine = box.checked;
        this.buildSettings();
        set();
      });
      parts.push(el('div', {class: 'control refine-toggle', 'data-field': 'spec.search.refine'},
        el('label', {class: 'toggle', for: id}, box, el('span', {text: t('searchRefine')})),
        el('p', {class: 'field-hint', text: t('searchRefineHint')})));
    }
    if (ranges.refine_trials && state.search.refine) {
      const fallback = (preset.spec.search.refine || {}).trials ?? Math.max(1, Math.round(state.search.trials / 2));
      parts.push(numberControl({label: t('searchRefineTrials'), value: state.search.refine_trials ?? fallback,
        range: ranges.refine_trials, field: 'spec.search.refine.trials', set: (v) => {
          state.search.refine_trials = v;
          set();
        }}));
    }
    parts.push(...problemControls({preset, state, t, prefix: 'spec.problem', changed: set}));
    const optimizer = Object.entries(preset.spec.optimizer || {}).map(([k, v]) => (k === 'type' ? v : `${k} = ${v}`));
    parts.push(fixedValue(t('optimizer'), optimizer.join(', '), 'spec.optimizer'));
    const problem = Object.entries(preset.spec.problem || {})
      .filter(([name]) => !(name in ranges))
      .map(([k, v]) => (k === 'type' ? v : `${k} = ${v}`));
    const regression = (preset.spec.problem || {}).task === 'regression';       // a linear model, not a network
    parts.push(fixedValue(t(regression ? 'searchProblemLoss' : 'searchProblem'), problem.join(', '), 'spec.problem'));
    this.ui.settings.replaceChildren(...parts);
  }

  /** Two sliders for the ends of a range the search draws from ({@code spec.search.lr[0]}, {@code [1]}). */
  rangeControl(name, range, set) {
    const t = this.t;
    const ends = this.settings.search[name];
    const control = (end) => numberControl({label: t(end === 0 ? 'searchFrom' : 'searchTo'), value: ends[end], range,
      field: `spec.search.${name}[${end}]`, set: (v) => {
        ends[end] = v;
        set();
      }});
    return el('fieldset', {class: 'range-control', 'data-field': `spec.search.${name}`},
      el('legend', {}, el('span', {class: 'field-name', text: name}),
        el('span', {class: 'field-hint', text: t(`searchRange.${name}`)})),
      el('div', {class: 'range-ends'}, control(0), control(1)));
  }

  scheduleRestart() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.restart(), RESTART_DELAY_MS);
  }

  /** Sends the current settings as a waiting search (nothing runs until Start). */
  restart(running = false) {
    clearTimeout(this.timer);
    if (!this.preset) return;
    const spec = toSpec(this.preset, this.settings);
    // `lesson`: a csv problem's table is read from this lesson's folder, as for a race
    if (this.socket.send({type: 'start', spec, paused: !running, lesson: this.lesson})) {
      this.awaiting = true;
      this.pendingSpec = spec;
    }
  }

  /** Start: runs a waiting search, or a finished one again. */
  run() {
    if (this.state === 'done') this.restart(true);
    else this.socket.send({type: 'resume'});
  }

  setStatus(state) {
    this.state = state;
    const ui = this.ui;
    ui.status.dataset.state = state;
    ui.status.textContent = this.t(`searchStatus.${state}`);
    const connected = !['connecting', 'offline', 'invalid'].includes(state);
    ui.start.disabled = !connected || state === 'running';
    ui.start.textContent = state === 'done' ? this.t('btnRestart') : this.t('btnStart');
    ui.reset.disabled = !connected || (state === 'paused' && this.trials.length === 0);
  }

  /** A server message, while this view is the page's. Returns whether the search finished with it. */
  receive(message) {
    if (message.type === 'started') {
      if (message.kind !== 'search') return false;
      this.onStarted(message);
      return false;
    }
    if (message.type === 'error') {
      this.onError(message);
      return false;
    }
    if (this.awaiting || message.experiment !== this.experiment) return false;
    switch (message.type) {
      case 'trial':
        this.onTrial(message);
        return false;
      case 'round':
        this.fineBox = message.ranges;
        this.chart.update('none');
        return false;
      case 'status':
        this.setStatus(message.state);
        this.showProgress();
        return false;
      case 'done':
        this.bestIndex = message.best.trial;
        this.setStatus('done');
        this.redraw(true);
        return true;
      default:
        return false;
    }
  }

  onStarted(message) {
    this.awaiting = false;
    this.experiment = message.experiment;
    this.ui.status.dataset.experiment = String(message.experiment);
    this.started = message;
    this.spec = this.pendingSpec || toSpec(this.preset, this.settings);
    this.trials = [];
    this.fineBox = null;
    this.bestIndex = null;
    clearErrors(this.ui.root);
    this.ui.error.textContent = '';
    this.setUpChart();
    this.redraw(true);
    this.setStatus('paused');
  }

  onError(message) {
    const field = message.field || '';
    if (field === '' || field.startsWith('spec')) this.awaiting = false;
    if (this.experiment === null) this.setStatus('invalid');
    const {target, text} = showError(this.ui.root, field, message.message, this.t);
    this.ui.error.textContent = target ? this.t('errorNear') : this.t('errorText', {message: text});
  }

  onTrial(message) {
    this.trials.push(message);
    this.redraw(false);
  }

  setUpChart() {
    const t = this.t;
    const {ranges} = this.started;
    const reg = this.regVaries();
    const scales = this.chart.options.scales;
    scales.x.min = ranges.lr[0] / 1.5;
    scales.x.max = ranges.lr[1] * 1.5;
    const metric = this.metric();
    if (reg) {
      scales.y = {type: 'logarithmic', min: ranges.reg[0] / 1.5, max: ranges.reg[1] * 1.5,
        title: axisTitle(t('searchAxisReg')), ticks: {font: FONT,
          callback: (v) => (Number.isInteger(Math.log10(v)) ? formatNumber(v, t.lang) : '')}};
    } else {
      const axis = metric.axis(axisTitle(t(metric.words.axis)));
      scales.y = {...axis, ticks: {...axis.ticks, font: FONT}};
    }
    this.ui.title.textContent = t(metric.words.title);
    this.ui.note.textContent = t(metric.words.note);
    this.ui.chartNote.textContent = t(metric.words.chartNote);
    this.ui.canvas.setAttribute('aria-label', t(metric.words.title));
    this.ui.legendLabel.textContent = t(metric.words.colour);
    // the scale of a loss follows the trials: each point's colour is read when the chart draws
    const colour = (context) => (context.raw && !context.raw.diverged
      ? scaleColour(this.metric().position(context.raw.value)) : DIVERGED_COLOUR);
    const points = (key, label, style, radius, extra = {}) => ({key, label, data: [], pointStyle: style,
      pointRadius: radius, pointHoverRadius: radius + 2, backgroundColor: colour, borderColor: '#1f2937',
      borderWidth: 1, showLine: false, ...extra});
    this.chart.data.datasets = [
      points('round1', t('searchRound1'), 'circle', 6),
      points('round2', t('searchRound2'), 'triangle', 7),
      points('diverged', t('searchDiverged'), 'crossRot', 6, {borderColor: DIVERGED_COLOUR, borderWidth: 2}),
      points('best', t('searchBest'), 'star', 12, {borderColor: '#000000', borderWidth: 2}),
    ];
    this.showLegendEnds();
    this.ui.legendBar.style.background = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1]
      .map((u) => scaleColour(u)).join(', ')})`;
    this.ui.legend.hidden = false;
  }

  /** What ranks this search's trials and how it is shown (search-metric.js), with the scale of the trials so far. */
  metric() {
    return searchMetric(this.started, this.trials, this.t);
  }

  /** The words at the two ends of the colour legend: chance and 100 %, or the worst and best loss so far. */
  showLegendEnds() {
    const [low, high] = this.metric().legend();
    this.ui.legendLow.textContent = low;
    this.ui.legendHigh.textContent = high;
  }

  /**
   * A trial as a chart point: lr and reg (or its metric) with everything the claim checks and the tooltip shows;
   * `value` is the metric (validation accuracy, or a regression's validation loss).
   */
  point(trial) {
    const metric = this.metric();
    const value = metric.value(trial);
    const y = this.regVaries() ? trial.reg : (value ?? (metric.byLoss ? null : 0));
    return {x: trial.lr, y, trial: trial.trial, round: trial.round, lr: trial.lr, reg: trial.reg,
      dropout: trial.dropout, accuracy: trial.val_accuracy, valLoss: trial.val_loss, value, diverged: trial.diverged};
  }

  describe(raw) {
    const t = this.t;
    const lang = t.lang;
    const metric = this.metric();
    return t(metric.words.point, {trial: raw.trial, lr: formatNumber(raw.lr, lang, 3),
      reg: formatNumber(raw.reg, lang, 3),
      accuracy: raw.diverged ? t('searchDivergedShort') : metric.text(raw.value),
      loss: raw.diverged ? t('searchDivergedShort') : metric.text(raw.value)});
  }

  redraw(now) {
    const sorted = [...this.trials].sort(bestFirst);
    const best = sorted.length > 0 && !sorted[0].diverged ? sorted[0] : null;
    const [round1, round2, diverged, bestSet] = this.chart.data.datasets;
    if (round1) {
      round1.data = this.trials.filter((x) => !x.diverged && x.round === 1).map((x) => this.point(x));
      round2.data = this.trials.filter((x) => !x.diverged && x.round === 2).map((x) => this.point(x));
      diverged.data = this.trials.filter((x) => x.diverged).map((x) => this.point(x));
      bestSet.data = best ? [this.point(best)] : [];
      this.chart.update('none');
      this.showLegendEnds();
    }
    this.renderTable(sorted, best);
    this.showProgress();
    this.showReadout(best, now);
  }

  showProgress() {
    const total = this.started ? this.started.trials : 0;
    this.ui.progress.max = Math.max(1, total);
    this.ui.progress.value = this.trials.length;
    this.ui.counter.textContent = this.started ? this.t('searchCounter', {done: this.trials.length, total}) : '';
  }

  /** The best trial so far in words; while running at most every few seconds (an aria-live region). */
  showReadout(best, now) {
    const render = () => {
      this.readoutAt = performance.now();
      const t = this.t;
      const lang = t.lang;
      const metric = this.metric();
      const key = this.state === 'done' ? metric.words.readoutDone : metric.words.readout;
      const value = best ? metric.text(metric.value(best)) : '';
      this.ui.readout.textContent = best ? t(key, {trial: best.trial, lr: formatNumber(best.lr, lang, 3),
        reg: formatNumber(best.reg, lang, 3), accuracy: value, loss: value, count: this.trials.length})
        : t('searchReadoutNone');
    };
    clearTimeout(this.readoutTimer);
    const wait = READOUT_INTERVAL_MS - (performance.now() - this.readoutAt);
    if (now || this.state !== 'running' || wait <= 0) render();
    else this.readoutTimer = setTimeout(render, wait);
  }

  /** The table of every trial, best first. */
  renderTable(sorted, best) {
    const dropout = Boolean(this.started && this.started.ranges.dropout[1] > this.started.ranges.dropout[0]);
    const metric = this.started ? this.metric() : searchMetric({problem: {}}, [], this.t);
    this.ui.table.replaceChildren(trialsTable(sorted, best, metric, dropout, this.t));
  }

  /** CSV of the trials in index order, with a column marking the best. */
  csv() {
    return trialsCsv(this.trials);
  }

  /** Everything the page received of the search, for the JSON download. */
  document() {
    return {spec: this.spec, started: this.started, round2: this.fineBox,
      trials: [...this.trials].sort((a, b) => a.trial - b.trial), best: this.bestIndex};
  }
}
