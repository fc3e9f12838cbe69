// A student's progress, kept in this browser only (localStorage): which lessons were opened and which of their
// experiments were run to the end.

const KEY = 'optimizer-lab.progress.v1';

/** `{slug: {visited: true, presets: n, done: [presetId, ...]}}`; empty when storage is unavailable. */
export function loadProgress() {
  try {
    const value = JSON.parse(window.localStorage.getItem(KEY) || '{}');
    return value && typeof value === 'object' ? value : {};
  } catch (e) {
    return {};
  }
}

function save(progress) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(progress));
  } catch (e) {
    // private mode or full storage: progress is a convenience, the lesson works without it
  }
}

/** Notes that the lesson `slug` (with `presets` experiments) was opened. */
export function markVisited(slug, presets) {
  const progress = loadProgress();
  const entry = progress[slug] || {done: []};
  progress[slug] = {...entry, visited: true, presets};
  save(progress);
}

/** Notes that the experiment `presetId` of lesson `slug` ran to its end. */
export function markDone(slug, presetId) {
  const progress = loadProgress();
  const entry = progress[slug] || {visited: true, done: []};
  if (!entry.done.includes(presetId)) entry.done = [...entry.done, presetId];
  progress[slug] = entry;
  save(progress);
}
