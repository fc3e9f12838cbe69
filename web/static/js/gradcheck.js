// The gradient check of a training race (lesson 10's sanity checks, docs/protocol.md `POST /api/gradient-check`):
// a button asks the server to compare the analytic gradient of the network shown with the centred difference, and
// the page lists the largest and mean relative error per parameter block with a verdict for float64. Nothing is
// computed in the browser. The table is `#gradcheck-table`; the section carries `data-state` (idle | computing |
// done | error).

import {el} from './dom.js';
import {formatNumber} from './i18n.js';

/** Below this a float64 gradient is right; up to LOOK_CLOSER it may be a kink; above, wrong. */
const GOOD = 1e-7;
const LOOK_CLOSER = 1e-4;

/** The verdict key of a relative error. */
export function verdictOf(error) {
  if (!(error <= LOOK_CLOSER)) return error >= 1e-2 ? 'gradcheckWrong' : 'gradcheckSuspect';
  return error <= GOOD ? 'gradcheckGood' : 'gradcheckKink';
}

/** Builds the section into the race view and returns a view that follows the experiment shown. */
export class GradientCheckView {
  constructor(parent, t, path, lesson) {
    this.t = t;
    this.lesson = lesson;
    this.path = path || '/api/gradient-check';
    this.spec = null;
    this.button = el('button', {id: 'btn-gradcheck', type: 'button', class: 'secondary', text: t('gradcheckButton')});
    this.status = el('p', {class: 'note gradcheck-status', role: 'status'});
    this.table = el('div', {id: 'gradcheck-table', class: 'table-scroll', tabindex: '0'});
    this.root = el('section', {class: 'gradcheck', 'aria-labelledby': 'gradcheck-title', 'data-state': 'idle',
      hidden: ''}, el('h3', {id: 'gradcheck-title', text: t('gradcheckTitle')}),
    el('p', {class: 'note', text: t('gradcheckNote')}), this.button, this.status, this.table);
    parent.append(this.root);
    this.button.addEventListener('click', () => this.run());
  }

  /** Shows the section for a training race (`spec` of the experiment shown), hides it otherwise. */
  setUp(message, spec) {
    const training = Array.isArray(message.problem.layers) && message.problem.layers.length > 0;
    this.root.hidden = !training;
    this.spec = training ? spec : null;
    this.root.dataset.state = 'idle';
    this.status.textContent = '';
    this.table.replaceChildren();
  }

  async run() {
    if (!this.spec) return;
    const t = this.t;
    this.root.dataset.state = 'computing';
    this.status.textContent = t('gradcheckComputing');
    // `lesson`: a csv problem's table is read from this lesson's folder
    const body = {problem: this.spec.problem, seed: this.spec.seed || 0, lesson: this.lesson};
    try {
      const response = await fetch(this.path, {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body)});
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error || String(response.status));
      this.show(answer);
    } catch (error) {
      this.root.dataset.state = 'error';
      this.status.textContent = t('gradcheckFailed', {message: error.message});
    }
  }

  show(answer) {
    const t = this.t;
    const format = (v) => (v === null || v === undefined ? '—' : formatNumber(v, t.lang, 2));
    const head = el('tr', {}, ...[t('gradcheckColLayer'), t('gradcheckColMax'), t('gradcheckColMean'),
      t('gradcheckColKinks'), t('gradcheckColVerdict')].map((text) => el('th', {scope: 'col', text})));
    // The verdict leaves out coordinates at a kink (a ReLU unit at 0), where no gradient matches the difference.
    const verdict = (block) => (block.max_relative_error_away_from_kinks === null
      ? t('gradcheckAllKinks') : t(verdictOf(block.max_relative_error_away_from_kinks)));
    const rows = answer.blocks.map((block) => el('tr', {'data-block': block.name},
      el('th', {scope: 'row', text: block.name}), el('td', {text: format(block.max_relative_error)}),
      el('td', {text: format(block.mean_relative_error)}),
      el('td', {text: `${block.kinks} / ${block.coordinates.length}`}), el('td', {text: verdict(block)})));
    this.table.replaceChildren(el('table', {class: 'data-table'},
      el('caption', {text: t('gradcheckCaption', {h: answer.h, batch: answer.batch_size})}),
      el('thead', {}, head), el('tbody', {}, ...rows)));
    this.root.dataset.state = 'done';
    this.status.textContent = '';
  }
}
