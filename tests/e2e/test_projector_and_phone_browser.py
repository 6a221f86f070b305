"""Browser: what the back row of a lecture hall reads (presenter mode on a 1920x1080 projector) and what a student
sees on a phone (390x844): numbers at 18 px or more, the main figure on the first screen, nothing overlapping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, by_key, wait_app_idle,
                                   wait_charts_settled, wait_runs_done)
from ui.text import t

PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
READABLE_PX = 18  # the smallest number the back row reads on a 1080p projector

# Every text of a chart a student reads as a number: the numbers in heatmap cells, and the axes' tick labels.
TEXT_SIZES = """(root) => [...root.querySelectorAll('.heatmap-label text, .xtick text, .ytick text')]
  .filter((e) => e.getBoundingClientRect().width > 0)
  .map((e) => ({text: e.textContent, px: parseFloat(getComputedStyle(e).fontSize)}))"""

# The boxes that must not overlap on a phone: each chart's plot areas, colour bars and legends, page-wide.
BOXES = """() => [...document.querySelectorAll('.js-plotly-plot')].filter((p) => p.checkVisibility()).flatMap((plot, n) =>
  [...plot.querySelectorAll('.nsewdrag, .colorbar, .legend')].map((e) => {
    const r = e.getBoundingClientRect();
    return {chart: n, what: e.getAttribute('class'), x: r.x, y: r.y + window.scrollY, w: r.width, h: r.height};
  }).filter((b) => b.w > 0 && b.h > 0))"""

# Each chart's title against its own column numbers (the title must sit above them).
TITLE_CLASHES = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap((plot) => {
  const titles = [...plot.querySelectorAll('.gtitle, .annotation-text')].map((e) => e.getBoundingClientRect());
  const ticks = [...plot.querySelectorAll('.xtick text')].map((e) => e.getBoundingClientRect());
  return titles.flatMap((a) => ticks.filter((b) => a.width && b.width && a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom).map((b) => [a.top, a.bottom, b.top, b.bottom]));
})"""


def open_view(page: Page, url: str, title: str, viewport: dict) -> None:
    """Open a link at a screen size and wait until its runs are over and its charts drawn."""
    page.set_viewport_size(viewport)
    page.add_init_script(TRACK_RUNS)
    page.goto(url)
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=60_000)
    wait_app_idle(page)
    wait_runs_done(page)
    wait_charts_settled(page)


def text_sizes(page: Page, key: str) -> list[dict]:
    """The numbers chart `key` shows, with their font sizes in px."""
    return by_key(page, key).evaluate(TEXT_SIZES)


def assert_readable(page: Page, key: str) -> None:
    """Every number chart `key` shows is at least READABLE_PX (and it shows some)."""
    sizes = text_sizes(page, key)
    assert sizes, f"{key}: no numbers shown"
    small = [s for s in sizes if s["px"] < READABLE_PX]
    assert not small, (key, small[:5])


# The box around every plot area of a chart (a chart of several panels has one per panel).
PLOTS_BOX = """(root) => {
  const boxes = [...root.querySelectorAll('.nsewdrag')].map((e) => e.getBoundingClientRect()).filter((r) => r.width);
  const left = Math.min(...boxes.map((r) => r.left)), top = Math.min(...boxes.map((r) => r.top));
  return {width: Math.max(...boxes.map((r) => r.right)) - left, height: Math.max(...boxes.map((r) => r.bottom)) - top};
}"""


def assert_on_first_screen(page: Page, key: str) -> None:
    """Chart `key` starts on the first screen and its plots fill most of its column."""
    chart = by_key(page, key).bounding_box()
    assert chart["y"] < page.viewport_size["height"] - 200, (key, chart)  # its top, with room to see it
    plots = by_key(page, key).evaluate(PLOTS_BOX)
    assert plots["width"] >= 0.6 * chart["width"] or plots["height"] >= 0.6 * chart["height"], (key, plots, chart)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_explore_on_a_projector_reads_from_the_back_row(page: Page, app_url: str, artifacts: Path, lang: str) -> None:
    open_view(page, f"{app_url}/explore?lang={lang}&present=1", t("explore_title", lang), PROJECTOR)
    assert_no_exception(page)
    for key in ("ex_x_chart", "ex_k_chart", "ex_y_chart", "ex_panels"):
        assert_readable(page, key)
    assert_on_first_screen(page, "ex_y_chart")
    assert_on_first_screen(page, "ex_x_chart")
    total = page.locator("p", has_text=re.compile(r"Y\[0, 0\] = -?\d")).first
    assert total.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= READABLE_PX  # the inspected cell's sum
    assert not page.evaluate(TITLE_CLASHES)
    page.screenshot(path=str(artifacts / f"projector_explore_{lang}.png"))


def test_train_on_a_projector_mid_training(page: Page, app_url: str, artifacts: Path) -> None:
    open_view(page, f"{app_url}/train?lang=ko&present=1&steps=400", t("train_title", "ko"), PROJECTOR)
    page.locator(".st-key-tr_start button").click()
    expect(page.locator(".st-key-tr_pause button")).to_be_enabled(timeout=60_000)
    page.wait_for_function("() => (window.__convlab.stats || {}).draws >= 3", timeout=60_000)
    page.screenshot(path=str(artifacts / "projector_train_mid_ko.png"))
    assert_readable(page, "tr_charts")
    assert_on_first_screen(page, "tr_charts")
    assert_no_exception(page)


@pytest.mark.parametrize("step", [2, 5, 6])
def test_lesson_steps_on_a_projector_start_near_the_top(page: Page, app_url: str, artifacts: Path, step: int) -> None:
    open_view(page, f"{app_url}/lesson?lang=ko&present=1&step={step}", t("lesson_title", "ko"), PROJECTOR)
    header = page.get_by_role("heading", name=f"{step}. {t(f'lesson_s{step}_title', 'ko')}")
    assert header.bounding_box()["y"] < 300  # the intro and the step list are folded away
    charts = page.locator('[data-testid="stPlotlyChart"], .convlab-live-chart').filter(visible=True)
    expect(charts.first).to_be_visible(timeout=TIMEOUT)
    assert charts.first.bounding_box()["y"] < PROJECTOR["height"]
    sizes = charts.first.evaluate(TEXT_SIZES)
    assert sizes and min(s["px"] for s in sizes) >= READABLE_PX, sizes[:5]
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / f"projector_lesson_{step}_ko.png"))


def test_challenge_on_a_projector_shows_x_and_y_on_the_first_screen(page: Page, app_url: str, artifacts: Path) -> None:
    open_view(page, f"{app_url}/challenge?lang=ko&present=1&challenge=face", t("challenge_title", "ko"), PROJECTOR)
    for key in ("ch_x_8x8", "ch_y_6x6"):  # the face's X and its target Y
        assert_readable(page, key)
        assert_on_first_screen(page, key)
    assert not page.evaluate(TITLE_CLASHES)
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / "projector_challenge_ko.png"))


@pytest.mark.parametrize("path,title_key", [("explore", "explore_title"), ("train", "train_title"),
                                            ("challenge", "challenge_title")])
def test_on_a_phone_no_two_figures_overlap(page: Page, app_url: str, artifacts: Path, path: str, title_key: str) -> None:
    query = "&challenge=bright" if path == "challenge" else ""  # its one-cell first guess has the answer's shape:
    open_view(page, f"{app_url}/{path}?lang=ko{query}", t(title_key, "ko"), PHONE)  # X, Y, your Y, the difference
    if path == "train":  # a finished run: loss, weights, landscape and the summary's charts
        page.get_by_role("button", name=t("train_finish", "ko")).click()
        expect(page.get_by_role("heading", name=t("train_summary", "ko"))).to_be_visible(timeout=90_000)
        wait_runs_done(page)
    wait_charts_settled(page)
    boxes = page.evaluate(BOXES)
    assert len(boxes) >= 4, boxes
    clashes = [(a, b) for k, a in enumerate(boxes) for b in boxes[k + 1:]
               if a["x"] + 1 < b["x"] + b["w"] and b["x"] + 1 < a["x"] + a["w"]
               and a["y"] + 1 < b["y"] + b["h"] and b["y"] + 1 < a["y"] + a["h"]]
    assert not clashes, clashes[:3]
    wide = [b for b in boxes if b["x"] < -1 or b["x"] + b["w"] > PHONE["width"] + 1]
    assert not wide, wide[:3]  # nothing runs off the screen sideways
    assert not page.evaluate(TITLE_CLASHES)
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / f"phone_{path}_ko.png"), full_page=True)


# Each number Plotly wrote in a heatmap cell against the cell's width: the plot's width over its columns.
OVERFLOWS = """(root) => [...root.querySelectorAll('.js-plotly-plot')].flatMap((plot) => {
  const area = plot.querySelector('.nsewdrag');
  const columns = plot.querySelectorAll('.xtick text').length;  // (.xtick also names the tick marks)
  if (!area || !columns) return [];
  const cell = area.getBoundingClientRect().width / columns;
  return [...plot.querySelectorAll('.heatmap-label text')].map((e) => ({text: e.textContent,
    width: e.getBoundingClientRect().width, cell})).filter((n) => n.width > n.cell - 2);
})"""


@pytest.mark.parametrize("viewport", [{"width": 1400, "height": 1000}, PHONE])
def test_every_number_fits_its_cell_on_a_14_by_14_photo(page: Page, app_url: str, artifacts: Path,
                                                         viewport: dict) -> None:
    open_view(page, f"{app_url}/explore?lang=en&sample=photo&side=14&preset=gaussian_blur", t("explore_title", "en"),
              viewport)
    labels = by_key(page, "ex_x_chart").locator(".heatmap-label text")
    expect(labels.first).to_be_attached(timeout=TIMEOUT)
    texts = labels.all_text_contents()
    assert any("." in s for s in texts) and not any(s.startswith((".", "-.")) for s in texts), texts[:20]
    for key in ("ex_x_chart", "ex_y_chart"):
        overflowing = by_key(page, key).evaluate(OVERFLOWS)
        assert not overflowing, (key, overflowing[:5])
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / f"numbers_14x14_{viewport['width']}.png"))
