// The Java source of the optimizers that are running, fetched from the server (the real files of the engine),
// with the lines of the update itself marked so they can be matched with the formula in the text.

const cache = new Map();

/** The engine's class (and file) name of each optimizer type. */
const CLASS_NAMES = {sgd: 'Sgd', momentum: 'Momentum', nesterov: 'Nesterov', adagrad: 'AdaGrad', rmsprop: 'RmsProp',
  adam: 'Adam', amsgrad: 'AmsGrad'};

function fetchSource(type, path) {
  if (!cache.has(type)) {
    cache.set(type, fetch(path.replace('{type}', encodeURIComponent(type))).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.text();
    }));
  }
  return cache.get(type);
}

/** The 0-based line numbers inside the body of the `step(...)` method that assign something: the update. */
export function updateLines(lines) {
  const first = lines.findIndex((line) => /\bvoid\s+step\s*\(/.test(line));
  const marked = new Set();
  if (first < 0) return marked;
  let depth = 0;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i].replace(/\/\/.*$/, '');
    if (i > first && depth > 0 && /[^=!<>]=[^=]/.test(line) && !/^\s*for\s*\(/.test(line)) marked.add(i);
    depth += (line.match(/\{/g) || []).length - (line.match(/\}/g) || []).length;
    if (i > first && depth <= 0) break;
  }
  return marked;
}

/**
 * Fills `holder` with tabs for `types` (distinct optimizer types) and the source of `first` (or the first type),
 * fetched from `path` (`/api/optimizers/{type}/source`).
 */
export function showSources(holder, types, t, path = '/api/optimizers/{type}/source', first = types[0]) {
  const tabs = document.createElement('div');
  tabs.className = 'source-tabs';
  tabs.setAttribute('role', 'group');
  tabs.setAttribute('aria-label', t('sourceChoose'));
  const code = document.createElement('pre');
  code.className = 'source-code';
  code.tabIndex = 0;
  const note = document.createElement('p');
  note.className = 'note';
  const show = (type) => {
    for (const button of tabs.children) button.setAttribute('aria-pressed', String(button.dataset.type === type));
    code.textContent = t('sourceLoading');
    fetchSource(type, path).then((text) => {
      const lines = text.replace(/\r\n/g, '\n').split('\n');
      const marked = updateLines(lines);
      const rows = lines.map((line, i) => {
        const row = document.createElement('span');
        row.className = marked.has(i) ? 'line update' : 'line';
        row.dataset.n = String(i + 1);
        row.textContent = `${line}\n`;
        return row;
      });
      const element = document.createElement('code');
      element.append(...rows);
      code.replaceChildren(element);
      note.textContent = t('sourceNote', {file: `${CLASS_NAMES[type] || type}.java`});
      const method = rows[lines.findIndex((line) => /\bvoid\s+step\s*\(/.test(line))];
      if (method) code.scrollTop = Math.max(0, method.offsetTop - code.offsetTop - 8);
    }).catch((error) => {
      code.textContent = t('sourceFailed', {error: error.message});
    });
  };
  for (const type of types) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = type;
    button.dataset.type = type;
    button.addEventListener('click', () => show(type));
    tabs.append(button);
  }
  holder.replaceChildren(tabs, note, code);
  if (types.length > 0) show(types.includes(first) ? first : types[0]);
}
