// Client-side downloads of what the page received: CSV and JSON of every point, PNG of a chart.

function save(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const csvValue = (v) => (v === null || v === undefined ? '' : String(v));

const EVALUATION_KEYS = ['train_loss', 'train_accuracy', 'val_loss', 'val_accuracy'];
const LAYER_KEYS = ['weight_norm', 'grad_norm', 'update_norm', 'update_ratio'];

/**
 * One CSV row per run and step, in the format of the `run` command (README.md, "The `run` command"): its columns
 * first, in its order — run, step, epoch, lr, loss, on a training problem train_loss, train_accuracy, val_loss,
 * val_accuracy (filled at step 0 and at each epoch's end), then the parameters p0, p1, ... — and after them what
 * only the page has: grad_norm, per parameter block its norms and update ratio (W1_weight_norm, ...,
 * W1_update_ratio), the update and each state array, one column per coordinate (update0, v0, ...). Non-finite
 * numbers are empty cells.
 */
export function toCsv(pointsByRun) {
  const all = Object.entries(pointsByRun).flatMap(([run, points]) => points.map((p) => [run, p]));
  const dim = Math.max(0, ...all.map(([, p]) => (p.params || []).length));
  const stateKeys = [...new Set(all.flatMap(([, p]) => Object.keys(p.state || {})))].sort();
  // Like the `run` command: a training problem (one whose points carry evaluations) has all four columns.
  const evaluationKeys = all.some(([, p]) => p.evaluation) ? EVALUATION_KEYS : [];
  const blocks = [...new Set(all.flatMap(([, p]) => (p.layers || []).map((l) => l.name)))];
  const coords = (name) => Array.from({length: dim}, (_, i) => `${name}${i}`);
  const header = ['run', 'step', 'epoch', 'lr', 'loss', ...evaluationKeys, ...coords('p'), 'grad_norm',
    ...blocks.flatMap((b) => LAYER_KEYS.map((k) => `${b}_${k}`)), ...coords('update'), ...stateKeys.flatMap(coords)];
  const lines = [header.join(',')];
  for (const [run, p] of all) {
    const vector = (values) => Array.from({length: dim}, (_, i) => csvValue(values ? values[i] : null));
    const layer = (block) => (p.layers || []).find((l) => l.name === block) || {};
    lines.push([run, p.step, p.epoch, csvValue(p.lr), csvValue(p.loss),
      ...evaluationKeys.map((k) => csvValue((p.evaluation || {})[k])), ...vector(p.params), csvValue(p.grad_norm),
      ...blocks.flatMap((b) => LAYER_KEYS.map((k) => csvValue(layer(b)[k]))),
      ...vector(p.update), ...stateKeys.flatMap((k) => vector((p.state || {})[k]))].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Downloads CSV text (as `name.csv`). */
export function downloadCsv(name, text) {
  save(`${name}.csv`, new Blob([text], {type: 'text/csv;charset=utf-8'}));
}

/** Downloads the spec, the problem, the divergences and every point as one JSON document. */
export function downloadJson(name, document) {
  save(`${name}.json`, new Blob([JSON.stringify(document, null, 1)], {type: 'application/json'}));
}

/** Downloads a chart's canvas as a PNG image. */
export function downloadPng(name, canvas) {
  canvas.toBlob((blob) => save(`${name}.png`, blob), 'image/png');
}

/**
 * Wires the page's download buttons: CSV and JSON of what is shown (`csv()`, `json()`) and, on each `[data-png]`
 * button, a PNG of the chart `#chart-<name>`; the files are named `name()`, then `-<name>` for a chart.
 */
export function wireDownloads(buttons, {name, csv, json}) {
  buttons.csv.addEventListener('click', () => downloadCsv(name(), csv()));
  buttons.json.addEventListener('click', () => downloadJson(name(), json()));
  document.querySelectorAll('[data-png]').forEach((button) => {
    button.addEventListener('click', () => downloadPng(`${name()}-${button.dataset.png}`,
      document.getElementById(`chart-${button.dataset.png}`)));
  });
}
