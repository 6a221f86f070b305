// ConvLab live chart: subframes, a frame of live lines drawn in steps (the server sends fewer frames; see
// ui/components/live_chart.py), each picture real history up to a step between the last frame's and this one's.

const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {cutAt} = await sibling("live.js");
const {drawLines} = await sibling("fast_lane.js");
const {count, recordShown} = await sibling("stats.js");

// A frame holds the whole history up to its last step N. With `subframes` k and the last frame at step P, the
// browser first draws the history up to P + (N - P) / k, then each further k-th, the whole frame last, spread over
// the time frames have been coming apart. Every picture is real history, never an interpolation: the loss and
// weight lines are cut at a step, the optimizer's path at the same point (its points follow the loss line's, after
// its start: data.live.path_lead points), and the current point sits at the path's end.

const SUBFRAME_GAP = {first: 140, min: 30, max: 600};  // ms between frames: assumed at first, and its bounds
const SUBFRAME_SPREAD = 0.8;  // the pictures of a frame are shown within this share of the gap between frames

export function cancelSubframes(state) {
  for (const timer of state.subframes || []) clearTimeout(timer);
  count("dropped", (state.subframes || []).length);
  state.subframes = [];
}

// The pictures to show for a frame, in order: the history up to each k-th of the way from the last frame's step
// `since` to its own `last`, the whole frame last; only the frame itself when it cannot be split (no subframes
// asked for, no earlier frame, too few new steps). Also keeps the average gap between frames.
export function subframePictures(state, fig, k, since, last, live) {
  const now = performance.now();
  const gap = state.frameAt ? now - state.frameAt : SUBFRAME_GAP.first;
  state.frameAt = now;
  state.frameGap = Math.min(Math.max(0.7 * (state.frameGap || SUBFRAME_GAP.first) + 0.3 * gap, SUBFRAME_GAP.min),
                            SUBFRAME_GAP.max);
  if (!(k > 1) || since === null || since === undefined || last === null || last - since < k) return [fig];
  const pictures = [];
  for (let i = 1; i < k; i++) pictures.push(cutAt(fig, since + Math.floor(((last - since) * i) / k), live));
  pictures.push(fig);
  count("split");
  return pictures;
}

// Shows the pictures after the first (which the caller drew) on the canvas, spread over the gap between frames.
export function showLater(state, pictures, live) {
  pictures.slice(1).forEach((picture, i) => {
    // Within SUBFRAME_SPREAD of the gap: a frame that comes a little early must not cancel the whole picture.
    const timer = setTimeout(() => {
      state.subframes = state.subframes.filter((t) => t !== timer);
      if (!state.alive) return;
      drawLines(state, picture, live);
      recordShown(state, picture, live);
    }, (SUBFRAME_SPREAD * state.frameGap * (i + 1)) / pictures.length);
    state.subframes.push(timer);
  });
}
