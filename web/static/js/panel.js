// The static frame of the experiment panel: preset choice and claim, the toolbar (Start, Pause, Step, Reset,
// speed), status lines, chart figures with their PNG buttons and data tables, readout, settings, downloads and the
// source view. Element ids follow docs/page-contract.md.

import {el} from './dom.js';
import {RateMapView} from './rate-map.js';
import {zoomParts} from './path-zoom.js';

/** Steps per second the speed control offers, within the server's limit. */
export function speedsUpTo(limit) {
  const speeds = [1, 2, 5, 10, 20, 30, 60, 120, 250, 500, 1000, 2000, 5000].filter((s) => s <= limit);
  return speeds.length > 0 ? speeds : [1];
}

function button(id, text, cls = 'primary') {
  return el('button', {id, type: 'button', class: cls, text});
}

function chartFigure(key, title, t, extra = []) {
  const canvas = el('canvas', {id: `chart-${key}`, role: 'img', 'aria-label': title});
  const box = el('div', {class: 'canvas-box'}, canvas);
  const png = el('button', {type: 'button', class: 'secondary small', 'data-png': key, text: t('downloadPng')});
  const details = el('details', {class: 'data-details'}, el('summary', {text: t('dataTable')}));
  const figure = el('figure', {class: `chart-figure chart-${key}-figure`},
    el('figcaption', {}, el('span', {class: 'chart-title', text: title}), ...extra, png), box, details);
  return {figure, canvas, box, details};
}

/** The parts of a gradient-estimate preset's view: status, chart, numbers, settings. */
function estimateParts(t) {
  const status = el('p', {id: 'estimate-status', class: 'estimate-status', role: 'status', 'data-state': 'idle'});
  const figure = chartFigure('estimate', t('estimateTitle'), t);
  const readout = el('p', {class: 'estimate-readout', 'aria-live': 'polite'});
  const settings = el('div', {class: 'control-grid general'});
  const root = el('div', {class: 'estimate-view', hidden: ''}, status, figure.figure, readout,
    el('section', {class: 'settings', 'aria-labelledby': 'estimate-settings-title'},
      el('h3', {id: 'estimate-settings-title', text: t('settingsTitle')}), settings));
  return {root, status, canvas: figure.canvas, details: figure.details, readout, settings};
}

/** The parts of an activations preset's view: status, the std chart, one histogram per layer, numbers, settings. */
function activationsParts(t) {
  const status = el('p', {id: 'activations-status', class: 'estimate-status', role: 'status', 'data-state': 'idle'});
  const figure = chartFigure('activations', t('activationsTitle'), t);
  const note = el('p', {class: 'note chart-note', hidden: ''});
  figure.figure.insertBefore(note, figure.details);
  const histograms = el('div', {id: 'activation-histograms', class: 'histograms'});
  const histogramFigure = el('section', {class: 'chart-figure histograms-figure', 'aria-labelledby': 'histograms-title'},
    el('h3', {id: 'histograms-title', class: 'chart-title', text: t('histogramsTitle')}),
    el('p', {class: 'note chart-note', text: t('histogramsNote')}), histograms);
  const readout = el('p', {class: 'estimate-readout', 'aria-live': 'polite'});
  const settings = el('div', {class: 'control-grid general'});
  const root = el('div', {class: 'activations-view', hidden: ''}, status, readout, figure.figure, histogramFigure,
    el('section', {class: 'settings', 'aria-labelledby': 'activations-settings-title'},
      el('h3', {id: 'activations-settings-title', text: t('settingsTitle')}), settings));
  return {root, status, canvas: figure.canvas, details: figure.details, note, histograms, readout, settings};
}

/** The parts of a search preset's view: its toolbar, the scatter plot with its colour scale, the table, settings. */
function searchParts(t) {
  const start = button('btn-search-start', t('btnStart'));
  const reset = button('btn-search-reset', t('btnReset'), 'secondary');
  const status = el('p', {id: 'search-status', role: 'status', 'data-state': 'connecting', text: t('statusConnecting')});
  const progress = el('progress', {id: 'search-progress', max: '1', value: '0'});
  const counter = el('span', {class: 'step-counter'});
  const toolbar = el('div', {class: 'toolbar', role: 'group', 'aria-label': t('toolbarLabel')}, start, reset);
  const note = el('p', {class: 'note restart-note', text: t('searchNote')});      // search.js words it per metric
  const error = el('div', {id: 'search-error', class: 'general-error', role: 'alert'});
  const figure = chartFigure('search', t('searchTitle'), t);
  const legendLow = el('span', {class: 'legend-end'});
  const legendBar = el('span', {class: 'legend-bar', 'aria-hidden': 'true'});
  const legendHigh = el('span', {class: 'legend-end'});
  const legendLabel = el('span', {text: t('searchColour')});
  const legend = el('p', {class: 'colour-legend', hidden: ''}, legendLabel, legendLow, legendBar, legendHigh);
  figure.figure.insertBefore(legend, figure.details);
  const chartNote = el('p', {class: 'note chart-note', text: t('searchChartNote')});   // worded per metric too
  figure.figure.insertBefore(chartNote, figure.details);
  figure.details.remove();                                   // the table of trials below is the chart's data table
  const readout = el('p', {class: 'estimate-readout', 'aria-live': 'polite'});
  const table = el('div', {class: 'table-scroll search-table-box', tabindex: '0'});
  const settings = el('div', {class: 'control-grid general'});
  const root = el('div', {class: 'search-view', hidden: ''}, toolbar,
    el('div', {class: 'status-line'}, status, progress, counter), note, error, readout, figure.figure,
    el('section', {class: 'trials', 'aria-labelledby': 'trials-title'},
      el('h3', {id: 'trials-title', text: t('searchTableTitle')}), table),
    el('section', {class: 'settings', 'aria-labelledby': 'search-settings-title'},
      el('h3', {id: 'search-settings-title', text: t('settingsTitle')}), settings));
  return {root, start, reset, status, progress, counter, error, canvas: figure.canvas,
    title: figure.figure.querySelector('.chart-title'), note, chartNote, legend, legendLabel, legendLow, legendBar, legendHigh, readout,
    table, settings};
}

/** The decision-regions figure of spiral races (regions.js): the chart, a run choice, a note and a status line. */
function regionsParts(t) {
  const figure = chartFigure('regions', t('regionsTitle'), t);
  const runSelect = el('select', {id: 'regions-run'});
  const runRow = el('p', {class: 'regions-run', hidden: ''}, el('label', {for: 'regions-run', text: t('regionsRun')}),
    ' ', runSelect);
  const status = el('p', {class: 'note chart-note regions-status', 'aria-live': 'polite'});
  for (const part of [runRow, el('p', {class: 'note chart-note', text: t('regionsNote')}), status]) {
    figure.figure.insertBefore(part, figure.details);
  }
  figure.figure.hidden = true;
  return {...figure, runSelect, runRow, status};
}

/** Builds the panel into `root` and returns its parts. */
export function buildPanel(root, {presets, t, maxSpeed}) {
  const presetSelect = el('select', {id: 'preset-select'});
  for (const preset of presets) presetSelect.append(el('option', {value: preset.id, text: preset.title}));
  const claim = el('p', {class: 'claim'});
  const head = el('div', {class: 'panel-head'},
    el('div', {class: 'preset-row'}, el('label', {for: 'preset-select', text: t('presetLabel')}), presetSelect),
    claim);

  const speed = el('input', {id: 'speed', type: 'range', min: 0, max: speedsUpTo(maxSpeed).length - 1, step: 1});
  const speedValue = el('output', {for: 'speed', class: 'speed-value'});
  const toolbar = el('div', {class: 'toolbar', role: 'group', 'aria-label': t('toolbarLabel'), 'data-field': 'n'},
    button('btn-start', t('btnStart')), button('btn-pause', t('btnPause'), 'secondary'),
    button('btn-step', t('btnStep'), 'secondary'), button('btn-reset', t('btnReset'), 'secondary'),
    el('div', {class: 'speed', 'data-field': 'stepsPerSecond'}, el('label', {for: 'speed', text: t('speed')}), speed, speedValue));
  const status = el('p', {id: 'experiment-status', role: 'status', 'data-state': 'connecting',
    text: t('statusConnecting')});
  const counter = el('span', {class: 'step-counter'});
  // The server's real pace when it is too busy to hold the chosen speed (the `pace` message, docs/protocol.md).
  const busy = el('span', {id: 'server-busy', class: 'server-busy', hidden: ''});
  const statusLine = el('div', {class: 'status-line'}, status, counter, busy);
  const note = el('p', {class: 'note restart-note', text: t('restartNote')});
  const error = el('div', {id: 'experiment-error', class: 'general-error', role: 'alert'});
  const divergence = el('div', {class: 'divergence', hidden: ''});

  const logToggle = el('input', {type: 'checkbox', id: 'log-scale'});
  const logLabel = el('label', {class: 'toggle', for: 'log-scale'}, logToggle, el('span', {text: t('logScale')}));
  const pathZoom = zoomParts(t);
  const path = chartFigure('contour', t('pathTitle'), t, [pathZoom.label]);
  const pathNote = el('p', {class: 'note chart-note'});
  path.figure.insertBefore(pathNote, path.details);
  path.figure.insertBefore(pathZoom.note, path.details);
  const logNote = el('span', {class: 'note log-note', hidden: '', text: t('logNegative')});
  const logFloorNote = el('span', {class: 'note log-note', hidden: '', text: t('logFloor')});
  const loss = chartFigure('loss', t('lossTitle'), t, [logLabel, logNote, logFloorNote]);
  const lr = chartFigure('lr', t('lrTitle'), t);
  const param = chartFigure('params', t('paramTitle'), t);
  const accuracy = chartFigure('accuracy', t('accuracyTitle'), t);
  accuracy.figure.insertBefore(el('p', {class: 'note chart-note', text: t('accuracyNote')}), accuracy.details);
  const epochLoss = chartFigure('epoch-loss', t('epochLossTitle'), t);
  epochLoss.figure.insertBefore(el('p', {class: 'note chart-note', text: t('epochLossNote')}), epochLoss.details);
  const ratio = chartFigure('ratio', t('ratioTitle'), t);
  ratio.figure.insertBefore(el('p', {class: 'note chart-note', text: t('ratioNote')}), ratio.details);
  const ratioEmpty = el('p', {class: 'note chart-note ratio-empty', hidden: '', text: t('ratioEmpty')});
  ratio.figure.insertBefore(ratioEmpty, ratio.details);
  for (const figure of [path, lr, param, epochLoss, accuracy, ratio]) figure.figure.hidden = true;
  const rateMap = RateMapView.parts(t);
  const decimated = el('p', {class: 'note decimated', hidden: ''});
  const regions = regionsParts(t);
  const charts = el('div', {class: 'charts'}, regions.figure, path.figure, rateMap, param.figure, loss.figure,
    epochLoss.figure, accuracy.figure, ratio.figure, lr.figure, decimated);

  // tabindex: the readout scrolls when it holds many runs; the keyboard must reach it (axe: scrollable-region-focusable)
  const readout = el('div', {id: 'readout', class: 'readout', tabindex: '0'});
  const readoutLive = el('p', {id: 'readout-live', class: 'visually-hidden', 'aria-live': 'polite'});
  const readoutBox = el('section', {class: 'readout-box', 'aria-labelledby': 'readout-title'},
    el('h3', {id: 'readout-title', text: t('readoutTitle')}), readout, readoutLive);
  const settings = el('div', {class: 'settings-body'});
  const settingsBox = el('section', {class: 'settings', 'aria-labelledby': 'settings-title'},
    el('h3', {id: 'settings-title', text: t('settingsTitle')}), settings);
  const share = el('a', {id: 'share-link', class: 'button-like secondary', href: window.location.href,
    text: t('shareLink')});
  const shareStatus = el('span', {class: 'share-status', role: 'status'});
  const downloads = el('section', {class: 'downloads', 'aria-labelledby': 'downloads-title'},
    el('h3', {id: 'downloads-title', text: t('downloadsTitle')}),
    el('div', {class: 'button-row'}, share, button('download-csv', t('downloadCsv'), 'secondary'),
      button('download-json', t('downloadJson'), 'secondary'), shareStatus));
  const source = el('div', {class: 'source-body'});
  const sourceBox = el('section', {class: 'source', 'aria-labelledby': 'source-title'},
    el('h3', {id: 'source-title', text: t('sourceTitle')}), source);

  const race = el('div', {class: 'race-view'}, toolbar, statusLine, note, error, divergence, charts, readoutBox,
    settingsBox);
  const estimate = estimateParts(t);
  const activations = activationsParts(t);
  const search = searchParts(t);
  root.replaceChildren(head, race, estimate.root, activations.root, search.root, downloads, sourceBox);
  return {race, estimate, activations, search, sourceBox, presetSelect, claim, speed, speedValue, status, counter,
    busy, error, divergence, logToggle, logNote, logFloorNote, path, pathNote, pathZoom, rateMap, regions, loss, lr, param,
    epochLoss, accuracy, ratio, ratioEmpty, decimated, readout, readoutLive, settings, share, shareStatus, source,
    buttons: {
      start: root.querySelector('#btn-start'), pause: root.querySelector('#btn-pause'),
      step: root.querySelector('#btn-step'), reset: root.querySelector('#btn-reset'),
      csv: root.querySelector('#download-csv'), json: root.querySelector('#download-json'),
    }};
}
