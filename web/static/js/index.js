// The course index: renders the math in the summaries, shows beside each lesson the progress kept in this
// browser (opened; experiments run to the end), and tells an open tab when the lessons change on the server.

import {INDEX_NOTICE, watchCourseVersion} from './course-updates.js';
import {translator} from './i18n.js';
import {renderMath} from './math.js';
import {loadProgress} from './progress.js';

const stringsElement = document.getElementById('page-strings');
const strings = stringsElement ? JSON.parse(stringsElement.textContent || '{}') : {};
const lang = (document.documentElement.lang || 'en').startsWith('zh') ? 'zh' : 'en';
const t = translator(strings.strings || strings, lang);

renderMath(document.getElementById('lesson-list'));
const main = document.getElementById('main');
watchCourseVersion(main, main.dataset.courseVersion, t, INDEX_NOTICE);

const progress = loadProgress();
for (const element of document.querySelectorAll('.lesson-progress[data-progress-for]')) {
  const entry = progress[element.dataset.progressFor];
  if (!entry || !entry.visited) continue;
  const done = (entry.done || []).length;
  const total = entry.presets || 0;
  element.dataset.state = total > 0 && done >= total ? 'complete' : done > 0 ? 'started' : 'visited';
  element.textContent = done > 0 ? t('progressDone', {done, total}) : t('progressVisited');
}
