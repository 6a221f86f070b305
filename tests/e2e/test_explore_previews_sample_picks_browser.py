"""Browser: another sample picked in Explore's sample box, or X transformed, redraws X and Y in the browser before the
server's answer,
with what the server then draws (ui/components/sample_preview.py, static/live_chart/picks.js), a pick that changes X's
size too (ui/explore/charts.py); a pick for a colour X waits for the server."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page

from tests.helpers.browser import (TIMEOUT, assert_no_exception, box_shows, grid_cell, wait_app_idle,
                                   wait_charts_settled)
from tests.helpers.previews import (PIXELS_DIFFER, PREVIEWS, chart_shown, open_previewable, previewed, shown_text,
                                    wait_shown_differs)
from ui.text import t

pytestmark = pytest.mark.browser

CHARTS = ("ex_x_chart", "ex_y_chart")
# Whether the page holds sample `name`'s X (inline, or its file fetched once the box was used).
SAMPLE_READY = """(name) => { const ns = window.__convlab, offer = ns.sampleOffer, entry = offer && offer.entries[name];
  return !!entry && (entry.bytes instanceof Uint8Array || ns.sampleFiles?.[entry.url] instanceof Uint8Array); }"""


def pick(page: Page, name: str, lang: str = "en", *, keyboard: bool = False, ready: bool = True):
    """An act: open the sample box, wait until the page holds the sample's X (`ready`), pick it (a click on its option,
    or arrow keys and Enter)."""
    box = page.locator(".st-key-ex_sample").get_by_role("combobox")

    def act() -> None:
        box.click()
        if ready:
            page.wait_for_function(SAMPLE_READY, arg=name, timeout=TIMEOUT)
        option = page.get_by_role("option", name=t(f"sample_{name}", lang), exact=True)
        if not keyboard:
            option.click()
            return
        for _ in range(20):  # down the list to the option (the box names the one it highlights)
            if box.get_attribute("aria-activedescendant") == option.get_attribute("id"):
                break
            box.press("ArrowDown")
        box.press("Enter")
    return act


@pytest.mark.parametrize("query", [
    "sample=letter&preset=sobel_x&padding=1&stride=1,2",  # 16 x 16 numbers
    "sample=letter&xform=rot90&kernel=1,0.5;-2,0.25&dilation=1,2&mode=convolution",  # X turned, true convolution
], ids=["settings", "turned"])
def test_a_small_sample_picked_is_previewed_with_the_servers_numbers(page: Page, app_url: str, query: str) -> None:
    open_previewable(page, f"{app_url}/explore?lang=en&{query}")
    for name, keyboard in (("checkerboard", False), ("diagonal", True), ("letter", False)):
        first, server = previewed(page, pick(page, name, keyboard=keyboard), CHARTS)
        assert first == server, (name, first, server)  # numbers, cell texts and colour ranges of X and Y
    assert_no_exception(page)


def test_the_photos_picked_are_previewed_as_pictures_the_server_agrees_with(page: Page, app_url: str) -> None:
    open_previewable(page, f"{app_url}/explore?lang=ko&sample=photo&preset=sobel_x", drawn="image")
    for name in ("photo_rgb", "photo"):  # the colour photo's grey mean, then the grey photo, both 256 x 256
        first, server = previewed(page, pick(page, name, "ko"), CHARTS)
        assert_pictures_agree(first, server, page)
    assert_no_exception(page)


def test_a_sample_at_a_resolution_of_its_own_is_previewed_exactly(page: Page, app_url: str) -> None:
    # The photo at 16 x 16 (its side slider moved, here by the link): its X goes inline, the letter's is a file.
    open_previewable(page, f"{app_url}/explore?lang=en&sample=photo&side=16&preset=sobel_x")
    for name in ("letter", "photo"):
        first, server = previewed(page, pick(page, name), CHARTS)
        assert first == server, (name, first, server)
    assert_no_exception(page)


def assert_pictures_agree(first: dict, server: dict, page: Page) -> None:
    """A picture's preview and the server's: the same but for a colour step here and there (X travels as 16 bits),
    numbers to 1e-4 of the most, the same height, axes and outlines."""
    for key in CHARTS:
        ours, theirs = first[key], server[key]
        assert np.allclose(ours["hover"], theirs["hover"], rtol=0, atol=1e-4 * np.abs(theirs["hover"]).max())
        assert ours["range"] == pytest.approx(theirs["range"], rel=1e-4)
        assert ours["layout"] == theirs["layout"], key
        share, most = page.evaluate(PIXELS_DIFFER, [ours["source"], theirs["source"]])
        assert share < 0.05 and most <= 8, (key, share, most)


def test_a_pick_that_changes_xs_size_is_previewed_in_the_servers_figures(page: Page, app_url: str) -> None:
    # The letter's 16 x 16 with padding 1 and stride 1, 2: Y is 16 x 8, its cell (12, 6) inspected. The stripes make Y
    # 6 x 4 (the cell kept inside it: (5, 3)), the photo 256 x 128 (a picture), the letter 16 x 8 again: each pick
    # redraws X and Y at once in the figures the server then draws (sizes, numbers, axes, the window and the cell).
    open_previewable(page, f"{app_url}/explore?lang=ko&sample=letter&preset=sobel_x&padding=1&stride=1,2&row=12&col=6")
    first, server = previewed(page, pick(page, "stripes", "ko"), CHARTS)
    assert first == server and len(server["ex_y_chart"]["z"]) == 6, (first, server)
    first, server = previewed(page, pick(page, "photo", "ko"), CHARTS)
    assert server["ex_y_chart"]["source"] and server["ex_x_chart"]["source"]
    assert_pictures_agree(first, server, page)
    first, server = previewed(page, pick(page, "letter", "ko"), CHARTS)
    assert first == server and len(server["ex_y_chart"]["z"]) == 16, (first, server)
    assert_no_exception(page)
    # The charts after those picks are as the same page opened afresh draws them: the axes span the array, the cells
    # fill the chart (Plotly.react had kept the photo's fit and widened the axes: blank rows, ticks outside X).
    open_previewable(page, f"{app_url}/explore?lang=ko&sample=letter&preset=sobel_x&padding=1&stride=1,2&row=5&col=3")
    wait_charts_settled(page)  # X's too
    assert {key: page.evaluate(chart_shown(key)) for key in CHARTS} == server


def test_after_a_kernel_edit_a_pick_of_another_size_is_still_previewed(page: Page, app_url: str) -> None:
    # A typed kernel cell runs only the lab fragment, whose answer leaves out the other sizes' figures (the same as
    # the page's run sent): the page keeps those it has, and the stripes picked next are previewed in them.
    open_previewable(page, f"{app_url}/explore?lang=en&sample=letter&preset=sobel_x&padding=1&stride=1,2")
    page.evaluate("() => { window.__sizesBefore = window.__convlab.previewSizes.figures; }")
    cell = grid_cell(page, "exk_grid", 0, 0)
    cell.fill("7")
    cell.press("Enter")
    box_shows(page, "exk_preset", t("kernel_custom", "en"))  # the server has the typed cell
    wait_app_idle(page)
    assert page.evaluate("() => window.__convlab.previewSizes.figures === window.__sizesBefore")  # not sent again
    first, server = previewed(page, pick(page, "stripes"), CHARTS)
    assert first == server and len(server["ex_y_chart"]["z"]) == 6, (first, server)
    assert_no_exception(page)


def test_x_transformed_is_previewed_in_the_servers_figures(page: Page, app_url: str) -> None:
    # The book's stripes (6 x 8) and K = [1, -1]: X.t() (8 x 6) leaves no vertical edge, Y is all zeros (the notebook's
    # point); then as is again. The letter (16 x 16) turned. Each click redraws X and Y at once as the server then
    # draws them.
    open_previewable(page, f"{app_url}/explore?lang=ko&sample=stripes&kernel=1,-1&row=3&col=5")
    switch = page.locator(".st-key-ex_xform [role=radio]")  # as is, X.t(), turned
    wait_charts_settled(page)  # every chart of the page drawn once (the panels' too), before counting them
    plots = page.evaluate("() => window.__convlab.stats.plots")
    for option, rows in ((1, 8), (0, 6)):
        first, server = previewed(page, lambda option=option: switch.nth(option).click(), CHARTS)
        assert first == server and len(server["ex_x_chart"]["z"]) == rows, (option, first, server)
        if option == 1:
            assert not np.any(server["ex_y_chart"]["z"])  # X.t(): the edge kernel finds nothing
    # The note that comes and goes with X.t() (Y all zeros) did not move the charts: none was mounted again.
    assert page.evaluate("() => window.__convlab.stats.plots") == plots
    open_previewable(page, f"{app_url}/explore?lang=en&sample=letter&preset=sobel_x&padding=1")
    first, server = previewed(page, lambda: switch.nth(2).click(), CHARTS)
    assert first == server
    assert_no_exception(page)


def unpreviewed(page: Page, name: str) -> dict:
    """Pick sample `name` and wait for the server's Y: what Y shows then; asserts no chart took a preview."""
    before, shown = page.evaluate(PREVIEWS), shown_text(page, "ex_y_chart")
    pick(page, name, ready=False)()
    wait_shown_differs(page, "ex_y_chart", shown)
    wait_app_idle(page)
    assert page.evaluate(PREVIEWS) == before
    return page.evaluate(f"({chart_shown('ex_y_chart')})")


def test_a_pick_for_a_colour_x_waits_for_the_server(page: Page, app_url: str) -> None:
    open_previewable(page, f"{app_url}/explore?lang=en&sample=photo&side=16&color=1&preset=sobel_x")
    unpreviewed(page, "letter")  # a colour X: no samples offered
    assert page.evaluate("() => window.__convlab.sampleOffer") is None
    assert_no_exception(page)
