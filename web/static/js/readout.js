// The live numbers and the data-table alternatives to the charts (rendered only while opened). The numbers' table
// is redrawn with the charts and the step counter, so all three always show the same step; what a screen reader
// announces is a separate, shorter aria-live line, refreshed at most every few seconds while running so it is not
// flooded.

import {formatNumber, formatVector} from './i18n.js';

const RUNNING_INTERVAL_MS = 2000;
const TABLE_INTERVAL_MS = 1000;
const MAX_TABLE_ROWS = 500;

function cell(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  el.textContent = text;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** The readout of the latest point of every run, and its spoken summary. */
export class Readout {
  /** `element` holds the table; `live` (aria-live) the summary a screen reader announces. */
  constructor(element, t, live) {
    this.element = element;
    this.t = t;
    this.live = live;
    this.last = 0;
    this.timer = null;
  }

  /**
   * Shows `latest` ({runId: point}) at once; the spoken summary follows at most every few seconds while `running`
   * unless `now`. `training` (a training problem) adds each run's latest epoch evaluation and update ratios:
   * {evaluations, blocks, vectors}.
   */
  show(latest, colours, running, now = false, training = null) {
    this.pending = {latest, colours, training};
    this.render();
    const wait = RUNNING_INTERVAL_MS - (performance.now() - this.last);
    if (!running || now || wait <= 0) {
      clearTimeout(this.timer);
      this.timer = null;
      this.announce();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.announce();
      }, wait);
    }
  }

  clear() {
    clearTimeout(this.timer);
    this.timer = null;
    this.element.replaceChildren();
    if (this.live) this.live.textContent = '';
  }

  /** Puts each run's step and loss into the live region ("sgd: step 79, loss 0.0123"). */
  announce() {
    this.last = performance.now();
    if (!this.live) return;
    const {t} = this;
    this.live.textContent = Object.entries(this.pending.latest).map(([run, point]) => t('readoutSpoken',
      {run, step: point.step, loss: formatNumber(point.loss, t.lang)})).join('; ');
  }

  render() {
    const {latest, colours, training} = this.pending;
    const t = this.t;
    const lang = t.lang;
    const table = document.createElement('table');
    table.className = training ? 'readout-table training' : 'readout-table';
    // Epochs are worth a column only when an update is not a whole epoch (minibatches of a training set).
    const epochs = Object.values(latest).some((p) => p.epoch !== Math.max(0, p.step - 1));
    const vectors = !training || training.vectors !== false;
    const evaluations = training ? training.evaluations : {};
    const accuracy = Object.values(evaluations).some((e) => 'train_accuracy' in e);
    const validation = Object.values(evaluations).some((e) => 'val_accuracy' in e);
    const head = table.createTHead().insertRow();
    const names = [t('colRun'), t('colStep'), ...(epochs ? [t('colEpoch')] : []),
      training ? t('colBatchLoss') : t('colLoss'), ...(accuracy ? [t('colTrainAccuracy')] : []),
      ...(validation ? [t('colValAccuracy')] : []), ...(training ? [t('colRatio')] : []),
      ...(vectors ? [t('colParams'), t('colState')] : [])];
    for (const name of names) head.append(cell('th', name, {scope: 'col'}));
    const body = table.createTBody();
    for (const [runId, point] of Object.entries(latest)) {
      const row = body.insertRow();
      const name = cell('th', runId, {scope: 'row'});
      name.style.setProperty('--run-colour', colours[runId] || '#000');
      name.className = 'run-name';
      row.append(name, cell('td', String(point.step)));
      if (epochs) row.append(cell('td', String(point.epoch)));
      row.append(cell('td', formatNumber(point.loss, lang)));
      const evaluation = evaluations[runId] || {};
      if (accuracy) row.append(cell('td', percent(evaluation.train_accuracy, lang)));
      if (validation) row.append(cell('td', percent(evaluation.val_accuracy, lang)));
      if (training) row.append(unbreakable(cell('td', describeRatios(point, training.blocks, lang))));
      if (vectors) {
        row.append(unbreakable(cell('td', formatVector(point.params, lang))),
          unbreakable(cell('td', describeState(point, t))));
      }
    }
    this.element.replaceChildren(table);
  }
}

/** Lets a cell wrap between words and numbers, never inside a number such as -4.361e-15. */
function unbreakable(td) {
  const parts = td.textContent.split(/(-?[0-9][0-9.,]*(?:e-?[0-9]+)?)/);
  td.replaceChildren(...parts.map((part, k) => {
    if (k % 2 === 0) return document.createTextNode(part);
    const span = document.createElement('span');
    span.className = 'nowrap';
    span.textContent = part;
    return span;
  }));
  return td;
}

/** An accuracy as a percentage ("95.8 %"), "—" when unknown. */
export function percent(value, lang) {
  if (value === undefined) return '—';
  return value === null || !Number.isFinite(value) ? '—' : `${formatNumber(100 * value, lang, 3)} %`;
}

/** The update-to-weight ratio of each weight block of a point: "W1 1.2e-3, W2 8e-4". */
function describeRatios(point, blocks, lang) {
  const layers = point.layers || [];
  return blocks.map((block) => {
    const layer = layers.find((l) => l.name === block);
    return `${block} ${layer && layer.update_ratio !== null ? formatNumber(layer.update_ratio, lang, 2) : '—'}`;
  }).join(', ');
}

/** The optimizer state worth reading: velocity, effective lr, or the lr for SGD. */
export function describeState(point, t) {
  const lang = t.lang;
  const state = point.state || {};
  const parts = [];
  if (state.v) parts.push(`v = ${formatVector(state.v, lang)}`);
  if (state.effective_lr) parts.push(`${t('effectiveLr')} = ${formatVector(state.effective_lr, lang)}`);
  if (parts.length === 0) parts.push(`lr = ${formatNumber(point.lr, lang)}`);
  return parts.join('; ');
}

/**
 * A table under a <details> element showing `rows()` = {columns: [...], rows: [[...]]}, rebuilt when opened and
 * at most once a second while open. Long runs show evenly spaced rows (and say so).
 */
export class DataTable {
  constructor(details, t) {
    this.details = details;
    this.t = t;
    this.source = () => ({columns: [], rows: []});
    this.timer = null;
    this.holder = document.createElement('div');
    this.holder.className = 'table-scroll';
    this.holder.tabIndex = 0;
    details.append(this.holder);
    details.addEventListener('toggle', () => this.refresh(true));
  }

  /** Sets where the rows come from. */
  from(source) {
    this.source = source;
    this.refresh(true);
  }

  /** Rebuilds the table if open (throttled unless `now`). */
  refresh(now = false) {
    if (!this.details.open) return;
    if (now) {
      clearTimeout(this.timer);
      this.timer = null;
      this.render();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.render();
      }, TABLE_INTERVAL_MS);
    }
  }

  render() {
    const {columns, rows, caption} = this.source();
    const table = document.createElement('table');
    table.className = 'data-table';
    if (caption) table.createCaption().textContent = caption;
    const head = table.createTHead().insertRow();
    for (const name of columns) head.append(cell('th', name, {scope: 'col'}));
    const body = table.createTBody();
    const every = Math.max(1, Math.ceil(rows.length / MAX_TABLE_ROWS));
    rows.forEach((values, k) => {
      if (k % every !== 0 && k !== rows.length - 1) return;
      const row = body.insertRow();
      values.forEach((v, c) => {
        if (c === 0) row.append(cell('th', String(v), {scope: 'row'}));
        else row.append(cell('td', typeof v === 'number' || v === null ? formatNumber(v, this.t.lang) : String(v ?? '—')));
      });
    });
    const parts = [table];
    if (every > 1) parts.unshift(cell('p', this.t('tableSampled', {every}), {class: 'note'}));
    this.holder.replaceChildren(...parts);
  }
}

/** Rows by step from the points of each run (`series`: arrays of points): one column per run. */
export function rowsByStep(series, value) {
  const byStep = new Map();
  series.forEach((points, c) => {
    for (const point of points) {
      if (!byStep.has(point.step)) byStep.set(point.step, new Array(series.length).fill(undefined));
      byStep.get(point.step)[c] = value(point);
    }
  });
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, values]) => [step, ...values]);
}
