// Renders the `$...$` and `$$...$$` math the server leaves in the lesson text, with KaTeX's auto-render
// (loaded by the layout as deferred classic scripts, which may finish after this module starts).

const DELIMITERS = [
  {left: '$$', right: '$$', display: true},
  {left: '$', right: '$', display: false},
];

/**
 * Makes every code block and displayed formula in `root` that scrolls sideways (a long line on a phone) reachable
 * with the keyboard, so it can be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable); blocks
 * that fit are left out of the tab order. Checked again when the window is resized.
 */
export function focusScrollables(root) {
  if (!root) return;
  const check = () => {
    for (const block of root.querySelectorAll('pre, .katex-display')) {
      if (block.scrollWidth > block.clientWidth + 1) block.tabIndex = 0;
      else block.removeAttribute('tabindex');
    }
  };
  check();
  let pending = null;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(check, 100);
  });
}

/** Renders the math inside `root` (once KaTeX is there). */
export function renderMath(root) {
  if (!root) return;
  const render = () => {
    if (typeof window.renderMathInElement === 'function') {
      window.renderMathInElement(root, {delimiters: DELIMITERS, throwOnError: false,
        ignoredTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code']});
    }
    focusScrollables(root);
  };
  if (typeof window.renderMathInElement === 'function') render();
  else window.addEventListener('load', render, {once: true});
}
