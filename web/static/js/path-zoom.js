// "Zoom to the minimum" on the path chart: a checkbox that narrows the map to the window around the minimum the
// server sends in `started` (`contour.zoom`: `{window, x, y, z}`, docs/protocol.md) and draws that window's own
// contour grid, so hops of 0.05 (4 px on a ±3 map) span ~50 px. The paths are the same datasets; only the axes and
// the map under them change. Keyboard: the checkbox is an ordinary focusable control with a label.

import {el} from './dom.js';
import {contourLayer} from './contour.js';

/** The checkbox, its label and the note saying which window is shown; `parts.label` goes into the figcaption. */
export function zoomParts(t) {
  const toggle = el('input', {type: 'checkbox', id: 'path-zoom'});
  const label = el('label', {class: 'toggle', for: 'path-zoom', hidden: ''}, toggle, el('span', {text: t('pathZoom')}));
  const note = el('p', {id: 'path-zoom-note', class: 'note chart-note', hidden: ''});
  return {toggle, label, note};
}

/** Switches a path chart between the problem's map and the zoomed window around its minimum. */
export class PathZoom {
  constructor(parts, t, format) {
    this.parts = parts;
    this.t = t;
    this.format = format;
    this.view = null;   // {chart, map, full: {layer, bounds}, zoom: {layer, window}}
    parts.toggle.addEventListener('change', () => this.apply());
  }

  /** After `started`: `map` is the object the chart's contour plugin draws; `contour` the message's grid. */
  setUp(chart, map, contour, bounds) {
    const zoom = contour && contour.zoom;
    const zoomWindow = zoom && Array.isArray(zoom.window) && bounds ? zoom.window : null;
    this.view = zoomWindow
      ? {chart, map, full: {layer: map.layer, bounds}, zoom: {layer: contourLayer(zoom), window: zoomWindow}}
      : null;
    this.parts.label.hidden = !zoomWindow;
    this.apply();
  }

  /** Forgets the chart (no 2-D problem shown). */
  clear() {
    this.view = null;
    this.parts.label.hidden = true;
    this.parts.note.hidden = true;
  }

  get zoomed() {
    return Boolean(this.view && this.parts.toggle.checked);
  }

  apply() {
    const {view, parts, t, format} = this;
    if (!view) {
      parts.note.hidden = true;
      return;
    }
    const zoomed = this.zoomed;
    const [[xlo, xhi], [ylo, yhi]] = zoomed ? view.zoom.window : view.full.bounds;
    const {x, y} = view.chart.options.scales;
    x.min = xlo;
    x.max = xhi;
    y.min = ylo;
    y.max = yhi;
    view.map.layer = zoomed ? view.zoom.layer : view.full.layer;
    parts.note.hidden = !zoomed;
    parts.note.textContent = zoomed
      ? t('pathZoomNote', {x: `[${format(xlo)}, ${format(xhi)}]`, y: `[${format(ylo)}, ${format(yhi)}]`})
      : '';
    view.chart.update('none');
  }
}
