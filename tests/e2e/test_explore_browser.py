"""Browser: the Explore page with a sample, an uploaded PNG and a drawing; click a cell of Y, see its products."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_no_exception, wait_app_idle, wait_charts_settled
from ui.text import t

pytestmark = pytest.mark.browser
TIMEOUT = 30_000


def open_explore(page: Page, app_url: str, lang: str) -> None:
    """The Explore page in `lang`, fully drawn."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/explore?lang={lang}")  # a deep link, possibly a fresh server's first request
    expect(page.get_by_role("heading", name=t("explore_title", lang))).to_be_visible(timeout=60_000)
    expect(page.get_by_role("link", name=t("nav_home", lang))).to_be_visible()  # inside app.py's navigation
    expect(page.locator(".st-key-ex_y_chart .heatmaplayer").first).to_be_attached(timeout=TIMEOUT)
    wait_app_idle(page)


def choose_source(page: Page, lang: str, source: str) -> None:
    """Pick the image source radio option."""
    page.locator(".st-key-ex_source").get_by_text(t(f"image_source_{source}", lang), exact=True).click()
    wait_app_idle(page)


def click_cell(page: Page, i: int, j: int) -> None:
    """Click the middle of output cell (i, j) of Y, placed with Plotly's own axes (cells centred on integers)."""
    chart = page.locator(".st-key-ex_y_chart")
    chart.scroll_into_view_if_needed()
    plot = chart.locator(".js-plotly-plot").first
    expect(plot.locator(".nsewdrag")).to_be_attached(timeout=TIMEOUT)
    # Whole pixels: the browser drops a click's fraction of a pixel, and the chart reads the cell under the pixel's
    # middle (static/live_chart/): the pixel under the cell's centre, or else the first one whose middle lies in the
    # cell (0.02 px in from its edges), when one does (a cell may be under 2 px wide).
    x, y = plot.evaluate("""(gd, [i, j]) => { const layout = gd._fullLayout, box = gd.getBoundingClientRect();
        const pixel = (axis, origin, k) => {
          const [a, b] = [axis.c2p(k - 0.5), axis.c2p(k + 0.5)].map((p) => origin + axis._offset + p);
          const [lo, hi] = [Math.min(a, b) + 0.02, Math.max(a, b) - 0.02];
          for (const n of [Math.floor((a + b) / 2), Math.ceil(lo - 0.5)]) if (n + 0.5 >= lo && n + 0.5 < hi) return n;
          return null; };
        return [pixel(layout.xaxis, box.left, j), pixel(layout.yaxis, box.top, i)]; }""", [i, j])
    assert x is not None and y is not None, (i, j)  # a pixel shows the cell
    page.mouse.click(x, y)
    expect(page.get_by_text(f"Y[{i}, {j}] = (", exact=False)).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(page)


def draw_stroke(page: Page, failure_shot: Path) -> None:
    """Drag a horizontal stroke across the canvas until the input heatmap shows lit cells.

    The canvas's script may still be starting when it first appears, so a stroke is tried up to three times.
    """
    canvas = page.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=TIMEOUT)
    lit = page.locator(".st-key-ex_x_chart .heatmap-label text").filter(has_text=re.compile(r"^(1|\.\d+)$"))
    for attempt in range(3):
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        assert box is not None
        y = box["y"] + box["height"] * (0.5 + 0.1 * attempt)
        page.mouse.move(box["x"] + 30, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] - 30, y, steps=12)
        page.mouse.up()
        try:
            expect(lit.first).to_be_attached(timeout=10_000)
            return
        except AssertionError:
            if attempt == 2:
                page.screenshot(path=str(failure_shot))
                raise


def snap(page: Page, path: Path) -> None:
    """A tall screenshot of the whole page (Streamlit scrolls inside its own container)."""
    page.set_viewport_size({"width": 1400, "height": 2700})
    wait_app_idle(page)
    wait_charts_settled(page)  # Plotly's resize redraw done before the picture
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1400, "height": 1000})
    wait_charts_settled(page)  # and back at the usual size before the next clicks, placed from the charts' axes


def stripes_png(tmp_path: Path) -> Path:
    """A 10x12 PNG: a bright vertical band in columns 4-7."""
    a = np.zeros((10, 12), np.uint8)
    a[:, 4:8] = 255
    path = tmp_path / "band.png"
    Image.fromarray(a, "L").save(path)
    return path


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
    snap(page, artifacts / f"explore_stripes_{lang}.png")

    # Step-through: Play walks the window on by itself; Pause stops it.
    page.locator(".st-key-ex_speed").get_by_text(t("explore_speed_fast", lang), exact=True).click()
    wait_app_idle(page)
    page.locator(".st-key-ex_play button").click()
    expect(page.locator(".st-key-ex_col input")).to_have_value(re.compile("^[3-6]$"), timeout=TIMEOUT)
    page.locator(".st-key-ex_play button").click()
    expect(page.locator(".st-key-ex_play button")).to_contain_text(t("explore_play", lang), timeout=TIMEOUT)

    # Upload a PNG: the shape and output follow the file; the stripes' 6 x 7 must not linger.
    choose_source(page, lang, "upload")
    page.locator(".st-key-ex_file input[type=file]").set_input_files(str(stripes_png(tmp_path)))
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
    snap(page, artifacts / f"explore_drawing_{lang}.png")

    # Another page and back: the drawing (its strokes on the canvas too) and the inspected cell are still there.
    sidebar = page.get_by_test_id("stSidebarUserContent")
    sidebar.get_by_role("link", name=t("nav_home", lang)).click()
    expect(page.locator("canvas.upper-canvas")).to_have_count(0, timeout=TIMEOUT)
    sidebar.get_by_role("link", name=t("nav_explore", lang)).click()
    expect(page.get_by_text("Y[8, 0] = (X[8:9, 0:2] * K).sum()")).to_be_visible(timeout=TIMEOUT)
    lit = page.locator(".st-key-ex_x_chart .heatmap-label text").filter(has_text=re.compile(r"^(1|\.\d+)$"))
    expect(lit.first).to_be_attached(timeout=TIMEOUT)  # must not happen: an empty drawing after the visit
    canvas = page.locator("canvas.dc-canvas.lower-canvas").element_handle(timeout=TIMEOUT)  # inside the component's shadow root
    page.wait_for_function("""c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let k = 0; k < d.length; k += 4) if (d[k] > 128) return true; return false; }""", arg=canvas,
                           timeout=TIMEOUT)  # white strokes redrawn on the canvas
    assert_no_exception(page)


def test_photo_sample_as_picture_with_exact_hover(page: Page, app_url: str, artifacts: Path) -> None:
    open_explore(page, app_url, "en")
    page.locator(".st-key-ex_sample").click()
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
    snap(page, artifacts / "explore_photo_en.png")


def test_output_channels_side_by_side_and_inspect_the_second(page: Page, app_url: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/explore?lang=en&outputs=2")  # K and K + 1, as the book's corr2d_multi_in_out
    expect(page.get_by_text("Y has shape 2 x 6 x 7", exact=False)).to_be_visible(timeout=60_000)
    for o in range(2):
        expect(page.locator(f".st-key-ex_out_{o} .heatmaplayer")).to_be_attached(timeout=TIMEOUT)
    page.locator(".st-key-ex_out_show").get_by_text(t("explore_output_tab", "en", n=2), exact=True).click()
    # Output 2's kernel is [[2, 0]]: Y = 2 X[:, :-1], so Y[0, 0] = 2 and the kernel chart shows a 2.
    expect(page.locator(".st-key-ex_k_chart .heatmap-label text").filter(has_text=re.compile(r"^2$"))).to_have_count(1)
    expect(page.get_by_text(re.compile(r"gives 2, which is exactly Y\[0, 0\] = 2\.")).first).to_be_visible(
        timeout=TIMEOUT)
    assert_no_exception(page)
    snap(page, artifacts / "explore_outputs_en.png")


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
    y_numbers = page.locator(".st-key-ex_y_chart .heatmap-label text")
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
    snap(page, artifacts / f"explore_kernel_grid_{lang}.png")


# What the Y chart shows: its numbers (Plotly's decoded z), the cell texts, the colour range, and its picture's URI.
Y_SHOWN = """() => { const gd = document.querySelector('.st-key-ex_y_chart .js-plotly-plot'); const d = gd.data[0];
  return {z: d.source ? null : gd.calcdata[0][0].z.map((row) => Array.from(row)), text: d.text || null,
          range: d.source ? [gd.data[1].zmin, gd.data[1].zmax] : [d.zmin, d.zmax], source: d.source || null}; }"""
# The share of pixels two pictures (data URIs) differ in, and the largest difference of a colour channel.
PIXELS_DIFFER = """async ([a, b]) => {
  const pixels = async (src) => { const img = new Image(); img.src = src; await img.decode();
    const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0); return ctx.getImageData(0, 0, c.width, c.height).data; };
  const [p, q] = [await pixels(a), await pixels(b)];
  if (p.length !== q.length) return [1, 255];
  let differ = 0, most = 0;
  for (let i = 0; i < p.length; i += 4) {
    const d = Math.max(Math.abs(p[i] - q[i]), Math.abs(p[i + 1] - q[i + 1]), Math.abs(p[i + 2] - q[i + 2]));
    if (d) differ++;
    most = Math.max(most, d);
  }
  return [differ / (p.length / 4), most]; }"""


# The Y chart's state in static/live_chart/: `latest` is the figure it is to show (a preview is a copy of the
# server's data with its own figure, sharing the server's `preview` spec), `drawn` the one it shows.
Y_STATE = "document.querySelector('.st-key-ex_y_chart .convlab-live-chart').parentElement.__convlab.liveChart"
# The server's figure for the edit is drawn: Y's data came from a newer run than the one before the edit (a new
# `preview` spec object, even when the figure is the preview's own), and the chart shows it, not drawing any more.
SERVER_DRAWN = f"""(spec) => {{ const s = {Y_STATE}; return s.latest.preview !== spec && s.drawn === s.latest && !s.drawing; }}"""


def typed_preview(page: Page, cell: str, value: str) -> tuple[dict, dict]:
    """Type `value` into a kernel cell: what Y showed first (the browser's preview) and once the server answered."""
    before = page.evaluate("() => window.__convlab.stats.previews")
    shown = page.evaluate(f"({Y_SHOWN})")
    spec = page.evaluate_handle(f"() => {Y_STATE}.latest.preview")  # the server's data before the edit
    assert spec.json_value() is not None  # Y is previewable
    box = page.get_by_role("textbox", name=cell)
    box.fill(value)
    box.press("Enter")
    page.wait_for_function(f"(old) => JSON.stringify(({Y_SHOWN})()) !== old", arg=json.dumps(shown), polling="raf",
                           timeout=TIMEOUT)
    first = page.evaluate(f"({Y_SHOWN})")
    assert page.evaluate("() => window.__convlab.stats.previews") == before + 1  # drawn by the preview
    wait_app_idle(page)
    page.wait_for_function(SERVER_DRAWN, arg=spec, timeout=TIMEOUT)  # the queue draws the server's figure after the run
    spec.dispose()
    return first, page.evaluate(f"({Y_SHOWN})")


def open_previewable(page: Page, url: str, drawn: str = ".heatmaplayer") -> None:
    """Explore at `url`, drawn and idle, with X handed to the browser for previews."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(url)
    expect(page.locator(f".st-key-ex_y_chart {drawn}").first).to_be_attached(timeout=60_000)
    wait_app_idle(page)
    page.wait_for_function("() => Object.keys(window.__convlab?.previewInputs || {}).length > 0", timeout=TIMEOUT)


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
    assert len(server["z"]) == 14 and {**preview, "z": None} == {**server, "z": None}  # texts and range alike
    assert np.allclose(preview["z"], server["z"], rtol=0, atol=1e-5)  # mean x 3 against R + G + B: float32 rounding
    assert_no_exception(page)


def test_a_large_input_is_previewed_as_a_picture_the_server_agrees_with(page: Page, app_url: str) -> None:
    open_previewable(page, f"{app_url}/explore?lang=en&sample=photo&side=256&preset=sobel_x", drawn="image")
    preview, server = typed_preview(page, "Kernel row 1, column 0", "-5")
    assert preview["range"] == pytest.approx(server["range"], rel=1e-4)
    share, most = page.evaluate(PIXELS_DIFFER, [preview["source"], server["source"]])
    assert share < 0.01 and most <= 8, (share, most)  # X goes as 16 bits: a colour step here and there at most
    assert_no_exception(page)
