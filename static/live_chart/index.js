// ConvLab live chart: a Plotly chart that a Streamlit rerun updates in place (Plotly.react), never remounts.
// The component's entry (loaded by ui/components/live_chart.py); the rest of the chart is in the modules beside it:
//   plotly.js: the Plotly.js loader           theme.js: Streamlit's Plotly theme    queue.js: the page's draw queue
//   draw.js: one chart's draw                 fast_lane.js: live lines on a canvas  subframes.js: a frame in steps
//   live.js: the live-trace contract (data)   arrays.js: typed-array decoding       clicks.js: clicks on the plot
//   preview.js: the kernel-preview hook       stats.js: counters for tests (only when the page asks)
//   picks.js: select-box picks previewed      strokes.js: drawing-canvas strokes previewed
//   inputs.js: a new X and the settings previewed
//   asks.js: asking for the next frame while training runs live
//
// Streamlit (components v2) calls this function again each time the element's data changes, with the same
// parentElement, and does NOT run the previous call's cleanup in between: the cleanup returned last runs once,
// when the element is unmounted (or right away for a call whose data was already superseded). So the plot div and
// its state live on parentElement (parentElement.__convlab.liveChart), each call only hands over the newest
// figure, and the cleanup purges the plot only once the element has really left the page.
//
// data: {figure: the Plotly figure as a JSON string (plotly.io.to_json), config: the Plotly config,
//        height: px (the figure's layout height, or 450, as st.plotly_chart), theme: "streamlit" or "",
//        src: the URL of the Plotly.js bundle, relative to the page, clickable, preview (ui/components/kernel_preview.py),
//        subframes (subframes.js), live: the live-trace contract (live.js; only when some trace is live),
//        next: {frame, after} while training runs live (asks.js)}; the objects among them (config, live, preview,
//        next) as one JSON text, "objects"
//
// The page's one ConvLab global is window.__convlab; the chart's fields there: plotly (the Plotly.js promise),
// drawQueue, previewCharts, previewModules, previewSizes (preview.js), preview (the kernel grid's hook), previewInputs
// and sampleOffer (ui/components/kernel_preview.py's inputs, ui/components/sample_preview.py's samples), pickBoxes,
// pickListener and sampleFiles (picks.js), modules (ui/components/live_chart.py's loader), counting (the tests' flag)
// and stats (their counters).
//
// Cache busting: ui/components/live_chart.py imports this file as index.js?v=<hash of every file in this folder>, and
// each module imports its siblings at that same ?v= (read from its own import.meta.url), by dynamic import since a
// static import's specifier must be a literal. Static serving (Streamlit's app/static) sends no Cache-Control, so a
// browser may reuse any file it holds without asking (heuristic freshness): a plain "./draw.js" could come from the
// cache after a deploy while index.js is new. With the hash in every URL, a change to any module is a new URL for all
// of them, and one page never mixes versions. (A module imports no sibling that imports it back: top-level await would
// wait for itself.)

const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
// All fetched at once: one round trip for the whole chart, not one per level of imports (each module's own imports
// of its siblings then find them in the browser's module map, the same instances).
const ALL = ["arrays.js", "live.js", "stats.js", "plotly.js", "theme.js", "clicks.js", "fast_lane.js",
             "subframes.js", "draw.js", "queue.js", "preview.js", "inputs.js", "picks.js",
             "strokes.js", "asks.js"];
const loaded = Object.fromEntries(await Promise.all(ALL.map(async (name) => [name, await sibling(name)])));
const {hostWidth, figureHeight} = loaded["draw.js"];
const {schedule, unqueue} = loaded["queue.js"];
const {offerPreview, forgetPreview} = loaded["preview.js"];
const {cancelSubframes} = loaded["subframes.js"];
const {purge} = loaded["plotly.js"];
const {count} = loaded["stats.js"];
const {offerNext, stopAsking} = loaded["asks.js"];

// The data's objects (config, live, preview, next) come as JSON text under "objects" (ui/components/data.py: a dict in
// a component's data makes Streamlit import pandas to check it for a dataframe).
const unpacked = (raw) => (raw && typeof raw.objects === "string" ? {...raw, ...JSON.parse(raw.objects)} : raw);

const chartOf = (host) => (host.__convlab ? host.__convlab.liveChart : undefined);

function destroy(state) {
  state.alive = false;
  cancelSubframes(state);
  stopAsking(state);
  forgetPreview(state);
  unqueue(state);
  state.resize.disconnect();
  purge(state.div);
  delete state.host.__convlab.liveChart;
  count("purges");
}

export default function (component) {
  const {parentElement, setStateValue, setTriggerValue} = component;
  const data = unpacked(component.data);
  count("calls");
  if (!data || typeof data.figure !== "string") return undefined;
  let state = chartOf(parentElement);
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
    (parentElement.__convlab ??= {}).liveChart = state;
  }
  if (!state.plotted && state.latest === null) state.div.style.height = `${figureHeight(data, {})}px`;  // its room
  const last = state.latest;
  const same = last && last.figure === data.figure && last.theme === data.theme && last.height === data.height &&
    last.clickable === data.clickable && JSON.stringify(last.config) === JSON.stringify(data.config);
  if (!same) state.latest = data;  // an identical figure (a rerun that changed nothing here) is not drawn again
  else state.latest.preview = data.preview;  // how it was made may still have changed (a symmetric kernel flipped)
  state.setStateValue = setStateValue;
  state.setTriggerValue = setTriggerValue;
  offerNext(state, data.next);  // asked for once this figure is drawn (queue.js)
  if (data.preview) offerPreview(state, data.preview); else forgetPreview(state);
  schedule(state);
  return () => {
    count("cleanups");
    // Runs when the element unmounts, or at once for a call superseded while it started: purge only the former.
    setTimeout(() => {
      if (!parentElement.isConnected && chartOf(parentElement) === state) destroy(state);
    }, 0);
  };
}
