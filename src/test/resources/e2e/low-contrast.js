// Text on the page whose contrast is below WCAG AA (4.5:1, 3:1 for large text), computed from the real colours:
// the text's colour (times the opacity of it and its ancestors) over the stack of translucent backgrounds below it.
// Unlike axe-core it also judges generated content (::before/::after), which axe leaves out. Disabled controls are
// exempt (WCAG 1.4.3); canvas and SVG are not text. Returns {"colour on background ratio (size) element": count}.
const parse = (c) => {
  const m = c.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
const luminance = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
function backgroundOf(element) {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const colour = parse(getComputedStyle(e).backgroundColor);
    if (colour && colour[3] > 0) {
      layers.push(colour);
      if (colour[3] >= 1) break;
    }
  }
  return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
}
function opacityOf(element) {
  let opacity = 1;
  for (let e = element; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
  return opacity;
}
const found = {};
function judge(element, pseudo) {
  const style = getComputedStyle(element, pseudo);
  if (style.visibility === 'hidden' || style.display === 'none') return;
  const colour = parse(style.color);
  if (!colour) return;
  const background = backgroundOf(element);
  const text = over([colour[0], colour[1], colour[2], colour[3] * opacityOf(element)], background);
  const [a, b] = [luminance(text), luminance(background)];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const size = parseFloat(style.fontSize);
  const bold = Number(style.fontWeight) >= 700;
  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  if (ratio < needed && !element.closest(':disabled, [aria-disabled="true"]')) {
    const key = `${style.color} on rgb(${background.slice(0, 3).map(Math.round).join(', ')}) ${ratio.toFixed(2)}:1`
      + ` (${size}px${bold ? ' bold' : ''}) ${element.tagName.toLowerCase()}.${element.className}${pseudo || ''}`;
    found[key] = (found[key] || 0) + 1;
  }
}
for (const element of document.querySelectorAll('body *')) {
  if (element.closest('svg, canvas, script, style, noscript, [hidden], .katex-mathml')) continue;
  if (!element.getClientRects().length) continue;
  if ([...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) judge(element, null);
  for (const pseudo of ['::before', '::after']) {
    const content = getComputedStyle(element, pseudo).content;
    if (content && !['none', 'normal', '""'].includes(content) && !content.startsWith('url')) judge(element, pseudo);
  }
}
return found;
