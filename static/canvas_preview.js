// ConvLab canvas preview: X made in the browser from the drawing canvas's pixels exactly as the server makes it
// (convcore.drawing.drawing_plane and, for colour, the channels' mean that ui/components/kernel_preview.py hands the
// browser; static/kernel_preview.js transforms it), so that a stroke redraws X and Y at once. Loaded by
// static/live_chart/preview.js; the spec's `canvas` (ui/components/kernel_preview.py canvas_spec) says how.

const FULL = 255 * 255;  // white at full opacity: colour x alpha

// Start and stop of the input pixels of each of m outputs from n (convcore.drawing.axis_boxes): area boxes to shrink,
// torch's nearest pixel (in float32, as convcore.images.nearest_rows) to enlarge.
export function axisBoxes(n, m) {
  const start = new Int32Array(m), stop = new Int32Array(m);
  const scale = Math.fround(Math.fround(n) / Math.fround(m));
  for (let i = 0; i < m; i++) {
    if (m > n) {
      start[i] = Math.min(Math.floor(Math.fround(i * scale)), n - 1);
      stop[i] = start[i] + 1;
    } else {
      start[i] = Math.floor((i * n) / m);
      stop[i] = Math.ceil(((i + 1) * n) / m);
    }
  }
  return {start, stop};
}

// Summed-area table (h + 1) x (w + 1) of weight(k) over the pixels (k: the pixel's RGBA offset); integers, exact in
// a double up to 2^53 (a 512 x 512 canvas sums to 1.3e10 at most).
function summed(pixels, h, w, weight) {
  const S = new Float64Array((h + 1) * (w + 1));
  for (let i = 0; i < h; i++) {
    let run = 0;
    for (let j = 0; j < w; j++) {
      run += weight(4 * (i * w + j));
      S[(i + 1) * (w + 1) + j + 1] = S[i * (w + 1) + j + 1] + run;
    }
  }
  return S;
}

// One plane (H x W float32, row by row): each box's sum divided once by `full` x its pixel count, as the server does.
function boxMeans(S, w, rows, cols, full) {
  const H = rows.start.length, W = cols.start.length, out = new Float32Array(H * W), row = w + 1;
  for (let i = 0; i < H; i++) {
    const r0 = rows.start[i] * row, r1 = rows.stop[i] * row, nr = rows.stop[i] - rows.start[i];
    for (let j = 0; j < W; j++) {
      const c0 = cols.start[j], c1 = cols.stop[j];
      const sum = S[r1 + c1] - S[r0 + c1] - S[r1 + c0] + S[r0 + c0];
      out[i * W + j] = sum / (full * nr * (c1 - c0));  // one double division, then float32 (the Float32Array)
    }
  }
  return out;
}

// The canvas's RGBA bytes (ph x pw) as the page's preview input before the transform (static/kernel_preview.js
// transformed does it): X's grey values (the mean of its channels, in float32 as numpy takes it), its size (the spec's
// canvas.size), and its channel count.
export function drawingInput(pixels, ph, pw, canvas) {
  const [H, W] = canvas.size;
  const rows = axisBoxes(ph, H), cols = axisBoxes(pw, W);
  let grey;
  if (canvas.color) {
    const [r, g, b] = [0, 1, 2].map((c) => boxMeans(summed(pixels, ph, pw, (k) => pixels[k + c] * pixels[k + 3]),
                                                     pw, rows, cols, FULL));
    grey = r.map((v, k) => Math.fround(Math.fround(v + g[k]) + b[k]) / 3);  // stored as float32 by the array
  } else {
    const weight = (k) => (pixels[k] + pixels[k + 1] + pixels[k + 2]) * pixels[k + 3];
    grey = boxMeans(summed(pixels, ph, pw, weight), pw, rows, cols, 3 * FULL);
  }
  return {values: grey, h: H, w: W, channels: canvas.color ? 3 : 1};
}
