// The run editor, generated from the preset's `controls` and the optimizer/schedule schema of the page:
// optimizer choice per run (several may race), a slider with a number box per exposed field (log scale where the
// control says), schedule and its fields, steps / batch size, start point. Values are sent to the server as typed;
// the server validates them and its errors are shown beside the control whose field they name (see `showError`).

import {el} from './dom.js';
import {changesLr, freshRunId, networkFields, parseValue, problemFields, TOP_FIELDS} from './state.js';
import {networkControls} from './network.js';
import {RUN_COLOURS} from './charts.js';
import {localizeError, localizeProblem} from './server-text.js';

const SLIDER_STEPS = 1000;
let counter = 0;
const uid = (prefix) => `${prefix}-${++counter}`;

/** Fields whose values are whole numbers. */
const INTEGER_FIELDS = new Set(['steps', 'epochs', 'batch_size', 'every', 'T', 'warmup', 'repeats', 'n', 'd', 'classes',
  'points_per_class', 'hidden', 'period', 'layers', 'width', 'samples', 'bins', 'trials', 'refine_trials']);

/**
 * The number shown in a box after moving a slider: whole numbers for counts, 3 significant digits on a log scale,
 * else the step's digits.
 */
function tidy(value, range) {
  if (range.integer) return Math.round(value);
  if (range.scale === 'log') return Number(value.toPrecision(3));
  const step = range.step || (range.max - range.min) / 100;
  const digits = Math.max(0, Math.ceil(-Math.log10(step)) + 1);
  return Number((Math.round(value / step) * step).toFixed(Math.min(digits, 12)));
}

function toSlider(value, range) {
  if (typeof value !== 'number') return 0;
  if (range.scale === 'log') {
    const u = (Math.log(value) - Math.log(range.min)) / (Math.log(range.max) - Math.log(range.min));
    return Math.round(Math.min(1, Math.max(0, u)) * SLIDER_STEPS);
  }
  return Math.min(range.max, Math.max(range.min, value));
}

function fromSlider(position, range) {
  if (range.scale === 'log') {
    const u = Number(position) / SLIDER_STEPS;
    return tidy(Math.exp(Math.log(range.min) + u * (Math.log(range.max) - Math.log(range.min))), range);
  }
  return tidy(Number(position), range);
}

/**
 * One labelled control for a number: a slider (when `range` has min and max) and a text box that accepts any
 * text (a bad value goes to the server, which names the field). `set(value)` stores the value and asks for a
 * restart; `field` is the error path of this value (`spec.runs[0].optimizer.lr`).
 */
export function numberControl({label, hint, value, range: given, field, set: store, placeholder, fallback}) {
  const id = uid('f');
  const name = field.slice(field.lastIndexOf('.') + 1);
  const range = given ? {...given, integer: INTEGER_FIELDS.has(name)} : given;
  const set = (v) => store(v === '' ? undefined : v);      // an empty box means "the default"
  const box = el('input', {id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
    class: 'number-box', value: value === undefined || value === null ? '' : String(value)});
  if (placeholder) box.placeholder = placeholder;
  const wrapper = el('div', {class: 'control', 'data-field': field});
  const labelEl = el('label', {for: id}, el('span', {class: 'field-name', text: label}));
  if (hint) labelEl.append(el('span', {class: 'field-hint', text: hint}));
  wrapper.append(labelEl);
  const row = el('div', {class: 'control-row'});
  if (range && Number.isFinite(range.min) && Number.isFinite(range.max)) {
    const slider = el('input', {type: 'range', 'aria-label': label,
      min: range.scale === 'log' ? 0 : range.min, max: range.scale === 'log' ? SLIDER_STEPS : range.max,
      step: range.scale === 'log' ? 1 : (range.step || 'any')});
    slider.value = String(toSlider(value ?? fallback ?? (placeholder ? range.max : range.min), range));
    slider.addEventListener('input', () => {
      const v = fromSlider(slider.value, range);
      box.value = String(v);
      set(v);
    });
    box.addEventListener('change', () => {
      const v = parseValue(box.value);
      slider.value = String(toSlider(v, range));
      set(v);
    });
    row.append(slider);
    if (range.scale === 'log') wrapper.classList.add('log-scale');
  } else {
    box.addEventListener('change', () => set(parseValue(box.value)));
  }
  row.append(box);
  wrapper.append(row);
  return wrapper;
}

export function choiceControl({label, hint, options, value, field, set, labelOf = (o) => o}) {
  const id = uid('c');
  const select = el('select', {id});
  for (const option of options) {
    const o = el('option', {value: option, text: labelOf(option)});
    if (option === value) o.selected = true;
    select.append(o);
  }
  select.addEventListener('change', () => set(select.value));
  const labelEl = el('label', {for: id}, el('span', {class: 'field-name', text: label}));
  if (hint) labelEl.append(el('span', {class: 'field-hint', text: hint}));
  return el('div', {class: 'control', 'data-field': field}, labelEl, select);
}

/**
 * The hint under an optimizer's (or a schedule's) field: the optimizer's own (`field.adam.mu`: Adam's `mu` is the
 * decay of a gradient average, not momentum's velocity) when the bundle has one, else the field's (`field.mu`).
 */
export function optimizerFieldHint(t, optimizerType, name) {
  const own = `field.${optimizerType}.${name}`;
  if (optimizerType && (t.has ? t.has(own) : t(own) !== own)) return t(own);
  return optional(t, `field.${name}`);
}

/** The text of `key` if the bundle has it, else ''. */
function optional(t, key) {
  const text = t(key);
  return text === key ? '' : text;
}

/**
 * The controls of the fields of the spec's problem that the preset offers (`reg`, `hidden`, `init`, `layers`):
 * a slider for a number, a drop-down for named values. `prefix` is the error path of the problem object
 * (`spec.problem` on the WebSocket, `problem` for an HTTP request).
 */
export function problemControls({preset, state, t, changed, prefix}) {
  const ranges = (preset.controls && preset.controls.fields) || {};
  const network = networkFields(preset);                  // set by the network editor (network.js) instead
  return problemFields(preset).filter((name) => !network.includes(name)).map((name) => {
    const range = ranges[name];
    const field = `${prefix}.${name}`;
    const hint = optional(t, `field.${name}`);
    const set = (v) => {
      if (v === undefined) delete state.problem[name];
      else state.problem[name] = v;
      changed(false);
    };
    if (Array.isArray(range.options)) {
      return choiceControl({label: name, hint, options: range.options,
        value: state.problem[name] ?? (preset.problemValues || {})[name], field, set,
        labelOf: (o) => optional(t, `option.${name}.${o}`) || o});
    }
    const fallback = (preset.problemValues || {})[name];
    return numberControl({label: name, hint, value: state.problem[name], range, field, set, fallback,
      placeholder: fallback === undefined ? undefined : String(fallback)});
  });
}

/** Sets `object[name]`, or removes it when `value` is undefined (the server then uses its default). */
function assign(object, name, value) {
  if (value === undefined) delete object[name];
  else object[name] = value;
}

export function fixedValue(label, value, field) {
  return el('div', {class: 'control fixed', 'data-field': field},
    el('span', {class: 'field-name', text: label}), el('span', {class: 'fixed-value', text: String(value)}));
}

/**
 * Builds the editor into `container`. `changed(structural)` is called after every change of `state` (true when
 * runs were added/removed or their type changed, so charts need new datasets anyway).
 */
export function buildControls(container, {preset, schema, state, t, dimension, changed}) {
  const controls = preset.controls || {};
  const ranges = controls.fields || {};
  const optimizerTypes = controls.optimizers && controls.optimizers.length > 0
    ? controls.optimizers : [...new Set(state.runs.map((r) => r.optimizer.type))];
  const maxRuns = controls.maxRuns || 1;
  const fieldsOf = (list, type) => ((list || []).find((entry) => entry.type === type) || {fields: []}).fields;
  const rebuild = () => {
    buildControls(container, {preset, schema, state, t, dimension, changed});
  };
  const fieldHint = (name, optimizerType) => optimizerFieldHint(t, optimizerType, name);

  const parts = [];
  const runsBox = el('div', {class: 'runs', 'data-field': 'spec.runs'});
  state.runs.forEach((run, index) => {
    const path = `spec.runs[${index}]`;
    const colour = RUN_COLOURS[index % RUN_COLOURS.length];
    const fieldset = el('fieldset', {class: 'run', 'data-field': path});
    fieldset.style.setProperty('--run-colour', colour);
    const legend = el('legend', {}, el('span', {class: 'swatch', 'aria-hidden': 'true'}),
      el('span', {class: 'run-id', text: run.id}));
    fieldset.append(legend);
    const grid = el('div', {class: 'control-grid'});
    if (optimizerTypes.length > 1) {
      grid.append(choiceControl({label: t('optimizer'), options: optimizerTypes, value: run.optimizer.type,
        field: `${path}.optimizer.type`, set: (type) => {
          const old = run.optimizer;
          const next = {type};
          for (const f of fieldsOf(schema.optimizers, type)) {
            if (f.name in old) next[f.name] = old[f.name];
            else if (f.default !== null && f.default !== undefined) next[f.name] = f.default;
          }
          if (run.id === old.type || run.id.startsWith(`${old.type}-`)) run.id = freshRunId(state.runs, type, run);
          run.optimizer = next;
          rebuild();
          changed(true);
        }}));
    } else {
      grid.append(fixedValue(t('optimizer'), run.optimizer.type, `${path}.optimizer.type`));
    }
    for (const f of fieldsOf(schema.optimizers, run.optimizer.type)) {
      const field = `${path}.optimizer.${f.name}`;
      const value = f.name in run.optimizer ? run.optimizer[f.name] : f.default;
      if (Array.isArray(f.choices) && f.choices.length > 0) {
        grid.append(choiceControl({label: f.name, options: f.choices, value: value ?? f.choices[0], field,
          set: (v) => {
            run.optimizer[f.name] = v;
            changed(false);
          }}));
      } else if (ranges[f.name]) {
        grid.append(numberControl({label: f.name, hint: fieldHint(f.name, run.optimizer.type), value, range: ranges[f.name], field,
          set: (v) => {
            assign(run.optimizer, f.name, v);
            changed(false);
          }}));
      } else if (value !== null && value !== undefined) {
        grid.append(fixedValue(f.name, value, field));
      }
    }
    if (controls.schedule) {
      const types = ['constant', ...(schema.schedules || []).map((s) => s.type).filter((s) => s !== 'constant')];
      const current = run.schedule ? run.schedule.type : 'constant';
      grid.append(choiceControl({label: t('schedule'), options: types, value: current,
        field: `${path}.schedule.type`, labelOf: (s) => t(`schedule.${s}`), set: (type) => {
          const old = run.schedule || {};
          run.schedule = {type};
          for (const f of fieldsOf(schema.schedules, type)) {
            if (f.name in old) run.schedule[f.name] = old[f.name];   // a warm-up stays when the decay changes
            else if (f.default !== null && f.default !== undefined) {
              if (ranges[f.name]) run.schedule[f.name] = f.default;
            } else if (ranges[f.name]) run.schedule[f.name] = ranges[f.name].min;
          }
          rebuild();
          changed(true);
        }}));
      // required fields always; an optional one (warmup, lr_min) when the preset offers it or the run has it
      const shown = fieldsOf(schema.schedules, current).filter((f) => f.default === null || f.default === undefined
        || ranges[f.name] || (run.schedule && f.name in run.schedule));
      for (const f of shown) {
        grid.append(numberControl({label: f.name, hint: fieldHint(f.name),
          value: run.schedule ? run.schedule[f.name] : undefined, fallback: f.default ?? undefined,
          range: ranges[f.name], field: `${path}.schedule.${f.name}`, set: (v) => {
            run.schedule = run.schedule || {type: current};
            assign(run.schedule, f.name, v);
            changed(false);
          }}));
      }
    } else if (changesLr(run.schedule)) {
      const text = Object.entries(run.schedule).map(([k, v]) => (k === 'type' ? t(`schedule.${v}`) : `${k} = ${v}`));
      grid.append(fixedValue(t('schedule'), text.join(', '), `${path}.schedule`));
    }
    fieldset.append(grid);
    if (state.runs.length > 1) {
      const remove = el('button', {type: 'button', class: 'secondary small',
        text: t('removeRun', {run: run.id})});
      remove.addEventListener('click', () => {
        state.runs.splice(index, 1);
        rebuild();
        changed(true);
        container.querySelector('.add-run, .run button')?.focus();
      });
      fieldset.append(remove);
    }
    runsBox.append(fieldset);
  });
  parts.push(runsBox);
  if (state.runs.length < maxRuns) {
    const add = el('button', {type: 'button', class: 'secondary add-run', text: t('addRun')});
    add.addEventListener('click', () => {
      const last = state.runs[state.runs.length - 1];
      const copy = JSON.parse(JSON.stringify(last));
      copy.id = freshRunId(state.runs, last.optimizer.type);
      state.runs.push(copy);
      rebuild();
      changed(true);
      container.querySelector('.add-run')?.focus();
    });
    parts.push(add);
  } else if (maxRuns > 1) {
    parts.push(el('p', {class: 'note', text: t('maxRuns', {max: maxRuns})}));
  }

  const general = el('div', {class: 'control-grid general'});
  for (const name of TOP_FIELDS) {
    if (ranges[name]) {
      general.append(numberControl({label: t(`top.${name}`), value: state.top[name], range: ranges[name],
        field: `spec.${name}`, placeholder: name === 'batch_size' ? t('fullBatch') : null, set: (v) => {
          assign(state.top, name, v);
          changed(false);
        }}));
    }
  }
  general.append(...problemControls({preset, state, t, changed, prefix: 'spec.problem'}));
  general.append(...networkControls({preset, state, t, changed: () => changed(false), numberControl, choiceControl}));
  if (controls.start && dimension === 2 && state.start) {
    const start = el('div', {class: 'control start-point', 'data-field': 'spec.start'});
    start.append(el('span', {class: 'field-name', text: t('startPoint')}));
    const row = el('div', {class: 'control-row'});
    ['x', 'y'].forEach((axis, i) => {
      const id = uid('s');
      const box = el('input', {id, type: 'text', inputmode: 'decimal', class: 'number-box start-box',
        value: String(state.start[i]), 'data-axis': axis});
      box.addEventListener('change', () => {
        state.start[i] = parseValue(box.value);
        changed(false);
      });
      row.append(el('label', {for: id, text: axis}), box);
    });
    start.append(row, el('p', {class: 'field-hint', text: t('startHint')}));
    general.append(start);
  }
  if (general.children.length > 0) parts.push(general);
  container.replaceChildren(...parts);
}

/** Shows the start point chosen by clicking the map in the start boxes. */
export function showStart(container, start) {
  container.querySelectorAll('.start-box').forEach((box, i) => {
    box.value = String(start[i]);
  });
}

/**
 * Removes the errors shown beside controls: every one, or those about fields under `family` (the first part of a
 * path: `spec`, `stepsPerSecond`, `n`, or '' for errors about a whole message).
 */
export function clearErrors(root, family = null) {
  for (const error of root.querySelectorAll('.field-error')) {
    if (family !== null && error.dataset.family !== family) continue;
    const target = error.parentElement;
    error.remove();
    if (target.querySelector('.field-error')) continue;
    target.classList.remove('has-error');
    for (const input of target.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }
}

/** The first part of an error path: `spec` of `spec.runs[0].optimizer.lr`. */
const familyOf = (field) => /^[^.[]*/.exec(field || '')[0];

/**
 * The control whose `data-field` is `field` or, failing that, the nearest enclosing one
 * (`spec.runs[1].optimizer.mu` → `spec.runs[1]` → `spec.runs` → `spec`); null if none.
 */
function controlOf(root, field) {
  let path = field;
  while (path) {
    const target = root.querySelector(`[data-field="${CSS.escape(path)}"]`);
    if (target) return target;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    path = cut > 0 ? path.slice(0, cut) : '';
  }
  return null;
}

/**
 * What the page calls the control `target` of an error about `field`: "Run 1 (sgd) · learning rate lr", the run it
 * belongs to, its hint and name as shown, then the rest of the path when the error is about something inside it.
 */
export function controlName(target, field, t) {
  const parts = [];
  const run = target.closest('fieldset.run[data-field]');
  if (run) {
    const index = Number((/\[(\d+)\]$/.exec(run.dataset.field) || [0, 0])[1]);
    const id = run.querySelector('.run-id');
    parts.push(t('errorRun', {n: index + 1, run: id ? id.textContent : ''}));
  }
  if (target !== run) {
    const name = target.querySelector(':scope > label .field-name, :scope > .field-name, :scope > legend .field-name');
    const hint = target.querySelector(':scope > label .field-hint, :scope > legend .field-hint');
    const label = name ? name.textContent : (target.querySelector(':scope > label') || {}).textContent;
    if (label) parts.push(hint && hint.textContent ? `${hint.textContent} ${label}` : label);
  }
  const rest = field.slice(target.dataset.field.length).replace(/^\./, '');
  if (rest) parts.push(rest);
  return parts.length > 0 ? parts.join(' · ') : field;
}

/**
 * Shows the server's error `message` (English, the field path `field` in front) beside the control of `field`
 * (see `controlOf`), in the page's words: the path is replaced by the control's name and the rest put into the
 * page's language ("Run 1 (sgd) · learning rate lr: must be > 0, got -1"). One current message per field: the server
 * names the first problem of the whole message it refused, so the errors shown for earlier messages of the same
 * family go. Returns {target, text}: the element used (null if no control matches) and the text shown.
 */
export function showError(root, field, message, t) {
  clearErrors(root, familyOf(field));
  const target = field ? controlOf(root, field) : null;
  const problem = localizeProblem(message, field, t.lang);
  if (!target) return {target: null, text: localizeError(message, field, t.lang)};
  const text = t('errorAt', {control: controlName(target, field, t), problem});
  const id = uid('err');
  const error = el('p', {class: 'field-error', id, role: 'alert', text});
  error.dataset.family = familyOf(field);
  target.classList.add('has-error');
  target.append(error);
  for (const input of target.querySelectorAll('input, select')) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
  }
  return {target, text};
}
