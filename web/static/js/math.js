// Renders the `$...$` and `$$...$$` math the server leaves in the lesson text, with KaTeX's auto-render
// (loaded by the layout as deferred classic scripts, which may finish after this module starts).

const DELIMITERS = [
  {left: '$$', right: '$$', display: true},
  {left: '$', right: '$', display: false},
];

/** Renders the math inside `root` (once KaTeX is there). */
export function renderMath(root) {
  if (!root) return;
  const render = () => {
    if (typeof window.renderMathInElement !== 'function') return;
    window.renderMathInElement(root, {delimiters: DELIMITERS, throwOnError: false,
      ignoredTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code']});
  };
  if (typeof window.renderMathInElement === 'function') render();
  else window.addEventListener('load', render, {once: true});
}
