"""Explore's Y chart in the browser tests: the pixel that shows a cell, and whether the chart outlines a cell."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.helpers.browser import TIMEOUT

# The viewport pixel (x, y) that shows cell (i, j) of a plot, placed with Plotly's own axes (cells centred on
# integers). Whole pixels: the browser drops a click's fraction of a pixel, and the chart reads the cell under the
# pixel's middle (static/live_chart/): the pixel under the cell's centre, or else the first one whose middle lies in
# the cell (0.02 px in from its edges), when one does (a cell may be under 2 px wide); null where none does.
CELL_PIXEL = """(gd, [i, j]) => { const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  const pixel = (axis, origin, k) => {
    const [a, b] = [axis.c2p(k - 0.5), axis.c2p(k + 0.5)].map((p) => origin + axis._offset + p);
    const [lo, hi] = [Math.min(a, b) + 0.02, Math.max(a, b) - 0.02];
    for (const n of [Math.floor((a + b) / 2), Math.ceil(lo - 0.5)]) if (n + 0.5 >= lo && n + 0.5 < hi) return n;
    return null; };
  return [pixel(layout.xaxis, box.left, j), pixel(layout.yaxis, box.top, i)]; }"""
# Whether the Y chart (static/live_chart/'s state on its host) shows its latest figure at its host's width, not
# drawing, after a draw since `before` (its draw count), and outlines cell (i, j): a click is read against the axes
# of the figure drawn, and a draw in progress lays them out afresh.
OUTLINED = """([gd, i, j, before]) => {
  const state = gd.parentElement.__convlab.liveChart, layout = gd._fullLayout;
  const width = Math.max(state.host.getBoundingClientRect().width, 150);
  return gd.dataset.drawn !== before && !state.drawing && state.drawn === state.latest && state.width === width &&
    !!layout && layout.shapes.some((s) => s.x0 === j - 0.5 && s.x1 === j + 0.5 && s.y0 === i - 0.5 && s.y1 === i + 0.5);
}"""


def y_plot(page: Page):
    """Explore's Y chart's plot, scrolled into view, ready for clicks."""
    chart = page.locator(".st-key-ex_y_chart")
    chart.scroll_into_view_if_needed()
    plot = chart.locator(".js-plotly-plot").first
    expect(plot.locator(".nsewdrag")).to_be_attached(timeout=TIMEOUT)
    return plot


def cell_pixel(page: Page, i: int, j: int) -> tuple[int, int]:
    """The viewport pixel (x, y) that shows cell (i, j) of Explore's Y."""
    x, y = y_plot(page).evaluate(CELL_PIXEL, [i, j])
    assert x is not None and y is not None, (i, j)  # a pixel shows the cell
    return x, y


# Clicks viewport pixel [x, y] in the task that follows the page's next pointerup (a stroke's end on the drawing
# canvas): a click the moment the mouse is lifted, before the stroke's preview is drawn and long before the canvas sends
# the drawing (200 ms later). Mouse events as Plotly reads them: down on the plot's drag layer, up where the pointer
# then is (the cover Plotly lays over the page while a button is down), then the click.
CLICK_AFTER_NEXT_POINTERUP = """([x, y]) => document.addEventListener('pointerup', () => setTimeout(() => {
  const init = {clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true, view: window, button: 0};
  document.elementFromPoint(x, y).dispatchEvent(new MouseEvent('mousedown', {...init, buttons: 1}));
  const cover = document.elementFromPoint(x, y);
  cover.dispatchEvent(new MouseEvent('mouseup', init));
  cover.dispatchEvent(new MouseEvent('click', init));
}, 0), {once: true})"""


def click_when_the_mouse_is_lifted(page: Page, i: int, j: int) -> None:
    """Have the page click cell (i, j) of Explore's Y the moment the mouse is next lifted (the end of a stroke)."""
    page.evaluate(CLICK_AFTER_NEXT_POINTERUP, list(cell_pixel(page, i, j)))
