// An activations preset (the initialization lesson's experiment): one forward pass of a random batch through a deep
// network, computed by the server (`POST activationsPath`, docs/protocol.md) on load and after every change. The
// page shows the standard deviation of each layer's activations on a log axis and one histogram per layer, all on
// the same x range (the engine's shared bin edges), so a collapse or an explosion is visible at a glance.

import {el} from './dom.js';
import {formatNumber} from './i18n.js';
import {problemControls, fixedValue} from './control-widgets.js';
import {ComputedView} from './computed.js';
import {toSpec} from './state.js';
import {RUN_COLOURS, FONT, axisTitle, whiteBackground, powerOfTenTicks, tickLabels} from './charts.js';

/** The chart, histograms, settings and numbers of an activations preset, inside the parts `ui` of the panel. */
export class ActivationsView extends ComputedView {
  constructor(ui, t, path) {
    super(ui, t, path || '/api/activations');
    this.histograms = [];
    this.chart = new window.Chart(ui.canvas, {
      type: 'line',
      data: {datasets: []},
      options: {
        animation: false, parsing: false, responsive: true, maintainAspectRatio: false,
        scales: {
          x: {type: 'linear', title: axisTitle(t('axisLayer')), ticks: {font: FONT, stepSize: 1, precision: 0}},
          y: {type: 'logarithmic', title: axisTitle(t('axisStd')), afterBuildTicks: powerOfTenTicks,
            ticks: {font: FONT, callback: tickLabels(t.lang)}},
        },
        plugins: {legend: {labels: {boxWidth: 14, font: FONT, color: '#1f2937'}},
          tooltip: {callbacks: {label: (item) => `${t('axisLayer')} ${item.parsed.x}: std ${formatNumber(item.parsed.y, t.lang)}`}}},
      },
      plugins: [whiteBackground],
    });
    ui.table.from(() => this.rows());
  }

  /** Shows `preset` with the settings of `state` and computes it; `changed()` is told of every setting change. */
  show(preset, state, changed) {
    this.preset = preset;
    this.state = state;
    const parts = problemControls({preset, state, t: this.t, prefix: 'problem', changed: () => {
      changed();
      this.schedule();
    }});
    const fixed = Object.entries(preset.spec.problem || {})
      .filter(([name]) => name !== 'type' && !(preset.controls.fields || {})[name])
      .map(([name, value]) => `${name} = ${value}`);
    if (fixed.length > 0) parts.push(fixedValue(this.t('activationsFixed'), fixed.join(', '), 'problem'));
    this.ui.settings.replaceChildren(...parts);
    this.compute();
  }

  /** The request body: the preset's spec with the student's problem fields. */
  body() {
    return toSpec(this.preset, this.state);
  }

  computingText() {
    return this.t('activationsComputing');
  }

  doneText(answer) {
    return this.t('activationsDone', {layers: answer.layers.length});
  }

  draw() {
    const {layers, problem} = this.answer;
    const t = this.t;
    const stds = layers.map((l) => ({x: l.layer, y: Number.isFinite(l.std) && l.std > 0 ? l.std : null}));
    this.chart.data.datasets = [{key: 'std', label: t('activationsSeries', {init: problem.init,
      activation: problem.activation}), data: stds, borderColor: RUN_COLOURS[0], backgroundColor: RUN_COLOURS[0],
    borderWidth: 2, pointRadius: 3, spanGaps: false}];
    this.chart.options.scales.x.min = 1;
    this.chart.options.scales.x.max = Math.max(2, layers.length);
    // At least two decades around the values: a spread that stays at one scale looks flat, as it should.
    const finite = stds.map((p) => p.y).filter((v) => v !== null);
    const y = this.chart.options.scales.y;
    if (finite.length > 0) {
      const middle = Math.sqrt(Math.min(...finite) * Math.max(...finite));
      y.min = Math.min(Math.min(...finite) / 1.5, middle / 10);
      y.max = Math.max(Math.max(...finite) * 1.5, middle * 10);
    } else {
      y.min = undefined;
      y.max = undefined;
    }
    this.chart.update('none');
    this.drawHistograms();
    const first = layers[0];
    const last = layers[layers.length - 1];
    const allZero = layers.every((l) => l.std === 0);
    this.ui.note.hidden = !layers.some((l) => !(l.std > 0));
    this.ui.note.textContent = allZero ? t('activationsAllZero') : t('activationsSomeZero');
    this.ui.readout.textContent = allZero ? t('activationsAllZero') : t('activationsReadout', {
      first: formatNumber(first.std, t.lang), layer: last.layer, last: formatNumber(last.std, t.lang),
      ratio: formatNumber(last.std / first.std, t.lang, 3)});
    this.ui.table.refresh(true);
  }

  /** One small bar chart per layer, every one on the shared edges. */
  drawHistograms() {
    const {edges, layers} = this.answer;
    const t = this.t;
    for (const chart of this.histograms) chart.destroy();
    this.histograms = [];
    const low = edges[0];
    const high = edges[edges.length - 1];
    const width = (high - low) / (edges.length - 1);
    const figures = layers.map((layer) => {
      const total = layer.counts.reduce((a, b) => a + b, 0) || 1;
      const canvas = el('canvas', {id: `chart-hist-${layer.layer}`, role: 'img',
        'aria-label': t('histogramLabel', {layer: layer.layer})});
      const figure = el('figure', {class: 'histogram'},
        el('figcaption', {text: t('histogramTitle', {layer: layer.layer, std: formatNumber(layer.std, t.lang, 2)})}),
        el('div', {class: 'histogram-box'}, canvas));
      figure.dataset.layer = String(layer.layer);
      return {figure, canvas, data: layer.counts.map((c, b) => ({x: low + (b + 0.5) * width, y: c / total}))};
    });
    this.ui.histograms.replaceChildren(...figures.map((f) => f.figure));
    for (const {canvas, data} of figures) {
      this.histograms.push(new window.Chart(canvas, {
        type: 'bar',
        data: {datasets: [{key: 'histogram', label: t('histogramSeries'), data, backgroundColor: RUN_COLOURS[0],
          barPercentage: 1, categoryPercentage: 1, borderWidth: 0}]},
        options: {
          animation: false, parsing: false, responsive: true, maintainAspectRatio: false,
          scales: {
            // The same three labels on every histogram: both ends of the shared range, and 0 when inside it.
            x: {type: 'linear', min: low, max: high, afterBuildTicks: (scale) => {
              scale.ticks = [low, ...(low < 0 && high > 0 ? [0] : []), high].map((value) => ({value}));
            }, ticks: {font: {...FONT, size: 10}, autoSkip: false, maxRotation: 0,
              callback: (v) => formatNumber(v, t.lang, 2)}},
            y: {beginAtZero: true, ticks: {font: {...FONT, size: 10}, maxTicksLimit: 3,
              callback: (v) => `${Math.round(v * 100)} %`}},
          },
          plugins: {legend: {display: false}, tooltip: {callbacks: {
            label: (item) => `${formatNumber(item.parsed.x - width / 2, t.lang, 3)} … ${formatNumber(item.parsed.x
              + width / 2, t.lang, 3)}: ${formatNumber(100 * item.parsed.y, t.lang, 3)} %`}}},
        },
        plugins: [whiteBackground],
      }));
    }
  }

  rows() {
    if (!this.answer) return {columns: [], rows: []};
    const t = this.t;
    return {columns: [t('axisLayer'), t('colMean'), 'std', t('colMin'), t('colMax')],
      rows: this.answer.layers.map((l) => [l.layer, l.mean, l.std, l.min, l.max])};
  }

  /**
   * CSV text of the answer: one row per layer, its statistics and histogram counts; a bin's column is named by its
   * lower edge (`from_-0.61`), the last bin includes the largest value.
   */
  csv() {
    if (!this.answer) return 'layer,mean,std,min,max\n';
    const {edges, layers} = this.answer;
    const bins = edges.slice(0, -1).map((e) => `from_${e}`);
    const lines = [['layer', 'mean', 'std', 'min', 'max', ...bins].join(',')];
    for (const l of layers) lines.push([l.layer, l.mean, l.std, l.min, l.max, ...l.counts].join(','));
    return `${lines.join('\n')}\n`;
  }
}
