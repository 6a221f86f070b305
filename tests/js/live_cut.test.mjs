// static/live_chart/live.js cutAt: a frame drawn in steps shows real history up to a step, every live line cut at
// that same step (the weight lines start at step 0, the loss line at step 1, the path one point before it).
import assert from "node:assert/strict";
import {test} from "node:test";

const {cutAt} = await import("../../static/live_chart/live.js");

const P = "convlab-live-";
const live = {prefix: P, path_lead: 1,
              roles: {[`${P}loss-loss`]: "loss", [`${P}weight-w`]: "weight", [`${P}path-p`]: "path",
                      [`${P}now-n`]: "now", [`${P}target-t`]: "target"}};
const fig = {layout: {}, data: [
  {uid: `${P}loss-loss`, x: [1, 2, 3, 4], y: [9, 4, 1, 0.5]},
  {uid: `${P}weight-w`, x: [0, 1, 2, 3, 4], y: [0.66, 0.42, 0.92, 0.8, 0.95]},
  {uid: `${P}path-p`, x: [0.66, 0.42, 0.92, 0.8, 0.95], y: [0, 1, 2, 3, 4]},
  {uid: `${P}now-n`, x: [0.95], y: [4]},
  {uid: `${P}target-t`, x: [0, 4], y: [1, 1]},
  {uid: "plain", x: [0, 1], y: [0, 1]},
]};

test("every live line is cut at the same step, the weights from step 0", () => {
  const [loss, weight, path, now, target, plain] = cutAt(fig, 2, live).data;
  assert.deepEqual([loss.x, loss.y], [[1, 2], [9, 4]]);
  assert.deepEqual([weight.x, weight.y], [[0, 1, 2], [0.66, 0.42, 0.92]]);  // step 2's weights, as the path's
  assert.deepEqual(path.x, [0.66, 0.42, 0.92]);
  assert.deepEqual([now.x, now.y], [[0.92], [2]]);
  assert.equal(target, fig.data[4]);
  assert.equal(plain, fig.data[5]);
});

test("before the first step only the start is left", () => {
  const [loss, weight, path] = cutAt(fig, 0, live).data;
  assert.deepEqual(loss.x, []);
  assert.deepEqual([weight.x, weight.y], [[0], [0.66]]);
  assert.deepEqual(path.x, [0.66]);
});
