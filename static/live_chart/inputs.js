// ConvLab live chart: previews of a new X and of the settings (Explore), through preview.js: a sample picked in the
// sample box (picks.js), X's transform or correlation / convolution switched (a click on one of their options). X and
// Y are redrawn at once, in figures of another size when X's changes (ui/explore/charts.py); the server's follow.

const NS = (window.__convlab ??= {});  // the page's one ConvLab global (index.js lists its fields)
const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {numbers} = await sibling("arrays.js");
const {PREVIEWS, ready, inputOf, show, showInTurn} = await sibling("preview.js");

// The chart of Y (its preview spec names the kernel grid), if the page has one.
function yChart() {
  for (const state of PREVIEWS) if (state.alive && state.latest && state.latest.preview?.grid) return state;
  return undefined;
}

// The figures a new X of `input`'s size would have (ui/explore/charts.py: X's and Y's without their numbers, Y's size),
// which Y's spec carries for each size a pick can give X but its own; undefined for X's own size.
function sizeFigures(input) {
  return yChart()?.latest.preview.sizes?.[`${input.h}x${input.w}`];
}

// A chart's preview of a new X (`input`): its figure, and its height when that changes; null when it cannot be made.
function inputPreview(module, data, spec, input, sized) {
  const x = spec.role === "x", own = x ? spec.x[0] === input.h && spec.x[1] === input.w : !sized;
  if (!own && !sized) return null;  // another size, and no figure for it: the server's answer will draw it
  const fig = own ? JSON.parse(data.figure) : structuredClone(x ? sized.x_figure : sized.y_figure);
  let shown;
  if (x) {
    shown = module.inputFigure(fig, own ? spec : {...spec, lut: sized.x_lut}, input, numbers);
  } else {
    const lut = NS.previewInputs && NS.previewInputs[spec.input]?.lut;
    shown = lut && module.drawingFigure(fig, own ? spec : {...spec, y: sized.y}, {...input, lut}, numbers);
  }
  return shown ? {shown, height: own ? undefined : fig.layout.height} : null;
}

// X and Y redrawn at once from a new X, made by `make(module)` from what the page holds, both or neither (a size of X
// the page has no figures for waits for the server). Returns whether they were.
function previewX(make) {
  const made = [];
  let input = null, sized;
  for (const state of PREVIEWS) {
    const data = state.latest, spec = data && data.preview, module = spec && ready(spec.module);
    if (!state.alive || !spec || spec.canvas || !(spec.role === "x" || spec.grid)) continue;
    if (!module) return false;
    try {
      if (!input) {
        input = make(module);
        if (!input) return false;
        sized = sizeFigures(input);
      }
      const preview = inputPreview(module, data, spec, input, sized);
      if (!preview) return false;
      made.push({state, data, ...preview, x: spec.role === "x"});
    } catch (error) {
      console.error("ConvLab input preview:", error);
      return false;
    }
  }
  if (!made.some((m) => m.x) || !made.some((m) => !m.x)) return false;
  showInTurn(made);  // Y first: the answer the user waits for
  return true;
}

// A sample picked in the sample box (picks.js): its X as it travels, `meta` (dtype, lo, step, h, w) and `bytes`, grey,
// before the page's transform `xform`.
export function previewInput(meta, bytes, xform) {
  return previewX((module) => module.transformed({...meta, values: module.inputValues(meta, bytes), channels: 1},
                                                 xform));
}

// The page's X before its transform `xform` (X.t() again, or three more quarter turns).
function untransformed(module, input, xform) {
  const turns = {transpose: 1, rot90: 3}[xform] || 0;
  let out = input;
  for (let n = 0; n < turns; n++) out = module.transformed(out, xform);
  return out;
}

// Which option of switch `key` `button` is (its place among the options), or -1.
function optionOf(button, key) {
  const box = key && button.closest(`.st-key-${key}`);
  return box ? [...box.querySelectorAll("[role=radio]")].indexOf(button) : -1;
}

// Y redrawn with the kernel turned 180 degrees (`flip`: convolution) or not.
function previewFlip(state, data, spec, flip) {
  const module = ready(spec.module), input = module && inputOf(spec.input, module);
  if (!input || flip === (data.flipShown ?? spec.flip)) return;  // the option it shows already
  const fig = module.drawingFigure(JSON.parse(data.figure), {...spec, flip}, input, numbers);
  if (!fig) return;
  show(state, data, fig);
  state.latest.flipShown = flip;  // until the server's figure, which says it in its spec
}

// X and Y redrawn with X transformed by `xform` (as is, X.t(), turned), from the page's X under the spec's transform.
function previewTransform(state, data, spec, xform) {
  if (!xform || xform === (data.xformShown ?? spec.xform)) return;
  const made = (module) => {
    const input = inputOf(spec.input, module);
    return input && module.transformed(untransformed(module, input, spec.xform), xform);
  };
  if (previewX(made)) state.latest.xformShown = xform;  // Y's is drawn at once; the server's figure says it then
}

// A click on `button`: when it is an option of a switch Y's spec names, X and Y are redrawn at once as that option
// makes them: `flip_box` (correlation / convolution, the second turning the kernel), `xform_box` (X's transform, the
// options `xforms` in order).
export function previewSwitch(button) {
  const state = yChart(), data = state && state.latest, spec = data && data.preview;
  if (!spec) return;
  try {
    const flip = optionOf(button, spec.flip_box), xform = optionOf(button, spec.xform_box);
    if (flip >= 0) previewFlip(state, data, spec, flip === 1);
    if (xform >= 0) previewTransform(state, data, spec, spec.xforms[xform]);
  } catch (error) {
    console.error("ConvLab switch preview:", error);
  }
}
