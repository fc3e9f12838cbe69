// What the page tells a student when the server closes the experiment connection (docs/protocol.md, "Closing"):
// the close code and reason the server sent become a sentence key of the bundles (`js.closed.*`) and its numbers.
// Pure: no DOM, no socket, so it is checked on its own in the browser (FrontEndModulesIT).

/** The close code of a server that is going down to restart (with the reason `server restarting`). */
const GOING_AWAY = 1001;
const POLICY = 1008;
const SERVER_ERROR = 1011;
const TRY_AGAIN_LATER = 1013;

/** The first whole number after `label` in `text` ("(at most 50)" → 50), or null. */
function numberAfter(label, text) {
  const match = new RegExp(`${label}\\s*(\\d+)`).exec(text);
  return match ? Number(match[1]) : null;
}

/** Whether a close says the server is restarting (the page then tries again after a short first delay). */
export function isServerRestart(code, reason) {
  return code === GOING_AWAY && reason === 'server restarting';
}

/**
 * The notice for a close with `code` and `reason`: `{key, params}`, the key under `js.` in the bundles and its
 * placeholders except `{seconds}` (the caller's delay before the next try). A close the server does not document
 * (a network failure is 1006 in the browser) is `connectionLost`.
 */
export function closeNotice(code, reason) {
  const text = typeof reason === 'string' ? reason : '';
  if (code === TRY_AGAIN_LATER && text.startsWith('server busy')) {
    const percent = numberAfter('at', text);
    return percent === null ? {key: 'closed.busy', params: {}} : {key: 'closed.busyPercent', params: {percent}};
  }
  if (code === TRY_AGAIN_LATER) {
    const students = numberAfter('\\(', text);
    return students === null ? {key: 'closed.full', params: {}} : {key: 'closed.fullCount', params: {students}};
  }
  if (code === POLICY && text.startsWith('too many sessions from your address')) {
    const max = numberAfter('at most', text);
    return max === null ? {key: 'closed.tooMany', params: {}} : {key: 'closed.tooManyMax', params: {max}};
  }
  if (code === POLICY && text.startsWith('not reading')) return {key: 'closed.notReading', params: {}};
  if (isServerRestart(code, text)) return {key: 'closed.restarting', params: {}};
  if (code === SERVER_ERROR) return {key: 'closed.serverFailed', params: {}};
  return {key: 'connectionLost', params: {}};
}
