// The controls of one value each, shared by the run editor (controls.js) and the other panels: a number (a slider
// with a number box, log scale where the control says), a choice, a fixed value, and the controls of a problem's
// fields. Values are stored as typed; the server validates them and names the field of a bad one.

import {el, uniqueId as uid} from './dom.js';
import {networkFields, parseValue, problemFields} from './state.js';

const SLIDER_STEPS = 1000;

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

export function fixedValue(label, value, field) {
  return el('div', {class: 'control fixed', 'data-field': field},
    el('span', {class: 'field-name', text: label}), el('span', {class: 'fixed-value', text: String(value)}));
}
