// ConvLab live chart: the fast lane. While training runs, only the live traces are redrawn, on a canvas over the
// plot: a re-implementation of Plotly's drawing of scatter lines and markers (line, dash, star), 1 to 3 ms a frame.

const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {numbers} = await sibling("arrays.js");
const {isLive} = await sibling("live.js");
const {count} = await sibling("stats.js");

// The server marks the traces that move from frame to frame (data.live, see live.js) and pins the axes until the
// data leaves them (convcore.plots.train_charts). A frame whose everything else is what Plotly last drew needs no
// Plotly redraw (60 to 90 ms for the Train page's three panels): its live traces are drawn on a canvas over Plotly's,
// which are hidden meanwhile. Any other frame (new axes, a new landscape, paused or done: no live traces) is a Plotly
// redraw.

// What must be as Plotly drew it for the fast lane: the figure without the live traces' points; null without any.
export function liveFrame(fig, config, live) {
  if (!fig.data.some((trace) => isLive(live, trace))) return null;
  const data = fig.data.map((trace) => (isLive(live, trace) ? {...trace, x: null, y: null} : trace));
  return JSON.stringify([data, fig.layout, config]);
}

function canvasOf(state) {
  if (!state.canvas) {
    const canvas = document.createElement("canvas");
    canvas.className = "convlab-live-lines";
    canvas.style.cssText = "position: absolute; left: 0; top: 0; pointer-events: none;";
    state.div.style.position = "relative";
    state.div.appendChild(canvas);
    state.canvas = canvas;
  }
  return state.canvas;
}

// Plotly's own drawing of the live traces: hidden while the canvas shows newer points, shown after a redraw.
// (Plotly.js puts each trace's uid into its group's class; state.livePrefix: the prefix of the last live figure.)
function showPlotlyLines(state, visible) {
  if (!state.livePrefix) return;
  for (const group of state.div.querySelectorAll(`g.trace[class*="trace${state.livePrefix}"]`))
    group.style.visibility = visible ? "" : "hidden";
}

export function clearLines(state) {
  if (state.canvas) state.canvas.getContext("2d").clearRect(0, 0, state.canvas.width, state.canvas.height);
  showPlotlyLines(state, true);
}

export function drawLines(state, fig, live) {
  const started = performance.now();
  const full = state.div._fullLayout;
  const canvas = canvasOf(state);
  const ratio = window.devicePixelRatio || 1;
  const [width, height] = [full.width, full.height];
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  for (const trace of fig.data) if (isLive(live, trace)) drawTrace(ctx, trace, full);
  showPlotlyLines(state, false);
  count("lines");
  count("linesMs", performance.now() - started);
}

// One scatter trace as Plotly draws it: its line (gaps at non-finite points) and its markers, clipped to its plot.
function drawTrace(ctx, trace, full) {
  const xa = full[`xaxis${(trace.xaxis || "x").slice(1)}`], ya = full[`yaxis${(trace.yaxis || "y").slice(1)}`];
  if (!xa || !ya || typeof xa.c2p !== "function" || typeof ya.c2p !== "function") return;
  const xs = numbers(trace.x), ys = numbers(trace.y);
  const n = Math.min(xs.length, ys.length);
  const mode = trace.mode || "lines";
  const line = trace.line || {}, marker = trace.marker || {};
  const px = new Float64Array(n), py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = xa._offset + xa.c2p(xs[i]);
    py[i] = ya._offset + ya.c2p(ys[i]);
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(xa._offset, ya._offset, xa._length, ya._length);
  ctx.clip();
  ctx.globalAlpha = trace.opacity ?? 1;
  if (mode.includes("lines")) {
    ctx.strokeStyle = line.color || "#1f77b4";
    ctx.lineWidth = line.width ?? 2;
    ctx.lineJoin = "round";
    ctx.setLineDash(dashes(line.dash, ctx.lineWidth));
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(px[i]) || !Number.isFinite(py[i])) { pen = false; continue; }
      if (pen) ctx.lineTo(px[i], py[i]); else ctx.moveTo(px[i], py[i]);
      pen = true;
    }
    ctx.stroke();
  }
  if (mode.includes("markers")) {
    const edge = marker.line || {};
    ctx.fillStyle = marker.color || line.color || "#1f77b4";
    ctx.strokeStyle = edge.color || "transparent";
    ctx.lineWidth = edge.width || 0;
    ctx.setLineDash([]);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(px[i]) || !Number.isFinite(py[i])) continue;
      ctx.beginPath();
      if (marker.symbol === "star") star(ctx, px[i], py[i], (marker.size ?? 6) / 2);
      else ctx.arc(px[i], py[i], (marker.size ?? 6) / 2, 0, 2 * Math.PI);
      ctx.fill();
      if (edge.width) ctx.stroke();
    }
  }
  ctx.restore();
}

// Plotly's dash patterns ("dash": 3 line widths on, 3 off, at least 3 px wide), as a canvas line dash.
function dashes(dash, width) {
  const w = Math.max(width, 3);
  if (dash === "dash") return [3 * w, 3 * w];
  if (dash === "dot") return [w, w];
  if (dash === "dashdot") return [3 * w, w, w, w];
  return [];
}

// Plotly's five-pointed star marker, of radius r (half the marker size).
function star(ctx, x, y, r) {
  for (let k = 0; k < 10; k++) {
    const angle = -Math.PI / 2 + (k * Math.PI) / 5, radius = k % 2 ? r * 0.45 : r * 1.1;
    const [sx, sy] = [x + radius * Math.cos(angle), y + radius * Math.sin(angle)];
    if (k) ctx.lineTo(sx, sy); else ctx.moveTo(sx, sy);
  }
  ctx.closePath();
}
