// ConvLab live chart: the kernel-preview hook (Explore). An edited kernel redraws Y at once; the server's figure
// follows.
//
// A chart whose data has a `preview` spec (ui/components/kernel_preview.py) can be redrawn by the kernel grid it names,
// from the input the page published (window.__convlab.previewInputs), before the server's rerun arrives. The maths is
// in static/kernel_preview.js (spec.module, its own versioned URL), loaded here once per page.

const NS = (window.__convlab ??= {});  // the page's one ConvLab global (index.js lists its fields)
const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {numbers} = await sibling("arrays.js");
const {drawOnce} = await sibling("draw.js");
const {unqueue} = await sibling("queue.js");
const {count} = await sibling("stats.js");

const PREVIEWS = (NS.previewCharts ??= new Set());
const MODULES = (NS.previewModules ??= {});

export function offerPreview(state, spec) {
  PREVIEWS.add(state);
  if (!MODULES[spec.module]) {  // loaded now, so that an edit's preview needs no wait
    MODULES[spec.module] = {ready: null};
    import(new URL(spec.module, document.baseURI).href)
      .then((module) => { MODULES[spec.module].ready = module; })
      .catch((error) => { delete MODULES[spec.module]; console.error("ConvLab kernel preview:", error); });
  }
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
    const module = spec && MODULES[spec.module] && MODULES[spec.module].ready;
    const input = spec && NS.previewInputs && NS.previewInputs[spec.input];
    if (!state.alive || !module || !input || spec.grid !== grid) continue;
    try {
      const fig = module.previewFigure(JSON.parse(data.figure), spec, input, cells, action, numbers);
      if (!fig) continue;
      state.latest = {...data, figure: JSON.stringify(fig)};
      count("previews");
      // Drawn now, not through the queue: before the browser starts on the rerun the edit asks for (Streamlit's
      // first re-render of the page takes tens of ms), so the preview shows within the frame.
      unqueue(state);
      drawOnce(state).catch((error) => { if (state.alive) console.error("ConvLab kernel preview:", error); });
      drawn = true;
    } catch (error) {
      console.error("ConvLab kernel preview:", error);
    }
  }
  return drawn;
};
