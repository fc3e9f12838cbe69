// The charts of a race on a training problem (docs/page-contract.md): the loss on the whole data set against epoch
// (train solid, validation dashed, per run), accuracy against epoch (the same, with the chance level) and the
// update-to-weight ratio of each weight block against step (log scale, with the 1e-3 rule of thumb). Dataset keys
// name the series the lesson claims read: `epoch-loss/<split>/<run>`, `accuracy/<split>/<run>`,
// `ratio/<block>/<run>`.

import {RUN_COLOURS, baseOptions, axisTitle, FONT, whiteBackground, powerOfTenTicks, tickLabels, LINE_LEGEND_LABELS}
  from './charts.js';

/** The rule of thumb for the update-to-weight ratio. */
export const RATIO_RULE = 1e-3;
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
const SPLITS = [{key: 'train', evaluation: 'train_accuracy', loss: 'train_loss', dash: []},
  {key: 'validation', evaluation: 'val_accuracy', loss: 'val_loss', dash: [6, 4]}];

/** The epochs done when `point` was recorded: 0 at the start, else its 0-based epoch plus one. */
export function epochsDone(point) {
  return point.step === 0 ? 0 : point.epoch + 1;
}

function lineChart(canvas, xTitle, yAxis, format) {
  const options = baseOptions(format);
  options.plugins.legend.labels = LINE_LEGEND_LABELS;
  options.scales = {                                     // epochs and steps are whole numbers: no 0.5 ticks
    x: {type: 'linear', min: 0, title: axisTitle(xTitle), ticks: {font: FONT, precision: 0}},
    y: yAxis,
  };
  return new window.Chart(canvas, {type: 'line', data: {datasets: []}, options, plugins: [whiteBackground]});
}

/** The accuracy and ratio charts of the race panel, shown for training problems only. */
export class TrainingCharts {
  constructor(ui, t, format) {
    this.ui = ui;
    this.t = t;
    this.format = format;
    this.accuracy = null;
    this.epochLoss = null;
    this.ratio = null;
    this.lossSplits = [];
    this.runIds = [];
    this.blocks = [];
    this.splits = [];
    this.evaluations = {};
    this.steps = 0;
  }

  /** Sets the charts up for the experiment of a `started` message (hides them for other problems). */
  setUp(message, runIds) {
    const layers = Array.isArray(message.problem.layers) ? message.problem.layers : [];
    const first = (message.initial || {})[runIds[0]] || {};
    const evaluation = first.evaluation || {};
    this.runIds = runIds;
    this.steps = message.steps;
    this.blocks = layers.filter((l) => l.weight).map((l) => l.name);
    const has = (key) => key in evaluation;
    this.splits = SPLITS.filter((s) => has(s.evaluation));
    this.lossSplits = SPLITS.filter((s) => has(s.loss));
    this.evaluations = {};
    this.ui.accuracy.figure.hidden = this.splits.length === 0;
    this.ui.epochLoss.figure.hidden = this.lossSplits.length === 0;
    this.ui.ratio.figure.hidden = this.blocks.length === 0;
    if (this.splits.length > 0) this.setUpAccuracy(message.problem.parameters || {});
    if (this.lossSplits.length > 0) this.setUpEpochLoss();
    if (this.blocks.length > 0) this.setUpRatio();
  }

  setUpEpochLoss() {
    const t = this.t;
    if (!this.epochLoss) {
      this.epochLoss = lineChart(this.ui.epochLoss.canvas, t('axisEpoch'), {type: 'logarithmic',
        title: axisTitle(t('axisLoss')), afterBuildTicks: powerOfTenTicks,
        ticks: {font: FONT, callback: tickLabels(t.lang)}}, this.format);
    }
    this.epochLoss.data.datasets = this.runDatasets(this.lossSplits, 'epoch-loss');
    this.epochLoss.update('none');
  }

  /** A dataset per run and split: the run's colour, solid for train, dashed for validation. */
  runDatasets(splits, prefix) {
    const t = this.t;
    const datasets = [];
    this.runIds.forEach((run, k) => {
      const colour = RUN_COLOURS[k % RUN_COLOURS.length];
      for (const split of splits) {
        datasets.push({key: `${prefix}/${split.key}/${run}`, label: `${run} · ${t(`split.${split.key}`)}`, data: [],
          borderColor: colour, backgroundColor: colour, borderWidth: 2, borderDash: split.dash, pointRadius: 2,
          pointHoverRadius: 4, spanGaps: false});
      }
    });
    return datasets;
  }

  /** Whether the experiment shown is a training problem. */
  get active() {
    return this.blocks.length > 0;
  }

  setUpAccuracy(parameters) {
    const t = this.t;
    if (!this.accuracy) {
      this.accuracy = lineChart(this.ui.accuracy.canvas, t('axisEpoch'), {type: 'linear', min: 0, max: 1,
        title: axisTitle(t('axisAccuracy')), ticks: {font: FONT, callback: (v) => `${Math.round(v * 100)} %`}},
      this.format);
    }
    const datasets = this.runDatasets(this.splits, 'accuracy');
    const classes = Number(parameters.classes);
    if (classes > 1) {
      datasets.push({key: 'chance', label: t('accuracyChance', {classes}), data: [], borderColor: '#9ca3af',
        backgroundColor: '#9ca3af', borderWidth: 1, borderDash: [2, 4], pointRadius: 0, chance: 1 / classes});
    }
    this.accuracy.data.datasets = datasets;
    this.accuracy.update('none');
  }

  setUpRatio() {
    const t = this.t;
    if (!this.ratio) {
      this.ratio = lineChart(this.ui.ratio.canvas, t('axisStep'), {type: 'logarithmic',
        title: axisTitle(t('axisRatio')), afterBuildTicks: powerOfTenTicks,
        ticks: {font: FONT, callback: tickLabels(t.lang)}}, this.format);
    }
    const datasets = [];
    this.runIds.forEach((run, k) => {
      const colour = RUN_COLOURS[k % RUN_COLOURS.length];
      this.blocks.forEach((block, b) => {
        datasets.push({key: `ratio/${block}/${run}`, label: `${run} ${block}`, data: [], borderColor: colour,
          backgroundColor: colour, borderWidth: 1.5, borderDash: DASHES[b % DASHES.length], pointRadius: 0,
          pointHoverRadius: 3, spanGaps: false});
      });
    });
    datasets.push({key: 'reference', label: t('ratioRule'), data: [{x: 0, y: RATIO_RULE}, {x: this.steps, y: RATIO_RULE}],
      borderColor: '#6b7280', backgroundColor: '#6b7280', borderWidth: 1.5, borderDash: [8, 4], pointRadius: 0});
    this.ratio.data.datasets = datasets;
    this.ratio.options.scales.x.max = this.steps;
    this.ratio.update('none');
  }

  /** Adds one point of a run to the charts. */
  add(run, point) {
    if (point.evaluation) this.evaluations[run] = point.evaluation;
    if (this.epochLoss && point.evaluation) {
      const x = epochsDone(point);
      for (const split of this.lossSplits) {
        const dataset = this.epochLoss.data.datasets.find((d) => d.key === `epoch-loss/${split.key}/${run}`);
        const value = point.evaluation[split.loss];
        if (dataset) dataset.data.push({x, y: Number.isFinite(value) && value > 0 ? value : null});
      }
    }
    if (this.accuracy && point.evaluation) {
      const x = epochsDone(point);
      for (const split of this.splits) {
        const dataset = this.accuracy.data.datasets.find((d) => d.key === `accuracy/${split.key}/${run}`);
        const value = point.evaluation[split.evaluation];
        if (dataset) dataset.data.push({x, y: Number.isFinite(value) ? value : null});
      }
    }
    if (this.ratio && Array.isArray(point.layers)) {
      for (const layer of point.layers) {
        const dataset = this.ratio.data.datasets.find((d) => d.key === `ratio/${layer.name}/${run}`);
        const value = layer.update_ratio;
        if (dataset) dataset.data.push({x: point.step, y: Number.isFinite(value) && value > 0 ? value : null});
      }
    }
  }

  /** Redraws both charts (the chance line spans the epochs drawn so far). */
  update() {
    if (this.accuracy && !this.ui.accuracy.figure.hidden) {
      const chance = this.accuracy.data.datasets.find((d) => d.key === 'chance');
      if (chance) {
        const last = Math.max(1, ...this.accuracy.data.datasets.flatMap((d) => d.data.map((p) => p.x)));
        chance.data = [{x: 0, y: chance.chance}, {x: last, y: chance.chance}];
      }
      this.accuracy.update('none');
    }
    if (this.epochLoss && !this.ui.epochLoss.figure.hidden) this.epochLoss.update('none');
    if (this.ratio && !this.ui.ratio.figure.hidden) {
      // A ratio has no value where a weight matrix is all zero (|W| = 0): say why the chart stays empty.
      const runs = this.ratio.data.datasets.filter((d) => d.key !== 'reference');
      const updates = runs.some((d) => d.data.length > 1);
      this.ui.ratioEmpty.hidden = !updates || runs.some((d) => d.data.some((p) => p.y !== null));
      this.ratio.update('none');
    }
  }

  /** The accuracy table: one row per epoch end, a column per run and split. */
  accuracyTable(points) {
    return this.epochTable(points, this.splits, 'evaluation');
  }

  /** The table of the loss on the whole data set: one row per epoch end, a column per run and split. */
  epochLossTable(points) {
    return this.epochTable(points, this.lossSplits, 'loss');
  }

  epochTable(points, splits, field) {
    const t = this.t;
    const columns = [t('axisEpoch')];
    const getters = [];
    for (const run of this.runIds) {
      for (const split of splits) {
        columns.push(`${run} · ${t(`split.${split.key}`)}`);
        getters.push([run, split[field]]);
      }
    }
    const rows = new Map();
    getters.forEach(([run, key], c) => {
      for (const point of points[run] || []) {
        if (!point.evaluation) continue;
        const x = epochsDone(point);
        if (!rows.has(x)) rows.set(x, new Array(getters.length).fill(undefined));
        rows.get(x)[c] = point.evaluation[key];
      }
    });
    return {columns, rows: [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([x, values]) => [x, ...values])};
  }

  /** The ratio table: one row per step, a column per run and weight block. */
  ratioTable(points) {
    const columns = [this.t('colStep')];
    const getters = [];
    for (const run of this.runIds) {
      for (const block of this.blocks) {
        columns.push(`${run} ${block}`);
        getters.push([run, block]);
      }
    }
    const rows = new Map();
    getters.forEach(([run, block], c) => {
      for (const point of points[run] || []) {
        const layer = (point.layers || []).find((l) => l.name === block);
        if (!layer || point.step === 0) continue;
        if (!rows.has(point.step)) rows.set(point.step, new Array(getters.length).fill(undefined));
        rows.get(point.step)[c] = layer.update_ratio;
      }
    });
    return {columns, rows: [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([x, values]) => [x, ...values])};
  }
}
