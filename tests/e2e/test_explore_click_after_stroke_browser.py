"""Browser: a click on Explore's Y right after a stroke on the drawing canvas is kept, even when the page sends the
drawing (the canvas sends it a moment after the mouse is lifted) before the click's answer has reached it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error, Page, expect

from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, open_drawing, stroke_canvas,
                                   wait_charts_settled, wait_runs_done)
from tests.helpers.cells import OUTLINED, cell_pixel, y_plot
from tests.helpers.socket_gate import AnswerGate

pytestmark = pytest.mark.browser

FINISHED = "() => window.__e2eRuns.finished"


@pytest.mark.parametrize("cell", [(2, 5), (9, 0)])
def test_a_click_on_y_answered_after_the_strokes_drawing_was_sent_selects_that_cell(page: Page, app_url: str,
                                                                                     cell: tuple[int, int]) -> None:
    gate = AnswerGate(page)  # first: the runs are then read from the websocket the gate hands the page
    page.add_init_script(TRACK_RUNS)
    open_drawing(page, f"{app_url}/explore?lang=en&src=draw&preset=sobel_x")
    page.set_viewport_size({"width": 1400, "height": 2200})  # the canvas and Y in view together: no scroll between
    wait_charts_settled(page)
    wait_runs_done(page)
    i, j = cell
    x, y = cell_pixel(page, i, j)  # placed before the stroke: the click follows the mouse-up at once
    finished = page.evaluate(FINISHED)
    # A student's quick click, in the order that lost it: the click's run is asked for first, and its answer reaches
    # the page only after the page has sent the drawing (as when the browser is busy redrawing the stroke's preview).
    gate.hold()
    stroke_canvas(page, 1)
    page.mouse.click(x, y)
    try:
        page.wait_for_function(f"n => ({FINISHED})() >= n", arg=finished + 2, timeout=TIMEOUT)  # both answered
    except Error as error:
        raise AssertionError(f"the page's requests while holding: {gate.requests}") from error
    assert gate.requests == ["fragment", "app"]  # the click first, then the drawing, as staged
    wait_runs_done(page)
    expect(page.get_by_text(f"Y[{i}, {j}] = (X[{i}:{i + 3}, {j}:{j + 3}] * K).sum()")).to_be_visible()
    expect(page.locator(".st-key-ex_row input")).to_have_value(str(i))
    expect(page.locator(".st-key-ex_col input")).to_have_value(str(j))
    page.wait_for_function(OUTLINED, arg=[y_plot(page).element_handle(), i, j, None], timeout=TIMEOUT)
    assert_no_exception(page)
