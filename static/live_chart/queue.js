// ConvLab live chart: the page-wide draw queue (window.__convlab.drawQueue), shared by every chart on the page.

const NS = (window.__convlab ??= {});  // the page's one ConvLab global (index.js lists its fields)
const sibling = (name) => import(new URL(`./${name}${new URL(import.meta.url).search}`, import.meta.url).href);
const {drawOnce} = await sibling("draw.js");
const {askNext} = await sibling("asks.js");

// One page-wide queue draws the charts one at a time, newest figure only, in tasks of their own with a rest after
// each draw: a Plotly redraw takes 20 to 150 ms here, and the browser must stay free between draws to read the next
// frame from the server and to ask for the next one (asks.js). A chart whose new
// figures come faster than it can be drawn skips the ones in between; the queue keeps its place (round robin).
const QUEUE = (NS.drawQueue ??= {waiting: new Set(), busy: false});
// After a draw of d ms, d * REST ms for the rest of the page: drawing takes at most two thirds of the main thread.
// With three charts (2 shared cores, speed "fast") 0, 0.25, 0.5 and 1 all kept 7 to 8.5 frames/s. The Train page's
// one chart (80 to 130 ms a draw) drew 4.2, 4.8 and 3.3 times a second with 0.25, 0.5 and 1 (one run each, load 2.6
// to 3.6): 0.5 leaves the busy browser of a shared machine more room at no cost to the chart's rate.
const REST = 0.5;

export function schedule(state) {
  QUEUE.waiting.add(state);
  pump();
}

// Takes a chart out of the queue (it is drawn now by other means, or gone).
export function unqueue(state) {
  QUEUE.waiting.delete(state);
}

// The next chart to draw: a clickable one first (Explore's Y, the answer the user waits for after an edit), else
// the one waiting longest.
function next() {
  for (const state of QUEUE.waiting) if (state.latest && state.latest.clickable) return state;
  const [first] = QUEUE.waiting;
  return first;
}

function pump() {
  if (QUEUE.busy || QUEUE.waiting.size === 0) return;
  QUEUE.busy = true;
  setTimeout(async () => {
    const state = next();  // none when the waiting charts were destroyed meanwhile (the page changed)
    const started = performance.now();
    try {
      if (state) {
        QUEUE.waiting.delete(state);
        await drawOnce(state);
      }
    } catch (error) {
      if (state && state.alive) {  // a chart unmounted while it was drawn is simply gone
        console.error("ConvLab live chart:", error);
        if (state.div) state.div.textContent = `Chart not drawn: ${error.message}`;
      }
    } finally {  // whatever happened, the queue goes on: a stuck queue would freeze every chart on the page
      if (state && state.alive) askNext(state);  // training live: drawn, so the next frame may come
      const took = performance.now() - started;
      setTimeout(() => {
        QUEUE.busy = false;
        pump();
      }, Math.min(took * REST, 200));
    }
  }, 0);
}
