// What the views of presets computed over HTTP share (a gradient estimate, an activation study): post the request,
// show "computing", then the answer or the server's error beside the control it names; a newer request makes an
// older answer moot; a change of setting recomputes after a short pause.

import {clearErrors, showError} from './field-errors.js';

const RECOMPUTE_DELAY_MS = 300;

/**
 * A view computed by `POST path`. Subclasses give `body()` (the request), `computingText()`, `doneText(answer)` and
 * `draw()` (of `this.answer`); `ui` has `root` (where errors go) and `status` (`data-state` = computing | done |
 * error, `data-preset` = the preset of the answer shown).
 */
export class ComputedView {
  constructor(ui, t, path) {
    this.ui = ui;
    this.t = t;
    this.path = path;
    this.answer = null;
    this.request = 0;
    this.timer = null;
    this.onComputed = () => {};                             // told of each preset computed (its progress mark)
  }

  /** Recomputes after a short pause (a slider being dragged sends one request, not fifty). */
  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.compute(), RECOMPUTE_DELAY_MS);
  }

  setStatus(state, text) {
    this.ui.status.dataset.state = state;
    this.ui.status.textContent = text;
  }

  compute() {
    clearTimeout(this.timer);
    const request = ++this.request;
    const body = this.body();
    this.setStatus('computing', this.computingText());
    fetch(this.path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)})
      .then((response) => response.json().then((json) => ({ok: response.ok, json})))
      .then(({ok, json}) => {
        if (request !== this.request) return;                  // a newer request is on its way
        clearErrors(this.ui.root);
        if (!ok) {
          const {target, text} = showError(this.ui.root, json.field || '', json.error || String(json), this.t);
          this.setStatus('error', target ? this.t('errorNear') : this.t('errorText', {message: text}));
          return;
        }
        this.answer = {request: body, ...json};
        this.ui.status.dataset.preset = this.preset.id;
        this.draw();
        this.setStatus('done', this.doneText(json));
        this.onComputed(this.preset);
      })
      .catch((error) => {
        if (request === this.request) this.setStatus('error', this.t('errorText', {message: error.message}));
      });
  }
}
