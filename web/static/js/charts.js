// The experiment's Chart.js charts (window.Chart, the UMD webjar): loss against step, trajectories over the
// contour map (2-D problems), lr against step (when a schedule is on). One dataset per run, labelled with the
// run id, in the same colour on every chart.

import {contourPlugin} from './contour.js';
import {formatNumber} from './i18n.js';

/** Colour-blind-safe colours (Okabe-Ito), one per run in order. */
export const RUN_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#7a5c00', '#000000'];

/** Paints the canvas white first, so a PNG download has no transparent background. */
export const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const {ctx, width, height} = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export const FONT = {family: 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'};

export function axisTitle(text) {
  return {display: true, text, font: {...FONT, size: 13}, color: '#374151'};
}

export function baseOptions(formatTick) {
  return {
    animation: false,
    parsing: false,
    normalized: true,
    responsive: true,
    maintainAspectRatio: false,
    interaction: {mode: 'nearest', intersect: false},
    plugins: {
      legend: {labels: {boxWidth: 14, font: FONT, color: '#1f2937'}},
      tooltip: {callbacks: {label: (item) => `${item.dataset.label}: ${formatTick(item.parsed.x)}, ${formatTick(item.parsed.y)}`}},
    },
  };
}

/**
 * Legend labels that draw each dataset as a short line in its own colour, width and dash pattern, so a dashed
 * validation curve (or reference line) is dashed in the legend too. Chart.js's own labels with `pointStyle: 'line'`
 * take their style from the dataset's points, which have no dash, and its boxes fill over a dashed border.
 */
export const LINE_LEGEND_LABELS = {
  usePointStyle: true, pointStyle: 'line', pointStyleWidth: 28, boxHeight: 10, font: FONT, color: '#1f2937',
  generateLabels(chart) {
    return window.Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
      const dataset = chart.data.datasets[item.datasetIndex] || {};
      return {...item, pointStyle: 'line', lineDash: dataset.borderDash || [],
        lineWidth: Math.max(2, dataset.borderWidth || 0), strokeStyle: dataset.borderColor};
    });
  },
};

function runDataset(id, colour, extra = {}) {
  return {label: id, data: [], borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 0,
    pointHoverRadius: 4, spanGaps: false, ...extra};
}

/**
 * The ticks of a log axis: over two decades or more, powers of ten only, every k-th decade so that about eight
 * remain (1e-12, 1e-8, 1e-4, 1, ...), evenly spaced and round; over less, the round values 1, 2, 5 (or 1..9) times
 * a power of ten inside the range, so a narrow range still gets a few readable ticks (and when not even two of
 * those fit, evenly spaced round values). A linear axis keeps Chart.js's ticks.
 */
export function powerOfTenTicks(scale) {
  if (scale.type !== 'logarithmic' || !(scale.min > 0) || !(scale.max > scale.min)) return;
  const low = Math.ceil(Math.log10(scale.min) - 1e-9);
  const high = Math.floor(Math.log10(scale.max) + 1e-9);
  if (high - low >= 2) {
    const every = Math.max(1, Math.ceil((high - low) / 8));
    const ticks = [];
    for (let e = Math.floor(high / every) * every; e >= low; e -= every) ticks.unshift({value: 10 ** e, major: true});
    scale.ticks = ticks;
    return;
  }
  const within = (mantissas) => {
    const values = [];
    for (let e = Math.floor(Math.log10(scale.min)); e <= Math.ceil(Math.log10(scale.max)); e++) {
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(6));
        if (v >= scale.min * (1 - 1e-9) && v <= scale.max * (1 + 1e-9)) values.push(v);
      }
    }
    return values;
  };
  let values = within([1, 2, 5]);
  if (values.length < 3) values = within([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  if (values.length < 2) {                                 // narrower still: evenly spaced round values
    scale.ticks = evenTicks(scale.min, scale.max);
    return;
  }
  const every = Math.max(1, Math.ceil(values.length / 7));
  scale.ticks = values.filter((v, k) => k % every === 0).map((value) => ({value, major: true}));
}

/**
 * About five evenly spaced round values (1, 2 or 5 times a power of ten apart) between `min` and `max`, for a log
 * axis too narrow for even two values of the form m·10^e (1.0985 to 1.0993): there a log axis looks linear.
 */
export function evenTicks(min, max) {
  const raw = (max - min) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9));
  const ticks = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max * (1 + 1e-12); k++) {
    ticks.push({value: Number((k * step).toPrecision(12)), major: true});
  }
  return ticks;
}

/**
 * Tick labels with as many significant digits as the spacing of the ticks needs (1.0986 and 1.0988, not 1.099
 * twice), at least four.
 */
export function tickLabels(lang) {
  return (value, index, ticks) => {
    let step = Infinity;
    for (let k = 1; k < ticks.length; k++) step = Math.min(step, Math.abs(ticks[k].value - ticks[k - 1].value));
    const needed = step > 0 && Number.isFinite(step) && value !== 0
      ? Math.ceil(Math.log10(Math.abs(value) / step)) + 1 : 4;
    return formatNumber(value, lang, Math.min(8, Math.max(4, needed)));
  };
}

/** The bottom of every log loss axis: a loss below it (an underflow, or exactly 0) is not on the axis. */
export const LOG_FLOOR = 1e-300;

/**
 * The bottom of a log loss axis: the power of ten at or below the smallest positive loss, never below `LOG_FLOOR`;
 * undefined (Chart.js chooses) when no loss is positive yet. Set explicitly because Chart.js rounds its own bottom
 * through its ticks, which for a loss near 1e-30 can come out as 0, and a log axis from 0 draws nothing.
 */
export function logAxisMin(smallestPositive) {
  if (!(smallestPositive > 0) || !Number.isFinite(smallestPositive)) return undefined;
  const exponent = Math.floor(Math.log10(Math.max(smallestPositive, LOG_FLOOR)));
  return Math.max(LOG_FLOOR, Number(`1e${exponent}`));
}

/** Loss against step; `log` picks a logarithmic loss axis. */
export function lossChart(canvas, t, format, log) {
  const options = baseOptions(format);
  options.scales = {
    x: {type: 'linear', min: 0, title: axisTitle(t('axisStep')), ticks: {font: FONT}},
    y: {type: log ? 'logarithmic' : 'linear', title: axisTitle(t('axisLoss')), afterBuildTicks: powerOfTenTicks,
      ticks: {font: FONT, callback: tickLabels(t.lang)}},
  };
  return new window.Chart(canvas, {type: 'line', data: {datasets: []}, options, plugins: [whiteBackground]});
}

/** Trajectories over the contour map (axes fit to the data when `bounds` is null); `map()` gives {layer, minima, start}. */
export function pathChart(canvas, t, format, bounds, map, axes = ['x[0]', 'x[1]']) {
  const options = baseOptions(format);
  const [[xlo, xhi], [ylo, yhi]] = bounds || [[undefined, undefined], [undefined, undefined]];
  const grid = {display: !bounds};                      // a map needs no grid; bare axes (no map) do
  options.scales = {
    x: {type: 'linear', min: xlo, max: xhi, title: axisTitle(axes[0]), ticks: {font: FONT}, grid},
    y: {type: 'linear', min: ylo, max: yhi, title: axisTitle(axes[1]), ticks: {font: FONT}, grid},
  };
  options.interaction = {mode: 'nearest', intersect: true};
  return new window.Chart(canvas, {type: 'scatter', data: {datasets: []}, options,
    plugins: [whiteBackground, contourPlugin(map)]});
}

/** A value against step on linear axes: the lr of each update, or the parameter of a 1-D problem. */
export function stepChart(canvas, t, format, yTitle) {
  const options = baseOptions(format);
  options.scales = {
    x: {type: 'linear', min: 0, title: axisTitle(t('axisStep')), ticks: {font: FONT}},
    y: {type: 'linear', title: axisTitle(yTitle), ticks: {font: FONT, callback: (v) => format(v)}},
  };
  return new window.Chart(canvas, {type: 'line', data: {datasets: []}, options, plugins: [whiteBackground]});
}

/** Replaces the datasets of `chart` with one empty dataset per run id. */
export function resetDatasets(chart, runIds, extra = {}) {
  chart.data.datasets = runIds.map((id, k) => runDataset(id, RUN_COLOURS[k % RUN_COLOURS.length], extra));
  chart.update('none');
}

/** The dataset of a run, by its id. */
export function datasetOf(chart, runId) {
  return chart.data.datasets.find((d) => d.label === runId);
}

/** The tallest a map may be: a little under half the window, so the loss chart shows below it. */
const mapMaxHeight = () => Math.max(260, Math.round(window.innerHeight * 0.46));

/**
 * Keeps the chart area of a 2-D chart at equal aspect (one unit of x as long as one unit of y): the box's height
 * follows from the width it is given; when that is too tall, the box is made narrower (and centred) instead.
 */
export function keepEqualAspect(chart, box, bounds) {
  const [[xlo, xhi], [ylo, yhi]] = bounds;
  const ratio = (yhi - ylo) / (xhi - xlo);
  const holder = box.parentElement;
  const fit = () => {
    const area = chart.chartArea;
    if (!area) return;
    const padX = chart.width - (area.right - area.left);
    const padY = chart.height - (area.bottom - area.top);
    const full = holder.clientWidth;
    let width = full;
    let height = Math.round((width - padX) * ratio + padY);
    if (height > mapMaxHeight()) {
      height = mapMaxHeight();
      width = Math.min(full, Math.round((height - padY) / ratio + padX));
    }
    if (Math.abs(box.clientHeight - height) > 2 || Math.abs(box.clientWidth - width) > 2) {
      box.style.height = `${height}px`;
      box.style.width = width < full ? `${width}px` : '';
      chart.resize();
    }
  };
  const observer = new ResizeObserver(() => requestAnimationFrame(fit));
  observer.observe(holder);
  observer.observe(box);
  requestAnimationFrame(fit);
  return {disconnect: () => observer.disconnect()};
}
