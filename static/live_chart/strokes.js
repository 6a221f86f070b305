// ConvLab live chart: strokes on the drawing canvas previewed (Explore). A stroke, or a toolbar button that changes
// the drawing, has preview.js redraw the charts made from the canvas's pixels at once.

const NS = (window.__convlab ??= {});  // the page's one ConvLab global (index.js lists its fields)
const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {previewDrawing} = await sibling("preview.js");

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
