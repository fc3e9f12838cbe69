// A small helper for building elements from script (no HTML strings: the content security policy allows no inline
// styles or handlers, and text is always set as text).

/**
 * `el('p', {class: 'note', text: 'Hello'}, child, ...)`: an element with attributes (`class`, `text` for its text,
 * any other attribute by name; null and undefined are left out) and children.
 */
export function el(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === 'class') element.className = v;
    else if (k === 'text') element.textContent = v;
    else element.setAttribute(k, v);
  }
  element.append(...children);
  return element;
}

let idCounter = 0;

/** An element id no other element of the page has: `prefix-1`, `prefix-2`, ... */
export const uniqueId = (prefix) => `${prefix}-${++idCounter}`;
