// The network editor of a race on a spiral or a table: how many hidden layers (1 to 4; a table may have none,
// its softmax classifier), the width of each, and the activation. The choices go into the spec's problem
// (`hidden`: a number for one layer, as the presets write it, a list of widths for several; `activation`) and so
// into the share link (state.js); the engine on the server validates them, and its errors (`spec.problem.hidden[1]`)
// are shown beside the box of that layer. The per-layer charts follow the layers the server reports.

import {el} from './dom.js';
import {networkFields} from './state.js';
import {choiceControl, numberControl} from './control-widgets.js';

/** The most hidden layers the engine allows. */
export const MAX_DEPTH = 4;
/** The activations the engine has. */
const ACTIVATIONS = ['relu', 'tanh'];
/**
 * The width a new layer starts with (or the layer below's, if narrower): small, so that a deeper network of a
 * three-run race stays within the server's work per update (a 100-unit layer between two others costs 10,000
 * weights, a 20-unit one 2,000).
 */
export const NEW_LAYER_WIDTH = 20;
/** The slider of a width when the preset gives no range for `hidden`. */
const DEFAULT_WIDTH_RANGE = {min: 1, max: 200, step: 1};

/** The widths of `hidden` as a list: a number is one layer, 0 (or nothing) none. */
export function widthsOf(hidden) {
  if (Array.isArray(hidden)) return [...hidden];
  return hidden === undefined || hidden === null || hidden === 0 ? [] : [hidden];
}

/** `hidden` as the spec writes it: a number for one layer (0 for none), the list for several. */
export function hiddenOf(widths) {
  if (widths.length === 0) return 0;
  return widths.length === 1 ? widths[0] : [...widths];
}

/** `widths` made `depth` long: shallower drops the last layers, deeper adds layers of {@link NEW_LAYER_WIDTH}. */
export function withDepth(widths, depth) {
  const next = widths.slice(0, depth);
  while (next.length < depth) {
    const below = Number(next[next.length - 1]);
    next.push(Number.isFinite(below) && below > 0 ? Math.min(below, NEW_LAYER_WIDTH) : NEW_LAYER_WIDTH);
  }
  return next;
}

/**
 * The editor for `preset` (nothing unless it is a race on `mlp-spiral` or `csv`): one box holding the depth, a
 * width per layer and the activation, made with the run editor's own `numberControl` and `choiceControl`
 * (control-widgets.js) so it looks and reports errors the same. `changed()` is called after every change of
 * `state.problem`.
 */
export function networkControls({preset, state, t, changed}) {
  if (networkFields(preset).length === 0) return [];
  const values = preset.problemValues || {};
  const ranges = (preset.controls && preset.controls.fields) || {};
  const range = ranges.hidden && Number.isFinite(ranges.hidden.min)
    ? {...ranges.hidden, min: Math.max(1, ranges.hidden.min)} : DEFAULT_WIDTH_RANGE;
  const least = preset.spec.problem.type === 'csv' ? 0 : 1;
  const box = el('fieldset', {class: 'network-editor'});
  const current = () => widthsOf(state.problem.hidden ?? values.hidden);
  const render = () => {
    const widths = current();
    const parts = [el('legend', {text: t('network.title')})];
    // the server names `hidden` itself for one layer (a number) and `hidden[i]` in a list: one control per path
    const single = widths.length === 1;
    const depths = [];
    for (let d = least; d <= MAX_DEPTH; d++) depths.push(String(d));
    parts.push(choiceControl({label: t('network.depth'), hint: t('network.depthHint'), options: depths,
      value: String(widths.length), field: single ? 'spec.problem.depth' : 'spec.problem.hidden', labelOf: (d) => (d === '0' ? t('network.none') : d),
      set: (d) => {
        state.problem.hidden = hiddenOf(withDepth(current(), Number(d)));
        render();
        changed();
      }}));
    widths.forEach((width, layer) => {
      parts.push(numberControl({label: t('network.width', {layer: layer + 1}), value: width, range,
        field: single ? 'spec.problem.hidden' : `spec.problem.hidden[${layer}]`, set: (v) => {
          const next = current();
          next[layer] = v === undefined ? width : v;
          state.problem.hidden = hiddenOf(next);
          changed();
        }}));
    });
    if (widths.length > 0) {
      parts.push(choiceControl({label: t('network.activation'), options: ACTIVATIONS,
        value: state.problem.activation ?? values.activation ?? 'relu', field: 'spec.problem.activation',
        labelOf: (a) => t(`option.activation.${a}`), set: (a) => {
          state.problem.activation = a;
          changed();
        }}));
    }
    box.replaceChildren(...parts);
  };
  render();
  return [box];
}
