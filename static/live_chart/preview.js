// ConvLab live chart: the preview hooks (Explore). An edited kernel redraws Y at once, a stroke on the drawing canvas
// or a sample picked in the sample box (picks.js) X and Y; the server's figure follows.
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

const PREVIEWS = (NS.previewCharts ??= new Set());
const MODULES = (NS.previewModules ??= {});

function load(url) {
  if (!MODULES[url]) {  // loaded now, so that an edit's preview needs no wait
    MODULES[url] = {ready: null};
    import(new URL(url, document.baseURI).href)
      .then((module) => { MODULES[url].ready = module; })
      .catch((error) => { delete MODULES[url]; console.error("ConvLab preview:", error); });
  }
}

const ready = (url) => (url && MODULES[url] ? MODULES[url].ready : null);

// The page's published input `id` (ui/components/kernel_preview.py), its values decoded by `module` when first used.
function inputOf(id, module) {
  const input = NS.previewInputs && NS.previewInputs[id];
  if (input && !input.values) input.values = module.inputValues(input, input.bytes);
  return input;
}

export function offerPreview(state, spec) {
  PREVIEWS.add(state);
  load(spec.module);
  if (spec.canvas) load(spec.canvas.module);
}

// The chart shows `fig` (a preview of its data) at once.
function show(state, data, fig) {
  state.latest = {...data, figure: JSON.stringify(fig)};
  count("previews");
  // Drawn now, not through the queue: before the browser starts on the rerun the edit asks for (Streamlit's
  // first re-render of the page takes tens of ms), so the preview shows within the frame.
  unqueue(state);
  drawOnce(state).catch((error) => { if (state.alive) console.error("ConvLab preview:", error); });
}

// Shows the previews `made` ({state, data, shown, x}): Y's at once, X's after the frame that paints Y (a Plotly draw
// holds the main thread: drawn in the same task, X's would delay Y on screen by its own 30-50 ms); a later preview or
// the server's figure, come meanwhile, wins.
function showInTurn(made) {
  made.sort((a, b) => a.x - b.x);
  const [first, ...rest] = made;
  if (first) show(first.state, first.data, first.shown);
  if (rest.length === 0) return;
  requestAnimationFrame(() => setTimeout(() => {
    for (const {state, data, shown} of rest) if (state.alive && state.latest === data) show(state, data, shown);
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

// A new X (a sample picked in the sample box, picks.js): `meta` (dtype, lo, step, h, w) and `bytes` as it travels,
// grey, before the page's transform `xform`. The X chart and Y are redrawn from it at once, both or neither: a chart
// whose shape would change waits for the server. Returns whether they were.
export function previewInput(meta, bytes, xform) {
  const made = [];
  let input = null;
  for (const state of PREVIEWS) {
    const data = state.latest, spec = data && data.preview, module = spec && ready(spec.module);
    if (!state.alive || !spec || spec.canvas || !(spec.role === "x" || spec.grid)) continue;
    if (!module) return false;
    try {
      input ??= module.transformed({...meta, values: module.inputValues(meta, bytes), channels: 1}, xform);
      const fig = JSON.parse(data.figure), lut = NS.previewInputs && NS.previewInputs[spec.input]?.lut;
      const shown = spec.role !== "x" ? lut && module.drawingFigure(fig, spec, {...input, lut}, numbers)
        : spec.x[0] === input.h && spec.x[1] === input.w && module.inputFigure(fig, spec, input, numbers);
      if (!shown) return false;
      made.push({state, data, shown, x: spec.role === "x"});
    } catch (error) {
      console.error("ConvLab input preview:", error);
      return false;
    }
  }
  if (!made.some((m) => m.x) || !made.some((m) => !m.x)) return false;
  showInTurn(made);  // Y first: the answer the user waits for
  return true;
}

// The toolbar buttons (streamlit-drawable-canvas names them in English, whatever the page's language) that change the
// drawing; not "Update the app with this drawing" nor "Edit".
const REDRAWS = new Set(["Undo", "Redo", "Reset canvas & history", "Delete selected", "Bring forward", "Send backward"]);

// streamlit-drawable-canvas draws with fabric.js inside its element's open shadow root: a stroke starts with a
// pointer down on its upper canvas and ends with the pointer up, wherever that is (mouse, pen or finger). fabric adds
// the stroke to its lower canvas in the animation frame that follows; the pixels are read just after that frame.
if (!NS.strokeListener) {
  NS.strokeListener = true;
  let upper = null;
  document.addEventListener("pointerdown", (event) => {
    const target = event.composedPath()[0];
    upper = target instanceof HTMLCanvasElement && target.classList.contains("upper-canvas") ? target : null;
  }, true);
  document.addEventListener("pointercancel", () => { upper = null; }, true);
  document.addEventListener("pointerup", () => {
    const lower = upper && upper.parentElement && upper.parentElement.querySelector("canvas.lower-canvas");
    upper = null;
    if (lower) requestAnimationFrame(() => setTimeout(() => previewDrawing(lower), 0));
  }, true);
  // The canvas's toolbar changes the drawing too: Undo, Redo and Reset load a saved drawing into fabric (its objects
  // are made in promises) and draw it at once; Delete selected, Bring forward and Send backward draw at once. Seen
  // here before the button's own handler, the drawing is read in the task after it, when those promises are done.
  document.addEventListener("click", (event) => {
    const button = event.composedPath().find((node) => node instanceof HTMLButtonElement);
    if (!button || !button.classList.contains("dc-icon-button") || !REDRAWS.has(button.getAttribute("aria-label"))) {
      return;
    }
    const drawn = button.getRootNode().querySelector("canvas.upper-canvas");  // the drawing: beside its upper canvas
    const lower = drawn && drawn.parentElement.querySelector("canvas.lower-canvas");
    if (lower) setTimeout(() => previewDrawing(lower), 0);
  }, true);
}
