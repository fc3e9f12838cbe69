// The server's errors shown beside the control whose field they name, in the page's language (see `showError`).

import {el, uniqueId as uid} from './dom.js';
import {localizeError, localizeProblem} from './server-text.js';

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
