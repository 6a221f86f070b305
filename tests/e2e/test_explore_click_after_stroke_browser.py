"""Browser: a click on Explore's Y the moment a stroke on the drawing canvas ends is kept, and so is the stroke.

The canvas sends the drawing 200 ms after the mouse is lifted, so such a click's request goes out first and the
drawing's follows, often before the click's answer has reached the page (the browser is busy drawing the stroke's
preview): it then carries the row, column and step inputs as they were before the click. The app's websocket, routed
through the test, puts the click's answer after the drawing's request every time; or sends both as one request, as
Streamlit's browser does when the two changes fall in the same moment.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, heatmap_labels, stroke_canvas,
                                   wait_charts_settled, wait_runs_done)
from tests.helpers.cells import OUTLINED, click_when_the_mouse_is_lifted, y_plot
from tests.helpers.previews import open_drawing
from tests.helpers.socket_gate import AnswerGate

pytestmark = pytest.mark.browser

ANSWERED = "() => window.__e2eRuns.finished - window.__e2eRuns.early"  # runs that ended whole, not cut for another


@pytest.mark.parametrize("merge", [False, True], ids=["answered_after_the_drawing_was_sent", "sent_with_the_drawing"])
@pytest.mark.parametrize("cell", [(2, 5), (9, 0)])
def test_a_click_on_y_as_a_stroke_ends_selects_that_cell_and_keeps_the_stroke(page: Page, app_url: str,
                                                                                cell: tuple[int, int],
                                                                                merge: bool) -> None:
    gate = AnswerGate(page)  # first: the runs are then read from the websocket the gate hands the page
    page.add_init_script(TRACK_RUNS)
    open_drawing(page, f"{app_url}/explore?lang=en&src=draw&preset=sobel_x")
    page.set_viewport_size({"width": 1400, "height": 2200})  # the canvas and Y in view together: no scroll between
    wait_charts_settled(page)
    wait_runs_done(page)
    i, j = cell
    click_when_the_mouse_is_lifted(page, i, j)
    answered = page.evaluate(ANSWERED)
    gate.hold(merge)
    stroke_canvas(page, 1)
    # Answered: the click's run and the drawing's, or the one run of both (a fragment's run cut short for the page's).
    page.wait_for_function(f"n => ({ANSWERED})() >= n", arg=answered + (1 if merge else 2), timeout=TIMEOUT)
    assert gate.requests == ["fragment", "app"]  # the click's request first, then the drawing's
    wait_runs_done(page)
    expect(page.get_by_text(f"Y[{i}, {j}] = (X[{i}:{i + 3}, {j}:{j + 3}] * K).sum()")).to_be_visible()
    expect(page.locator(".st-key-ex_row input")).to_have_value(str(i))
    expect(page.locator(".st-key-ex_col input")).to_have_value(str(j))
    page.wait_for_function(OUTLINED, arg=[y_plot(page).element_handle(), i, j, None], timeout=TIMEOUT)
    # The stroke is on the page: X as the server made it from the drawing (not the picture before the stroke).
    wait_charts_settled(page)
    expect(heatmap_labels(page, "ex_x_chart").filter(has_text=re.compile(r"^(1|0\.\d+)$")).first).to_be_attached()
    assert_no_exception(page)
