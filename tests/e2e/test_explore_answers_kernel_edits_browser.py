"""Browser: Explore answers a kernel edit, typed in its grid or made by a button: Y is drawn first, in the browser's
preview before the server's answer, which agrees with it; a bad cell is marked and the last Y stays."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from ui.text import t
from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, heatmap_labels, open_explore,
                                   screenshot_tall, wait_app_idle, wait_runs_done)
from tests.helpers.previews import (PIXELS_DIFFER, chart_shown, chart_state, open_previewable, server_drawn, shown_text,
                                    wait_shown_differs)

pytestmark = pytest.mark.browser
LAB_DELTAS = 30  # elements and blocks a kernel edit sends on the stripes (the lab fragment, its kernel box, Share;
# not the layer's shape, the code's and the downloads' expanders: the page's own)


def test_after_a_kernel_edit_y_is_drawn_before_the_other_charts(page: Page, app_url: str) -> None:
    open_explore(page, app_url, "en")
    drawn = """() => Object.fromEntries(['ex_k_chart', 'ex_y_chart'].map(
        (key) => [key, Number(document.querySelector('.st-key-' + key + ' .convlab-live-chart').dataset.drawn)]))"""
    page.wait_for_function(f"() => Object.values(({drawn})()).every((n) => n > 0)", timeout=TIMEOUT)
    for _ in range(2):
        before = page.evaluate(drawn)
        page.locator(".st-key-exk_grid button[data-action=random]").click()
        page.wait_for_function(f"() => ({drawn})().ex_k_chart > {before['ex_k_chart']}", timeout=TIMEOUT)
        wait_app_idle(page)
        after = page.evaluate(drawn)
        # K comes first on the page, yet Y, the answer to the edit, is drawn first.
        assert before["ex_y_chart"] < after["ex_y_chart"] < after["ex_k_chart"], (before, after)
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_typing_in_the_kernel_grid_changes_y_and_a_bad_cell_is_marked(page: Page, app_url: str, artifacts: Path,
                                                                       lang: str) -> None:
    open_explore(page, app_url, lang)
    y_numbers = heatmap_labels(page, "ex_y_chart")
    expect(y_numbers.filter(has_text=re.compile(r"^-2$"))).to_have_count(0)
    cell = page.get_by_role("textbox", name=t("kernel_cell_label", lang, row=0, col=1))
    expect(cell).to_have_value("-1")
    cell.fill("-2")
    cell.press("Enter")  # applies it; the stripes' right edges become -2 (Y = X[:, :-1] - 2 X[:, 1:])
    expect(y_numbers.filter(has_text=re.compile(r"^-2$"))).to_have_count(6, timeout=TIMEOUT)
    wait_app_idle(page)
    expect(cell).to_have_value("-2")
    first = page.get_by_role("textbox", name=t("kernel_cell_label", lang, row=0, col=0))
    first.fill("abc")
    first.press("Tab")  # leaving the cell applies it too
    expect(page.get_by_text(t("err_kernel_text", lang, row=1, col=1, value="abc"))).to_be_visible(timeout=TIMEOUT)
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(first).to_have_value("abc")  # what the user typed stays, to be fixed
    expect(y_numbers.filter(has_text=re.compile(r"^-2$"))).to_have_count(6)  # the last valid kernel still draws Y
    assert_no_exception(page)
    screenshot_tall(page, artifacts / f"explore_kernel_grid_{lang}.png")


Y_SHOWN = chart_shown("ex_y_chart")
Y_STATE = chart_state("ex_y_chart")
SERVER_DRAWN = server_drawn("ex_y_chart")


def typed_preview(page: Page, cell: str, value: str) -> tuple[dict, dict]:
    """Type `value` into a kernel cell: what Y showed first (the browser's preview) and once the server answered."""
    box = page.get_by_role("textbox", name=cell)

    def act() -> None:
        box.fill(value)
        box.press("Enter")
    return previewed(page, act)


def preset_preview(page: Page, label: str, *, keyboard: bool = False) -> tuple[dict, dict]:
    """Pick preset `label` in the preset box (a click on its option, or arrow keys and Enter): what Y showed first
    (the browser's preview) and once the server answered."""
    box = page.locator(".st-key-exk_preset").get_by_role("combobox")

    def act() -> None:
        box.click()
        option = page.get_by_role("option", name=label, exact=True)
        if not keyboard:
            option.click()
            return
        for _ in range(20):  # down the list to the option, below the one picked (the box names the one it highlights)
            if box.get_attribute("aria-activedescendant") == option.get_attribute("id"):
                break
            box.press("ArrowDown")
        box.press("Enter")
    return previewed(page, act)


def previewed(page: Page, act) -> tuple[dict, dict]:
    """Do `act` (an edit): what Y showed first (the browser's preview) and once the server answered."""
    before = page.evaluate("() => window.__convlab.stats.previews")
    shown = shown_text(page, "ex_y_chart")
    spec = page.evaluate_handle(f"() => {Y_STATE}.latest.preview")  # the server's data before the edit
    assert spec.json_value() is not None  # Y is previewable
    act()
    wait_shown_differs(page, "ex_y_chart", shown, polling="raf")
    first = page.evaluate(f"({Y_SHOWN})")
    assert page.evaluate("() => window.__convlab.stats.previews") == before + 1  # drawn by the preview
    wait_app_idle(page)
    page.wait_for_function(SERVER_DRAWN, arg=spec, timeout=TIMEOUT)  # the queue draws the server's figure after the run
    spec.dispose()
    return first, page.evaluate(f"({Y_SHOWN})")


def test_a_kernel_edit_is_previewed_in_the_browser_as_the_server_computes_it(page: Page, app_url: str) -> None:
    # Every setting the preview redoes: padding, stride, dilation and the flipped kernel of true convolution.
    open_previewable(page, f"{app_url}/explore?lang=en&kernel=1,2;0,-1&padding=2&stride=2,1&dilation=1,2"
                           "&mode=convolution")
    for cell, value in (("Kernel row 0, column 1", "0.37"), ("Kernel row 1, column 0", "-2.5"),
                        ("Kernel row 1, column 1", "1e3")):
        preview, server = typed_preview(page, cell, value)
        assert preview == server, (value, preview, server)  # numbers, texts and colour range alike
    # Sum = 1 (done by the server) is previewed too, from the grid's numbers.
    before = page.evaluate("() => window.__convlab.stats.previews")
    page.locator(".st-key-exk_grid button[data-action=normalize]").click()
    expect(page.get_by_role("textbox", name="Kernel row 1, column 1")).to_have_value("1.001", timeout=TIMEOUT)
    assert page.evaluate("() => window.__convlab.stats.previews") == before + 1
    # A colour picture with one kernel for its three channels: Y sums them; 14 x 14 cells get the short labels.
    open_previewable(page, f"{app_url}/explore?lang=en&sample=photo&side=16&color=1&preset=sobel_x")
    preview, server = typed_preview(page, "Kernel row 2, column 2", "0.3")
    assert len(server["z"]) == 14 and {**preview, "z": None, "range": None} == {**server, "z": None, "range": None}
    assert np.allclose(preview["z"], server["z"], rtol=0, atol=1e-5)  # mean x 3 against R + G + B: float32 rounding
    assert np.allclose(preview["range"], server["range"], rtol=1e-6, atol=0)  # the same: the largest |Y|, as rounded
    assert_no_exception(page)


def test_a_large_input_is_previewed_as_a_picture_the_server_agrees_with(page: Page, app_url: str) -> None:
    open_previewable(page, f"{app_url}/explore?lang=en&sample=photo&side=256&preset=sobel_x", drawn="image")
    preview, server = typed_preview(page, "Kernel row 1, column 0", "-5")
    assert preview["range"] == pytest.approx(server["range"], rel=1e-4)
    share, most = page.evaluate(PIXELS_DIFFER, [preview["source"], server["source"]])
    assert share < 0.01 and most <= 8, (share, most)  # X goes as 16 bits: a colour step here and there at most
    assert_no_exception(page)


def test_a_preset_picked_is_previewed_in_the_browser_as_the_server_computes_it(page: Page, app_url: str) -> None:
    # Numbers shown: the blurs' fractions (1/9, 1/16) must reach the preview as the server's float32 values.
    open_previewable(page, f"{app_url}/explore?lang=en&sample=letter&side=10&preset=sobel_x&padding=1&stride=1,2")
    for name in ("box_blur", "gaussian_blur", "emboss"):
        preview, server = preset_preview(page, t(f"kernel_{name}", "en"))
        assert preview == server, (name, preview, server)
    preview, server = preset_preview(page, t("kernel_diagonal_edge", "en"), keyboard=True)  # with the keys
    assert preview == server
    # Pictures, in Korean (the option's label is the user's language): X goes as 16 bits up to 256 x 256 and as 8 bits
    # above; Laplacian (|K| sums to 8) turns that into a few colour steps, in a few pixels at 256 (4% seen).
    for side, share_max in ((256, 0.1), (512, 1.0)):
        open_previewable(page, f"{app_url}/explore?lang=ko&sample=photo&side={side}&preset=sobel_x", drawn="image")
        preview, server = preset_preview(page, t("kernel_laplacian", "ko"))
        assert preview["range"] == pytest.approx(server["range"], rel=1e-2)
        share, most = page.evaluate(PIXELS_DIFFER, [preview["source"], server["source"]])
        assert share < share_max and most <= 8, (side, share, most)
    assert_no_exception(page)


def test_the_convolution_switch_is_previewed_as_the_server_computes_it(page: Page, app_url: str) -> None:
    # A kernel that turning changes, with padding and stride: Convolution (the kernel turned 180 degrees) and back.
    open_previewable(page, f"{app_url}/explore?lang=ko&sample=letter&kernel=1,0.5;-2,0.25&padding=1&stride=1,2")
    switch = page.locator(".st-key-ex_mode [role=radio]")  # correlation, convolution
    shown = []
    for option in (1, 0):
        first, server = previewed(page, lambda option=option: switch.nth(option).click())
        assert first == server, option  # drawn first by the browser, as the server then draws it
        shown.append(server["z"])
    assert shown[0] != shown[1]
    assert_no_exception(page)


def test_a_preset_of_another_shape_waits_for_the_server(page: Page, app_url: str) -> None:
    open_previewable(page, f"{app_url}/explore?lang=en&sample=letter&side=10&preset=sobel_x")
    before = page.evaluate("() => window.__convlab.stats.previews")
    shown = shown_text(page, "ex_y_chart")
    page.locator(".st-key-exk_preset").get_by_role("combobox").click()
    page.get_by_role("option", name=t("kernel_edge_book", "en"), exact=True).click()  # 1 x 2: Y is 10 x 9
    wait_shown_differs(page, "ex_y_chart", shown)
    wait_app_idle(page)
    assert len(page.evaluate(f"({Y_SHOWN})")["z"]) == 10
    assert page.evaluate("() => window.__convlab.stats.previews") == before  # no preview: Y's shape changed


def test_a_kernel_edit_sends_no_more_elements_than_the_lab_needs(page: Page, app_url: str) -> None:
    """Each element an edit sends costs the server (issue 18: ~0.25 ms each, for the class's every edit): the lab sends
    one block where one will do (a row, not columns) and its captions inside the Markdown they belong to."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    deltas: list[tuple[int, ...]] = []

    def on_frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "delta":
                deltas.append(tuple(msg.metadata.delta_path))

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame) if "/_stcore/stream" in ws.url else None)
    page.add_init_script(TRACK_RUNS)
    open_explore(page, app_url, "en")
    wait_runs_done(page)
    finished = page.evaluate("() => window.__e2eRuns.finished")
    deltas.clear()
    page.locator(".st-key-exk_grid button[data-action=random]").click()
    page.wait_for_function(f"() => window.__e2eRuns.finished > {finished}", timeout=TIMEOUT)
    wait_runs_done(page)
    assert deltas, "the edit sent nothing"
    assert len(deltas) <= LAB_DELTAS, (len(deltas), deltas)
    assert_no_exception(page)


def test_the_open_code_and_downloads_follow_kernel_edits(page: Page, app_url: str) -> None:
    """The code twin's and the downloads' expanders are the page's; the lab fills them while open: a kernel edit (the
    lab's run) writes its kernel into the code, the downloads stay, and a kernel too large says why inside them."""
    open_explore(page, app_url, "en")
    page.get_by_text(t("explore_code_twin", "en"), exact=True).click()
    page.get_by_text(t("explore_exports", "en"), exact=True).click()
    code = page.locator('[data-testid="stExpander"] [data-testid="stCode"]').first
    expect(code).to_contain_text("K = torch.tensor([[1.0, -1.0]])", timeout=TIMEOUT)
    png = page.get_by_role("button", name=t("explore_download_y_png", "en"))
    expect(png).to_be_visible(timeout=TIMEOUT)
    cell = page.get_by_role("textbox", name=t("kernel_cell_label", "en", row=0, col=1))
    cell.fill("-3")
    cell.press("Enter")
    expect(code).to_contain_text("K = torch.tensor([[1.0, -3.0]])", timeout=TIMEOUT)
    wait_app_idle(page)
    expect(png).to_be_visible()
    page.locator(".st-key-exk_cols input").fill("9")  # 1 x 9 on the 6 x 8 stripes: too large
    page.locator(".st-key-exk_cols input").press("Enter")
    expect(code).to_have_count(0, timeout=TIMEOUT)
    too_large = page.locator('[data-testid="stExpander"] [data-testid="stAlert"]')
    expect(too_large).to_have_count(2, timeout=TIMEOUT)  # one in each open expander
    expect(too_large.first).to_contain_text("The kernel is larger than the (padded) input")
    assert_no_exception(page)
