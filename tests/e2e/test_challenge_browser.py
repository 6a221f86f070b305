"""Browser: a teacher's link opens a challenge; the student sets the kernel's size, types it in the grid, takes a hint
and solves it; the address names the challenge and never the kernel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from convcore import challenges
from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, box_shows, by_key, grid_cell,
                                   heatmap_labels, screenshot_tall, wait_app_idle, wait_charts_settled, wait_runs_done)
from tests.helpers.socket_gate import AnswerHold, wait_until
from ui.challenge.panels import shaped_key
from ui.text import t

pytestmark = pytest.mark.browser


def open_link(page: Page, url: str, lang: str) -> None:
    """The teacher's link in a student's browser, at 1400x1000, drawn."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.add_init_script(TRACK_RUNS)
    page.goto(url)
    expect(page.get_by_role("heading", name=t("challenge_title", lang))).to_be_visible(timeout=60_000)
    wait_app_idle(page)
    wait_runs_done(page)


def set_size(page: Page, side: str, value: int) -> None:
    """Type the kernel's rows or columns into its box."""
    box = by_key(page, f"chk_{side}").locator("input")
    box.fill(str(value))
    box.press("Enter")
    expect(box).to_have_value(str(value), timeout=TIMEOUT)
    wait_runs_done(page)


def type_cell(page: Page, row: int, col: int, text: str) -> None:
    """Type into one cell of the grid and apply it."""
    cell = grid_cell(page, "chk_grid", row, col)
    cell.fill(text)
    cell.press("Enter")
    wait_runs_done(page)
    expect(cell).to_have_value(text)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_student_solves_the_teacher_s_challenge_in_the_browser(page: Page, app_url: str, artifacts: Path,
                                                                 lang: str) -> None:
    open_link(page, f"{app_url}/challenge?lang={lang}&challenge=face", lang)
    assert_no_exception(page)
    target = challenges.target("face")
    expect(heatmap_labels(page, shaped_key("ch_y", target))).to_have_count(target.size, timeout=TIMEOUT)
    expect(page.get_by_text(t("challenge_shape_differs", lang, got="8 x 8", want="6 x 6"))).to_be_visible()
    by_key(page, "ch_hint").get_by_role("button").click()
    expect(page.get_by_text(t("challenge_hint_shape", lang, rows=3, cols=3))).to_be_visible(timeout=TIMEOUT)
    wait_runs_done(page)
    set_size(page, "rows", 3)
    set_size(page, "cols", 3)
    expect(grid_cell(page, "chk_grid", 2, 2)).to_have_value("0", timeout=TIMEOUT)  # the 3x3 grid is drawn
    answer = challenges.get("face").answer
    for (i, j), value in ((ij, answer[ij]) for ij in zip(*answer.nonzero())):
        assert not page.get_by_text(t("challenge_solved", lang, score=90)).is_visible()  # not before the last cell
        type_cell(page, int(i), int(j), f"{value:g}")
    expect(page.get_by_text(t("challenge_solved", lang, score=100 - challenges.HINT_COST))).to_be_visible(
        timeout=TIMEOUT)
    expect(by_key(page, "ch_hint").get_by_role("button")).to_be_disabled()
    wait_runs_done(page)
    wait_charts_settled(page)  # the run that solved it drew its charts one after another: read them once all drawn
    guess = heatmap_labels(page, shaped_key("ch_guess", target))
    expect(guess).to_have_count(target.size)
    assert sorted(map(float, guess.all_text_contents())) == sorted(target.ravel().tolist())
    diff = heatmap_labels(page, shaped_key("ch_diff", target)).all_text_contents()
    columns = by_key(page, shaped_key("ch_guess", target)).locator(".xtick text").all_text_contents()
    assert columns == [str(j) for j in range(target.shape[1])]  # numbered for its own 6 columns, not the 8x8's
    assert diff and all(float(v) == 0 for v in diff)
    assert "challenge=face" in page.url and not re.search(r"kernel|preset|%3B|-1|2%2C", page.url)
    assert_no_exception(page)
    page.screenshot(path=str(artifacts / f"challenge_solved_{lang}.png"))  # 1400x1000: what a laptop shows
    screenshot_tall(page, artifacts / f"challenge_solved_tall_{lang}.png")


GRID_VERSION = """() => [...document.querySelectorAll('.st-key-chk_grid *')]
  .map((e) => e.__convlab?.kernelGrid?.version).find((v) => v !== undefined)"""  # the kernel the grid last loaded


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_cell_typed_as_the_next_challenge_opens_is_kept_and_applied_to_it(page: Page, app_url: str,
                                                                             lang: str) -> None:
    """The student picks the next challenge and types at once in the grid still drawn for the last one: the new
    challenge's grid arrives between the typing and Enter (held here until then, every time). The typed number
    stays, Enter applies it to the new challenge. (It was replaced by the new grid's 0 and Enter sent nothing.)"""
    gate = AnswerHold(page)
    open_link(page, f"{app_url}/challenge?lang={lang}", lang)
    # The grid's code runs once its element is drawn, which the run's end does not wait for (once in a clean-clone
    # run the version was read before it): wait for the grid to hold its first kernel.
    page.wait_for_function(f"() => ({GRID_VERSION})() !== undefined", timeout=TIMEOUT)
    loaded = page.evaluate(GRID_VERSION)
    brighter = f"★☆☆ 2. {t('challenge_bright_title', lang)}"
    gate.hold()
    by_key(page, "ch_pick").get_by_role("combobox").click()
    page.get_by_role("option", name=brighter, exact=True).click()
    wait_until(page, lambda: gate.finished)  # the pick's run is over: its new grid waits in the test
    cell = grid_cell(page, "chk_grid", 0, 0)
    cell.fill("2")
    gate.release()
    page.wait_for_function(f"(loaded) => ({GRID_VERSION})() !== loaded", arg=loaded,
                           timeout=TIMEOUT)  # the new grid has come
    expect(cell).to_have_value("2")
    cell.press("Enter")
    expect(page.get_by_text(t("challenge_solved", lang, score=100))).to_be_visible(timeout=TIMEOUT)
    wait_runs_done(page)
    expect(cell).to_have_value("2")
    box_shows(page, "ch_pick", brighter)
    assert_no_exception(page)
