// What a spiral classifier learns (docs/protocol.md, "Decision regions"; docs/page-contract.md): the data points
// of `started.data` on a scatter chart (training points filled, validation points hollow diamonds, coloured by
// class) over the decision regions the server computes with the network's own forward pass (`regions` messages:
// one class digit per cell, row by row from the lowest y). Nothing is predicted in the browser. Dataset keys:
// `points/<split>/<class>`; the canvas carries `data-step`, `data-run` and `data-size` of the grid it shows.

import {baseOptions, axisTitle, FONT, whiteBackground, keepEqualAspect} from './charts.js';

/** One colour per class (Okabe-Ito, then more), the regions a light tint of it. */
export const CLASS_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7a5c00',
  '#000000', '#F0E442', '#882255'];
/** How much of the class colour a region's tint keeps (the rest is white). */
const TINT = 0.28;

/** The tint of class `k` as [r, g, b]. */
export function tintOf(k) {
  const hex = CLASS_COLOURS[k % CLASS_COLOURS.length];
  return [1, 3, 5].map((i) => Math.round(255 - (255 - parseInt(hex.slice(i, i + 2), 16)) * TINT));
}

/** The grid's cells as an image, one pixel per cell (row 0 of the image is the top: the highest y). */
function regionsImage(size, classes) {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(size, size);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const [r, g, b] = tintOf(classes.charCodeAt(j * size + i) - 48);
      const p = ((size - 1 - j) * size + i) * 4;
      image.data.set([r, g, b, 255], p);
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** A Chart.js plugin painting `get()` = {image, window} under the datasets, cells with sharp edges. */
function regionsPlugin(get) {
  return {
    id: 'decisionRegions',
    beforeDatasetsDraw(chart) {
      const {image, window: w} = get();
      if (!image) return;
      const {ctx, chartArea, scales} = chart;
      const left = scales.x.getPixelForValue(w[0][0]);
      const right = scales.x.getPixelForValue(w[0][1]);
      const top = scales.y.getPixelForValue(w[1][1]);
      const bottom = scales.y.getPixelForValue(w[1][0]);
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(image, left, top, right - left, bottom - top);
      ctx.restore();
    },
  };
}

/** The regions figure of the race panel, shown for spiral classifiers only. */
export class RegionsView {
  constructor(ui, t, format, send) {
    this.ui = ui;
    this.t = t;
    this.format = format;
    this.send = send;
    this.chart = null;
    this.aspect = null;
    this.data = null;
    this.layer = {image: null, window: null};
    this.last = null;
    this.runIds = [];
    ui.runSelect.addEventListener('change', () => this.ask());
  }

  /** Whether the experiment shown has data points to draw. */
  get active() {
    return this.data !== null;
  }

  /** Sets the figure up for the experiment of a `started` message, and asks the server for its regions. */
  setUp(message, runIds) {
    const data = message.data || null;
    this.data = data;
    this.last = null;
    this.layer.image = null;
    this.ui.figure.hidden = !data;
    if (!data) {
      if (this.wanted) this.send({type: 'regions', on: false});
      this.wanted = false;
      return;
    }
    this.layer.window = data.window;
    this.setUpRunSelect(runIds);
    this.setUpChart(data);
    this.ui.canvas.dataset.step = '';
    this.ui.status.textContent = '';
    this.ask();
  }

  setUpRunSelect(runIds) {
    const keep = this.ui.runSelect.value;
    this.runIds = runIds;
    this.ui.runSelect.replaceChildren(...runIds.map((id) => Object.assign(document.createElement('option'),
      {value: id, textContent: id})));
    this.ui.runSelect.value = runIds.includes(keep) ? keep : runIds[0];
    this.ui.runRow.hidden = runIds.length < 2;
  }

  /** Tells the server which run's regions to send (kept for the connection). */
  ask() {
    this.wanted = true;
    this.send({type: 'regions', on: true, run: this.ui.runSelect.value});
  }

  setUpChart(data) {
    const t = this.t;
    const [[xlo, xhi], [ylo, yhi]] = data.window;
    if (!this.chart) {
      const options = baseOptions(this.format);
      options.scales = {
        x: {type: 'linear', title: axisTitle('x[0]'), ticks: {font: FONT}, grid: {display: false}},
        y: {type: 'linear', title: axisTitle('x[1]'), ticks: {font: FONT}, grid: {display: false}},
      };
      options.plugins.legend.labels = {usePointStyle: true, font: FONT, color: '#1f2937'};
      options.interaction = {mode: 'nearest', intersect: true};
      this.chart = new window.Chart(this.ui.canvas, {type: 'scatter', data: {datasets: []}, options,
        plugins: [whiteBackground, regionsPlugin(() => this.layer)]});
    }
    Object.assign(this.chart.options.scales.x, {min: xlo, max: xhi});
    Object.assign(this.chart.options.scales.y, {min: ylo, max: yhi});
    const datasets = [];
    for (const [split, style] of [['train', {pointStyle: 'circle', fill: true}],
      ['validation', {pointStyle: 'rectRot', fill: false}]]) {
      const {xy, labels} = data[split];
      for (let k = 0; k < data.classes; k++) {
        const colour = CLASS_COLOURS[k % CLASS_COLOURS.length];
        const points = [];
        labels.forEach((label, n) => {
          if (label === k) points.push({x: xy[2 * n], y: xy[2 * n + 1]});
        });
        if (points.length === 0) continue;
        datasets.push({key: `points/${split}/${k}`,
          label: `${t('regionsClass', {k})} · ${t(`split.${split}`)}`, data: points, pointStyle: style.pointStyle,
          backgroundColor: style.fill ? colour : '#ffffff', borderColor: style.fill ? '#ffffff' : colour,
          borderWidth: style.fill ? 0.8 : 1.6, pointRadius: style.fill ? 3.2 : 3.6, pointHoverRadius: 5,
          showLine: false});
      }
    }
    this.chart.data.datasets = datasets;
    this.chart.$regions = null;
    if (this.aspect) this.aspect.disconnect();
    this.aspect = keepEqualAspect(this.chart, this.ui.box, data.window);
    this.chart.update('none');
  }

  /** Paints the grid of a `regions` message of the experiment shown. */
  draw(message) {
    if (!this.chart || !this.data) return;
    const {size, classes} = message;
    if (typeof classes !== 'string' || classes.length !== size * size) return;
    this.last = message;
    this.layer = {image: regionsImage(size, classes), window: message.window};
    this.chart.$regions = {step: message.step, run: message.run, size, classes, window: message.window};
    Object.assign(this.ui.canvas.dataset, {step: String(message.step), run: message.run, size: String(size)});
    this.ui.status.textContent = this.t('regionsStep', {step: message.step, run: message.run, size});
    this.chart.update('none');
  }

  /** The table of the figure: per class, its training and validation points and the cells predicted as it. */
  table() {
    const t = this.t;
    const columns = [t('regionsColClass'), t('regionsColTrain'), t('regionsColValidation'), t('regionsColCells')];
    if (!this.data) return {columns, rows: []};
    const count = (labels, k) => labels.filter((l) => l === k).length;
    const cells = (k) => (this.last ? [...this.last.classes].filter((c) => Number(c) === k).length : undefined);
    const rows = [];
    for (let k = 0; k < this.data.classes; k++) {
      rows.push([t('regionsClass', {k}), count(this.data.train.labels, k), count(this.data.validation.labels, k),
        cells(k)]);
    }
    return {columns, rows};
  }
}
