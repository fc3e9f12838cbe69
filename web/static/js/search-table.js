// The trials of a search as a table (best first, the best row marked) and as CSV (by index), with the columns the
// search's metric has: a classifier's accuracies, or a regression's losses (it has no reg, dropout or accuracy).

import {el} from './dom.js';
import {formatNumber} from './i18n.js';
import {percent} from './readout.js';
import {bestFirst} from './search-metric.js';

/** The table of `sorted` trials (best first) for `metric`, `best` marked; `dropout` when the search draws it. */
export function trialsTable(sorted, best, metric, dropout, t) {
  const lang = t.lang;
  const table = el('table', {class: 'data-table search-table', id: 'search-table'});
  table.createCaption().textContent = t(metric.words.caption);
  const head = table.createTHead().insertRow();
  const columns = metric.byLoss
    ? [t('searchRank'), t('searchTrial'), t('searchRound'), 'lr', t('colTrainLoss'), t('colValLoss')]
    : [t('searchRank'), t('searchTrial'), t('searchRound'), 'lr', 'reg', ...(dropout ? ['dropout'] : []),
      t('colTrainAccuracy'), t('colValAccuracy'), t('colValLoss')];
  for (const name of columns) head.append(el('th', {scope: 'col', text: name}));
  const body = table.createTBody();
  sorted.forEach((trial, k) => {
    const row = body.insertRow();
    row.dataset.trial = String(trial.trial);
    if (best && trial === best) row.className = 'best';
    const start = [String(k + 1), String(trial.trial), String(trial.round), formatNumber(trial.lr, lang, 3)];
    const cells = metric.byLoss
      ? [...start, formatNumber(trial.train_loss, lang, 4),
        trial.diverged ? t('searchDivergedShort') : metric.text(trial.val_loss)]
      : [...start, formatNumber(trial.reg, lang, 3), ...(dropout ? [formatNumber(trial.dropout, lang, 3)] : []),
        percent(trial.train_accuracy, lang),
        trial.diverged ? t('searchDivergedShort') : percent(trial.val_accuracy, lang),
        formatNumber(trial.val_loss, lang)];
    cells.forEach((text, c) => row.append(el(c === 0 ? 'th' : 'td', c === 0 ? {scope: 'row', text} : {text})));
  });
  return table;
}

/** CSV of the trials in index order, with a column marking the best (the same columns for every metric). */
export function trialsCsv(trials) {
  const header = ['trial', 'round', 'lr', 'reg', 'dropout', 'train_loss', 'train_accuracy', 'val_loss',
    'val_accuracy', 'diverged', 'best'];
  const value = (v) => (v === null || v === undefined ? '' : String(v));
  const best = [...trials].sort(bestFirst)[0];
  const rows = [...trials].sort((a, b) => a.trial - b.trial).map((x) => [x.trial, x.round, x.lr, x.reg,
    x.dropout, x.train_loss, x.train_accuracy, x.val_loss, x.val_accuracy, x.diverged, x === best]
    .map(value).join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
