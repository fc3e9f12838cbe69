// A search preset (the tuning lesson's random search): trials of small networks with lr, reg and dropout drawn
// from ranges, run by the server over the WebSocket (docs/protocol.md, "Searches") only when the student presses
// Start. Each finished trial appears on a scatter plot of lr against reg (log axes, the colour its validation
// accuracy, circles for the first round, triangles for the finer second round, a star on the best) and in a table
// of all trials by validation accuracy.

import {el} from './dom.js';
import {formatNumber} from './i18n.js';
import {clearErrors, showError, numberControl, problemControls, fixedValue} from './controls.js';
import {toSpec, SEARCH_RANGES} from './state.js';
import {FONT, axisTitle, whiteBackground, baseOptions} from './charts.js';
import {percent} from './readout.js';

const RESTART_DELAY_MS = 300;
const READOUT_INTERVAL_MS = 2000;
/** Low to high validation accuracy: pale yellow, green, dark blue (ColorBrewer YlGnBu, colour-blind safe). */
const SCALE = [[255, 255, 204], [161, 218, 180], [65, 182, 196], [44, 127, 184], [37, 52, 148]];
const DIVERGED_COLOUR = '#6b7280';

/** The colour of an accuracy `u` in [0, 1] of the scale. */
export function scaleColour(u) {
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * (SCALE.length - 1);
  const k = Math.min(SCALE.length - 2, Math.floor(x));
  const f = x - k;
  const [r, g, b] = SCALE[k].map((c, i) => Math.round(c + (SCALE[k + 1][i] - c) * f));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Best first, as the engine ranks trials: not diverged, higher validation accuracy, lower validation loss, earlier. */
export function bestFirst(a, b) {
  if (a.diverged !== b.diverged) return a.diverged ? 1 : -1;
  const accuracy = (b.val_accuracy ?? -1) - (a.val_accuracy ?? -1);
  if (accuracy !== 0) return accuracy;
  const loss = (a.val_loss ?? Infinity) - (b.val_loss ?? Infinity);
  return loss !== 0 && Number.isFinite(loss) ? loss : a.trial - b.trial;
}

/** Draws the second round's ranges (a dashed box on the lr-reg plane) under the points. */
function fineBoxPlugin(view) {
  return {
    id: 'fineBox',
    beforeDatasetsDraw(chart) {
      const box = view.fineBox;
      if (!box || !view.regVaries()) return;
      const {x, y} = chart.scales;
      const left = x.getPixelForValue(box.lr[0]);
      const right = x.getPixelForValue(box.lr[1]);
      const top = y.getPixelForValue(box.reg[1]);
      const bottom = y.getPixelForValue(box.reg[0]);
      const {ctx} = chart;
      ctx.save();
      ctx.fillStyle = 'rgba(37, 52, 148, 0.06)';
      ctx.strokeStyle = '#253494';
      ctx.setLineDash([6, 4]);
      ctx.lineWidth = 1.5;
      ctx.fillRect(left, top, right - left, bottom - top);
      ctx.strokeRect(left, top, right - left, bottom - top);
      ctx.setLineDash([]);
      ctx.fillStyle = '#253494';
      ctx.font = `12px ${FONT.family}`;
      ctx.fillText(view.t('searchFineBox'), left + 4, top - 4 > chart.chartArea.top + 10 ? top - 4 : top + 14);
      ctx.restore();
    },
  };
}

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
    const options = baseOptions((v) => formatNumber(v, t.lang));
    options.interaction = {mode: 'nearest', intersect: true};
    options.plugins.tooltip = {callbacks: {label: (item) => this.describe(item.raw)}};
    options.plugins.legend.labels = {...options.plugins.legend.labels, usePointStyle: true,
      // Only what this search can show: the fine round if it has one, the diverged if any.
      generateLabels: (chart) => chart.data.datasets.map((d, k) => ({text: d.label, datasetIndex: k, key: d.key,
        pointStyle: d.pointStyle, fillStyle: d.key === 'diverged' ? DIVERGED_COLOUR : '#cbd5e1',
        strokeStyle: d.key === 'diverged' ? DIVERGED_COLOUR : '#1f2937', lineWidth: 1,
        hidden: !chart.isDatasetVisible(k), fontColor: '#1f2937'}))
        .filter((item) => (item.key !== 'round2' || (this.started && this.started.refine))
          && (item.key !== 'diverged' || this.trials.some((x) => x.diverged)))};
    options.scales = {
      x: {type: 'logarithmic', title: axisTitle(t('searchAxisLr')), ticks: {font: FONT,
        callback: (v) => (Number.isInteger(Math.log10(v)) ? formatNumber(v, t.lang) : '')}},
      y: {type: 'logarithmic', title: axisTitle(t('searchAxisReg')), ticks: {font: FONT,
        callback: (v) => (Number.isInteger(Math.log10(v)) ? formatNumber(v, t.lang) : '')}},
    };
    this.chart = new window.Chart(ui.canvas, {type: 'scatter', data: {datasets: []}, options,
      plugins: [whiteBackground, fineBoxPlugin(this)]});
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
    parts.push(fixedValue(t('searchProblem'), problem.join(', '), 'spec.problem'));
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
    if (reg) {
      scales.y = {type: 'logarithmic', min: ranges.reg[0] / 1.5, max: ranges.reg[1] * 1.5,
        title: axisTitle(t('searchAxisReg')), ticks: {font: FONT,
          callback: (v) => (Number.isInteger(Math.log10(v)) ? formatNumber(v, t.lang) : '')}};
    } else {
      scales.y = {type: 'linear', min: 0, max: 1, title: axisTitle(t('searchAxisAccuracy')),
        ticks: {font: FONT, callback: (v) => `${Math.round(v * 100)} %`}};
    }
    const colour = (context) => (context.raw && !context.raw.diverged ? scaleColour(this.position(context.raw.accuracy))
      : DIVERGED_COLOUR);
    const points = (key, label, style, radius, extra = {}) => ({key, label, data: [], pointStyle: style,
      pointRadius: radius, pointHoverRadius: radius + 2, backgroundColor: colour, borderColor: '#1f2937',
      borderWidth: 1, showLine: false, ...extra});
    this.chart.data.datasets = [
      points('round1', t('searchRound1'), 'circle', 6),
      points('round2', t('searchRound2'), 'triangle', 7),
      points('diverged', t('searchDiverged'), 'crossRot', 6, {borderColor: DIVERGED_COLOUR, borderWidth: 2}),
      points('best', t('searchBest'), 'star', 12, {borderColor: '#000000', borderWidth: 2}),
    ];
    const low = this.chance();
    this.ui.legendLow.textContent = `${formatNumber(100 * low, t.lang, 3)} %`;
    this.ui.legendHigh.textContent = '100 %';
    this.ui.legendBar.style.background = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1]
      .map((u) => scaleColour(u)).join(', ')})`;
    this.ui.legend.hidden = false;
  }

  /** The chance level of the problem (1 / classes): the low end of the colour scale. */
  chance() {
    const classes = Number((this.started.problem.parameters || {}).classes) || 3;
    return 1 / classes;
  }

  /** Where an accuracy sits on the colour scale, from chance to 100 %. */
  position(accuracy) {
    const low = this.chance();
    return (accuracy - low) / (1 - low);
  }

  /** A trial as a chart point: lr and reg (or accuracy) with everything the claim checks and the tooltip shows. */
  point(trial) {
    const reg = this.regVaries();
    return {x: trial.lr, y: reg ? trial.reg : (trial.val_accuracy ?? 0), trial: trial.trial, round: trial.round,
      lr: trial.lr, reg: trial.reg, dropout: trial.dropout, accuracy: trial.val_accuracy, valLoss: trial.val_loss,
      diverged: trial.diverged};
  }

  describe(raw) {
    const t = this.t;
    const lang = t.lang;
    return t('searchPoint', {trial: raw.trial, lr: formatNumber(raw.lr, lang, 3), reg: formatNumber(raw.reg, lang, 3),
      accuracy: raw.diverged ? t('searchDivergedShort') : percent(raw.accuracy, lang)});
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
      const key = this.state === 'done' ? 'searchReadoutDone' : 'searchReadout';
      this.ui.readout.textContent = best ? t(key, {trial: best.trial, lr: formatNumber(best.lr, lang, 3),
        reg: formatNumber(best.reg, lang, 3), accuracy: percent(best.val_accuracy, lang), count: this.trials.length})
        : t('searchReadoutNone');
    };
    clearTimeout(this.readoutTimer);
    const wait = READOUT_INTERVAL_MS - (performance.now() - this.readoutAt);
    if (now || this.state !== 'running' || wait <= 0) render();
    else this.readoutTimer = setTimeout(render, wait);
  }

  /** The table of every trial, best first. */
  renderTable(sorted, best) {
    const t = this.t;
    const lang = t.lang;
    const dropout = this.started && this.started.ranges.dropout[1] > this.started.ranges.dropout[0];
    const table = el('table', {class: 'data-table search-table', id: 'search-table'});
    table.createCaption().textContent = t('searchTableCaption');
    const head = table.createTHead().insertRow();
    const columns = [t('searchRank'), t('searchTrial'), t('searchRound'), 'lr', 'reg', ...(dropout ? ['dropout'] : []),
      t('colTrainAccuracy'), t('colValAccuracy'), t('colValLoss')];
    for (const name of columns) head.append(el('th', {scope: 'col', text: name}));
    const body = table.createTBody();
    sorted.forEach((trial, k) => {
      const row = body.insertRow();
      row.dataset.trial = String(trial.trial);
      if (best && trial === best) row.className = 'best';
      const cells = [String(k + 1), String(trial.trial), String(trial.round), formatNumber(trial.lr, lang, 3),
        formatNumber(trial.reg, lang, 3), ...(dropout ? [formatNumber(trial.dropout, lang, 3)] : []),
        percent(trial.train_accuracy, lang), trial.diverged ? t('searchDivergedShort') : percent(trial.val_accuracy, lang),
        formatNumber(trial.val_loss, lang)];
      cells.forEach((text, c) => row.append(el(c === 0 ? 'th' : 'td', c === 0 ? {scope: 'row', text} : {text})));
    });
    this.ui.table.replaceChildren(table);
  }

  /** CSV of the trials in index order, with a column marking the best. */
  csv() {
    const header = ['trial', 'round', 'lr', 'reg', 'dropout', 'train_loss', 'train_accuracy', 'val_loss',
      'val_accuracy', 'diverged', 'best'];
    const value = (v) => (v === null || v === undefined ? '' : String(v));
    const best = [...this.trials].sort(bestFirst)[0];
    const rows = [...this.trials].sort((a, b) => a.trial - b.trial).map((x) => [x.trial, x.round, x.lr, x.reg,
      x.dropout, x.train_loss, x.train_accuracy, x.val_loss, x.val_accuracy, x.diverged, x === best]
      .map(value).join(','));
    return `${[header.join(','), ...rows].join('\n')}\n`;
  }

  /** Everything the page received of the search, for the JSON download. */
  document() {
    return {spec: this.spec, started: this.started, round2: this.fineBox,
      trials: [...this.trials].sort((a, b) => a.trial - b.trial), best: this.bestIndex};
  }
}
