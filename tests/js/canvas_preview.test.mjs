// static/canvas_preview.js against golden vectors computed by convcore (tests/js/make_vectors.py, in the file that
// CONVLAB_VECTORS names): canvas pixels must become the server's X, bit for bit (convcore.drawing.drawing_plane).
import assert from "node:assert/strict";
import {existsSync, readFileSync} from "node:fs";
import {test} from "node:test";

const PATH = process.env.CONVLAB_VECTORS;
if (!PATH || !existsSync(PATH)) {
  throw new Error(`CONVLAB_VECTORS must name the vectors' JSON (it is ${JSON.stringify(PATH)}): write it with ` +
                  "python tests/js/make_vectors.py OUT.json, or run tests/unit/test_js_modules.py, which does");
}
const V = JSON.parse(readFileSync(PATH, "utf8"));
const JS = await import("../../static/canvas_preview.js");
const {transformed} = await import("../../static/kernel_preview.js");  // the transform follows, as on the page

test("drawingInput and transformed make X from canvas pixels as convcore.drawing.drawing_plane and transform", () => {
  assert.ok(V.drawing && V.drawing.cases.length > 0, "no drawing vectors");
  const canvases = V.drawing.canvases.map((c) => ({...c, pixels: Uint8ClampedArray.from(Buffer.from(c.data, "base64"))}));
  const problems = [];
  for (const v of V.drawing.cases) {
    const {pixels, ph, pw} = canvases[v.canvas_index];
    const got = transformed(JS.drawingInput(pixels, ph, pw, v.canvas), v.canvas.xform);
    const name = `${ph}x${pw} to ${v.canvas.size} ${v.canvas.xform}${v.canvas.color ? " colour" : ""}`;
    if (got.h !== v.h || got.w !== v.w || got.channels !== (v.canvas.color ? 3 : 1)) {
      problems.push(`${name}: Python ${v.h}x${v.w}, JS ${got.h}x${got.w} (${got.channels} channels)`);
      continue;
    }
    const bad = v.x.findIndex((x, k) => got.values[k] !== x);
    if (bad >= 0) problems.push(`${name}: [${bad}] Python ${v.x[bad]}, JS ${got.values[bad]}`);
  }
  assert.equal(problems.length, 0, `${problems.length} drawing(s) differ from Python:\n  ${problems.join("\n  ")}`);
});
