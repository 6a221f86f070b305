// ConvLab live chart: the preview hooks (Explore). An edited kernel redraws Y at once, a stroke on the drawing canvas
// (strokes.js) X and Y, and so do a new X and the settings (inputs.js); the server's figure follows.
//
// A chart whose data has a `preview` spec (ui/components/kernel_preview.py) can be redrawn by the kernel grid it names,
// from the input the page published (window.__convlab.previewInputs), before the server's rerun arrives. The maths is
// in static/kernel_preview.js (spec.module, its own versioned URL), loaded here once per page. A chart whose spec has a
// `canvas` (X came from the drawing canvas) is redrawn from the canvas's pixels when a stroke ends: X is made from them
// by static/canvas_preview.js (spec.canvas.module), as the server makes it.

const NS = (window.__convlab ??= {});  // the page's one ConvLab global (index.js lists its fields)
const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {numbers} = await sibling("arrays.js");
const {drawOnce} = await sibling("draw.js");
const {unqueue} = await sibling("queue.js");
const {count} = await sibling("stats.js");

export const PREVIEWS = (NS.previewCharts ??= new Set());
const MODULES = (NS.previewModules ??= {});

function load(url) {
  if (!MODULES[url]) {  // loaded now, so that an edit's preview needs no wait
    MODULES[url] = {ready: null};
    import(new URL(url, document.baseURI).href)
      .then((module) => { MODULES[url].ready = module; })
      .catch((error) => { delete MODULES[url]; console.error("ConvLab preview:", error); });
  }
}

export const ready = (url) => (url && MODULES[url] ? MODULES[url].ready : null);

// The page's published input `id` (ui/components/kernel_preview.py), its values decoded by `module` when first used.
export function inputOf(id, module) {
  const input = NS.previewInputs && NS.previewInputs[id];
  if (input && !input.values) input.values = module.inputValues(input, input.bytes);
  return input;
}

// The figures of X's other sizes (ui/explore/charts.py) travel with Y's spec only when they change: a spec without
// them names (sizes_key) the ones last sent, kept here for the page's life.
const SIZES = (NS.previewSizes ??= {key: null, figures: null});

export function offerPreview(state, spec) {
  if (spec.sizes) Object.assign(SIZES, {key: spec.sizes_key, figures: spec.sizes});
  else if (spec.sizes_key !== undefined && spec.sizes_key === SIZES.key) spec.sizes = SIZES.figures;
  PREVIEWS.add(state);
  load(spec.module);
  if (spec.canvas) load(spec.canvas.module);
}

// The chart shows `fig` (a preview of its data) at once; `height`: the chart's, when the preview changes it.
export function show(state, data, fig, height) {
  state.latest = {...data, figure: JSON.stringify(fig), ...(height ? {height} : {})};
  count("previews");
  // Drawn now, not through the queue: before the browser starts on the rerun the edit asks for (Streamlit's
  // first re-render of the page takes tens of ms), so the preview shows within the frame.
  unqueue(state);
  drawOnce(state).catch((error) => { if (state.alive) console.error("ConvLab preview:", error); });
}

// Shows the previews `made` ({state, data, shown, x}): Y's at once, X's after the frame that paints Y (a Plotly draw
// holds the main thread: drawn in the same task, X's would delay Y on screen by its own 30-50 ms); a later preview or
// the server's figure, come meanwhile, wins.
export function showInTurn(made) {
  made.sort((a, b) => a.x - b.x);
  const [first, ...rest] = made;
  if (first) show(first.state, first.data, first.shown, first.height);
  if (rest.length === 0) return;
  requestAnimationFrame(() => setTimeout(() => {
    for (const {state, data, shown, height} of rest) {
      if (state.alive && state.latest === data) show(state, data, shown, height);
    }
  }, 0));
}

export function forgetPreview(state) {
  PREVIEWS.delete(state);
}

// Called by the kernel grid `grid` with its cells (and the button pressed, if any: transpose, flip or normalize),
// just before it sends them: true when a chart took a preview.
NS.preview = (grid, cells, action = null) => {
  let drawn = false;
  for (const state of PREVIEWS) {
    const data = state.latest, spec = data && data.preview;
    const module = spec && ready(spec.module);
    const input = module && inputOf(spec.input, module);
    if (!state.alive || !module || !input || spec.grid !== grid) continue;
    try {
      const fig = module.previewFigure(JSON.parse(data.figure), spec, input, cells, action, numbers);
      if (!fig) continue;
      show(state, data, fig);
      drawn = true;
    } catch (error) {
      console.error("ConvLab kernel preview:", error);
    }
  }
  return drawn;
};

// A stroke ended on the drawing canvas `lower` (its fabric.js lower canvas, which holds the drawing): the charts made
// from it are redrawn from its pixels. Returns how many took a preview.
export function previewDrawing(lower) {
  let pixels = null;
  const inputs = new Map(), made = [];  // X once per canvas spec (Y's and X's charts share it)
  for (const state of PREVIEWS) {
    const data = state.latest, spec = data && data.preview, canvas = spec && spec.canvas;
    const module = spec && ready(spec.module), drawing = canvas && ready(canvas.module);
    if (!state.alive || !module || !drawing) continue;
    const [ph, pw] = canvas.pixels;
    if (ph !== lower.height || pw !== lower.width) continue;
    try {
      pixels ??= lower.getContext("2d").getImageData(0, 0, pw, ph).data;
      const key = JSON.stringify(canvas);
      if (!inputs.has(key)) {
        inputs.set(key, module.transformed(drawing.drawingInput(pixels, ph, pw, canvas), canvas.xform));
      }
      const input = inputs.get(key), fig = JSON.parse(data.figure);
      const lut = NS.previewInputs && NS.previewInputs[spec.input] && NS.previewInputs[spec.input].lut;
      const shown = spec.role === "x" ? module.inputFigure(fig, spec, input, numbers)
        : module.drawingFigure(fig, spec, {...input, lut}, numbers);
      if (shown) made.push({state, data, shown, x: spec.role === "x"});
    } catch (error) {
      console.error("ConvLab canvas preview:", error);
    }
  }
  showInTurn(made);  // Y first: the answer the user waits for
  return made.length;
}
