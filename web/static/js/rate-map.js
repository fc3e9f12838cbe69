// The convergence-rate map of the momentum lessons (controls.rateMap): a heat map of the exact rate of momentum or
// Nesterov on the quadratic over the window of the lr and mu sliders, computed by the server (GET rateMapPath,
// docs/protocol.md) and only drawn here. Hue is the region (blue: too slow, orange: oscillating, grey: diverging),
// darkness the speed; the chosen run's (lr, mu) is a dot in its colour, the best pair a star. A click sets the run's
// lr and mu.

import {el} from './dom.js';
import {RUN_COLOURS} from './charts.js';

const MAPPED = new Set(['momentum', 'nesterov']);
const MARGIN = {left: 46, right: 10, top: 8, bottom: 38};
/** Light and dark end of each region's colours, by the server's region order. */
const SHADES = {
  'too-slow': [[232, 241, 250], [8, 69, 148]],
  oscillating: [[254, 237, 222], [166, 54, 3]],
  diverging: [[222, 222, 222], [222, 222, 222]],
};

const mix = (a, b, u) => a.map((c, i) => Math.round(c + (b[i] - c) * u));
const sig = (v, digits = 3) => Number(v.toPrecision(digits));

/** The map's view: build it into the race view with `parts()`, then `show()` on every change of the settings. */
export class RateMapView {
  constructor(figure, t, format, path) {
    this.t = t;
    this.format = format;
    this.path = path;
    this.figure = figure;
    this.map = null;
    this.url = '';
    this.sequence = 0;
    this.runIndex = 0;
    this.onPick = () => {};
    this.canvas = figure.querySelector('canvas');
    this.select = figure.querySelector('select');
    this.readout = figure.querySelector('.rate-readout');
    this.note = figure.querySelector('.rate-note');
    this.best = figure.querySelector('.rate-best');
    this.legend = figure.querySelector('.rate-legend');
    this.select.addEventListener('change', () => {
      this.runIndex = Number(this.select.value);
      this.show(this.preset, this.state);
    });
    this.canvas.addEventListener('click', (event) => this.click(event));
    new ResizeObserver(() => this.draw()).observe(this.canvas.parentElement);
  }

  /** The figure of the map, hidden until a preset asks for it. */
  static parts(t) {
    const id = 'rate-map-run';
    const canvas = el('canvas', {id: 'chart-rate-map', class: 'clickable', role: 'img', 'aria-label': t('rateMapTitle')});
    const legend = el('p', {class: 'rate-legend note'});
    for (const region of Object.keys(SHADES)) {
      const [light, dark] = SHADES[region];
      const swatch = el('span', {class: 'rate-swatch', 'aria-hidden': 'true'});
      swatch.style.background = `linear-gradient(90deg, rgb(${light}), rgb(${dark}))`;
      legend.append(el('span', {class: 'rate-key'}, swatch, el('span', {text: t(`region.${region}`)})));
    }
    return el('figure', {class: 'chart-figure chart-rate-map-figure', hidden: '', 'data-state': 'idle'},
      el('figcaption', {}, el('span', {class: 'chart-title', text: t('rateMapTitle')}),
        el('label', {class: 'rate-run', for: id}, el('span', {text: t('rateMapRun')}), el('select', {id}))),
      el('div', {class: 'canvas-box rate-box'}, canvas), legend,
      el('p', {class: 'rate-readout', 'aria-live': 'polite'}), el('p', {class: 'rate-best note'}),
      el('p', {class: 'rate-note note chart-note'}));
  }

  /** Shows the map for `preset` and `state` (or hides it), fetching it again when its inputs changed. */
  show(preset, state) {
    this.preset = preset;
    this.state = state;
    const wanted = Boolean(preset.controls && preset.controls.rateMap);
    this.figure.hidden = !wanted;
    if (!wanted) return;
    const eligible = state.runs.map((run, index) => ({run, index})).filter(({run}) => MAPPED.has(run.optimizer.type));
    this.select.replaceChildren(...eligible.map(({run, index}) => el('option', {value: String(index), text: run.id})));
    if (!eligible.some(({index}) => index === this.runIndex)) this.runIndex = eligible.length ? eligible[0].index : -1;
    this.select.value = String(this.runIndex);
    this.select.closest('label').hidden = eligible.length < 2;
    if (this.runIndex < 0) {
      this.map = null;
      this.url = '';
      this.setState('none');
      this.readout.textContent = this.t('rateMapNoRun');
      this.note.textContent = '';
      this.best.textContent = '';
      this.draw();
      return;
    }
    const run = state.runs[this.runIndex];
    this.note.textContent = this.t('rateMapNote', {run: run.id});
    const url = this.urlFor(preset, state, run);
    if (url === this.url) {
      this.describe();
      return;
    }
    this.url = url;
    this.fetchMap(url);
  }

  urlFor(preset, state, run) {
    const fields = preset.controls.fields;
    const values = {...(preset.problemValues || {}), ...(state.problem || {})};
    const params = new URLSearchParams({optimizer: run.optimizer.type, a: String(values.a), b: String(values.b),
      lr_min: String(fields.lr.min), lr_max: String(fields.lr.max), mu_min: String(fields.mu.min),
      mu_max: String(fields.mu.max)});
    const mu = run.optimizer.mu ?? 0.9;
    if (typeof run.optimizer.lr === 'number' && typeof mu === 'number') {
      params.set('lr', String(run.optimizer.lr));
      params.set('mu', String(mu));
    }
    return `${this.path}?${params}`;
  }

  async fetchMap(url) {
    const sequence = ++this.sequence;
    this.setState('loading');
    this.readout.textContent = this.t('rateMapLoading');
    let answer;
    let ok = false;
    try {
      const response = await fetch(url, {headers: {Accept: 'application/json'}});
      answer = await response.json();
      ok = response.ok;
    } catch (e) {
      answer = {error: String(e.message || e)};
    }
    if (sequence !== this.sequence) return;                // a newer request is on its way
    if (!ok) {
      this.map = null;
      this.setState('error');
      this.readout.textContent = this.t('rateMapError', {message: answer.error || ''});
      this.best.textContent = '';
      this.draw();
      return;
    }
    this.map = answer;
    this.setState('ready');
    this.describe();
    this.draw();
  }

  setState(name) {
    this.figure.dataset.state = name;
  }

  /** The sentences under the map: the run's rate and region, critical damping, the best pair. */
  describe() {
    const map = this.map;
    if (!map) return;
    const t = this.t;
    const f = this.format;
    const run = this.state.runs[this.runIndex];
    const point = map.point;
    const data = this.canvas.dataset;
    if (point) {
      data.run = run.id;
      data.lr = String(point.lr);
      data.mu = String(point.mu);
      data.rate = String(point.rate);
      data.region = point.region;
      let text = t('rateMapPoint', {run: run.id, lr: f(point.lr), mu: f(point.mu), rate: f(point.rate),
        region: t(`region.${point.region}`)});
      if (point.rate < 1 && point.rate > 0) {
        text += ` ${t('rateMapHalving', {steps: f(Math.log(0.5) / Math.log(point.rate))})}`;
      }
      if (point.critical_mu !== null && point.critical_mu !== undefined) {
        text += ` ${t('rateMapCritical', {lambda: f(Math.min(map.a, map.b)), mu: f(point.critical_mu),
          rate: f(Math.sqrt(point.critical_mu))})}`;
      }
      this.readout.textContent = text;
    } else {
      for (const key of ['run', 'lr', 'mu', 'rate', 'region']) delete data[key];
      this.readout.textContent = '';
    }
    const best = map.optimum || map.best;
    this.best.textContent = t(map.optimum ? 'rateMapOptimum' : 'rateMapBest', {kappa: f(map.condition),
      lr: f(best.lr), mu: f(best.mu), rate: f(best.rate)});
    this.canvas.setAttribute('aria-label', `${t('rateMapTitle')}. ${this.readout.textContent} ${this.best.textContent}`);
  }

  /** The plot area in CSS pixels and the pixel of an (lr, mu). */
  frame() {
    const box = this.canvas.parentElement;
    const width = box.clientWidth;
    const height = box.clientHeight;
    const area = {left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom};
    const map = this.map;
    const [lr0, lr1] = [map.lr[0], map.lr[map.lr.length - 1]];
    const [mu0, mu1] = [map.mu[0], map.mu[map.mu.length - 1]];
    const x = (lr) => area.left + (Math.log(lr / lr0) / Math.log(lr1 / lr0)) * (area.right - area.left);
    const y = (mu) => area.bottom - ((mu - mu0) / (mu1 - mu0)) * (area.bottom - area.top);
    const lrAt = (px) => lr0 * Math.pow(lr1 / lr0, (px - area.left) / (area.right - area.left));
    const muAt = (py) => mu0 + ((area.bottom - py) / (area.bottom - area.top)) * (mu1 - mu0);
    return {width, height, area, x, y, lrAt, muAt};
  }

  draw() {
    const canvas = this.canvas;
    const box = canvas.parentElement;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(box.clientWidth * ratio));
    canvas.height = Math.max(1, Math.round(box.clientHeight * ratio));
    canvas.style.width = `${box.clientWidth}px`;
    canvas.style.height = `${box.clientHeight}px`;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, box.clientWidth, box.clientHeight);
    if (!this.map || this.figure.hidden) return;
    const frame = this.frame();
    this.drawCells(ctx, frame);
    this.drawAxes(ctx, frame);
    this.drawLabels(ctx, frame);
    this.drawMarkers(ctx, frame);
  }

  drawCells(ctx, {area}) {
    const map = this.map;
    const nx = map.lr.length;
    const ny = map.mu.length;
    const image = document.createElement('canvas');
    image.width = nx;
    image.height = ny;
    const pixels = image.getContext('2d').createImageData(nx, ny);
    const fastest = Math.max(1e-12, 1 - (map.optimum || map.best).rate);
    const slowest = 1e-4;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const rate = map.rate[j][i];
        const [light, dark] = SHADES[map.regions[map.region[j][i]]];
        const gap = rate === null ? 0 : Math.max(slowest, 1 - rate);
        const u = rate === null || rate >= 1 ? 0 : Math.min(1, Math.log(gap / slowest) / Math.log(fastest / slowest));
        const [r, g, b] = mix(light, dark, Math.max(0, u));
        const p = ((ny - 1 - j) * nx + i) * 4;
        pixels.data.set([r, g, b, 255], p);
      }
    }
    image.getContext('2d').putImageData(pixels, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(image, area.left, area.top, area.right - area.left, area.bottom - area.top);
  }

  drawAxes(ctx, {area, x, y, height}) {
    const map = this.map;
    ctx.strokeStyle = '#6b7280';
    ctx.fillStyle = '#374151';
    ctx.lineWidth = 1;
    ctx.strokeRect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const [lr0, lr1] = [map.lr[0], map.lr[map.lr.length - 1]];
    for (let e = Math.ceil(Math.log10(lr0) - 1e-9); e <= Math.floor(Math.log10(lr1) + 1e-9); e++) {
      const px = x(10 ** e);
      ctx.beginPath();
      ctx.moveTo(px, area.bottom);
      ctx.lineTo(px, area.bottom + 4);
      ctx.stroke();
      ctx.fillText(this.format(10 ** e), px, area.bottom + 6);
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const [mu0, mu1] = [map.mu[0], map.mu[map.mu.length - 1]];
    for (let k = Math.ceil(mu0 * 5 - 1e-9); k <= Math.floor(mu1 * 5 + 1e-9); k++) {
      const py = y(k / 5);
      ctx.beginPath();
      ctx.moveTo(area.left - 4, py);
      ctx.lineTo(area.left, py);
      ctx.stroke();
      ctx.fillText(this.format(k / 5), area.left - 6, py);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(this.t('rateMapAxisLr'), (area.left + area.right) / 2, height - 2);
    ctx.save();
    ctx.translate(12, (area.top + area.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(this.t('rateMapAxisMu'), 0, 0);
    ctx.restore();
  }

  /** Each region's name at the middle of its cells (when it covers enough of the map to hold it). */
  drawLabels(ctx, {area}) {
    const map = this.map;
    const nx = map.lr.length;
    const ny = map.mu.length;
    const sums = map.regions.map(() => ({i: 0, j: 0, n: 0}));
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const s = sums[map.region[j][i]];
        s.i += i;
        s.j += j;
        s.n += 1;
      }
    }
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.fillStyle = '#111827';
    map.regions.forEach((region, k) => {
      const s = sums[k];
      if (s.n < nx * ny * 0.04) return;
      const px = area.left + ((s.i / s.n + 0.5) / nx) * (area.right - area.left);
      const py = area.bottom - ((s.j / s.n + 0.5) / ny) * (area.bottom - area.top);
      const text = this.t(`region.${region}`);
      ctx.strokeText(text, px, py);
      ctx.fillText(text, px, py);
    });
  }

  drawMarkers(ctx, {area, x, y}) {
    const map = this.map;
    const inside = (px, py) => px >= area.left - 1 && px <= area.right + 1 && py >= area.top - 1 && py <= area.bottom + 1;
    const best = map.optimum || map.best;
    const bx = x(best.lr);
    const by = y(best.mu);
    if (inside(bx, by)) star(ctx, bx, by);
    if (map.point) {
      const px = x(map.point.lr);
      const py = y(map.point.mu);
      if (inside(px, py)) {
        ctx.beginPath();
        ctx.arc(px, py, 6, 0, 2 * Math.PI);
        ctx.fillStyle = RUN_COLOURS[this.runIndex % RUN_COLOURS.length];
        ctx.fill();
        ctx.lineWidth = 3;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(px, py, 8, 0, 2 * Math.PI);
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = '#111827';
        ctx.stroke();
      }
    }
  }

  /** A click on the plot sets the chosen run's lr and mu (rounded as its sliders would, kept in their window). */
  click(event) {
    if (!this.map || this.runIndex < 0) return;
    const rect = this.canvas.getBoundingClientRect();
    const frame = this.frame();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const {area} = frame;
    if (px < area.left || px > area.right || py < area.top || py > area.bottom) return;
    const fields = this.preset.controls.fields;
    const lr = Math.min(fields.lr.max, Math.max(fields.lr.min, sig(frame.lrAt(px))));
    const mu = Math.min(fields.mu.max, Math.max(fields.mu.min, Math.round(frame.muAt(py) * 100) / 100));
    this.onPick(this.runIndex, lr, mu);
  }
}

function star(ctx, cx, cy) {
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? 9 : 4;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    ctx.lineTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
  ctx.closePath();
  ctx.fillStyle = '#facc15';
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#111827';
  ctx.stroke();
}
