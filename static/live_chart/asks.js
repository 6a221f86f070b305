// ConvLab live chart: a chart that trains live asks for its next frame itself, once it has drawn the last one.
//
// While training runs, each figure comes with data.next = {frame, after}: once the chart has drawn it (or found it
// unchanged), it sends the trigger "frame" = frame, which reruns its fragment on the server: train a slice, send the
// next figure. At least `after` seconds pass between two asks (the server's tick, longer when many train at once).
// So a page has at most one frame in flight: the server never computes a frame the page cannot take yet (a timer
// that ticked without waiting made Streamlit drop the frames it computed, and queued ticks behind a click).
// An ask that brought no new figure within RETRY_MS is asked again: a lost message must not freeze the chart.
// A figure without `next` (paused, done, another page) stops the asking.

export const RETRY_MS = 10000;

const timers = {set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id), now: () => performance.now()};

// The newest figure's `next` (or none): kept until the chart has drawn that figure.
export function offerNext(state, next) {
  state.next = next && Number.isFinite(next.frame) ? next : null;
  if (!state.next) stopAsking(state);
}

// Called after each draw (or a draw found nothing new): asks for the frame after `state.next.frame`, once.
export function askNext(state, clock = timers) {
  const next = state.next;
  if (!next || !state.alive || state.asked === next.frame) return;
  state.asked = next.frame;
  if (state.askTimer != null) clock.clear(state.askTimer);
  const wait = state.askedAt == null ? 0 : Math.max(0, state.askedAt + next.after * 1000 - clock.now());
  const ask = () => {
    state.askTimer = null;
    if (!state.alive || !state.next || state.next.frame !== next.frame) return;  // a newer figure asks for itself
    state.askedAt = clock.now();
    state.setTriggerValue("frame", next.frame);
    state.askTimer = clock.set(ask, RETRY_MS);
  };
  state.askTimer = clock.set(ask, wait);
}

// No more asks (the chart left the page, or training stopped).
export function stopAsking(state, clock = timers) {
  if (state.askTimer != null) clock.clear(state.askTimer);
  state.askTimer = null;
}
