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
 * One CSV row per run and step: run, step, epoch, lr, loss, grad_norm, the parameters, the update and each state
 * array, one column per coordinate (x0, x1, update0, v0, ...). On a training problem also the epoch evaluation
 * (train_loss, train_accuracy, val_loss, val_accuracy: filled at step 0 and at each epoch's end) and per parameter
 * block its norms and update ratio (W1_weight_norm, ..., W1_update_ratio). Non-finite numbers are empty cells.
 */
export function toCsv(pointsByRun) {
  const all = Object.entries(pointsByRun).flatMap(([run, points]) => points.map((p) => [run, p]));
  const dim = Math.max(0, ...all.map(([, p]) => (p.params || []).length));
  const stateKeys = [...new Set(all.flatMap(([, p]) => Object.keys(p.state || {})))].sort();
  const evaluationKeys = EVALUATION_KEYS.filter((k) => all.some(([, p]) => p.evaluation && k in p.evaluation));
  const blocks = [...new Set(all.flatMap(([, p]) => (p.layers || []).map((l) => l.name)))];
  const coords = (name) => Array.from({length: dim}, (_, i) => `${name}${i}`);
  const header = ['run', 'step', 'epoch', 'lr', 'loss', 'grad_norm', ...evaluationKeys,
    ...blocks.flatMap((b) => LAYER_KEYS.map((k) => `${b}_${k}`)), ...coords('x'), ...coords('update'),
    ...stateKeys.flatMap(coords)];
  const lines = [header.join(',')];
  for (const [run, p] of all) {
    const vector = (values) => Array.from({length: dim}, (_, i) => csvValue(values ? values[i] : null));
    const layer = (block) => (p.layers || []).find((l) => l.name === block) || {};
    lines.push([run, p.step, p.epoch, csvValue(p.lr), csvValue(p.loss), csvValue(p.grad_norm),
      ...evaluationKeys.map((k) => csvValue((p.evaluation || {})[k])),
      ...blocks.flatMap((b) => LAYER_KEYS.map((k) => csvValue(layer(b)[k]))),
      ...vector(p.params), ...vector(p.update), ...stateKeys.flatMap((k) => vector((p.state || {})[k]))].join(','));
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
