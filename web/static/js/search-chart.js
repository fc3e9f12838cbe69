// The scatter plot of a search's trials: log lr across, reg (or the search's metric) up, the legend showing only
// what this search can have, the tooltip the view's words for a trial, and the second round's box under the points.

import {formatNumber} from './i18n.js';
import {FONT, axisTitle, whiteBackground, baseOptions} from './charts.js';

/** The colour of a diverged trial's cross. */
export const DIVERGED_COLOUR = '#6b7280';

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

/** The chart of `view` (a SearchView: its `started`, `trials`, `fineBox`, `regVaries()` and `describe(raw)`). */
export function searchChart(canvas, view, t) {
  const options = baseOptions((v) => formatNumber(v, t.lang));
  options.interaction = {mode: 'nearest', intersect: true};
  options.plugins.tooltip = {callbacks: {label: (item) => view.describe(item.raw)}};
  options.plugins.legend.labels = {...options.plugins.legend.labels, usePointStyle: true,
    // Only what this search can show: the fine round if it has one, the diverged if any.
    generateLabels: (chart) => chart.data.datasets.map((d, k) => ({text: d.label, datasetIndex: k, key: d.key,
      pointStyle: d.pointStyle, fillStyle: d.key === 'diverged' ? DIVERGED_COLOUR : '#cbd5e1',
      strokeStyle: d.key === 'diverged' ? DIVERGED_COLOUR : '#1f2937', lineWidth: 1,
      hidden: !chart.isDatasetVisible(k), fontColor: '#1f2937'}))
      .filter((item) => (item.key !== 'round2' || (view.started && view.started.refine))
        && (item.key !== 'diverged' || view.trials.some((x) => x.diverged)))};
  options.scales = {
    x: {type: 'logarithmic', title: axisTitle(t('searchAxisLr')), ticks: {font: FONT,
      callback: (v) => (Number.isInteger(Math.log10(v)) ? formatNumber(v, t.lang) : '')}},
    y: {type: 'logarithmic', title: axisTitle(t('searchAxisReg')), ticks: {font: FONT,
      callback: (v) => (Number.isInteger(Math.log10(v)) ? formatNumber(v, t.lang) : '')}},
  };
  return new window.Chart(canvas, {type: 'scatter', data: {datasets: []}, options,
    plugins: [whiteBackground, fineBoxPlugin(view)]});
}
