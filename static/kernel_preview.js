// ConvLab kernel preview: Explore's Y computed in the browser from X and a typed kernel, as the server computes it
// (convcore.engine, convcore.plots.figures), so that an edit shows at once; the server's own figure follows and
// replaces it. Loaded by static/live_chart/; ui/components/kernel_preview.py says what the spec and the input hold.

// The palette PNG writer, from this module's own folder and version (ui/components/kernel_preview.py hashes both).
const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {palettePngUri} = await sibling("palette_png.js");

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const MAX_ABS_VALUE = 1e6;  // convcore.kernels.MAX_ABS_VALUE: the server refuses larger cells
// Python's str.strip() whitespace: trim() also strips U+FEFF (which float() refuses) but not \x1c-\x1f or \x85
const SPACE = "[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const EDGES = new RegExp(`^${SPACE}+|${SPACE}+$`, "g");

// The grid's text as a float32 kernel, or null when any cell is not a plain finite number the server would take
// (the server then answers with its message; its figure is the only one drawn). A comma is not a decimal point
// ("1,5": 1.5, or 1 and 5? convcore.kernels.parse_cell asks): NUMBER refuses it.
export function kernelOf(cells) {
  const rows = cells.length, cols = cells[0].length;
  const K = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const text = String(cells[r][c]).replace(EDGES, "");
      if (!NUMBER.test(text)) return null;
      const v = Number(text);
      if (!Number.isFinite(v) || Math.abs(v) > MAX_ABS_VALUE) return null;
      K[r * cols + c] = v;
    }
  }
  return {K, rows, cols};
}

// What a button makes of a kernel, as convcore.kernels does (transpose, flip 180 degrees, normalize to sum 1);
// no action: the kernel itself; null when the server refuses it (a kernel that sums to 0 cannot be normalised).
export function changed(kernel, action) {
  const {K, rows, cols} = kernel;
  if (!action) return kernel;
  if (action === "flip") return {K: K.slice().reverse(), rows, cols};  // row-major, turned 180 degrees
  if (action === "transpose") {
    const T = new Float32Array(K.length);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) T[c * rows + r] = K[r * cols + c];
    return {K: T, rows: cols, cols: rows};
  }
  const total = float32Sum(K);
  if (action !== "normalize" || Math.abs(total) < 1e-12) return null;
  return {K: K.map((v) => v / total), rows, cols};  // a Float32Array: float32, as the server's
}

// numpy's K.sum() of a float32 kernel, bit for bit: float32 partial sums in its pairwise order (normalize divides by
// it and refuses 0; the exact sum of [0.1, 0.2, -0.3] is not 0, numpy's is).
function float32Sum(K) {
  const n = K.length;
  if (n < 8) return K.reduce((a, b) => Math.fround(a + b), 0);
  if (n > 128) {
    const half = Math.floor(n / 2) - (Math.floor(n / 2) % 8);
    return Math.fround(float32Sum(K.subarray(0, half)) + float32Sum(K.subarray(half)));
  }
  const f = Math.fround, r = Array.from(K.subarray(0, 8));
  let i = 8;
  for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = f(r[j] + K[i + j]);
  let sum = f(f(f(r[0] + r[1]) + f(r[2] + r[3])) + f(f(r[4] + r[5]) + f(r[6] + r[7])));
  for (; i < n; i++) sum = f(sum + K[i]);
  return sum;
}

// X's grey values (row by row, float32) from the bytes they travel as (ui/components/kernel_preview.py encoded):
// float32 as they are, or 16 or 8 bits over their range (lo + q x step). `meta`: dtype, lo and step.
export function inputValues(meta, bytes) {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);  // aligned, its own
  const raw = new {f4: Float32Array, u2: Uint16Array, u1: Uint8Array}[meta.dtype](buffer);
  return meta.dtype === "f4" ? raw : Float32Array.from(raw, (q) => meta.lo + q * meta.step);
}

// X (`input`: values row by row, h, w) as transformed on the server (convcore.images.transform): as is, X.t(), or
// turned 90 degrees to the left (np.rot90). Returns the input with its values, h and w transformed.
export function transformed(input, xform) {
  const {values, h, w} = input;
  if (xform !== "transpose" && xform !== "rot90") return input;
  const out = new Float32Array(h * w);
  for (let i = 0; i < w; i++) {
    for (let j = 0; j < h; j++) out[i * h + j] = values[xform === "transpose" ? j * w + i : j * w + (w - 1 - i)];
  }
  return {...input, values: out, h: w, w: h};
}

// Output size along one axis: floor((n + 2p - d(k-1) - 1) / s) + 1, as convcore.engine.OutputShape.size.
export function outputSize(n, k, p, s, d) {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

// Cross-correlation of X (h x w) with K (kh x kw): zero padding, stride, dilation, the kernel turned 180 degrees when
// flip (true convolution), times `times` (the channels of a shared kernel). Returns Y row by row, or null when its
// shape is not `expected` (the server's Y: a preview never changes the chart's shape).
export function correlate(X, h, w, kernel, spec, times, expected) {
  const {K, rows: kh, cols: kw} = kernel;
  const [p0, p1] = spec.padding, [s0, s1] = spec.stride, [d0, d1] = spec.dilation;
  const oh = outputSize(h, kh, p0, s0, d0), ow = outputSize(w, kw, p1, s1, d1);
  if (oh !== expected[0] || ow !== expected[1]) return null;
  // The taps in the order the sum takes them (kernel row by row): each one's row and column offset in the window, its
  // place in X from the window's corner, and its weight.
  const n = kh * kw, dx = new Int32Array(n), dy = new Int32Array(n), at = new Int32Array(n), k = new Float64Array(n);
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      const t = a * kw + b;
      dx[t] = a * d0;
      dy[t] = b * d1;
      at[t] = dx[t] * w + dy[t];
      k[t] = spec.flip ? K[(kh - 1 - a) * kw + (kw - 1 - b)] : K[t];
    }
  }
  const bottom = dx[n - 1], right = dy[n - 1];  // the window's last row and column
  const Y = new Array(oh);
  for (let i = 0; i < oh; i++) {
    const top = i * s0 - p0, rowInside = top >= 0 && top + bottom < h;
    const row = new Array(ow);
    for (let j = 0; j < ow; j++) {
      const left = j * s1 - p1;
      let sum = 0;
      if (rowInside && left >= 0 && left + right < w) {
        const corner = top * w + left;
        for (let t = 0; t < n; t++) sum += X[corner + at[t]] * k[t];
      } else {  // the window reaches into the zero padding: those taps add nothing
        for (let t = 0; t < n; t++) {
          const x = top + dx[t], y = left + dy[t];
          if (x >= 0 && x < h && y >= 0 && y < w) sum += X[x * w + y] * k[t];
        }
      }
      row[j] = Math.fround(sum * times) + 0;  // float32 as the server's torch; + 0 turns -0 into 0
    }
    Y[i] = row;
  }
  return Y;
}

// numpy's rint: the nearest integer, a half to the even one (Math.round takes it up: 0.125 is ".12" in Python).
function rint(x) {
  const down = Math.floor(x), rest = x - down;
  return rest > 0.5 || (rest === 0.5 && down % 2 !== 0) ? down + 1 : down;
}

// v to 3 significant digits as Python rounds: toPrecision's, but an exact tie goes to the even digit (1.125: 1.12).
// A tie is a 4-digit decimal D x 10^-m ending in 5 that a double holds exactly: 5^m divides D.
function round3(v) {
  const four = Math.abs(v).toPrecision(4), [whole, part = ""] = four.split(".");
  const digits = Number(whole + part), exact = Number(four) === Math.abs(v) && digits % 5 ** part.length === 0;
  if (!part || four.includes("e") || digits % 10 !== 5 || !exact) return Number(v.toPrecision(3));
  const down = (digits - 5) / 10;
  return (Math.sign(v) * (down % 2 === 0 ? down : down + 1)) / 10 ** (part.length - 1);
}

// Python's f"{v:.3g}": 3 significant digits, no trailing zeros, an exponent below 1e-4 or from 1e3 on.
function g3(v) {
  if (v === 0) return "0";
  const rounded = round3(v);
  const exponent = Math.floor(Math.log10(Math.abs(rounded)));
  if (exponent < -4 || exponent >= 3) {
    const [mantissa, power] = rounded.toExponential(2).split("e");
    const p = Number(power);
    return `${mantissa.replace(/\.?0+$/, "")}e${p < 0 ? "-" : "+"}${String(Math.abs(p)).padStart(2, "0")}`;
  }
  return rounded.toFixed(Math.max(0, 2 - exponent)).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

const SHORT_WIDTH = 4;  // convcore.plots.figures.SHORT_WIDTH

// convcore.plots.figures.label_width: the characters a number may take in a cell of an array this large.
export const labelWidth = (side) => (side <= 6 ? 7 : side <= 10 ? 5 : SHORT_WIDTH);

// convcore.plots.figures.short_number: two decimals, or fewer until the label fits `width` characters.
function shortNumber(v, width) {
  let text = "";
  for (const digits of [2, 1, 0]) {
    const r = rint(v * 10 ** digits) / 10 ** digits + 0;  // np.round(v, digits); + 0: no "-0"
    text = Number.isInteger(r) ? r.toFixed(0) : r.toFixed(digits).replace(/0+$/, "");
    if (text.length <= width) break;
  }
  return text;
}

// convcore.plots.figures.fitted_number: as the cells write a number when it fits `width` characters without an
// exponent, else shorter.
export function cellText(v, width) {
  const text = Number.isInteger(v) ? (v + 0).toFixed(0) : g3(v);
  return text.length <= width && !text.includes("e") ? text : shortNumber(v, width);
}

// Y as a PNG data URI through the colour table, as convcore.plots.figures.png_uri: the same palette and indices.
export function pngUri(Y, lut, zmin, zmax) {
  const oh = Y.length, ow = Y[0].length, index = new Uint8Array(oh * ow);
  const scale = 255 / (zmax - zmin);
  for (let i = 0; i < oh; i++) {
    const row = Y[i];
    for (let j = 0; j < ow; j++) {
      index[i * ow + j] = Math.min(255, Math.max(0, Math.floor((row[j] - zmin) * scale + 0.5)));
    }
  }
  return palettePngUri(index, oh, ow, lut);
}

// The largest |v| of Y, or 1 when all are 0: the symmetric colour range (convcore.plots.figures.colour_range).
function bound(Y) {
  let most = 0;
  for (const row of Y) for (const v of row) most = Math.max(most, Math.abs(v));
  return most || 1;
}

// An array figure (convcore.plots.figures.array_figure, not selectable) with A (rows of numbers) on the colour range
// zmin..zmax: a heatmap's numbers and cell texts, or a picture's PNG (through `lut`) and its sampled hover cells; null
// for another kind of figure. numbers(values): a trace's x or y as numbers (as static/live_chart/arrays.js reads them).
function withArray(fig, A, zmin, zmax, lut, numbers) {
  const [trace, hover] = fig.data;
  if (trace.type === "heatmap") {
    Object.assign(trace, {z: A, zmin, zmax});
    const width = labelWidth(Math.max(A.length, A[0].length));
    if (trace.text) trace.text = A.map((row) => row.map((v) => cellText(v, width)));
  } else if (trace.type === "image" && hover && hover.type === "heatmap" && lut) {
    trace.source = pngUri(A, lut, zmin, zmax);
    const rows = numbers(hover.y), cols = numbers(hover.x);
    Object.assign(hover, {z: Array.from(rows, (r) => Array.from(cols, (c) => A[r][c])), zmin, zmax});
  } else {
    return null;
  }
  return fig;
}

// The server's Y figure (parsed JSON) with Y recomputed from `input` (X as the page holds it: values, h, w, channels,
// lut) and `kernel`; null when no preview can be made.
export function yFigure(fig, spec, input, kernel, numbers) {
  if (!kernel || kernel.rows !== spec.k[0] || kernel.cols !== spec.k[1]) return null;
  const Y = correlate(input.values, input.h, input.w, kernel, spec, input.channels, spec.y);
  if (!Y) return null;
  const most = bound(Y);
  return withArray(fig, Y, -most, most, input.lut, numbers);
}

// The server's Y figure with Y recomputed for `cells` (after the button `action`, if any); null when no preview can
// be made.
export function previewFigure(fig, spec, input, cells, action, numbers) {
  const typed = kernelOf(cells);
  return yFigure(fig, spec, input, typed && changed(typed, action), numbers);
}

// The server's Y figure with Y recomputed from a new X (`input`: a drawing's, a sample's) and the kernel the spec
// carries.
export function drawingFigure(fig, spec, input, numbers) {
  const kernel = {K: Float32Array.from(spec.kernel), rows: spec.k[0], cols: spec.k[1]};
  return yFigure(fig, spec, input, kernel, numbers);
}

// The server's X figure (grey, not symmetric: min..max, as convcore.plots.figures.colour_range) showing a new X
// (`input`: a drawing's, a sample's); its picture, for a large X, through the spec's grey colour table.
export function inputFigure(fig, spec, input, numbers) {
  const {values, h, w} = input, X = [];
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < h; i++) {
    const row = Array.from(values.subarray(i * w, (i + 1) * w));
    for (const v of row) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    X.push(row);
  }
  return withArray(fig, X, lo, hi > lo ? hi : lo + 1, spec.lut, numbers);
}
