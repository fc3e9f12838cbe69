// The links a lesson page hands out: the address of the experiment shown (kept in the address bar and in the
// share link, which a click copies) and the language switch, which keeps the experiment.

/** Puts the experiment's query `search` in the address bar and in the share link. */
export function showExperimentAddress(share, search) {
  const url = `${window.location.pathname}?${search}`;
  window.history.replaceState(null, '', url);
  share.href = new URL(url, window.location.href).href;
}

/** A click on the share link copies it and says so in `status` (or shows the link to copy by hand). */
export function copyOnClick(share, status, t) {
  share.addEventListener('click', (event) => {
    event.preventDefault();
    const link = share.href;
    const done = () => {
      status.textContent = t('linkCopied');
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(done, () => {
        status.textContent = t('linkCopyFailed', {link});
      });
    } else {
      status.textContent = t('linkCopyFailed', {link});
    }
  });
}

/** The language switch keeps the experiment: same query, other language. */
export function keepExperimentAcrossLanguages(langSwitch) {
  if (!langSwitch) return;
  langSwitch.addEventListener('click', () => {
    const target = new URL(langSwitch.href, window.location.href);
    const params = new URLSearchParams(window.location.search);
    if (target.searchParams.has('lang')) params.set('lang', target.searchParams.get('lang'));
    langSwitch.href = `${target.pathname}?${params.toString()}`;
  });
}
