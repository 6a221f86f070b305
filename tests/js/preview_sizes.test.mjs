// static/live_chart/preview.js: the figures of X's other sizes (ui/explore/charts.py size_previews) come with Y's
// spec only when they change; a spec without them gets the ones last sent if it names them (sizes_key), else none.
import assert from "node:assert/strict";
import {test} from "node:test";

globalThis.window = globalThis;  // the page's one ConvLab global lives on window
window.__convlab = {previewModules: {"kernel_preview.js": {ready: {}}}};  // the preview module, as if loaded
const {offerPreview} = await import("../../static/live_chart/preview.js");

const spec = (fields) => ({module: "kernel_preview.js", grid: "exk_grid", ...fields});
const chart = () => ({alive: true});

test("a spec that names the figures last sent gets them; one that names others gets none", () => {
  const figures = {"8x6": {y: [6, 7]}}, later = {"3x3": {y: [2, 2]}};
  offerPreview(chart(), spec({sizes_key: "a", sizes: figures}));
  const edit = spec({sizes_key: "a"});  // a kernel edit's run: the same figures, not sent again
  offerPreview(chart(), edit);
  assert.equal(edit.sizes, figures);
  const other = spec({sizes_key: "b"});  // figures this page was never sent (a run it did not see)
  offerPreview(chart(), other);
  assert.equal(other.sizes, undefined);
  offerPreview(chart(), spec({sizes_key: "c", sizes: later}));  // new ones replace them
  const again = spec({sizes_key: "a"});
  offerPreview(chart(), again);
  assert.equal(again.sizes, undefined);
  const latest = spec({sizes_key: "c"});
  offerPreview(chart(), latest);
  assert.equal(latest.sizes, later);
});

test("a spec without a key (a drawing's) gets no figures", () => {
  offerPreview(chart(), spec({sizes_key: "d", sizes: {"8x6": {}}}));
  const drawing = spec({});
  offerPreview(chart(), drawing);
  assert.equal(drawing.sizes, undefined);
});
