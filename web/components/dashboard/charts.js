// The dashboard's charts, drawn by uPlot (canvas): line and bar charts that follow their box's width.
import uPlot from 'uplot';
import { themeColor } from './dom.js';

const HEIGHT = 220;
const charts = new WeakMap(); // container -> {plot, observer}

function axisStyle(host) {
  const text = themeColor(host, '--rk-muted', '#4f5868');
  const grid = themeColor(host, '--rk-grid', '#e3e6eb');
  return { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '12px system-ui, sans-serif' };
}

export function destroyChart(container) {
  const chart = charts.get(container);
  if (!chart) return;
  chart.observer.disconnect();
  chart.plot.destroy();
  charts.delete(container);
}

// Hover and keyboard tooltips: `describe(i)` says point i in words; the text goes to the panel's
// tip line (aria-live), so a mouse, the arrow keys and a screen reader all get the same value.
function tooltips(container, describe, count) {
  if (!describe) return { cursor: { show: false }, hooks: {} };
  const tip = container.parentElement?.querySelector('[data-tip]');
  const say = (i) => tip && i !== null && i !== undefined && i >= 0 && i < count && (tip.textContent = describe(i));
  container.onkeydown = (event) => {
    const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
    if (step === undefined && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const now = Number(container.dataset.point ?? -1);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? count - 1 : Math.max(0, Math.min(count - 1, now < 0 ? 0 : now + step));
    container.dataset.point = String(next);
    say(next);
  };
  delete container.dataset.point;
  return {
    cursor: { show: true, y: false, points: { show: false }, drag: { x: false, y: false } },
    hooks: { setCursor: [(u) => say(u.cursor.idx)] },
  };
}

// Draws `options` (uPlot options without width/height) into the container, replacing its chart.
function draw(container, options, data, describe) {
  // Measured before the old chart goes: the layout is read while it is still up to date.
  const width = Math.max(200, container.clientWidth || 300);
  destroyChart(container);
  const tips = tooltips(container, describe, data[0].length);
  const hooks = { ...(options.hooks ?? {}), ...tips.hooks };
  const plot = new uPlot({ ...options, cursor: tips.cursor, hooks, width, height: HEIGHT, legend: { show: false } }, data, container);
  const observer = new ResizeObserver(() => {
    const next = Math.max(200, container.clientWidth);
    if (next !== plot.width) plot.setSize({ width: next, height: HEIGHT });
  });
  observer.observe(container);
  charts.set(container, { plot, observer });
  return plot;
}

const percentTicks = (u, splits) => splits.map((v) => `${Math.round(v)}%`);

// Vertical marker lines (e.g. the dormancy threshold), drawn after the series.
function markers(host, lines) {
  return (u) => {
    const { ctx } = u;
    ctx.save();
    ctx.font = `${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
    for (const { x, label, color } of lines) {
      if (x === null || x === undefined) continue;
      const px = u.valToPos(x, 'x', true);
      ctx.strokeStyle = ctx.fillStyle = themeColor(host, color, '#b00020');
      ctx.lineWidth = 2 * devicePixelRatio;
      ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(px, u.bbox.top);
      ctx.lineTo(px, u.bbox.top + u.bbox.height);
      ctx.stroke();
      const width = ctx.measureText(label).width;
      const right = px + width + 8 * devicePixelRatio < u.bbox.left + u.bbox.width;
      ctx.fillText(label, right ? px + 4 * devicePixelRatio : px - width - 4 * devicePixelRatio, u.bbox.top + 14 * devicePixelRatio);
    }
    ctx.restore();
  };
}

// Bars over categories: labels[i] under bar i; values may hold null.
// `weak[i]` true: bar i rests on few customers and is drawn faded (Tufte / FT: fade what rests on a handful).
export function barChart(container, host, { labels, values, yLabel, percentAxis = false, xLabel, weak = [], describe }) {
  const x = labels.map((_, i) => i + 1);
  const accent = themeColor(host, '--rk-accent', '#1f5fbf');
  const faded = themeColor(host, '--rk-faded', '#a9bfe0');
  const strong = values.map((v, i) => (weak[i] ? null : v));
  const light = values.map((v, i) => (weak[i] ? v : null));
  return draw(
    container,
    {
      scales: { x: { time: false, range: [0.5, labels.length + 0.5] }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : percentAxis ? 100 : 1] } },
      axes: [
        { ...axisStyle(host), label: xLabel, splits: () => x, values: (u, splits) => splits.map((v) => labels[v - 1] ?? ''), gap: 4 },
        { ...axisStyle(host), label: yLabel, values: percentAxis ? percentTicks : undefined, size: 56 },
      ],
      series: [{},
        { label: yLabel, fill: accent, stroke: accent, paths: uPlot.paths.bars({ size: [0.7, 80], gap: 2 }), points: { show: false } },
        { label: `${yLabel} (few customers)`, fill: faded, stroke: faded, paths: uPlot.paths.bars({ size: [0.7, 80], gap: 2 }), points: { show: false } }],
    },
    [x, strong, light],
    describe,
  );
}

// A histogram over numeric bins: starts[i] .. starts[i] + binWidth; marker lines at given x values.
export function histogram(container, host, { starts, binWidth, counts, xLabel, yLabel, lines = [], describe }) {
  const max = starts.length ? starts[starts.length - 1] + binWidth : 1;
  return draw(
    container,
    {
      scales: { x: { time: false, range: [0, max] }, y: { range: (u, min, top) => [0, top > 0 ? top * 1.1 : 1] } },
      axes: [{ ...axisStyle(host), label: xLabel }, { ...axisStyle(host), label: yLabel, size: 56 }],
      series: [{}, { label: yLabel, fill: themeColor(host, '--rk-accent', '#1f5fbf'), paths: uPlot.paths.bars({ align: 1, size: [1, Infinity], gap: 1 }), points: { show: false } }],
      hooks: { draw: [markers(host, lines)] },
    },
    [starts, counts],
    describe,
  );
}

// Lines over x values (numbers, or seconds since 1970 when `time`); series values may hold null.
// A series with `partial: true` is drawn as lone points (a period still running is marked, not a drop).
export function lineChart(container, host, { x, series, time = false, xLabel, yLabel, percentAxis = false, yRange, describe }) {
  const colors = [themeColor(host, '--rk-accent', '#1f5fbf'), themeColor(host, '--rk-muted', '#4f5868'), themeColor(host, '--rk-warn', '#a85c00')];
  return draw(
    container,
    {
      scales: { x: { time }, y: { range: yRange ?? ((u, min, max) => [0, max > 0 ? max * 1.1 : percentAxis ? 100 : 1]) } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
      axes: [{ ...axisStyle(host), label: xLabel }, { ...axisStyle(host), label: yLabel, values: percentAxis ? percentTicks : undefined, size: 56 }],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: colors[i % 3],
          width: s.partial ? 0 : 2,
          dash: s.dashed ? [6, 4] : undefined,
          spanGaps: false,
          points: { show: s.partial || x.length < 40, size: s.partial ? 9 : 5, fill: s.partial ? themeColor(host, '--rk-surface', '#fff') : colors[i % 3], stroke: colors[i % 3], width: 2 },
        })),
      ],
    },
    [x, ...series.map((s) => s.values)],
    describe,
  );
}
