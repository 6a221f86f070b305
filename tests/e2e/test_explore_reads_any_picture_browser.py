"""Browser: Explore reads any picture, a sample, an uploaded PNG, a drawing or a photo, and a click on a cell of Y
shows its window, products and sum; several output channels side by side."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import (TIMEOUT, assert_no_exception, band_file, choose_source, drag_across, heatmap_labels,
                                   open_explore, screenshot_tall, wait_app_idle)
from tests.helpers.cells import cell_pixel
from ui.text import t

pytestmark = pytest.mark.browser


def click_cell(page: Page, i: int, j: int) -> None:
    """Click the middle of output cell (i, j) of Y and wait for the products line of that cell."""
    page.mouse.click(*cell_pixel(page, i, j))
    expect(page.get_by_text(f"Y[{i}, {j}] = (", exact=False)).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(page)


def draw_stroke(page: Page, failure_shot: Path) -> None:
    """Drag a horizontal stroke across the canvas until the input heatmap shows lit cells (the browser's preview: the
    canvas sends the drawing 200 ms after the mouse is lifted, and a click on Y may come before the server's answer).

    The canvas's script may still be starting when it first appears, so a stroke is tried up to three times.
    """
    canvas = page.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=TIMEOUT)
    lit = heatmap_labels(page, "ex_x_chart").filter(has_text=re.compile(r"^(1|0\.\d+)$"))
    for attempt in range(3):
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        assert box is not None
        y = box["y"] + box["height"] * (0.5 + 0.1 * attempt)
        drag_across(page, box, y, inset=30)
        try:
            expect(lit.first).to_be_attached(timeout=10_000)
            return
        except AssertionError:
            if attempt == 2:
                page.screenshot(path=str(failure_shot))
                raise


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_sample_upload_and_drawing_with_click_to_inspect(page: Page, app_url: str, artifacts: Path, tmp_path: Path,
                                                         lang: str) -> None:
    open_explore(page, app_url, lang)
    expect(page.get_by_text("(6 - 1 + 1) x (8 - 2 + 1) = 6 x 7")).to_be_visible()

    # The book's stripes: click Y[0, 1] and read the window, products and sum.
    click_cell(page, 0, 1)
    expect(page.get_by_text("Y[0, 1] = (X[0:1, 1:3] * K).sum()")).to_be_visible()
    expect(page.locator(".st-key-ex_col input")).to_have_value("1")
    expect(page.get_by_text(t("explore_terms", lang, terms="1 + 0"))).to_be_visible()
    assert_no_exception(page)
    screenshot_tall(page, artifacts / f"explore_stripes_{lang}.png")

    # Step-through: Play walks the window on by itself; Pause stops it.
    page.locator(".st-key-ex_speed").get_by_text(t("explore_speed_fast", lang), exact=True).click()
    wait_app_idle(page)
    page.locator(".st-key-ex_play button").click()
    expect(page.locator(".st-key-ex_col input")).to_have_value(re.compile("^[3-6]$"), timeout=TIMEOUT)
    page.locator(".st-key-ex_play button").click()
    expect(page.locator(".st-key-ex_play button")).to_contain_text(t("explore_play", lang), timeout=TIMEOUT)

    # Upload a PNG: the shape and output follow the file; the stripes' 6 x 7 must not linger.
    choose_source(page, lang, "upload")
    page.locator(".st-key-ex_file input[type=file]").set_input_files(str(band_file(tmp_path)))
    expect(page.get_by_text("(10 - 1 + 1) x (12 - 2 + 1) = 10 x 11")).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(page)
    expect(page.get_by_text("= 6 x 7")).to_have_count(0)
    click_cell(page, 4, 7)
    expect(page.get_by_text("Y[4, 7] = (X[4:5, 7:9] * K).sum()")).to_be_visible()
    expect(page.get_by_text(t("explore_terms", lang, terms="1 + 0"))).to_be_visible()  # 1*1 + 0*(-1)
    assert_no_exception(page)

    # Draw a stroke: the input heatmap gets non-zero numbers, and a clicked cell still explains itself.
    choose_source(page, lang, "draw")
    draw_stroke(page, artifacts / f"explore_drawing_failed_{lang}.png")
    wait_app_idle(page)
    click_cell(page, 8, 0)
    expect(page.get_by_text("Y[8, 0] = (X[8:9, 0:2] * K).sum()")).to_be_visible()
    assert_no_exception(page)
    screenshot_tall(page, artifacts / f"explore_drawing_{lang}.png")

    # Another page and back: the drawing (its strokes on the canvas too) and the inspected cell are still there.
    sidebar = page.get_by_test_id("stSidebarUserContent")
    sidebar.get_by_role("link", name=t("nav_home", lang)).click()
    expect(page.locator("canvas.upper-canvas")).to_have_count(0, timeout=TIMEOUT)
    sidebar.get_by_role("link", name=t("nav_explore", lang)).click()
    expect(page.get_by_text("Y[8, 0] = (X[8:9, 0:2] * K).sum()")).to_be_visible(timeout=TIMEOUT)
    lit = heatmap_labels(page, "ex_x_chart").filter(has_text=re.compile(r"^(1|0\.\d+)$"))
    expect(lit.first).to_be_attached(timeout=TIMEOUT)  # must not happen: an empty drawing after the visit
    canvas = page.locator("canvas.dc-canvas.lower-canvas").element_handle(timeout=TIMEOUT)  # inside the component's shadow root
    page.wait_for_function("""c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let k = 0; k < d.length; k += 4) if (d[k] > 128) return true; return false; }""", arg=canvas,
                           timeout=TIMEOUT)  # white strokes redrawn on the canvas
    assert_no_exception(page)


def test_photo_sample_as_picture_with_exact_hover(page: Page, app_url: str, artifacts: Path) -> None:
    open_explore(page, app_url, "en")
    page.locator(".st-key-ex_sample").get_by_role("combobox").click()
    page.get_by_role("option", name=t("sample_photo_rgb", "en")).click()
    wait_app_idle(page)
    page.locator(".st-key-ex_color").get_by_text(t("image_color", "en")).click()
    expect(page.get_by_text(t("image_shape", "en", c=3, h=256, w=256))).to_be_visible(timeout=TIMEOUT)
    try:
        expect(page.locator(".st-key-ex_ch_sum")).to_be_attached(timeout=TIMEOUT)
    except AssertionError:
        page.screenshot(path=str(artifacts / "explore_photo_failed.png"))
        print("KEYS", page.evaluate("() => Array.from(document.querySelectorAll('[class*=st-key-ex_]')).map(e => Array.from(e.classList).find(c => c.startsWith('st-key-ex_'))).join(' ')"))
        print("STALE", page.locator('[data-stale="true"]').count(), page.locator('[data-testid="stStatusWidget"]').count())
        raise
    wait_app_idle(page)
    expect(page.locator(".st-key-ex_y_chart .imagelayer image")).to_have_count(1, timeout=TIMEOUT)  # sent as a PNG
    expect(page.get_by_text("(256 - 1 + 1) x (256 - 2 + 1) = 256 x 255")).to_be_visible()
    click_cell(page, 137, 201)  # any cell of a large Y, not only a sampled one
    expect(page.locator(".st-key-ex_col input")).to_have_value("201")
    page.locator(".st-key-ex_row input").fill("100")
    page.locator(".st-key-ex_row input").press("Enter")
    expect(page.get_by_text("Y[100, 201] = (X[100:101, 201:203] * K).sum()")).to_be_visible(timeout=TIMEOUT)
    assert_no_exception(page)
    screenshot_tall(page, artifacts / "explore_photo_en.png")


def test_output_channels_side_by_side_and_inspect_the_second(page: Page, app_url: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/explore?lang=en&outputs=2")  # K and K + 1, as the book's corr2d_multi_in_out
    expect(page.get_by_text("Y has shape 2 x 6 x 7", exact=False)).to_be_visible(timeout=60_000)
    for o in range(2):
        expect(page.locator(f".st-key-ex_out_{o} .heatmaplayer")).to_be_attached(timeout=TIMEOUT)
    page.locator(".st-key-ex_out_show").get_by_text(t("explore_output_tab", "en", n=2), exact=True).click()
    # Output 2's kernel is [[2, 0]]: Y = 2 X[:, :-1], so Y[0, 0] = 2 and the kernel chart shows a 2.
    expect(heatmap_labels(page, "ex_k_chart").filter(has_text=re.compile(r"^2$"))).to_have_count(1)
    expect(page.get_by_text(re.compile(r"gives 2, which is exactly Y\[0, 0\] = 2\.")).first).to_be_visible(
        timeout=TIMEOUT)
    assert_no_exception(page)
    screenshot_tall(page, artifacts / "explore_outputs_en.png")
