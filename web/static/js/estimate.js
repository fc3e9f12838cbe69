// A gradient-estimate preset (the SGD lesson's "why a minibatch gradient is an unbiased estimate"): the server
// averages K random minibatch gradients and measures the error against the full gradient, for several K
// (`POST estimatePath`, docs/protocol.md). The page plots mean error against K on log-log axes beside the
// 1/sqrt(K) line, and recomputes whenever a setting changes (the answer takes milliseconds).

import {formatNumber} from './i18n.js';
import {numberControl, fixedValue} from './control-widgets.js';
import {RUN_COLOURS, FONT, LINE_LEGEND_LABELS} from './charts.js';
import {ComputedView} from './computed.js';

function logAxis(text) {
  return {type: 'logarithmic', title: {display: true, text, font: {...FONT, size: 13}, color: '#374151'},
    ticks: {font: FONT}};
}

/** The chart, settings and numbers of a gradient-estimate preset, inside the parts `ui` of the panel. */
export class EstimateView extends ComputedView {
  constructor(ui, t, path, lesson) {
    super(ui, t, path || '/api/gradient-estimate');
    this.lesson = lesson;
    this.chart = new window.Chart(ui.canvas, {
      type: 'scatter',
      data: {datasets: []},
      options: {
        animation: false, parsing: false, responsive: true, maintainAspectRatio: false,
        scales: {
          // K is labelled at the values drawn (1, 2, 4, ...), not at Chart.js's 1-2-5 ticks.
          x: {...logAxis(t('estimateAxisK')), afterBuildTicks: (scale) => {
            if (this.answer) scale.ticks = this.answer.ks.map((k) => ({value: k, major: true}));
          }, ticks: {font: FONT, maxRotation: 0, autoSkip: false}},
          y: logAxis(t('estimateAxisError')),
        },
        plugins: {legend: {labels: LINE_LEGEND_LABELS}},
      },
    });
    ui.table.from(() => this.rows());
  }

  /** Shows `preset` with the settings of `state` and computes it; `changed()` is told of every setting change. */
  show(preset, state, changed) {
    this.preset = preset;
    this.state = state;
    const t = this.t;
    const ranges = (preset.controls && preset.controls.fields) || {};
    const parts = [];
    for (const name of ['batch_size', 'repeats']) {
      if (!ranges[name]) continue;
      parts.push(numberControl({label: t(`top.${name}`), value: state.top[name], range: ranges[name], field: name,
        set: (v) => {
          if (v === undefined) delete state.top[name];
          else state.top[name] = v;
          changed();
          this.schedule();
        }}));
    }
    const spec = preset.spec;
    parts.push(fixedValue('K', (spec.ks || []).join(', '), 'ks'));
    const problem = Object.entries(spec.problem || {}).map(([k, v]) => (k === 'type' ? v : `${k} = ${v}`)).join(', ');
    parts.push(fixedValue(t('estimateProblem'), problem, 'problem'));
    this.ui.settings.replaceChildren(...parts);
    this.compute();
  }

  /**
   * The request body: the preset's spec with the student's batch size and repetitions, and the `lesson` whose
   * folder a csv problem's table is read from.
   */
  body() {
    return {...this.preset.spec, ...this.state.top, lesson: this.lesson};
  }

  computingText() {
    return this.t('estimateComputing');
  }

  doneText(answer) {
    return this.t('estimateDone', {count: answer.ks.length});
  }

  draw() {
    const {ks, mean_error: errors, slope, full_gradient_norm: norm} = this.answer;
    const points = ks.map((k, i) => ({x: k, y: errors[i]}));
    const reference = ks.map((k) => ({x: k, y: errors[0] * Math.sqrt(ks[0] / k)}));
    this.chart.data.datasets = [
      {key: 'estimate', label: this.t('estimateSeries'), data: points, borderColor: RUN_COLOURS[0], backgroundColor: RUN_COLOURS[0],
        showLine: true, borderWidth: 2, pointRadius: 4},
      {label: this.t('estimateReference'), data: reference, borderColor: '#6b7280', backgroundColor: '#6b7280',
        showLine: true, borderWidth: 1.5, borderDash: [6, 4], pointRadius: 0},
    ];
    this.chart.update('none');
    const lang = this.t.lang;
    const last = errors[errors.length - 1];
    this.ui.readout.textContent = this.t('estimateReadout', {slope: slope.toFixed(3),
      norm: formatNumber(norm, lang), k: ks[ks.length - 1], error: formatNumber(last, lang),
      percent: formatNumber((100 * last) / norm, lang, 2)});
    this.ui.table.refresh(true);
  }

  rows() {
    if (!this.answer) return {columns: [], rows: []};
    const {ks, mean_error: errors} = this.answer;
    return {columns: ['K', this.t('estimateSeries'), this.t('estimateReference')],
      rows: ks.map((k, i) => [k, errors[i], errors[0] * Math.sqrt(ks[0] / k)])};
  }

  /** CSV text of the answer: K, mean error. */
  csv() {
    if (!this.answer) return 'k,mean_error\n';
    const {ks, mean_error: errors} = this.answer;
    return `k,mean_error\n${ks.map((k, i) => `${k},${errors[i]}`).join('\n')}\n`;
  }
}
