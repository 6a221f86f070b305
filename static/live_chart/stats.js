// ConvLab live chart: counters and records for tests and benchmarks, kept only when the page asked for them
// (window.__convlab.counting === true, set before the page loads by tests/e2e/conftest.py and
// benchmarks/bench_browser.py). Without the flag nothing is counted and nothing recorded.

const NS = (window.__convlab ??= {});  // the page's one ConvLab global (index.js lists its fields)
const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {numbers} = await sibling("arrays.js");
const {lastStep} = await sibling("live.js");

// Counters for tests and benchmarks (window.__convlab.stats): calls of the component function, cleanups, first
// plots, draws, purges, ms in Plotly. lines: redraws of only the live traces (fast_lane.js), linesMs: ms in them.
// previews: kernel previews drawn (preview.js). split: frames drawn in subframes; dropped: subframes a newer frame
// replaced before they were shown (subframes.js).
const ZERO = {calls: 0, cleanups: 0, plots: 0, draws: 0, purges: 0, drawMs: 0, lines: 0, linesMs: 0, previews: 0,
              split: 0, dropped: 0};

export const counting = () => NS.counting === true;

if (counting()) NS.stats ??= {...ZERO};

// Adds `by` to a counter; returns its new value, or undefined when the page does not count.
export function count(name, by = 1) {
  if (!counting()) return undefined;
  const stats = (NS.stats ??= {...ZERO});
  stats[name] += by;
  return stats[name];
}

// For tests and benchmarks (the plot div's __convlab.shown): how many times the chart changed on screen, the last
// step of its live loss line (null when not live), and the points of each trace shown.
export function recordShown(state, fig, live) {
  if (!counting()) return;
  const own = (state.div.__convlab ??= {});
  own.shown = {updates: (own.shown?.updates || 0) + 1, step: lastStep(fig, live),
               traces: fig.data.map((trace) => ({meta: trace.meta, uid: trace.uid, points: numbers(trace.x).length}))};
}
