"""Browser: the drawing canvas's Undo, Redo and Reset redraw X and Y in the browser at once, before the server's
answer, with the numbers the server then sends (static/live_chart/preview.js), as a stroke does."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.helpers.browser import assert_no_exception, stroke_canvas
from tests.helpers.previews import open_drawing, previewed

pytestmark = pytest.mark.browser

CHARTS = ("ex_x_chart", "ex_y_chart")


def press(page: Page, label: str) -> None:
    """Click the canvas toolbar's button `label` (its own English name)."""
    page.locator(f"button.dc-icon-button[aria-label='{label}']").click()


def test_undo_redo_and_reset_are_previewed_as_the_server_computes_them(page: Page, app_url: str) -> None:
    open_drawing(page, f"{app_url}/explore?lang=ko&src=draw&preset=sobel_x")
    for k in range(2):
        previewed(page, lambda: stroke_canvas(page, k), CHARTS)
    seen = []
    for label in ("Undo", "Redo", "Undo", "Reset canvas & history"):
        first, server = previewed(page, lambda: press(page, label), CHARTS)
        for key in CHARTS:
            assert first[key] == server[key], (label, key, first[key], server[key])
        seen.append(first["ex_y_chart"]["z"])
    undone, redone, _, reset = seen
    assert undone != redone  # Undo took the second stroke away, Redo put it back
    assert not any(any(row) for row in reset)  # Reset: an empty canvas, Y all zeros
    assert_no_exception(page)
