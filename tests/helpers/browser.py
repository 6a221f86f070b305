"""Driving the app in Chromium (Playwright), for the browser tests and the benchmarks: wait until the server's runs
are over and the charts drawn, open a page, find a widget by its key, read a chart's cell texts, take a screenshot,
make a picture to upload. Plain functions: the server and the browser's fixtures are in tests/e2e/conftest.py.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from ui.text import t

TIMEOUT = 30_000  # ms: how long a page may take to answer a click or a typed value


# ---- waiting: the server's runs over, the page drawn ----


def wait_app_idle(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the current run (no running indicator) and the app has content."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] [data-testid=\"stElementContainer\"]').length > 0",
        timeout=timeout,
    )


def steps_shown(page) -> int:
    """The step count in the progress bar."""
    text = page.locator('[data-testid="stProgress"]').inner_text()
    return int(re.search(r"(\d[\d,]*)\s*/", text).group(1).replace(",", ""))


def assert_no_exception(page) -> None:
    """The must-not-happen check: no Streamlit exception box on the page."""
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


# Whether every Plotly chart on the page is drawn at its current size, and whether the page's layout held still
# since the previous animation frame (called once per frame; `token` names one wait, so a wait never compares with
# an earlier one's frame). No element may still be loading its code (Streamlit shows a skeleton meanwhile), and a
# live chart's component (its CSS names .convlab-live-chart) must have been handed its figure. The live charts
# (static/live_chart/) tell exactly: the page-wide draw queue has nothing waiting or being drawn, and each chart
# shows its latest figure, at its host's width (at least MIN_WIDTH there, 150 px, Streamlit's minimum chart width),
# with no subframes still to show. Any other Plotly chart must have its layout and SVG. Then the boxes of the plots,
# of the main block (which moves when its container scrolls) and of an open popover must be the ones of the previous
# frame, and no finite CSS animation or transition may be running.
CHARTS_SETTLED = """(token) => {
  const MIN_WIDTH = 150;
  const queue = window.__convlab?.drawQueue;
  let ready = !queue || (!queue.busy && queue.waiting.size === 0);
  if (document.querySelector('[data-testid="stSkeleton"]')) ready = false;
  for (const component of document.querySelectorAll('[data-testid="stBidiComponentRegular"]')) {
    const live = Array.from(component.querySelectorAll('style')).some((s) => s.textContent.includes('.convlab-live-chart'));
    const div = component.querySelector('.convlab-live-chart');
    if (live && !(div && div.parentElement.__convlab?.liveChart)) ready = false;
  }
  for (const div of document.querySelectorAll('.convlab-live-chart')) {
    const state = div.parentElement && div.parentElement.__convlab?.liveChart;
    if (!state || !state.alive) continue;
    const width = Math.max(state.host.getBoundingClientRect().width, MIN_WIDTH);
    if (state.drawing || state.drawn !== state.latest || state.width !== width || (state.subframes || []).length)
      ready = false;
  }
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  if (plots.some((gd) => !gd._fullLayout || !gd.querySelector('.main-svg'))) ready = false;
  if (document.getAnimations().some((a) => a.playState === 'running' && a.effect &&
                                            a.effect.getComputedTiming().iterations !== Infinity)) ready = false;
  const box = (e) => { if (!e) return null; const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const sig = JSON.stringify([ready, plots.map((gd) => box(gd.querySelector('.main-svg'))),
    box(document.querySelector('[data-testid="stMainBlockContainer"]')),
    box(document.querySelector('[data-testid="stPopoverBody"]'))]);
  const last = window.__e2eChartsSettled;
  window.__e2eChartsSettled = {token, sig};
  return ready && last !== undefined && last.token === token && last.sig === sig;
}"""


def wait_charts_settled(page, timeout: float = 30_000) -> None:
    """Wait until the page's charts are drawn at their current size and its layout holds still (see CHARTS_SETTLED):
    for a screenshot, or a click placed from a chart's axes, after a figure or the window's size changed."""
    page.wait_for_function(CHARTS_SETTLED, arg=f"{time.monotonic_ns()}", polling="raf", timeout=timeout)


def wait_still(page, timeout: float = 30_000) -> None:
    """Before a click on something below text that may still change its font (st.code loads its fonts when first
    shown: the swap moves what is under it): every font loaded, then the charts drawn and the layout still."""
    page.wait_for_function("() => document.fonts.status === 'loaded'", polling="raf", timeout=timeout)
    wait_charts_settled(page, timeout)


# The server's script runs as the page receives them, from its websocket's ForwardMsgs (read by field number, as
# protobuf writes them: 4 new_session starts a run, 6 script_finished ends one with its status). A run that ends
# FINISHED_EARLY_FOR_RERUN (2) is followed by another (a page's st.rerun, or a click while a run was going on).
# Installed before the page loads (an init script); the app's own socket is unchanged.
TRACK_RUNS = """(() => {
  if (window.__e2eRuns) return;
  // finished: runs ended; early: of them, cut short for the next run (their frame thrown away); fragments: fragment
  // runs ended whole.
  const runs = (window.__e2eRuns = {finished: 0, running: false, early: 0, fragments: 0});
  const varint = (bytes, at) => {
    let value = 0, scale = 1, byte;
    do { byte = bytes[at.i++]; value += (byte & 127) * scale; scale *= 128; } while (byte & 128);
    return value;
  };
  const read = (data) => {
    if (!(data instanceof ArrayBuffer)) return;
    const bytes = new Uint8Array(data), at = {i: 0};
    while (at.i < bytes.length) {
      const tag = varint(bytes, at), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) {
        const value = varint(bytes, at);
        if (field === 6) {
          runs.finished++;
          runs.running = value === 2;
          if (value === 2) runs.early++;
          if (value === 3) runs.fragments++;
        }
      } else if (wire === 2) {
        const length = varint(bytes, at);
        if (field === 4) runs.running = true;
        at.i += length;
      } else if (wire === 1) at.i += 8;
      else if (wire === 5) at.i += 4;
      else return;
    }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (String(args[0]).includes("/_stcore/stream")) this.addEventListener("message", (event) => read(event.data));
    }
  };
})();"""
# The server has finished its last run (none going on, none to follow) and Streamlit shows it so
# (data-test-script-state, set once its page has taken the run in), in this animation frame and the one before:
# Streamlit draws what the run sent in a task of its own after the message, which then falls between the two frames.
RUNS_DONE = """(token) => {
  const runs = window.__e2eRuns, app = document.querySelector('[data-testid="stApp"]');
  const done = runs.finished > 0 && !runs.running && app && app.dataset.testScriptState === "notRunning";
  const last = window.__e2eRunsDone;
  window.__e2eRunsDone = {token, done, finished: runs.finished};
  return done && last !== undefined && last.token === token && last.done && last.finished === runs.finished;
}"""


def wait_runs_done(page, timeout: float = 30_000) -> None:
    """Wait until the server's runs for this page are over (see RUNS_DONE; TRACK_RUNS was installed before the page loaded).

    Unlike wait_app_idle, this sees runs under half a second (Streamlit shows its running indicator after 500 ms)
    and the moment between a run that stopped for a rerun and the rerun."""
    page.wait_for_function(RUNS_DONE, arg=f"{time.monotonic_ns()}", polling="raf", timeout=timeout)


def pause_training(page: Page) -> None:
    """Click Train's Pause and wait until the run it starts is over (needs TRACK_RUNS). The Start button is drawn
    before the progress bar: until the run ends, the bar may still show the last live frame, a slice behind."""
    by_key(page, "tr_pause").get_by_role("button").first.click()
    expect(by_key(page, "tr_start").get_by_role("button").first).to_be_enabled(timeout=30_000)
    wait_runs_done(page)


def settle(page: Page) -> None:
    """Wait until the run is over and drawn: no stale elements, no loading skeletons, every chart rendered."""
    wait_app_idle(page)
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')].every(c => !c.checkVisibility() || c.querySelector('.main-svg'))"
        " && [...document.querySelectorAll('[data-testid=\"stCode\"]')].every(c => !c.checkVisibility() || c.innerText.trim().length > 0)",
        timeout=30_000)


# ---- opening a page ----


def open_page(page: Page, url: str, path: str, title_key: str, lang: str) -> None:
    """A page of the app, drawn, in a language."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/{path}?lang={lang}")
    expect(page.get_by_role("heading", name=t(title_key, lang))).to_be_visible(timeout=60_000)
    wait_app_idle(page)


def open_explore(page: Page, app_url: str, lang: str) -> None:
    """The Explore page in `lang`, fully drawn."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/explore?lang={lang}")  # a deep link, possibly a fresh server's first request
    expect(page.get_by_role("heading", name=t("explore_title", lang))).to_be_visible(timeout=60_000)
    expect(page.get_by_role("link", name=t("nav_home", lang))).to_be_visible()  # inside app.py's navigation
    expect(page.locator(".st-key-ex_y_chart .heatmaplayer").first).to_be_attached(timeout=TIMEOUT)
    wait_app_idle(page)


def heading(page: Page, step: int, lang: str) -> Locator:
    """The Lesson's header of `step`."""
    return page.get_by_role("heading", name=f"{step}. {t(f'lesson_s{step}_title', lang)}")


# ---- widgets, by the key Streamlit drew them with ----


def by_key(page: Page, key: str) -> Locator:
    """The element Streamlit drew for widget `key`."""
    return page.locator(f".st-key-{key}")


def grid_cell(page: Page, key: str, row: int, col: int) -> Locator:
    """A text box of kernel grid `key`."""
    return by_key(page, key).locator("tr").nth(row + 1).locator("input").nth(col)


def box_shows(page: Page, key: str, label: str) -> None:
    """Select box `key` shows `label` as its choice."""
    expect(by_key(page, key).locator("input")).to_have_value(label, timeout=TIMEOUT)


def choose(page: Page, key: str, label: str) -> None:
    """Pick `label` in select box `key`: a click on the box itself, as a user clicks (the widget's middle is only
    5 px inside the box, below its label: a label drawn taller, as before its font arrives, took that click once)."""
    by_key(page, key).get_by_role("combobox").click()
    page.get_by_role("option", name=label, exact=True).click()
    box_shows(page, key, label)
    wait_app_idle(page)


def radio_checked(page: Page, key: str, label: str) -> None:
    """Radio `key` has `label` checked."""
    expect(by_key(page, key).get_by_role("radio", name=label, exact=True)).to_be_checked(timeout=TIMEOUT)


def choose_source(page: Page, lang: str, source: str) -> None:
    """Pick Explore's image source ("sample", "upload" or "draw") and wait for the rerun."""
    by_key(page, "ex_source").get_by_text(t(f"image_source_{source}", lang), exact=True).click()
    wait_app_idle(page)


def upload(page: Page, key: str, path: Path) -> None:
    """Give the file to the uploader with this key and wait for the rerun."""
    by_key(page, key).locator("input[type=file]").set_input_files(str(path))
    wait_app_idle(page)


# ---- charts and screenshots ----


def heatmap_labels(page: Page, key: str) -> Locator:
    """The cell texts (numbers) Plotly wrote on the heatmap of chart `key`."""
    return by_key(page, key).locator(".heatmap-label text")


def screenshot_tall(page: Page, path: Path) -> None:
    """A tall screenshot of the whole page (Streamlit scrolls inside its own container)."""
    page.set_viewport_size({"width": 1400, "height": 2700})
    wait_app_idle(page)
    wait_charts_settled(page)  # Plotly's resize redraw done before the picture
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1400, "height": 1000})
    wait_charts_settled(page)  # and back at the usual size before the next clicks, placed from the charts' axes


def screenshot_top(page: Page, path: Path) -> None:
    """A screenshot of the top of the page."""
    wait_charts_settled(page)  # Plotly has finished drawing before the picture
    page.screenshot(path=str(path))


# ---- pictures to upload ----


def png_file(folder: Path, name: str, a: np.ndarray) -> Path:
    """Save a grey uint8 array as a PNG and return its path."""
    path = folder / name
    Image.fromarray(a.astype(np.uint8), "L").save(path)
    return path


def band_file(folder: Path, h: int = 10, w: int = 12) -> Path:
    """A PNG with a bright vertical band in its middle columns (columns 4-7 of the default 10x12)."""
    a = np.zeros((h, w), np.uint8)
    a[:, w // 3: 2 * w // 3] = 255
    return png_file(folder, f"band_{h}x{w}.png", a)


def drag_across(page: Page, box: dict, y: float, inset: float, end_inset: float | None = None, rise: float = 0,
                steps: int = 12) -> None:
    """A mouse stroke across a canvas's bounding `box`: from `inset` px inside its left edge at height `y` to
    `end_inset` (default `inset`) px inside its right edge, `rise` px lower."""
    page.mouse.move(box["x"] + inset, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - (inset if end_inset is None else end_inset), y + rise, steps=steps)
    page.mouse.up()


def stroke_canvas(page: Page, k: int) -> None:
    """Drag stroke k across Explore's drawing canvas: a slanted line, at another height each time."""
    canvas = page.locator("canvas.upper-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] * (0.2 + 0.15 * k)
    drag_across(page, box, y, inset=25, end_inset=40, rise=30)
