// What ranks the trials of a search, and how the page shows it (docs/protocol.md, "Searches"): a classifier's
// validation accuracy (higher is better; the colour scale runs from chance to 100 %), or, on a regression table,
// the validation loss, the mean squared error on the held-out rows (lower is better; the server says so with
// `metric: "val_loss"` in `started` and in every trial, and the scale runs from the worst loss of the trials so far
// to the best, on a log scale).

import {formatNumber} from './i18n.js';
import {percent} from './readout.js';

/** Low to high: pale yellow, green, dark blue (ColorBrewer YlGnBu, colour-blind safe). Dark is always better. */
const SCALE = [[255, 255, 204], [161, 218, 180], [65, 182, 196], [44, 127, 184], [37, 52, 148]];

/** The colour of `u` in [0, 1] of the scale. */
export function scaleColour(u) {
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * (SCALE.length - 1);
  const k = Math.min(SCALE.length - 2, Math.floor(x));
  const f = x - k;
  const [r, g, b] = SCALE[k].map((c, i) => Math.round(c + (SCALE[k + 1][i] - c) * f));
  return `rgb(${r}, ${g}, ${b})`;
}

/** Whether a trial (or `started`) is ranked by validation loss: a regression table's. */
export function rankedByLoss(message) {
  return Boolean(message && message.metric === 'val_loss');
}

/**
 * Best first, as the engine ranks trials: not diverged, then higher validation accuracy and lower validation loss
 * (a regression's trials: lower validation loss alone), then the earlier trial.
 */
export function bestFirst(a, b) {
  if (a.diverged !== b.diverged) return a.diverged ? 1 : -1;
  if (!rankedByLoss(a)) {
    const accuracy = (b.val_accuracy ?? -1) - (a.val_accuracy ?? -1);
    if (accuracy !== 0) return accuracy;
  }
  const loss = (a.val_loss ?? Infinity) - (b.val_loss ?? Infinity);
  return loss !== 0 && Number.isFinite(loss) ? loss : a.trial - b.trial;
}

/** The classifier's metric: validation accuracy, from chance (1 / classes) to 100 %. */
function accuracyMetric(started, t) {
  const classes = Number(((started && started.problem.parameters) || {}).classes) || 3;
  const low = 1 / classes;
  return {
    byLoss: false,
    value: (trial) => trial.val_accuracy,
    text: (value) => percent(value, t.lang),
    position: (value) => (value - low) / (1 - low),
    legend: () => [`${formatNumber(100 * low, t.lang, 3)} %`, '100 %'],
    words: {title: 'searchTitle', note: 'searchNote', chartNote: 'searchChartNote', colour: 'searchColour', axis: 'searchAxisAccuracy', caption: 'searchTableCaption',
      point: 'searchPoint', readout: 'searchReadout', readoutDone: 'searchReadoutDone'},
    axis: (title) => ({type: 'linear', min: 0, max: 1, title,
      ticks: {callback: (v) => `${Math.round(v * 100)} %`}}),
  };
}

/** The regression's metric: validation loss, coloured from the worst finished trial's (pale) to the best's (dark). */
function lossMetric(trials, t) {
  const losses = trials.filter((x) => !x.diverged && x.val_loss > 0 && Number.isFinite(x.val_loss))
    .map((x) => x.val_loss);
  const best = losses.length ? Math.min(...losses) : NaN;
  const worst = losses.length ? Math.max(...losses) : NaN;
  const span = Math.log(worst) - Math.log(best);
  return {
    byLoss: true,
    value: (trial) => trial.val_loss,
    text: (value) => (value === null || value === undefined ? '—' : formatNumber(value, t.lang, 4)),
    position: (value) => (span > 0 ? (Math.log(worst) - Math.log(value)) / span : 1),
    legend: () => (losses.length ? [formatNumber(worst, t.lang, 3), formatNumber(best, t.lang, 3)] : ['—', '—']),
    words: {title: 'searchTitleLoss', note: 'searchNoteLoss', chartNote: 'searchChartNoteLoss', colour: 'searchColourLoss', axis: 'searchAxisLoss',
      caption: 'searchTableCaptionLoss', point: 'searchPointLoss', readout: 'searchReadoutLoss',
      readoutDone: 'searchReadoutDoneLoss'},
    axis: (title) => ({type: 'logarithmic', title,
      ticks: {callback: (v) => (Number.isInteger(Math.log10(v)) ? formatNumber(v, t.lang) : '')}}),
  };
}

/** The metric of the search `started` announced, with the scale of its `trials` so far. */
export function searchMetric(started, trials, t) {
  return rankedByLoss(started) ? lossMetric(trials, t) : accuracyMetric(started, t);
}
