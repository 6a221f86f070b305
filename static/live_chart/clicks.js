// ConvLab live chart: clicks on a clickable chart (Explore's Y), sent to the server as the state value "click".

// A click on the plot area of a clickable chart reports the data coordinates under the mouse (not the nearest
// point: a large array is a picture, and any of its cells must be reachable), with a count so that clicking the
// same cell twice is still a change.
// The browser gives a click in whole pixels (it drops the fraction): the pointer is somewhere in pixel [n, n + 1),
// and that pixel shows the cell under its middle. The corner n put every click half a pixel up and to the left: on
// a picture whose cells are under a pixel wide (a 341 x 512 Y in a 1400 px window: 0.52 px a cell), nearly always
// the cell before the one drawn there (row 99 for row 100).
const pixelMiddle = (v) => (Number.isInteger(v) ? v + 0.5 : v);

export function listenForClicks(state) {
  state.div.on("plotly_click", (event) => {
    if (!state.latest || !state.latest.clickable || !event || !event.event) return;
    const layout = state.div._fullLayout;
    const xa = layout && layout.xaxis, ya = layout && layout.yaxis;
    if (!xa || !ya) return;
    const box = state.div.getBoundingClientRect();
    const x = xa.p2c(pixelMiddle(event.event.clientX) - box.left - xa._offset);
    const y = ya.p2c(pixelMiddle(event.event.clientY) - box.top - ya._offset);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    state.clicks = (state.clicks || 0) + 1;
    state.setStateValue("click", {x, y, n: state.clicks});
  });
}
