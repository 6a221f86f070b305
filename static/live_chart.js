// ConvLab live chart: a Plotly chart that a Streamlit rerun updates in place (Plotly.react), never remounts.
//
// Streamlit (components v2) calls this function again each time the element's data changes, with the same
// parentElement, and does NOT run the previous call's cleanup in between: the cleanup returned last runs once,
// when the element is unmounted (or right away for a call whose data was already superseded). So the plot div and
// its state live on parentElement, each call only hands over the newest figure, and the cleanup purges the plot
// only once the element has really left the page.
//
// data: {figure: the Plotly figure as a JSON string (plotly.io.to_json), config: the Plotly config,
//        height: px (the figure's layout height, or 450, as st.plotly_chart), theme: "streamlit" or "",
//        src: the URL of plotly.min.js, relative to the page}

// Counters for tests and benchmarks: calls of this function, cleanups, first plots, draws, purges, ms in Plotly.
// lines: redraws of only the live traces (the fast lane below), linesMs: ms in them.
// previews: kernel previews drawn (below). split: frames drawn in subframes; dropped: subframes a newer frame
// replaced before they were shown.
const STATS = (window.__convlabLiveChart =
  window.__convlabLiveChart || {calls: 0, cleanups: 0, plots: 0, draws: 0, purges: 0, drawMs: 0, lines: 0, linesMs: 0,
                                previews: 0, split: 0, dropped: 0});

// Plotly.js, loaded once per browser page and shared by every instance (and by any later copy of this module).
function loadPlotly(src) {
  if (!window.__convlabPlotly) {
    window.__convlabPlotly = new Promise((resolve, reject) => {
      const previous = window.Plotly;  // Streamlit's own chart chunk may have set one: leave it as it was
      const hadModuleName = "moduleName" in window;  // the UMD wrapper also writes window.moduleName
      const script = document.createElement("script");
      script.src = new URL(src, document.baseURI).href;
      script.async = true;
      script.onload = () => {
        const plotly = window.Plotly;
        if (previous !== undefined) window.Plotly = previous;
        if (!hadModuleName) delete window.moduleName;
        plotly ? resolve(plotly) : reject(new Error(`${src} did not define Plotly`));
      };
      script.onerror = () => {
        window.__convlabPlotly = null;  // a later frame may try again
        reject(new Error(`could not load ${src}`));
      };
      document.head.appendChild(script);
    });
  }
  return window.__convlabPlotly;
}

// ---- Streamlit's Plotly theme, as its frontend applies it to st.plotly_chart (PlotlyChart, Streamlit 1.67) ----

const PALETTE = {gray10: "#fafafa", gray30: "#e6eaf1", gray70: "#808495", gray85: "#31333F", gray90: "#262730",
                 blue40: "#83c9ff", blue80: "#0068c9", red40: "#ffabab", red80: "#ff2b2b", green40: "#7defa1",
                 blueGreen80: "#29b09d"};
const DEFAULT_CATEGORICAL = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700", "#ffd16a",
                             "#6d3fc0", "#d5dae5"];
const DEFAULT_SEQUENTIAL = ["#e4f5ff", "#c7ebff", "#a6dcff", "#83c9ff", "#60b4ff", "#3d9df3", "#1c83e1", "#0068c9",
                            "#0054a3", "#004280"];
const DEFAULT_DIVERGING = ["#7d353b", "#bd4043", "#ff4b4b", "#ff8c8c", "#ffc7c7", "#a6dcff", "#60b4ff", "#1c83e1",
                           "#0054a3", "#004280"];
// theme=None: Plotly's own colours for Streamlit's placeholders
const PLAIN = {"#000001": "#636efa", "#000002": "#EF553B", "#000003": "#00cc96", "#000004": "#ab63fa",
               "#000005": "#FFA15A", "#000006": "#19d3f3", "#000007": "#FF6692", "#000008": "#B6E880",
               "#000009": "#FF97FF", "#000010": "#FECB52", "#000011": "#0d0887", "#000012": "#46039f",
               "#000013": "#7201a8", "#000014": "#9c179e", "#000015": "#bd3786", "#000016": "#d8576b",
               "#000017": "#ed7953", "#000018": "#fb9f3a", "#000019": "#fdca26", "#000020": "#f0f921",
               "#000021": "#8e0152", "#000022": "#c51b7d", "#000023": "#de77ae", "#000024": "#f1b6da",
               "#000025": "#fde0ef", "#000026": "#e6f5d0", "#000027": "#b8e186", "#000028": "#7fbc41",
               "#000029": "#4d9221", "#000030": "#276419", "#000032": "#3D9970", "#000033": "#FF4136",
               "#000034": "#4499FF", "#000035": "#B2B5BE", "#000036": "#2a3f5f", "#000037": "#2a3f5f",
               "#000038": "#EBF0F8", "#000039": "white", "#000040": "#C8D4E3"};

function rgb(colour) {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (c) => c + c) : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  const m = /rgba?\(([^)]*)\)/.exec(colour);
  return m ? m[1].split(",").slice(0, 3).map((v) => parseFloat(v)) : [255, 255, 255];
}

function luminance(colour) {
  const [r, g, b] = rgb(colour).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const family = (css) => css.replace(/\s*,\s*/g, ", ");  // as Streamlit writes it ('"Source Sans", sans-serif')

// The app's theme, from the --st-* custom properties Streamlit sets around every component.
function readTheme(host) {
  const css = getComputedStyle(host);
  const v = (name, fallback) => css.getPropertyValue(`--st-${name}`).trim() || fallback;
  const list = (name, fallback) => {
    const parts = v(name, "").split(",").map((s) => s.trim()).filter(Boolean);
    return parts.length >= 10 ? parts : fallback;
  };
  const bg = v("background-color", "#ffffff");
  const text = v("text-color", "#31333F");
  const secondaryBg = v("secondary-background-color", "#f0f2f6");
  const light = luminance(bg) > 0.5;
  const basePx = parseFloat(v("base-font-size", "16px")) || 16;  // the theme's rem (presenter mode's larger root font
                                                                  // does not reach Streamlit's chart theme either)
  const [tr, tg, tb] = rgb(text);
  const [br, bgg, bb] = rgb(bg);
  const [sr, sg, sb] = rgb(secondaryBg);
  return {
    bg, text, light, rem: (x) => x * basePx,
    heading: v("heading-color", text), border: v("border-color", `rgba(${tr}, ${tg}, ${tb}, 0.2)`),
    font: family(v("font", "sans-serif")), headingFont: family(v("heading-font", v("font", "sans-serif"))),
    weight: parseInt(v("base-font-weight", "400"), 10) || 400,
    muted: light ? PALETTE.gray70 : PALETTE.gray30,      // axis text (Streamlit's gray70 / gray30)
    grid: light ? PALETTE.gray30 : PALETTE.gray85,       // grid and tick lines
    strong: light ? PALETTE.gray90 : PALETTE.gray10,     // legend text
    categorical: list("chart-categorical-colors", DEFAULT_CATEGORICAL),
    sequential: list("chart-sequential-colors", DEFAULT_SEQUENTIAL),
    diverging: list("chart-diverging-colors", DEFAULT_DIVERGING),
    increasing: light ? PALETTE.blueGreen80 : PALETTE.green40,
    decreasing: light ? PALETTE.red80 : PALETTE.red40,
    total: light ? PALETTE.blue80 : PALETTE.blue40,
    faded05: `rgba(${tr}, ${tg}, ${tb}, 0.1)`,
    bgMix: `rgb(${Math.round((br + sr) / 2)}, ${Math.round((bgg + sg) / 2)}, ${Math.round((bb + sb) / 2)})`,
  };
}

// Streamlit's Python template carries placeholder colours (#000001...) that its frontend swaps for the theme's.
function placeholderMap(t) {
  const map = {};
  const put = (first, colours) => colours.slice(0, 10).forEach((c, i) => {
    map[`#0000${String(first + i).padStart(2, "0")}`] = c;
  });
  put(1, t.categorical);
  put(11, t.sequential);
  put(21, t.diverging);
  Object.assign(map, {"#000032": t.increasing, "#000033": t.decreasing, "#000034": t.total, "#000035": t.grid,
                      "#000036": t.muted, "#000037": t.strong, "#000038": t.bg, "#000039": t.faded05,
                      "#000040": t.bgMix});
  return map;
}

function templateLayout(t) {
  const px = t.rem;
  return {
    font: {color: t.muted, family: t.font, size: px(0.75), weight: t.weight},
    title: {font: {family: t.headingFont, size: px(1), color: t.heading}, pad: {l: px(0.25)}, xanchor: "left", x: 0},
    legend: {title: {font: {size: px(0.75), color: t.muted}, side: "top"}, valign: "top", bordercolor: "transparent",
             borderwidth: 0, font: {size: px(0.75), color: t.strong}},
    paper_bgcolor: t.bg, plot_bgcolor: t.bg,
    yaxis: {ticklabelposition: "outside", zerolinecolor: t.grid, title: {font: {color: t.muted, size: px(0.875)},
            standoff: px(1.5)}, tickcolor: t.grid, tickfont: {color: t.muted, size: px(0.75)}, gridcolor: t.grid,
            minor: {gridcolor: t.grid}, automargin: true},
    xaxis: {zerolinecolor: t.grid, gridcolor: t.grid, showgrid: false, tickfont: {color: t.muted, size: px(0.75)},
            tickcolor: t.grid, title: {font: {color: t.muted, size: px(0.875)}, standoff: px(1.25)},
            minor: {gridcolor: t.grid}, zeroline: false, automargin: true,
            rangeselector: {bgcolor: t.bg, bordercolor: t.grid, borderwidth: 1, x: 0}},
    margin: {pad: px(0.5), r: 0, l: 0},
    hoverlabel: {bgcolor: t.bg, bordercolor: t.border, font: {color: t.muted, family: t.font, size: px(0.75)}},
    coloraxis: {colorbar: {thickness: 16, xpad: px(1.5), ticklabelposition: "outside", outlinecolor: "transparent",
                           outlinewidth: 8, len: 0.75, y: 0.5745, title: {font: {color: t.muted, size: px(0.875)}},
                           tickfont: {color: t.muted, size: px(0.75)}}},
  };
}

const isObject = (o) => o !== null && typeof o === "object" && !Array.isArray(o);

function merge(target, source) {  // lodash.merge for plain objects: source wins
  for (const [k, v] of Object.entries(source)) {
    if (isObject(v)) target[k] = merge(isObject(target[k]) ? target[k] : {}, v);
    else target[k] = v;
  }
  return target;
}

function themedFigure(json, themeName, host) {
  const streamlit = themeName === "streamlit";
  const t = streamlit ? readTheme(host) : null;
  const map = streamlit ? placeholderMap(t) : PLAIN;
  const fig = JSON.parse(json.replace(/#0000[0-4][0-9]/g, (m) => map[m] || m));
  fig.data = fig.data || [];
  const layout = (fig.layout = isObject(fig.layout) ? fig.layout : {});
  if (streamlit) {
    layout.template = isObject(layout.template) ? layout.template : {};
    layout.template.layout = merge(isObject(layout.template.layout) ? layout.template.layout : {}, templateLayout(t));
    if (layout.title !== undefined && layout.title !== null) {
      const title = typeof layout.title === "string" ? {text: layout.title} : isObject(layout.title) ? layout.title
        : {};
      layout.title = {...title, text: `<b>${typeof title.text === "string" ? title.text : ""}</b>`};
    }
  }
  return fig;
}

function plotConfig(config) {  // Streamlit's defaults for a chart without selections
  const c = {...(config || {})};
  c.showSendToCloud ??= false;
  c.displaylogo ??= false;
  const remove = Array.isArray(c.modeBarButtonsToRemove) ? [...c.modeBarButtonsToRemove] : [];
  const add = (name) => remove.includes(name) || remove.push(name);
  add("lasso2d");
  add("select2d");
  if (c.showSendToCloud !== true) add("sendChartToCloud");
  c.modeBarButtonsToRemove = remove;
  return c;
}

// ---- one chart ----

const MIN_WIDTH = 150;   // Streamlit's minimum chart width
const DEFAULT_HEIGHT = 450;  // Plotly's (and Streamlit's) height when the figure sets none

const hostWidth = (host) => Math.max(host.getBoundingClientRect().width, MIN_WIDTH);  // as Streamlit sizes its charts

function figureHeight(data, layout) {
  if (typeof data.height === "number" && data.height >= 10) return data.height;
  return typeof layout.height === "number" && layout.height >= 10 ? layout.height : DEFAULT_HEIGHT;
}

// One page-wide queue draws the charts one at a time, newest figure only, in tasks of their own with a rest after
// each draw: a Plotly redraw takes 20 to 150 ms here, and the browser must stay free between draws to read the next
// frame from the server and to fire the fragment's run_every timer (which asks for that frame). A chart whose new
// figures come faster than it can be drawn skips the ones in between; the queue keeps its place (round robin).
const QUEUE = (window.__convlabDrawQueue = window.__convlabDrawQueue || {waiting: new Set(), busy: false});
// After a draw of d ms, d * REST ms for the rest of the page: drawing takes at most two thirds of the main thread.
// With three charts (2 shared cores, speed "fast") 0, 0.25, 0.5 and 1 all kept 7 to 8.5 frames/s. The Train page's
// one chart (80 to 130 ms a draw) drew 4.2, 4.8 and 3.3 times a second with 0.25, 0.5 and 1 (one run each, load 2.6
// to 3.6): 0.5 leaves the busy browser of a shared machine more room at no cost to the chart's rate.
const REST = 0.5;

function schedule(state) {
  QUEUE.waiting.add(state);
  pump();
}

// The next chart to draw: a clickable one first (Explore's Y, the answer the user waits for after an edit), else
// the one waiting longest.
function next() {
  for (const state of QUEUE.waiting) if (state.latest && state.latest.clickable) return state;
  const [first] = QUEUE.waiting;
  return first;
}

function pump() {
  if (QUEUE.busy || QUEUE.waiting.size === 0) return;
  QUEUE.busy = true;
  setTimeout(async () => {
    const state = next();  // none when the waiting charts were destroyed meanwhile (the page changed)
    const started = performance.now();
    try {
      if (state) {
        QUEUE.waiting.delete(state);
        await drawOnce(state);
      }
    } catch (error) {
      if (state && state.alive) {  // a chart unmounted while it was drawn is simply gone
        console.error("ConvLab live chart:", error);
        if (state.div) state.div.textContent = `Chart not drawn: ${error.message}`;
      }
    } finally {  // whatever happened, the queue goes on: a stuck queue would freeze every chart on the page
      const took = performance.now() - started;
      setTimeout(() => {
        QUEUE.busy = false;
        pump();
      }, Math.min(took * REST, 200));
    }
  }, 0);
}

// One draw at a time per chart: Plotly.react calls that overlap on one div break Plotly (its automargin redraw
// finds the layout gone). A draw asked for meanwhile (a kernel preview during the queue's draw) follows it, with
// the chart's latest figure.
async function drawOnce(state) {
  if (state.drawing) {
    state.redraw = true;
    return state.drawing;
  }
  state.drawing = (async () => {
    try {
      do {
        state.redraw = false;
        if (state.alive) await draw(state);
      } while (state.redraw && state.alive);
    } finally {
      state.drawing = null;
    }
  })();
  return state.drawing;
}

async function draw(state) {
  const Plotly = await loadPlotly(state.latest.src);
  const data = state.latest;
  const width = hostWidth(state.host);
  if (data === state.drawn && width === state.width) return;  // nothing new (a rerun that sent the same figure)
  const fig = themedFigure(data.figure, data.theme, state.host);
  const layout = fig.layout;
  layout.height = figureHeight(data, layout);
  layout.width = width;
  const frame = liveFrame(fig, data.config);
  cancelSubframes(state);
  const last = lastStep(fig), since = state.liveStep;
  state.liveStep = last;
  const pictures = frame === null ? [fig] : subframePictures(state, fig, data.subframes, since, last);
  const first = pictures[0];
  if (frame !== null && frame === state.frame && width === state.width && state.plotted) {
    drawLines(state, first);  // only the live traces moved: the axes, legends and landscape stay as Plotly drew them
  } else {
    state.div.style.height = `${layout.height}px`;
    const started = performance.now();
    // While training runs, Plotly's copies of the live traces go stale under the canvas: no hover on them (the
    // landscape's still answers); paused or done, everything hovers again.
    const data_ = frame === null ? fig.data
      : first.data.map((t) => (isLive(t) ? {...t, hoverinfo: "skip", hovertemplate: undefined} : t));
    await Plotly.react(state.div, data_, layout, plotConfig(data.config));
    clearLines(state);
    STATS.drawMs += performance.now() - started;
    state.div.dataset.drawn = ++STATS.draws;  // the page-wide order of draws, for tests
    state.frame = frame;
  }
  if (!state.listening && typeof state.div.on === "function") {
    state.listening = true;
    listenForClicks(state);
  }
  recordShown(state, first);
  showLater(state, pictures);
  finishDraw(state, data, width);
}

// For tests and benchmarks: how many times the chart changed on screen, the last step of its live loss line (null
// when not live), and the points of each trace shown.
function recordShown(state, fig) {
  state.div.__convlabShown = {updates: (state.div.__convlabShown?.updates || 0) + 1, step: lastStep(fig),
                              traces: fig.data.map((trace) => ({meta: trace.meta, uid: trace.uid, points: numbers(trace.x).length}))};
}

function finishDraw(state, data, width) {
  state.drawn = data;
  state.width = width;
  if (!state.plotted) {
    state.plotted = true;
    STATS.plots++;
  }
}

// ---- the fast lane: while training runs, only the live traces are redrawn, on a canvas over the plot ----
// The server marks the traces that move from frame to frame (uid "convlab-live-...") and pins the axes until the
// data leaves them (convcore.charts). A frame whose everything else is what Plotly last drew needs no Plotly redraw
// (60 to 90 ms for the Train page's three panels): its live traces are drawn on a canvas over Plotly's, which are
// hidden meanwhile. Any other frame (new axes, a new landscape, paused or done: no live traces) is a Plotly redraw.

const LIVE = "convlab-live-";
const isLive = (trace) => typeof trace.uid === "string" && trace.uid.startsWith(LIVE);

// What must be as Plotly drew it for the fast lane: the figure without the live traces' points; null without any.
function liveFrame(fig, config) {
  if (!fig.data.some(isLive)) return null;
  const data = fig.data.map((trace) => (isLive(trace) ? {...trace, x: null, y: null} : trace));
  return JSON.stringify([data, fig.layout, config]);
}

const TYPED = {f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array,
               u2: Uint16Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray};

// Decoded arrays by dtype and base64 text: a frame's traces share their steps, and most arrays come again in the
// next frame (the landscape, the targets). Read-only for every caller. Kept to the last DECODED_MAX texts.
const DECODED = new Map();
const DECODED_MAX = 64;

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// A trace's x or y as numbers: a plain array, or Plotly's typed-array spec {dtype, bdata} (base64).
function numbers(values) {
  if (Array.isArray(values) || ArrayBuffer.isView(values)) return values;
  if (!values || typeof values.bdata !== "string" || !(values.dtype in TYPED)) return [];
  const key = values.dtype + values.bdata;
  let decoded = DECODED.get(key);
  if (decoded === undefined) {
    decoded = new TYPED[values.dtype](decodeBase64(values.bdata).buffer);
    if (DECODED.size >= DECODED_MAX) DECODED.delete(DECODED.keys().next().value);  // the oldest
  } else {
    DECODED.delete(key);  // to the end: the newest
  }
  DECODED.set(key, decoded);
  return decoded;
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

// ---- subframes: a frame of live lines drawn in steps (the server sends fewer frames; see ui/live_chart.py) ----
// A frame holds the whole history up to its last step N. With `subframes` k and the last frame at step P, the
// browser first draws the history up to P + (N - P) / k, then each further k-th, the whole frame last, spread over
// the time frames have been coming apart. Every picture is real history, never an interpolation: the loss and
// weight lines are cut at a step, the optimizer's path at the same point (its points follow the loss line's, one
// after its start), and the current point sits at the path's end.

const SUBFRAME_GAP = {first: 140, min: 30, max: 600};  // ms between frames: assumed at first, and its bounds
const SUBFRAME_SPREAD = 0.8;  // the pictures of a frame are shown within this share of the gap between frames

const liveTrace = (fig, name) => fig.data.find((t) => t.uid === `${LIVE}${name}`);

function lastStep(fig) {
  const loss = liveTrace(fig, "loss");
  const steps = loss ? numbers(loss.x) : [];
  return steps.length ? steps[steps.length - 1] : null;
}

function cancelSubframes(state) {
  for (const timer of state.subframes || []) clearTimeout(timer);
  STATS.dropped += (state.subframes || []).length;
  state.subframes = [];
}

function head(values, n) {
  const all = numbers(values);
  return ArrayBuffer.isView(all) ? all.subarray(0, n) : Array.from(all).slice(0, n);
}

// The figure as it was at `step`: the live traces cut there (the rest as they are).
function cutAt(fig, step) {
  const steps = numbers(liveTrace(fig, "loss").x);
  let kept = 0;
  while (kept < steps.length && steps[kept] <= step) kept++;
  const path = liveTrace(fig, "path");
  const pathKept = path && numbers(path.x).length === steps.length + 1 ? kept + 1 : null;  // else: left whole
  const data = fig.data.map((trace) => {
    if (!isLive(trace)) return trace;
    const name = trace.uid.slice(LIVE.length);
    if (name === "loss" || (name.startsWith("w_") && !name.endsWith("_target")))
      return {...trace, x: head(trace.x, kept), y: head(trace.y, kept)};
    if (name === "path" && pathKept !== null)
      return {...trace, x: head(trace.x, pathKept), y: head(trace.y, pathKept)};
    if (name === "now" && pathKept !== null) {
      const xs = numbers(path.x), ys = numbers(path.y);
      return {...trace, x: [xs[pathKept - 1]], y: [ys[pathKept - 1]]};
    }
    return trace;
  });
  return {...fig, data};
}

// The pictures to show for a frame, in order: the history up to each k-th of the way from the last frame's step
// `since` to its own `last`, the whole frame last; only the frame itself when it cannot be split (no subframes
// asked for, no earlier frame, too few new steps). Also keeps the average gap between frames.
function subframePictures(state, fig, k, since, last) {
  const now = performance.now();
  const gap = state.frameAt ? now - state.frameAt : SUBFRAME_GAP.first;
  state.frameAt = now;
  state.frameGap = Math.min(Math.max(0.7 * (state.frameGap || SUBFRAME_GAP.first) + 0.3 * gap, SUBFRAME_GAP.min),
                            SUBFRAME_GAP.max);
  if (!(k > 1) || since === null || since === undefined || last === null || last - since < k) return [fig];
  const pictures = [];
  for (let i = 1; i < k; i++) pictures.push(cutAt(fig, since + Math.floor(((last - since) * i) / k)));
  pictures.push(fig);
  STATS.split++;
  return pictures;
}

// Shows the pictures after the first (which the caller drew) on the canvas, spread over the gap between frames.
function showLater(state, pictures) {
  pictures.slice(1).forEach((picture, i) => {
    // Within SUBFRAME_SPREAD of the gap: a frame that comes a little early must not cancel the whole picture.
    const timer = setTimeout(() => {
      state.subframes = state.subframes.filter((t) => t !== timer);
      if (!state.alive) return;
      drawLines(state, picture);
      recordShown(state, picture);
    }, (SUBFRAME_SPREAD * state.frameGap * (i + 1)) / pictures.length);
    state.subframes.push(timer);
  });
}

// Plotly's own drawing of the live traces: hidden while the canvas shows newer points, shown after a redraw.
function showPlotlyLines(state, visible) {
  for (const group of state.div.querySelectorAll(`g.trace[class*="trace${LIVE}"]`))
    group.style.visibility = visible ? "" : "hidden";
}

function clearLines(state) {
  if (state.canvas) state.canvas.getContext("2d").clearRect(0, 0, state.canvas.width, state.canvas.height);
  showPlotlyLines(state, true);
}

function drawLines(state, fig) {
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
  for (const trace of fig.data) if (isLive(trace)) drawTrace(ctx, trace, full);
  showPlotlyLines(state, false);
  STATS.lines++;
  STATS.linesMs += performance.now() - started;
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

function destroy(state) {
  state.alive = false;
  cancelSubframes(state);
  PREVIEWS.delete(state);
  QUEUE.waiting.delete(state);
  state.resize.disconnect();
  if (window.__convlabPlotly) window.__convlabPlotly.then((Plotly) => Plotly.purge(state.div)).catch(() => {});
  delete state.host.__convlabLiveChart;
  STATS.purges++;
}

// A click on the plot area of a clickable chart reports the data coordinates under the mouse (not the nearest
// point: a large array is a picture, and any of its cells must be reachable), with a count so that clicking the
// same cell twice is still a change.
// The browser gives a click in whole pixels (it drops the fraction): the pointer is somewhere in pixel [n, n + 1),
// and that pixel shows the cell under its middle. The corner n put every click half a pixel up and to the left: on
// a picture whose cells are under a pixel wide (a 341 x 512 Y in a 1400 px window: 0.52 px a cell), nearly always
// the cell before the one drawn there (row 99 for row 100).
const pixelMiddle = (v) => (Number.isInteger(v) ? v + 0.5 : v);

function listenForClicks(state) {
  state.div.on("plotly_click", (event) => {
    if (!state.latest || !state.latest.clickable || !event || !event.event) return;
    const layout = state.div._fullLayout;
    const xa = layout && layout.xaxis, ya = layout && layout.yaxis;
    if (!xa || !ya) return;
    const box = state.div.getBoundingClientRect();
    const x = xa.p2c(pixelMiddle(event.event.clientX) - box.left - xa._offset);
    const y = ya.p2c(pixelMiddle(event.event.clientY) - box.top - ya._offset);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    state.clicks = (state.clicks || 0) + 1;
    state.setStateValue("click", {x, y, n: state.clicks});
  });
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  STATS.calls++;
  if (!data || typeof data.figure !== "string") return undefined;
  let state = parentElement.__convlabLiveChart;
  if (!state) {
    const div = document.createElement("div");
    div.className = "convlab-live-chart";
    parentElement.appendChild(div);
    state = {host: parentElement, div, latest: null, alive: true, plotted: false, width: 0};
    state.resize = new ResizeObserver(() => {
      const width = hostWidth(parentElement);
      if (state.plotted && width !== state.width) schedule(state);
    });
    state.resize.observe(parentElement);
    parentElement.__convlabLiveChart = state;
  }
  if (!state.plotted && state.latest === null) state.div.style.height = `${figureHeight(data, {})}px`;  // its room
  const last = state.latest;
  const same = last && last.figure === data.figure && last.theme === data.theme && last.height === data.height &&
    last.clickable === data.clickable && JSON.stringify(last.config) === JSON.stringify(data.config);
  if (!same) state.latest = data;  // an identical figure (a rerun that changed nothing here) is not drawn again
  else state.latest.preview = data.preview;  // how it was made may still have changed (a symmetric kernel flipped)
  state.setStateValue = setStateValue;
  if (data.preview) offerPreview(state, data.preview); else PREVIEWS.delete(state);
  schedule(state);
  return () => {
    STATS.cleanups++;
    // Runs when the element unmounts, or at once for a call superseded while it started: purge only the former.
    setTimeout(() => {
      if (!parentElement.isConnected && parentElement.__convlabLiveChart === state) destroy(state);
    }, 0);
  };
}

// ---- kernel previews (Explore): an edited kernel redraws Y at once; the server's figure follows ----
// A chart whose data has a `preview` spec (ui/kernel_preview.py) can be redrawn by the kernel grid it names, from
// the input the page published, before the server's rerun arrives. The maths is in static/kernel_preview.js.

const PREVIEWS = (window.__convlabPreviewCharts = window.__convlabPreviewCharts || new Set());
const MODULES = (window.__convlabPreviewModules = window.__convlabPreviewModules || {});

function offerPreview(state, spec) {
  PREVIEWS.add(state);
  if (!MODULES[spec.module]) {  // loaded now, so that an edit's preview needs no wait
    MODULES[spec.module] = {ready: null};
    import(new URL(spec.module, document.baseURI).href)
      .then((module) => { MODULES[spec.module].ready = module; })
      .catch((error) => { delete MODULES[spec.module]; console.error("ConvLab kernel preview:", error); });
  }
}

// Called by the kernel grid `grid` with its cells (and the button pressed, if any: transpose, flip or normalize),
// just before it sends them: true when a chart took a preview.
window.__convlabPreview = (grid, cells, action = null) => {
  let drawn = false;
  for (const state of PREVIEWS) {
    const data = state.latest, spec = data && data.preview;
    const module = spec && MODULES[spec.module] && MODULES[spec.module].ready;
    const input = spec && window.__convlabPreviewInputs && window.__convlabPreviewInputs[spec.input];
    if (!state.alive || !module || !input || spec.grid !== grid) continue;
    try {
      const fig = module.previewFigure(JSON.parse(data.figure), spec, input, cells, action, numbers);
      if (!fig) continue;
      state.latest = {...data, figure: JSON.stringify(fig)};
      STATS.previews++;
      // Drawn now, not through the queue: before the browser starts on the rerun the edit asks for (Streamlit's
      // first re-render of the page takes tens of ms), so the preview shows within the frame.
      QUEUE.waiting.delete(state);
      drawOnce(state).catch((error) => { if (state.alive) console.error("ConvLab kernel preview:", error); });
      drawn = true;
    } catch (error) {
      console.error("ConvLab kernel preview:", error);
    }
  }
  return drawn;
};
