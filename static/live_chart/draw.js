// ConvLab live chart: one chart's draw. Its newest figure, themed, goes to Plotly.react (an update in place); while
// training runs and only the live traces moved, to the fast lane's canvas instead; then come its subframes.

const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {loadPlotly} = await sibling("plotly.js");
const {themedFigure, plotConfig} = await sibling("theme.js");
const {liveOf, isLive, lastStep} = await sibling("live.js");
const {liveFrame, drawLines, clearLines} = await sibling("fast_lane.js");
const {cancelSubframes, subframePictures, showLater} = await sibling("subframes.js");
const {listenForClicks} = await sibling("clicks.js");
const {count, recordShown} = await sibling("stats.js");

const MIN_WIDTH = 150;   // Streamlit's minimum chart width
const DEFAULT_HEIGHT = 450;  // Plotly's (and Streamlit's) height when the figure sets none

// The chart's width, as Streamlit sizes its charts.
export const hostWidth = (host) => Math.max(host.getBoundingClientRect().width, MIN_WIDTH);

export function figureHeight(data, layout) {
  if (typeof data.height === "number" && data.height >= 10) return data.height;
  return typeof layout.height === "number" && layout.height >= 10 ? layout.height : DEFAULT_HEIGHT;
}

// Plotly.react keeps the domain an array chart's cells were last fitted in (square cells: y anchored to x, each axis
// constrained by its domain) and widens the new ranges instead (plotly.js#3430): after an array of another shape,
// blank rows and columns, and ticks outside the array, that a first draw of the same figure does not show. A chart
// whose ranges change so is drawn anew.
function newRanges(state, layout) {
  const y = layout.yaxis;
  const ranges = y && y.scaleanchor === "x" ? JSON.stringify([layout.xaxis && layout.xaxis.range, y.range]) : "";
  const changed = state.plotted && ranges !== "" && ranges !== state.ranges;
  state.ranges = ranges;
  return changed;
}

// One draw at a time per chart: Plotly.react calls that overlap on one div break Plotly (its automargin redraw
// finds the layout gone). A draw asked for meanwhile (a kernel preview during the queue's draw) follows it, with
// the chart's latest figure.
export async function drawOnce(state) {
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
  const live = liveOf(data);
  if (live) state.livePrefix = live.prefix;  // Plotly's live trace groups, shown again once training stops
  const frame = liveFrame(fig, data.config, live);
  cancelSubframes(state);
  const last = lastStep(fig, live), since = state.liveStep;
  state.liveStep = last;
  const pictures = frame === null ? [fig] : subframePictures(state, fig, data.subframes, since, last, live);
  const first = pictures[0];
  if (frame !== null && frame === state.frame && width === state.width && state.plotted) {
    // Only the live traces moved: the axes, legends and landscape stay as Plotly drew them.
    drawLines(state, first, live);
  } else {
    state.div.style.height = `${layout.height}px`;
    const started = performance.now();
    // While training runs, Plotly's copies of the live traces go stale under the canvas: no hover on them (the
    // landscape's still answers); paused or done, everything hovers again.
    const data_ = frame === null ? fig.data
      : first.data.map((t) => (isLive(live, t) ? {...t, hoverinfo: "skip", hovertemplate: undefined} : t));
    if (newRanges(state, layout)) {
      state.listening = false;  // a new plot has none of the old one's listeners
      await Plotly.newPlot(state.div, data_, layout, plotConfig(data.config));
    } else {
      await Plotly.react(state.div, data_, layout, plotConfig(data.config));
    }
    clearLines(state);
    count("drawMs", performance.now() - started);
    const order = count("draws");
    if (order !== undefined) state.div.dataset.drawn = order;  // the page-wide order of draws, for tests
    state.frame = frame;
  }
  if (!state.listening && typeof state.div.on === "function") {
    state.listening = true;
    listenForClicks(state);
  }
  recordShown(state, first, live);
  showLater(state, pictures, live);
  finishDraw(state, data, width);
}

function finishDraw(state, data, width) {
  state.drawn = data;
  state.width = width;
  if (!state.plotted) {
    state.plotted = true;
    count("plots");
  }
}
