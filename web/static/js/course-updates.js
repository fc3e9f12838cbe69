// Tells an open lesson page, or the course index, that the lessons were reloaded on the server (docs/lessons.md,
// "Reloading"): the page asks `GET /api/course/version` every 30 s and whenever it comes back into view, and when
// the version differs from the one it was rendered with it shows a notice in its language with a Reload button.
// On a lesson page the experiment's settings live in the page's address (state.js keeps them there), so reloading
// keeps them; the index says only that the lessons changed (its list may have new or fewer lessons).

const POLL_MS = 30_000;

/** Whether `served` (the server's version now) means the page, rendered at `rendered`, is out of date. */
export function isOutdated(rendered, served) {
  return typeof rendered === 'string' && rendered !== '' && typeof served === 'string' && served !== ''
    && served !== rendered;
}

/** What a lesson page says: the lesson changed, and reloading keeps the experiment. */
export const LESSON_NOTICE = {text: 'courseUpdated', reload: 'courseUpdated.reload'};
/** What the course index says: the lessons changed. */
export const INDEX_NOTICE = {text: 'courseUpdated.index', reload: 'courseUpdated.indexReload'};

/** The notice element, with its text and Reload button (string keys `keys`) in the page's language. */
function buildNotice(t, keys) {
  const notice = document.createElement('div');
  notice.id = 'course-updated';
  notice.className = 'course-updated';
  notice.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = t(keys.text);
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.id = 'course-updated-reload';
  reload.textContent = t(keys.reload);
  reload.addEventListener('click', () => window.location.reload());
  notice.append(text, ' ', reload);
  return notice;
}

/**
 * Starts watching for a newer course on a page rendered with `rendered`, strings from `t`; the notice says
 * `keys` (LESSON_NOTICE or INDEX_NOTICE).
 */
export function watchCourseVersion(main, rendered, t, keys = LESSON_NOTICE) {
  let shown = false;
  let inFlight = false;
  const check = async () => {
    if (shown || inFlight) return;
    inFlight = true;
    try {
      const answer = await fetch('/api/course/version', {cache: 'no-store'});
      if (!answer.ok) return;
      const {version} = await answer.json();
      if (isOutdated(rendered, version)) {
        shown = true;
        main.prepend(buildNotice(t, keys));
      }
    } catch (e) {
      // offline or restarting: the next check will tell
    } finally {
      inFlight = false;
    }
  };
  window.setInterval(check, POLL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  window.addEventListener('focus', check);
  return check;
}
