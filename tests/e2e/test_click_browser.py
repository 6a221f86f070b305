"""Browser: a click on Explore's Y selects the cell drawn under the pointer, also where cells are under a pixel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import TIMEOUT, assert_no_exception, choose_source, png_file, wait_app_idle
from tests.helpers.cells import OUTLINED, y_plot

pytestmark = pytest.mark.browser

# The viewport pixel whose middle lies inside cell (i, j) of the Y chart, searching from (i, j) down and to the right
# for a cell that has one (a cell under a pixel wide may have none): [i, j, x, y], or null. Plotly's own axes place
# the cells; 0.02 px from a cell's edge is the least margin taken.
PIXEL_IN_CELL = """(gd, [i, j]) => {
  const box = gd.getBoundingClientRect(), layout = gd._fullLayout;
  const pixel = (axis, origin, k) => {
    const [a, b] = [axis.c2p(k - 0.5), axis.c2p(k + 0.5)].map((p) => origin + axis._offset + p);
    const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
    const n = Math.ceil(lo + 0.02 - 0.5);
    return n + 0.5 < hi - 0.02 ? n : null;
  };
  for (let di = 0; di < 4; di++) for (let dj = 0; dj < 4; dj++) {
    const y = pixel(layout.yaxis, box.top, i + di), x = pixel(layout.xaxis, box.left, j + dj);
    if (x !== null && y !== null) return [i + di, j + dj, x, y];
  }
  return null;
}"""

def test_a_click_on_a_large_y_selects_the_cell_drawn_under_the_pointer(page: Page, app_url: str,
                                                                       tmp_path: Path) -> None:
    # A 512 x 341 photo with a 1 x 1 kernel: Y is 341 x 512, drawn at about half a pixel a cell. The browser gives a
    # click in whole pixels; the pixel shows the cell under its middle, and that cell must be the one selected (its
    # corner was taken: nearly always the cell before, row 99 for row 100).
    photo = png_file(tmp_path, "wide.png", np.add.outer(np.arange(341) // 2, np.arange(512) // 3))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/explore?lang=en&kernel=1")
    expect(page.locator(".st-key-ex_y_chart .heatmaplayer").first).to_be_attached(timeout=60_000)
    wait_app_idle(page)
    choose_source(page, "en", "upload")
    page.locator(".st-key-ex_file input[type=file]").set_input_files(str(photo))
    expect(page.get_by_text("(341 - 1 + 1) x (512 - 1 + 1) = 341 x 512")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".st-key-ex_y_chart .imagelayer image")).to_have_count(1, timeout=TIMEOUT)
    wait_app_idle(page)
    plot = y_plot(page)
    row, col = (int(page.locator(f".st-key-ex_{name} input").input_value()) for name in ("row", "col"))
    page.wait_for_function(OUTLINED, arg=[plot.element_handle(), row, col, None], timeout=TIMEOUT)
    assert plot.evaluate("gd => Math.abs(gd._fullLayout.yaxis._m)") < 0.75  # cells under a pixel: what went wrong
    for target in ((100, 200), (7, 3), (170, 301), (333, 505)):
        found = plot.evaluate(PIXEL_IN_CELL, list(target))
        assert found is not None, target
        i, j, x, y = found
        # A click within Plotly's double-click delay (300 ms) of the last one is a double click, which rescales the
        # axes under the pointer: each click here is a single one, however fast the app answered the last.
        drawn = plot.evaluate("gd => { gd._mouseDownTime = 0; return gd.dataset.drawn; }")
        page.mouse.click(x, y)
        expect(page.locator(".st-key-ex_row input")).to_have_value(str(i), timeout=TIMEOUT)
        expect(page.locator(".st-key-ex_col input")).to_have_value(str(j), timeout=TIMEOUT)
        expect(page.get_by_text(f"Y[{i}, {j}] = (", exact=False)).to_be_visible(timeout=TIMEOUT)
        page.wait_for_function(OUTLINED, arg=[plot.element_handle(), i, j, drawn], timeout=TIMEOUT)
    assert_no_exception(page)
