// The contour map of a 2-D function, from the grid the server sends once in `started`
// (`{x: [...], y: [...], z: [[...]]}` with z[j][i] = f(x[i], y[j])): a filled heat map with log-spaced levels and
// contour lines, drawn under the trajectories of a Chart.js scatter chart by the plugin below.

const LEVELS = 16;
const LOW = [176, 205, 232];
const MID = [226, 237, 226];
const HIGH = [253, 245, 224];

function finiteRange(z) {
  let min = Infinity;
  let max = -Infinity;
  for (const row of z) {
    for (const v of row) {
      if (v !== null && Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return [min, max];
}

/** Log-spaced levels above the grid's minimum: dense near the minimum, sparse on the walls. */
export function logLevels(min, max, count = LEVELS) {
  const span = max - min;
  if (!(span > 0)) return [];
  const low = span * 1e-3;
  const high = span * 0.9;
  const levels = [];
  for (let k = 0; k < count; k++) {
    levels.push(min + low * Math.pow(high / low, k / (count - 1)));
  }
  return levels;
}

function colourAt(t) {
  const [a, b, u] = t < 0.5 ? [LOW, MID, t * 2] : [MID, HIGH, (t - 0.5) * 2];
  return a.map((c, i) => Math.round(c + (b[i] - c) * u));
}

function heatMap(grid, min, max) {
  const nx = grid.x.length;
  const ny = grid.y.length;
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(nx, ny);
  const offset = Math.max((max - min) * 1e-4, Number.MIN_VALUE);
  const logLow = Math.log(offset);
  const logSpan = Math.log(max - min + offset) - logLow;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = grid.z[j][i];
      const t = v === null || !Number.isFinite(v) ? 1 : (Math.log(v - min + offset) - logLow) / logSpan;
      const [r, g, b] = colourAt(Math.min(1, Math.max(0, t)));
      const p = ((ny - 1 - j) * nx + i) * 4;                 // row 0 of the image is the top: the largest y
      image.data[p] = r;
      image.data[p + 1] = g;
      image.data[p + 2] = b;
      image.data[p + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas;
}

const cross = (level, x1, y1, v1, x2, y2, v2) => {
  const u = (level - v1) / (v2 - v1);
  return [x1 + u * (x2 - x1), y1 + u * (y2 - y1)];
};

/** Contour segments `[x1, y1, x2, y2]` (data coordinates) of one level, by marching squares. */
export function segmentsAt(grid, level) {
  const {x, y, z} = grid;
  const out = [];
  for (let j = 0; j + 1 < y.length; j++) {
    for (let i = 0; i + 1 < x.length; i++) {
      const corners = [
        [x[i], y[j], z[j][i]], [x[i + 1], y[j], z[j][i + 1]],
        [x[i + 1], y[j + 1], z[j + 1][i + 1]], [x[i], y[j + 1], z[j + 1][i]],
      ];
      if (corners.some((c) => c[2] === null || !Number.isFinite(c[2]))) continue;
      const points = [];
      for (let e = 0; e < 4; e++) {
        const a = corners[e];
        const b = corners[(e + 1) % 4];
        if ((a[2] < level) !== (b[2] < level)) points.push(cross(level, a[0], a[1], a[2], b[0], b[1], b[2]));
      }
      for (let p = 0; p + 1 < points.length; p += 2) {
        out.push([points[p][0], points[p][1], points[p + 1][0], points[p + 1][1]]);
      }
    }
  }
  return out;
}

/** Everything needed to draw the map of `grid`, computed once per experiment. */
export function contourLayer(grid) {
  const [min, max] = finiteRange(grid.z);
  const levels = Number.isFinite(min) ? logLevels(min, max) : [];
  return {
    grid,
    image: Number.isFinite(min) ? heatMap(grid, min, max) : null,
    lines: levels.map((level) => segmentsAt(grid, level)),
  };
}

function drawStar(ctx, px, py, r) {
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const radius = k % 2 === 0 ? r : r * 0.45;
    const angle = -Math.PI / 2 + (k * Math.PI) / 5;
    ctx.lineTo(px + radius * Math.cos(angle), py + radius * Math.sin(angle));
  }
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
}

/**
 * A Chart.js plugin drawing `get()` = `{layer, minima, start}` (any may be null): the map under the datasets,
 * the minima (stars) and the start point (a ring) over them.
 */
export function contourPlugin(get) {
  return {
    id: 'contourMap',
    map: get,             // what is drawn, for tests: `chart.config.plugins.find((p) => p.id === 'contourMap').map()`
    beforeDatasetsDraw(chart) {
      const {layer} = get();
      if (!layer || !layer.image) return;
      const {ctx, chartArea, scales} = chart;
      const {x, y} = layer.grid;
      const halfX = (x[1] - x[0]) / 2;
      const halfY = (y[1] - y[0]) / 2;
      const left = scales.x.getPixelForValue(x[0] - halfX);
      const right = scales.x.getPixelForValue(x[x.length - 1] + halfX);
      const top = scales.y.getPixelForValue(y[y.length - 1] + halfY);
      const bottom = scales.y.getPixelForValue(y[0] - halfY);
      ctx.save();
      ctx.beginPath();
      ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
      ctx.clip();
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(layer.image, left, top, right - left, bottom - top);
      ctx.strokeStyle = 'rgba(45, 62, 90, 0.32)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const segments of layer.lines) {
        for (const [x1, y1, x2, y2] of segments) {
          ctx.moveTo(scales.x.getPixelForValue(x1), scales.y.getPixelForValue(y1));
          ctx.lineTo(scales.x.getPixelForValue(x2), scales.y.getPixelForValue(y2));
        }
      }
      ctx.stroke();
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const {minima, start} = get();
      const {ctx, scales} = chart;
      ctx.save();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      ctx.fillStyle = '#1f2937';
      for (const [mx, my] of minima || []) {
        drawStar(ctx, scales.x.getPixelForValue(mx), scales.y.getPixelForValue(my), 8);
      }
      if (start && start.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        const px = scales.x.getPixelForValue(start[0]);
        const py = scales.y.getPixelForValue(start[1]);
        ctx.beginPath();
        ctx.arc(px, py, 7, 0, 2 * Math.PI);
        ctx.lineWidth = 4;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
        ctx.lineWidth = 2;
        ctx.strokeStyle = '#1f2937';
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}
