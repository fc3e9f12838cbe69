// The charts of a race on any problem (docs/page-contract.md): the loss against step (its axis kept readable when a
// run blows up or the loss goes negative), the path over the contour map of a 2-D problem (with its zoom), lr
// against step when a schedule changes it, the parameter against step on a 1-D problem, and the data table under
// each. The points come from race-stream.js; the charts of a training problem are training.js's.

import {changesLr} from './state.js';
import {LOG_FLOOR, logAxisMin, lossChart, pathChart, stepChart, resetDatasets, datasetOf, keepEqualAspect} from './charts.js';
import {contourLayer} from './contour.js';
import {PathZoom} from './path-zoom.js';
import {DataTable, rowsByStep} from './readout.js';

function sameBounds(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The race's charts over `live` (race-stream.js): its run ids, points and steps. */
export class RaceCharts {
  constructor(ui, t, format, live, log) {
    this.ui = ui;
    this.t = t;
    this.format = format;
    this.live = live;
    this.map = {layer: null, minima: [], start: null};
    this.pathView = null;    // {chart, bounds, axes, observer}
    this.pathZoom = new PathZoom(ui.pathZoom, t, format);
    this.lossView = lossChart(ui.loss.canvas, t, format, log);
    this.lrView = null;
    this.paramView = null;   // the parameter against step, for 1-D problems
    this.lossRange = {max: -Infinity, min: Infinity, minPositive: Infinity, belowLogFloor: false};
    this.tables = {loss: new DataTable(ui.loss.details, t), path: new DataTable(ui.path.details, t),
      lr: new DataTable(ui.lr.details, t), param: new DataTable(ui.param.details, t)};
  }

  /** Shows the charts the experiment of `started` needs; a click on the map may set the start when `clickable`. */
  setUp(message, clickable) {
    this.setUpPathChart(message, clickable);
    this.setUpLrChart(message.runs);
    this.setUpParamChart(message.problem.dimension);
    for (const chart of [this.lossView, this.lrView, this.paramView]) {
      if (chart) chart.options.scales.x.max = this.live.steps;
    }
  }

  /** Empties every chart for the runs of `live`; the loss axis says batch loss on a training problem. */
  reset(batchLoss) {
    const {t, live} = this;
    this.lossRange = {max: -Infinity, min: Infinity, minPositive: Infinity, belowLogFloor: false};
    this.lossView.options.scales.y.title.text = batchLoss ? t('axisBatchLoss') : t('axisLoss');
    resetDatasets(this.lossView, live.runIds);
    if (this.pathView) resetDatasets(this.pathView.chart, live.runIds, {showLine: true, pointRadius: 1.5, borderWidth: 1.5});
    if (this.lrView) resetDatasets(this.lrView, live.runIds);
    if (this.paramView) resetDatasets(this.paramView, live.runIds);
  }

  /** Fills the data tables from `live` (an open one at once, the others when opened). */
  fillTables() {
    const {t, live} = this;
    this.tables.loss.from(() => this.lossTable());
    this.tables.path.from(() => this.pathTable());
    this.tables.lr.from(() => this.lrTable());
    this.tables.param.from(() => ({columns: [t('colStep'), ...live.runIds.map((id) => `x (${id})`)],
      rows: rowsByStep(live.runIds.map((id) => live.points[id]), (p) => (Array.isArray(p.params) ? p.params[0] : null))}));
  }

  /** Where a run starts on the map (a dot), once the experiment has started. */
  setStart(start) {
    this.map.start = start;
  }

  /** Adds `points` of run `runId` to every chart; drawn at the next update(). */
  add(runId, points) {
    const range = this.lossRange;
    const loss = datasetOf(this.lossView, runId);
    const path = this.pathView ? datasetOf(this.pathView.chart, runId) : null;
    const lr = this.lrView ? datasetOf(this.lrView, runId) : null;
    const param = this.paramView ? datasetOf(this.paramView, runId) : null;
    for (const p of points) {
      loss.data.push({x: p.step, y: p.loss});
      if (Number.isFinite(p.loss) && p.loss > range.max) range.max = p.loss;
      if (Number.isFinite(p.loss) && p.loss < range.min) range.min = p.loss;
      if (p.loss > 0 && p.loss < range.minPositive) range.minPositive = p.loss;
      if (p.loss !== null && p.loss >= 0 && p.loss < LOG_FLOOR) range.belowLogFloor = true;
      if (path) {
        // Same order as the loss chart; a non-finite coordinate (null) leaves a gap.
        const [x, y] = Array.isArray(p.params) ? p.params : [null, null];
        path.data.push(x === null || y === null ? {x: null, y: null} : {x, y});
      }
      if (lr) lr.data.push({x: p.step, y: p.lr});
      if (param) param.data.push({x: p.step, y: Array.isArray(p.params) ? p.params[0] : null});
    }
  }

  /** Draws what was added, the loss on a log axis when `log` (and the loss allows it). */
  update(log) {
    this.capLossAxis(log);
    this.lossView.update('none');
    if (this.pathView) this.pathView.chart.update('none');
    if (this.lrView) this.lrView.update('none');
    if (this.paramView) this.paramView.update('none');
  }

  /** Rebuilds the open data tables (throttled). */
  refreshTables() {
    Object.values(this.tables).forEach((table) => table.refresh());
  }

  /** Switches the loss axis between log and linear. */
  showLog(log) {
    this.capLossAxis(log);
    this.lossView.update('none');
  }

  /**
   * The point of the map under a click, rounded to two decimals ([x, y]), or null when the click is outside the
   * plot or there is no map.
   */
  pointAt(event) {
    if (!this.pathView) return null;
    const {chart} = this.pathView;
    const area = chart.chartArea;
    const rect = this.ui.path.canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    if (px < area.left || px > area.right || py < area.top || py > area.bottom) return null;
    const round = (v) => Number(v.toFixed(2));
    return [round(chart.scales.x.getValueForPixel(px)), round(chart.scales.y.getValueForPixel(py))];
  }

  /**
   * Keeps the loss axis readable when a run blows up: the axis stops at a few orders of magnitude above the
   * starting loss (the diverging curve leaves the chart at the top) instead of squashing every other curve flat.
   */
  capLossAxis(logWanted) {
    const {ui, live, lossView, lossRange} = this;
    // A loss that goes negative (a saddle, Reddi's problem) cannot be drawn on a log axis: linear then, and said so.
    const negative = lossRange.min < 0;
    const log = logWanted && !negative;
    lossView.options.scales.y.type = log ? 'logarithmic' : 'linear';
    ui.logToggle.disabled = negative;
    ui.logNote.hidden = !negative;
    // Chart.js takes a log axis's bottom from ticks it rounds, which can come out as 0 for losses near 1e-30 (and a log
    // axis from 0 draws nothing): the bottom is set here, a power of ten at or below the data, never below LOG_FLOOR.
    lossView.options.scales.y.min = log ? logAxisMin(lossRange.minPositive) : undefined;
    ui.logFloorNote.hidden = !(log && lossRange.belowLogFloor);
    const initial = live.runIds.map((id) => (live.points[id][0] || {}).loss).filter((v) => Number.isFinite(v));
    const start = Math.max(0, ...initial.map(Math.abs));
    const cap = start > 0 ? start * (log ? 1e4 : 10) : undefined;
    lossView.options.scales.y.max = cap !== undefined && lossRange.max > cap ? cap : undefined;
  }

  dropPathChart() {
    if (!this.pathView) return;
    if (this.pathView.observer) this.pathView.observer.disconnect();
    this.pathView.chart.destroy();
    this.pathView = null;
  }

  setUpPathChart(message, clickable) {
    const {ui, t, format} = this;
    const bounds = Array.isArray(message.problem.bounds) ? message.problem.bounds : null;
    const twoD = message.problem.dimension === 2;
    ui.path.figure.hidden = !twoD;
    if (!twoD) {
      this.dropPathChart();
      this.pathZoom.clear();
      return;
    }
    this.map = {layer: message.contour ? contourLayer(message.contour) : null, minima: message.problem.minima || [],
      start: null};
    const axes = Array.isArray(message.problem.axes) ? message.problem.axes : ['x[0]', 'x[1]'];
    if (!this.pathView || !sameBounds(this.pathView.bounds, bounds) || !sameBounds(this.pathView.axes, axes)) {
      this.dropPathChart();
      const chart = pathChart(ui.path.canvas, t, format, bounds, () => this.map, axes);
      this.pathView = {chart, bounds, axes, observer: bounds ? keepEqualAspect(chart, ui.path.box, bounds) : null};
      if (!bounds) ui.path.box.style.height = '';
    }
    this.pathZoom.setUp(this.pathView.chart, this.map, message.contour, bounds);
    ui.path.figure.querySelector('.chart-title').textContent = bounds ? t('pathTitle') : t('pathTitlePlain');
    ui.path.canvas.setAttribute('aria-label', bounds ? t('pathTitle') : t('pathTitlePlain'));
    const canClick = Boolean(bounds && clickable);
    ui.path.canvas.classList.toggle('clickable', canClick);
    ui.pathNote.textContent = bounds ? `${t('pathLegend')}${canClick ? ` ${t('pathClick')}` : ''}` : t('pathNoMap');
  }

  setUpParamChart(dimension) {
    const oneD = dimension === 1;
    this.ui.param.figure.hidden = !oneD;
    if (oneD && !this.paramView) this.paramView = stepChart(this.ui.param.canvas, this.t, this.format, 'x');
    if (!oneD && this.paramView) {
      this.paramView.destroy();
      this.paramView = null;
    }
  }

  setUpLrChart(runs) {
    const scheduled = runs.some((r) => changesLr(r.schedule));
    this.ui.lr.figure.hidden = !scheduled;
    if (scheduled && !this.lrView) this.lrView = stepChart(this.ui.lr.canvas, this.t, this.format, 'lr');
    if (!scheduled && this.lrView) {
      this.lrView.destroy();
      this.lrView = null;
    }
  }

  lossTable() {
    const {t, live} = this;
    return {columns: [t('colStep'), ...live.runIds.map((id) => `${t('colLoss')} (${id})`)],
      rows: rowsByStep(live.runIds.map((id) => live.points[id]), (p) => p.loss)};
  }

  pathTable() {
    const {t, live, format} = this;
    return {columns: [t('colStep'), ...live.runIds.map((id) => `${t('colParams')} (${id})`)],
      rows: rowsByStep(live.runIds.map((id) => live.points[id]),
        (p) => (Array.isArray(p.params) ? `(${p.params.map(format).join(', ')})` : '—'))};
  }

  lrTable() {
    const {t, live} = this;
    return {columns: [t('colStep'), ...live.runIds.map((id) => `lr (${id})`)],
      rows: rowsByStep(live.runIds.map((id) => live.points[id]), (p) => p.lr)};
  }
}
