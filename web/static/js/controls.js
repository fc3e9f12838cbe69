// The run editor, generated from the preset's `controls` and the optimizer/schedule schema of the page:
// optimizer choice per run (several may race), a slider with a number box per exposed field (log scale where the
// control says), schedule and its fields, steps / batch size, start point. Values are sent to the server as typed;
// the server validates them and its errors are shown beside the control whose field they name (field-errors.js).
// The single-value controls are in control-widgets.js. This module re-exports the few of them, and of the error
// display, that search.js and race-stream.js still import from here.

import {el, uniqueId as uid} from './dom.js';
import {changesLr, freshRunId, parseValue, TOP_FIELDS} from './state.js';
import {networkControls} from './network.js';
import {RUN_COLOURS} from './charts.js';
import {choiceControl, fixedValue, numberControl, optimizerFieldHint, problemControls} from './control-widgets.js';

export {fixedValue, numberControl, problemControls} from './control-widgets.js';
export {clearErrors, showError} from './field-errors.js';

/** Sets `object[name]`, or removes it when `value` is undefined (the server then uses its default). */
function assign(object, name, value) {
  if (value === undefined) delete object[name];
  else object[name] = value;
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
  general.append(...networkControls({preset, state, t, changed: () => changed(false)}));
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
