// ConvLab live chart: a trace's x or y as numbers, from a plain array or Plotly's typed-array spec {dtype, bdata}
// (what plotly.io.to_json sends for numpy arrays), decoded once and kept for the next frames.

const TYPED = {f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array,
               u2: Uint16Array, i1: Int8Array, u1: Uint8Array, u1c: Uint8ClampedArray};

// Decoded arrays by dtype and base64 text: a frame's traces share their steps, and most arrays come again in the
// next frame (the landscape, the targets). Read-only for every caller. Kept to the last DECODED_MAX texts.
const DECODED = new Map();
const DECODED_MAX = 64;

function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// A trace's x or y as numbers: a plain array, or Plotly's typed-array spec {dtype, bdata} (base64).
export function numbers(values) {
  if (Array.isArray(values) || ArrayBuffer.isView(values)) return values;
  if (!values || typeof values.bdata !== "string" || !(values.dtype in TYPED)) return [];
  const key = values.dtype + values.bdata;
  let decoded = DECODED.get(key);
  if (decoded === undefined) {
    decoded = new TYPED[values.dtype](decodeBase64(values.bdata).buffer);
    if (DECODED.size >= DECODED_MAX) DECODED.delete(DECODED.keys().next().value);  // the oldest
  } else {
    DECODED.delete(key);  // to the end: the newest
  }
  DECODED.set(key, decoded);
  return decoded;
}

// The first n numbers of a trace's x or y (a view of a typed array, a copy of a plain one).
export function head(values, n) {
  const all = numbers(values);
  return ArrayBuffer.isView(all) ? all.subarray(0, n) : Array.from(all).slice(0, n);
}
