// static/kernel_preview.js against golden vectors computed by convcore (tests/js/make_vectors.py, in the file that
// CONVLAB_VECTORS names): each JS twin must give the server's answer. Each test lists every vector that differs.
import assert from "node:assert/strict";
import {existsSync, readFileSync} from "node:fs";
import {test} from "node:test";

import {readPalettePng} from "./png_reader.mjs";

const PATH = process.env.CONVLAB_VECTORS;
if (!PATH || !existsSync(PATH)) {
  throw new Error(`CONVLAB_VECTORS must name the vectors' JSON (it is ${JSON.stringify(PATH)}): write it with ` +
                  "python tests/js/make_vectors.py OUT.json, or run tests/unit/test_js_modules.py, which does");
}
const V = JSON.parse(readFileSync(PATH, "utf8"));
const JS = await import("../../static/kernel_preview.js");  // an ES module by its syntax (Node 20.19+ detects it)

const TOLERANCE = 1e-6;  // float32 rounding, relative to the largest magnitude of the expected values

function show(text) {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function number(v) {
  return Object.is(v, -0) ? "-0" : String(v);
}

// The values that differ from `expected` by more than float32 rounding, as text ("" when all agree).
function differences(actual, expected) {
  const scale = Math.max(...expected.map(Math.abs), 0);
  const bad = expected.flatMap((e, i) => (Math.abs(actual[i] - e) <= TOLERANCE * scale ? [] : [i]));
  return bad.slice(0, 4).map((i) => `[${i}] Python ${expected[i]}, JS ${actual[i]}`).join("; ");
}

function kernel(k) {
  return {K: Float32Array.from(k.values), rows: k.rows, cols: k.cols};
}

function check(name, problems) {
  const list = problems.join("\n  ");
  assert.equal(problems.length, 0, `${name}: ${problems.length} vector(s) differ from Python:\n  ${list}`);
}

test("kernelOf reads each cell as convcore.kernels.parse_cell does", () => {
  assert.equal(JS.MAX_ABS_VALUE, V.max_abs_value, "MAX_ABS_VALUE differs from convcore.kernels.MAX_ABS_VALUE");
  const problems = [];
  for (const cell of V.parse.cells) {
    const read = JS.kernelOf([[cell.text]]);
    const js = read ? read.K[0] : null;
    // a cell that is not plain (Unicode digits, "1_000") may be left to the server, never read as another number
    const agree = cell.error ? js === null : js === Math.fround(cell.value) || (js === null && !cell.plain);
    if (!agree) {
      const python = cell.error ? `refuses (${cell.error})` : `reads ${cell.value}`;
      problems.push(`cell ${show(cell.text)}: Python ${python}, JS ${js === null ? "refuses" : `reads ${js}`}`);
    }
  }
  for (const [i, grid] of V.parse.grids.entries()) {
    const read = JS.kernelOf(grid.cells);
    const name = `grid #${i} ${show(grid.cells)}`;
    if (grid.error) {
      if (read) problems.push(`${name}: Python refuses (${grid.error}), JS reads it`);
    } else if (!read) {
      problems.push(`${name}: Python reads it, JS refuses`);
    } else if (read.rows !== grid.kernel.rows || read.cols !== grid.kernel.cols ||
               read.K.some((v, j) => v !== grid.kernel.values[j])) {
      problems.push(`${name}: Python ${show(grid.kernel)}, JS ${show({...read, K: Array.from(read.K)})}`);
    }
  }
  check("kernelOf", problems);
});

test("changed turns a kernel as the kernel buttons do (convcore.kernels.transpose, flip, normalize)", () => {
  const problems = [];
  for (const [i, v] of V.actions.entries()) {
    const out = JS.changed(kernel(v.kernel), v.action);
    const name = `#${i} ${v.action} of ${v.kernel.rows}x${v.kernel.cols} [${v.kernel.values.join(", ")}]`;
    if (v.error) {
      if (out) problems.push(`${name}: Python refuses (${v.error}), JS gives [${Array.from(out.K).join(", ")}]`);
    } else if (!out) {
      problems.push(`${name}: Python gives [${v.result.values.join(", ")}], JS refuses`);
    } else if (out.rows !== v.result.rows || out.cols !== v.result.cols) {
      problems.push(`${name}: Python ${v.result.rows}x${v.result.cols}, JS ${out.rows}x${out.cols}`);
    } else {
      const text = differences(Array.from(out.K), v.result.values);
      if (text) problems.push(`${name}: ${text}`);
    }
  }
  check("changed", problems);
});

test("correlate has the server's output size and Y (convcore.engine, convcore.window.channel_outputs)", () => {
  const problems = [];
  for (const [i, v] of V.correlate.entries()) {
    const spec = {padding: v.padding, stride: v.stride, dilation: v.dilation, flip: v.flip};
    const X = Float32Array.from(v.x);
    const name = `#${i} X ${v.h}x${v.w}${v.times > 1 ? ` of ${v.times} channels` : ""}, K ${v.kernel.rows}x` +
      `${v.kernel.cols}, padding ${v.padding}, stride ${v.stride}, dilation ${v.dilation}${v.flip ? ", flip" : ""}`;
    const size = [JS.outputSize(v.h, v.kernel.rows, v.padding[0], v.stride[0], v.dilation[0]),
                  JS.outputSize(v.w, v.kernel.cols, v.padding[1], v.stride[1], v.dilation[1])];
    if (size.join() !== v.shape.join()) {
      problems.push(`${name}: output size Python ${v.shape.join("x")}, JS ${size.join("x")}`);
      continue;
    }
    if (v.error) continue;  // no output (the server says so): the browser is never asked for this Y
    const Y = JS.correlate(X, v.h, v.w, kernel(v.kernel), spec, v.times, v.shape);
    if (JS.correlate(X, v.h, v.w, kernel(v.kernel), spec, v.times, [v.shape[0] + 1, v.shape[1]])) {
      problems.push(`${name}: JS gives a Y for a shape other than the server's`);
    }
    if (!Y) {
      problems.push(`${name}: JS gives no Y for the server's shape ${v.shape.join("x")}`);
    } else {
      const text = differences(Y.flat(), v.y.flat());
      if (text) problems.push(`${name}: Y differs: ${text}`);
    }
  }
  check("correlate", problems);
});

test("cellText writes numbers as convcore.plots.figures.fitted_number does at every label width", () => {
  const problems = [];
  for (const v of V.text) {
    for (const [width, python] of Object.entries(v.labels)) {
      const js = JS.cellText(v.value, Number(width));
      if (js !== python) problems.push(`${number(v.value)} (width ${width}): Python "${python}", JS "${js}"`);
    }
  }
  check("cellText", problems);
});

test("labelWidth gives the widths convcore.plots.figures.label_width gives", () => {
  assert.deepEqual([3, 6, 7, 10, 11, 40].map(JS.labelWidth), [7, 7, 5, 5, 4, 4]);
});

test("pngUri colours Y as convcore.plots.figures.png_uri does", () => {
  const problems = [];
  for (const [i, v] of V.png.cases.entries()) {
    const uri = JS.pngUri(v.y, V.png.lut, v.zmin, v.zmax), prefix = "data:image/png;base64,";
    assert.ok(uri.startsWith(prefix));
    const {h, w, lut, index} = readPalettePng(Buffer.from(uri.slice(prefix.length), "base64"));
    assert.deepEqual([h, w], [v.y.length, v.y[0].length]);
    for (const [j, y] of v.y.flat().entries()) {
      const js = lut.slice(3 * index[j], 3 * index[j] + 3), python = v.rgb.slice(3 * j, 3 * j + 3);
      if (js.join() !== python.join()) {
        problems.push(`#${i} pixel ${j} (${y} on ${v.zmin}..${v.zmax}): Python rgb(${python}), JS rgb(${js})`);
      }
    }
  }
  check("pngUri", problems);
});

test("inputValues reads X back from its bytes (ui/components/kernel_preview.py encoded), bit for bit", () => {
  assert.ok(V.inputs && V.inputs.inputs.length > 0, "no input vectors");
  const problems = [];
  for (const v of V.inputs.inputs) {
    const fromBase64 = (text) => Uint8Array.from(Buffer.from(text, "base64"));
    const expected = new Float32Array(fromBase64(v.values).buffer);
    const raw = fromBase64(v.bytes), shifted = new Uint8Array(raw.length + 1);
    shifted.set(raw, 1);  // a view one byte into its buffer (unaligned for 16 and 32 bits): read as its own bytes
    const got = JS.inputValues(v.meta, shifted.subarray(1));
    const name = `${v.meta.h}x${v.meta.w} ${v.meta.dtype}`;
    if (got.length !== expected.length) problems.push(`${name}: ${expected.length} values, JS ${got.length}`);
    const bad = expected.findIndex((x, k) => !Object.is(got[k], x));
    if (bad >= 0) problems.push(`${name}: [${bad}] Python ${expected[bad]}, JS ${got[bad]}`);
  }
  check("inputValues", problems);
});

test("transformed turns X as convcore.images.transform does (as is, X.t(), np.rot90)", () => {
  const problems = [];
  for (const v of V.inputs.transforms) {
    const values = Float32Array.from({length: v.h * v.w}, (_, k) => k);
    const got = JS.transformed({values, h: v.h, w: v.w, channels: 1}, v.xform);
    const name = `${v.h}x${v.w} ${v.xform}`;
    if (got.h !== v.shape[0] || got.w !== v.shape[1] || got.channels !== 1) {
      problems.push(`${name}: Python ${v.shape}, JS ${got.h}x${got.w} (${got.channels} channels)`);
    } else if (Array.from(got.values).join() !== v.x.join()) {
      problems.push(`${name}: Python ${v.x}, JS ${Array.from(got.values)}`);
    }
  }
  check("transformed", problems);
});
