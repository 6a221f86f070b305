"""Browser: walk the lesson with next/previous in both languages, train live, deep-link and keyboard navigation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import free_port, start_server, stop_server, wait_healthy
from tests.helpers.browser import assert_no_exception, heading, settle
from ui.text import t

pytestmark = pytest.mark.browser
STEPS = range(1, 8)
CHART = ".st-key-lesson_train_chart .js-plotly-plot"
TALL = {"width": 1400, "height": 2600}  # Streamlit scrolls inside the page, so a tall window shows a whole step


def train_live(page: Page, lang: str) -> None:
    """Press Train on step 6, see it running, and wait for the ten updates to finish."""
    page.locator(".st-key-lesson_play button").click()
    expect(page.get_by_text(re.compile(re.escape(t("lesson_s6_running", lang, done=0, total=10)[:-4])))).to_be_visible(
        timeout=15_000)
    mark = f"() => {{ const plot = document.querySelector('{CHART}'); if (plot) plot.__lessonMark = true; return !!plot; }}"
    page.wait_for_function(mark, timeout=15_000)  # the plot drawn while it trains, marked
    done = t("lesson_s6_done", lang, steps=10, first="X", last="Y").split("X")[0]
    expect(page.get_by_text(re.compile("^" + re.escape(done)))).to_be_visible(timeout=30_000)
    expect(page.get_by_text("iteration 10, loss")).to_be_visible()
    # Must not happen: the chart remounted (a new plot: it blinked) on an update; it is redrawn in place
    assert page.evaluate(f"() => document.querySelector('{CHART}').__lessonMark === true")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_walk_every_step_with_next_and_previous(page: Page, lesson_url: str, artifacts, lang: str) -> None:
    page.set_viewport_size(TALL)
    page.goto(f"{lesson_url}/lesson?lang={lang}&step=1")
    for step in STEPS:
        expect(heading(page, step, lang)).to_be_visible(timeout=60_000)
        expect(page).to_have_url(re.compile(rf"step={step}\b"))
        settle(page)
        if step == 6:
            train_live(page, lang)
            settle(page)
        if step == 4:
            page.get_by_text(t("lesson_s4_reveal", lang)).click()
            last = t("lesson_s4_answer", lang).split("\n")[-1].replace("**", "")
            expect(page.get_by_text(last)).to_be_in_viewport()
            settle(page)
        page.screenshot(path=str(artifacts / f"lesson_{lang}_{step}.png"))
        if step < 7:
            page.locator(".st-key-lesson_next_top button").click()
    for step in reversed(range(1, 7)):
        page.locator(".st-key-lesson_prev_bottom button").click()
        expect(heading(page, step, lang)).to_be_visible(timeout=30_000)
        settle(page)  # the previous step's elements linger until the run ends: one button at a time
    expect(page).to_have_url(re.compile(r"step=1\b"))
    assert_no_exception(page)


def test_deep_link_opens_step_5_and_keyboard_moves(page: Page, lesson_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{lesson_url}/lesson?lang=en&step=5")
    expect(heading(page, 5, "en")).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.locator(".st-key-lesson_next_top button")).to_be_enabled(timeout=30_000)
    page.locator("h1").click()  # focus the page, not an input
    page.keyboard.press("PageDown")
    expect(heading(page, 6, "en")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"step=6\b"))
    settle(page)
    page.keyboard.press("PageUp")
    expect(heading(page, 5, "en")).to_be_visible(timeout=30_000)
    assert_no_exception(page)


def test_bad_step_shows_a_notice(page: Page, lesson_url: str) -> None:
    page.goto(f"{lesson_url}/lesson?lang=en&step=99")
    expect(heading(page, 1, "en")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("step=99")).to_be_visible()
    expect(page).to_have_url(re.compile(r"step=1\b"))
    assert_no_exception(page)


def test_deep_link_as_the_first_request_of_a_fresh_server(page: Page, tmp_path) -> None:
    port = free_port()
    proc = start_server(port, log_path=tmp_path / "fresh.log")
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
        page.goto(f"{url}/lesson?lang=en&step=5")
        expect(heading(page, 5, "en")).to_be_visible(timeout=60_000)
    finally:
        stop_server(proc)
