// ConvLab live chart: the live-trace contract, read from the chart's data (never from trace names).
//
// While training runs, the server marks the traces that move from frame to frame and says what each one is
// (convcore.plots.train_charts.live_contract, sent by ui/components/live_chart.py as data.live):
//   prefix: the uid prefix of every live trace (Plotly.js also puts it into its trace groups' CSS classes);
//   roles: each live trace's role by uid: "loss" (the loss line: its x are the steps), "weight" (a weight's line),
//          "target" (a dashed target or the target star: still), "path" (the optimizer's path), "start" (its first
//          point: still), "now" (the current point, at the path's end);
//   path_lead: how many points the path has before the loss line's first step (its start).
// A figure without data.live has no live traces.

const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {numbers, head} = await sibling("arrays.js");

// The contract of a chart's data, or null when none of its traces is live.
export const liveOf = (data) => (data && data.live && typeof data.live.prefix === "string" ? data.live : null);

export const isLive = (live, trace) => !!live && typeof trace.uid === "string" && trace.uid.startsWith(live.prefix);

// The role of a live trace ("loss", "weight", "target", "path", "start", "now"); null for any other trace.
export const roleOf = (live, trace) => (isLive(live, trace) && live.roles && live.roles[trace.uid]) || null;

// The first live trace of a role, if any.
export const liveTrace = (fig, live, role) => fig.data.find((trace) => roleOf(live, trace) === role);

// The last step of a figure's live loss line; null when it has none (not live, or empty).
export function lastStep(fig, live) {
  const loss = liveTrace(fig, live, "loss");
  const steps = loss ? numbers(loss.x) : [];
  return steps.length ? steps[steps.length - 1] : null;
}

// How many of the (sorted) steps `xs` are at or before `step`.
function keptUpTo(xs, step) {
  let kept = 0;
  while (kept < xs.length && xs[kept] <= step) kept++;
  return kept;
}

// The figure as it was at `step`: the live traces cut there (the rest as they are). Each line is cut by its own
// steps (the weight lines start at step 0, the loss line at step 1); the optimizer's path keeps path_lead points
// more than the loss line, and the current point sits at its end.
export function cutAt(fig, step, live) {
  const loss = liveTrace(fig, live, "loss");
  const steps = numbers(loss ? loss.x : []);
  const kept = keptUpTo(steps, step);
  const path = liveTrace(fig, live, "path");
  const lead = Number.isInteger(live.path_lead) ? live.path_lead : null;
  const pathKept = path && lead !== null && numbers(path.x).length === steps.length + lead ? kept + lead
    : null;  // else: left whole
  const data = fig.data.map((trace) => {
    const role = roleOf(live, trace);
    if (role === "loss" || role === "weight") {
      const own = keptUpTo(numbers(trace.x), step);
      return {...trace, x: head(trace.x, own), y: head(trace.y, own)};
    }
    if (role === "path" && pathKept !== null)
      return {...trace, x: head(trace.x, pathKept), y: head(trace.y, pathKept)};
    if (role === "now" && pathKept !== null) {
      const xs = numbers(path.x), ys = numbers(path.y);
      return {...trace, x: [xs[pathKept - 1]], y: [ys[pathKept - 1]]};
    }
    return trace;  // not live, or still while training runs (targets, the path's start)
  });
  return {...fig, data};
}
