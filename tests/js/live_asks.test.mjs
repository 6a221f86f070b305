// static/live_chart/asks.js: a live chart asks for the next frame once per figure, after its draw, no sooner than
// `after` seconds since the last ask, again after RETRY_MS without an answer, and never once training stopped.
import assert from "node:assert/strict";
import {test} from "node:test";

const {offerNext, askNext, RETRY_MS} = await import("../../static/live_chart/asks.js");

// A fake clock: timers run only when the test moves the time.
function fakeClock() {
  let now = 0, id = 0;
  const due = new Map();
  return {
    now: () => now,
    set: (fn, ms) => { due.set(++id, {at: now + ms, fn}); return id; },
    clear: (i) => due.delete(i),
    advance(ms) {  // each timer runs at its own time, in order
      const end = now + ms;
      for (;;) {
        const ready = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at);
        if (!ready.length) break;
        const [i, t] = ready[0];
        due.delete(i);
        now = Math.max(now, t.at);
        t.fn();
      }
      now = end;
    },
  };
}

const chart = () => {
  const sent = [];
  return {sent, state: {alive: true, setTriggerValue: (name, value) => sent.push([name, value])}};
};

test("one ask per figure, sent after the draw, at most one per `after` seconds", () => {
  const clock = fakeClock(), {state, sent} = chart();
  offerNext(state, {frame: 1, after: 0.1});
  askNext(state, clock);
  clock.advance(0);
  assert.deepEqual(sent, [["frame", 1]]);  // the first ask goes at once
  askNext(state, clock);  // a second draw of the same figure (a resize): no second ask
  offerNext(state, {frame: 2, after: 0.1});
  clock.advance(30);
  askNext(state, clock);  // drawn 30 ms after the last ask: waits until 100 ms
  clock.advance(69);
  assert.equal(sent.length, 1);
  clock.advance(1);
  assert.deepEqual(sent, [["frame", 1], ["frame", 2]]);
});

test("an unanswered ask is asked again after RETRY_MS", () => {
  const clock = fakeClock(), {state, sent} = chart();
  offerNext(state, {frame: 7, after: 0.1});
  askNext(state, clock);
  clock.advance(RETRY_MS - 1);
  assert.equal(sent.length, 1);
  clock.advance(1);
  assert.deepEqual(sent, [["frame", 7], ["frame", 7]]);
});

test("a figure without `next` (paused) stops the asking, a pending ask and its retry included", () => {
  const clock = fakeClock(), {state, sent} = chart();
  offerNext(state, {frame: 1, after: 0.1});
  askNext(state, clock);
  clock.advance(0);
  offerNext(state, {frame: 2, after: 0.1});
  askNext(state, clock);  // waits 100 ms
  offerNext(state, undefined);  // the Pause's figure came first
  askNext(state, clock);
  clock.advance(RETRY_MS * 3);
  assert.deepEqual(sent, [["frame", 1]]);
});

test("a chart that left the page asks nothing", () => {
  const clock = fakeClock(), {state, sent} = chart();
  offerNext(state, {frame: 1, after: 0.1});
  state.alive = false;
  askNext(state, clock);
  clock.advance(RETRY_MS);
  assert.deepEqual(sent, []);
});
