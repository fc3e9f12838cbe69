// The lesson page's challenge panel (docs/classroom.md): while the instructor has a challenge open for this
// lesson, a card at the top of the experiment panel says its goal in the page's language, takes the student's
// name, and sends the page's current spec with "Submit my experiment". The server reruns and scores it; the
// card shows the score it stored, the student's best and, if the instructor allows it, the leaderboard.

import {goalText, fixedText, scoreText, deadlineText, fillLeaderboard} from './challenge-text.js';
import {localizeError} from './server-text.js';
import {rememberName, studentId, studentName} from './student.js';

const POLL_MS = 5000;

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/**
 * The panel. `current()` gives {preset, spec}: the preset shown and the spec the page would run now.
 */
export class ChallengePanel {
  constructor(panel, data, t, current) {
    this.data = data;
    this.t = t;
    this.current = current;
    this.student = studentId();
    this.root = element('section', {id: 'challenge-panel', className: 'challenge-panel', hidden: true});
    this.root.setAttribute('aria-label', t('challenge.leaderboard'));
    panel.prepend(this.root);
    this.cards = new Map();
    this.refresh();
    this.timer = window.setInterval(() => this.refresh(), POLL_MS);
  }

  async refresh() {
    let answer;
    try {
      const url = `/api/challenges?lesson=${encodeURIComponent(this.data.slug)}&student=${this.student}`;
      const response = await fetch(url, {cache: 'no-store'});
      if (!response.ok) return;
      answer = await response.json();
    } catch (e) {
      return;                     // offline: the card stays as it was
    }
    const ids = new Set(answer.challenges.map((c) => c.id));
    for (const [id, card] of this.cards) {
      if (!ids.has(id)) { card.root.remove(); this.cards.delete(id); }
    }
    for (const challenge of answer.challenges) {
      if (!this.cards.has(challenge.id)) this.cards.set(challenge.id, this.card(challenge));
      this.update(this.cards.get(challenge.id), challenge);
    }
    this.root.hidden = this.cards.size === 0;
    this.presetChanged();
  }

  /** Enables "Submit" only on the challenge's own experiment. */
  presetChanged() {
    const shown = this.current().preset;
    for (const card of this.cards.values()) {
      const same = card.challenge.preset === shown;
      card.submit.disabled = !same || card.busy;
      const preset = (this.data.presets || []).find((p) => p.id === card.challenge.preset);
      const title = preset ? preset.title : card.challenge.preset;
      card.hint.textContent = same ? '' : this.t('challenge.otherPreset', {preset: title});
      card.hint.hidden = same;
    }
  }

  card(challenge) {
    const t = this.t;
    const card = {challenge, busy: false};
    card.heading = element('h2', {className: 'challenge-title'});
    card.goal = element('p', {className: 'challenge-goal'});
    card.fixed = element('p', {className: 'challenge-fixed'});
    const nameId = `challenge-name-${challenge.id}`;
    card.name = element('input', {type: 'text', id: nameId, maxLength: 40, autocomplete: 'nickname',
      className: 'challenge-name'});
    card.name.value = studentName() || '';
    card.submit = element('button', {type: 'button', className: 'primary challenge-submit'}, t('challenge.submit'));
    card.submit.addEventListener('click', () => this.submit(card));
    card.hint = element('p', {className: 'challenge-hint', hidden: true});
    card.status = element('p', {className: 'challenge-status'});
    card.status.setAttribute('role', 'status');
    card.best = element('p', {className: 'challenge-best'});
    card.table = element('table', {className: 'leaderboard'});
    const head = element('tr');
    for (const key of ['challenge.rank', 'challenge.who', 'challenge.score', 'challenge.optimizer', 'challenge.when']) {
      head.append(element('th', {scope: 'col'}, t(key)));
    }
    card.table.append(element('thead', {}, head), element('tbody'));
    // tabIndex: the table scrolls sideways on narrow screens, and the keyboard must reach it
    card.board = element('details', {className: 'challenge-board'},
      element('summary', {}, t('challenge.leaderboard')), element('div', {className: 'table-wrap', tabIndex: 0},
        card.table));
    card.root = element('div', {className: 'challenge-card'}, card.heading, card.goal, card.fixed,
      element('div', {className: 'challenge-row'}, element('label', {htmlFor: nameId}, t('challenge.name')),
        card.name, card.submit),
      card.hint, card.status, card.best, card.board);
    card.root.dataset.challenge = String(challenge.id);
    this.root.append(card.root);
    return card;
  }

  update(card, challenge) {
    const t = this.t;
    card.challenge = challenge;
    card.heading.textContent = t('challenge.heading', {title: challenge.title});
    card.goal.textContent = goalText(challenge.goal, t);
    card.fixed.textContent = `${fixedText(challenge.fixed, t)} ${deadlineText(challenge.deadline, t, this.data.lang)}`;
    card.best.textContent = challenge.mine
      ? t('challenge.best', {best: scoreText(challenge.goal, challenge.mine.best, t, this.data.lang),
        rank: challenge.mine.rank, attempts: challenge.mine.attempts})
      : t('challenge.none');
    card.board.hidden = !challenge.leaderboard;
    if (challenge.leaderboard) {
      fillLeaderboard(card.table.tBodies[0], challenge.leaderboard, challenge.goal, t, this.data.lang, false);
    }
  }

  async submit(card) {
    const t = this.t;
    const name = card.name.value.trim();
    card.busy = true;
    card.submit.disabled = true;
    card.status.className = 'challenge-status';
    card.status.textContent = t('challenge.submitting');
    try {
      const response = await fetch(`/api/challenges/${card.challenge.id}/submissions`, {method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({studentId: this.student, name, spec: this.current().spec})});
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        if (name) rememberName(name);       // stored with the submission: the header and the class view show it
        const goal = card.challenge.goal;
        card.status.textContent = t('challenge.scored', {score: scoreText(goal, body.score, t, this.data.lang),
          run: body.run, best: scoreText(goal, body.best, t, this.data.lang), rank: body.rank});
      } else {
        card.status.className = 'challenge-status error';
        card.status.textContent = t('challenge.refused',
          {message: localizeError(body.error, body.field, this.data.lang) || `HTTP ${response.status}`});
      }
    } catch (e) {
      card.status.className = 'challenge-status error';
      card.status.textContent = t('challenge.refused', {message: String(e.message || e)});
    } finally {
      card.busy = false;
      this.presetChanged();
      this.refresh();
    }
  }
}
