// Words for challenges, shared by the lesson page's challenge panel and the instructor's challenges page:
// a goal, a score, an optimizer with its hyperparameters, in the page's language.

/** The goal in words: "Fewest steps until the loss is below 1e-6 (at most 2000 steps)." */
export function goalText(goal, t) {
  if (goal.type === 'validation-accuracy') return t('challenge.goal.accuracy', {epochs: goal.epochs});
  if (goal.type === 'validation-loss') return t('challenge.goal.loss', {epochs: goal.epochs});
  return t('challenge.goal.steps', {threshold: goal.threshold, steps: goal.steps});
}

/** Which fields the challenge fixes, in words. */
export function fixedText(fixed, t) {
  if (!fixed || fixed.length === 0) return t('challenge.fixed.none');
  const fields = fixed.map((f) => t(`challenge.field.${f}`));
  return t('challenge.fixed', {fields: fields.join(t.lang === 'zh' ? '、' : ', ')});
}

/** A score in words: "312 steps", "87.5 %" or (a validation loss) "0.0705". */
export function scoreText(goal, score, t, lang) {
  if (goal.type === 'validation-loss') {
    const loss = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {maximumSignificantDigits: 4}).format(score);
    return t('challenge.score.loss', {score: loss});
  }
  if (goal.type === 'validation-accuracy') {
    const percent = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {maximumFractionDigits: 1})
      .format(score * 100);
    return t('challenge.score.accuracy', {score: percent});
  }
  return t('challenge.score.steps', {score: Math.round(score)});
}

/** "adam (lr=0.05, mu=0.9)", with the schedule after it when there is one. */
export function optimizerText(optimizer, schedule) {
  const fields = (o) => Object.entries(o || {}).filter(([k]) => k !== 'type').map(([k, v]) => `${k}=${v}`).join(', ');
  const main = `${(optimizer && optimizer.type) || '?'}${fields(optimizer) ? ` (${fields(optimizer)})` : ''}`;
  return schedule ? `${main}; ${schedule.type}${fields(schedule) ? ` (${fields(schedule)})` : ''}` : main;
}

/** The deadline sentence, or '' without a deadline. */
export function deadlineText(deadline, t, lang) {
  if (!deadline) return '';
  return t('challenge.deadline', {time: new Date(deadline).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')});
}

/** A time as the page's language writes it. */
export function timeText(iso, lang) {
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', {dateStyle: 'short', timeStyle: 'medium'});
}

/** Fills a table body with leaderboard lines. */
export function fillLeaderboard(tbody, lines, goal, t, lang, withAttempts) {
  tbody.replaceChildren(...lines.map((line) => {
    const row = document.createElement('tr');
    const cells = [String(line.rank), line.name, scoreText(goal, line.score, t, lang),
      optimizerText(line.optimizer, line.schedule)];
    if (withAttempts) cells.push(String(line.attempts));
    cells.push(timeText(line.at, lang));
    for (const text of cells) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
}
