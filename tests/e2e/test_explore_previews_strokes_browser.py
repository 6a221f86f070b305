"""Browser: a stroke on Explore's drawing canvas redraws X and Y in the browser when the mouse is lifted, before the
server's answer, with the numbers the server then sends (static/canvas_preview.js against convcore.drawing)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page

from tests.helpers.browser import assert_no_exception, screenshot_top, stroke_canvas
from tests.helpers.previews import PIXELS_DIFFER, open_drawing, preview_order, previewed

pytestmark = pytest.mark.browser

CHARTS = ("ex_x_chart", "ex_y_chart")


def previewed_stroke(page: Page, k: int, charts: tuple[str, ...]) -> tuple[dict, dict]:
    """Stroke k: what each chart showed first (the browser's preview, before the server's answer) and once the
    server's rerun is drawn."""
    return previewed(page, lambda: stroke_canvas(page, k), charts)


@pytest.mark.parametrize("query, charts", [
    ("preset=sobel_x", CHARTS),  # 16 x 16 numbers
    ("side=10&padding=1&stride=2,1&dilation=1,2&mode=convolution&xform=rot90&kernel=1,0.5;-2,0.25", CHARTS),
    ("side=23&xform=transpose&color=1&preset=sobel_x", ("ex_y_chart",)),  # colour: X is three channels, drawn by the server alone
], ids=["grey", "settings", "colour"])
def test_a_stroke_is_previewed_in_the_browser_as_the_server_computes_it(page: Page, app_url: str, artifacts: Path,
                                                                         query: str, charts: tuple[str, ...]) -> None:
    open_drawing(page, f"{app_url}/explore?lang=en&src=draw&{query}")
    for k in range(2):
        first, server = previewed_stroke(page, k, charts)
        for key in charts:
            assert first[key]["z"] is not None and any(any(row) for row in first[key]["z"]), key  # a stroke is seen
            if "color=1" not in query:
                assert first[key] == server[key], (key, k, first[key], server[key])  # numbers, texts and colour range
                continue
            # Colour: the server sums R, G and B, the preview takes 3 x their mean (as for a kernel edit): float32
            # rounding apart, the same numbers.
            assert {**first[key], "z": None, "range": None} == {**server[key], "z": None, "range": None}
            assert np.allclose(first[key]["z"], server[key]["z"], rtol=0, atol=1e-5)
            assert np.allclose(first[key]["range"], server[key]["range"], rtol=1e-6, atol=0)
        if len(charts) == 2:  # Y, the answer, is drawn before X (a draw holds the page: X's would delay Y's)
            assert preview_order(page) == ["ex_y_chart", "ex_x_chart"]
    screenshot_top(page, artifacts / f"explore_stroke_preview_{'_'.join(charts)}.png")
    assert_no_exception(page)


def test_a_large_drawing_is_previewed_as_pictures_the_server_agrees_with(page: Page, app_url: str) -> None:
    open_drawing(page, f"{app_url}/explore?lang=en&src=draw&side=100&preset=sobel_x&padding=2")
    first, server = previewed_stroke(page, 1, CHARTS)
    x, y = first["ex_x_chart"], first["ex_y_chart"]
    assert x["source"] and x["hover"] == server["ex_x_chart"]["hover"] and x["range"] == server["ex_x_chart"]["range"]
    # Y of an input over 64 x 64 comes from torch, in float32 sums: the same numbers to float32 rounding.
    most = np.abs(server["ex_y_chart"]["hover"]).max()
    assert np.allclose(y["hover"], server["ex_y_chart"]["hover"], rtol=0, atol=1e-6 * most)
    assert np.allclose(y["range"], server["ex_y_chart"]["range"], rtol=1e-6, atol=0)
    for key in CHARTS:
        share, most = page.evaluate(PIXELS_DIFFER, [first[key]["source"], server[key]["source"]])
        assert share < 0.001 and most <= 8, (key, share, most)  # a colour step where rounding differs, at most
    assert_no_exception(page)
