"""Browser: a teacher's link opened on a phone shows what the link names, even when the page never saw its first run.

A phone reports its width as soon as the page draws, and the app reruns for it: that request can cut the first run
short, or Streamlit drops the first run's last messages when the second starts. The first run was the one that gave
the widgets the link's values; the page then showed the first sample while X was the linked one (1 in 4 fresh loads
of a teacher's link at 390 px). The app's websocket, routed through the test, loses the first run every time.
"""

from __future__ import annotations

import re
from typing import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, box_shows, by_key, grid_cell,
                                   wait_runs_done)
from tests.helpers.socket_gate import FirstRunLost
from ui.text import t


def explore_shows_the_link(page: Page) -> None:
    """The checkerboard, Sobel x and stride 2 (in Korean): boxes, grid and Y's shape agree."""
    box_shows(page, "ex_sample", t("sample_checkerboard", "ko"))
    box_shows(page, "exk_preset", t("kernel_sobel_x", "ko"))
    expect(by_key(page, "ex_stride").locator("input")).to_have_value("2")
    expect(grid_cell(page, "exk_grid", 1, 0)).to_have_value("-2")
    expect(page.get_by_text(re.compile(r"= 7 x 7")).first).to_be_attached(timeout=TIMEOUT)


def train_shows_the_link(page: Page) -> None:
    """The checkerboard, 20 steps, in presenter mode."""
    box_shows(page, "trx_sample", t("sample_checkerboard", "en"))
    expect(by_key(page, "tr_steps").locator("input")).to_have_value("20")
    expect(by_key(page, "present").locator("input[type=checkbox]")).to_be_checked()  # in the closed sidebar


def challenge_shows_the_link(page: Page) -> None:
    """The house challenge (in Korean)."""
    expect(by_key(page, "ch_pick").locator("input")).to_have_value(re.compile(re.escape(t("challenge_house_title", "ko"))))


LINKS: dict[str, tuple[str, Callable[[Page], None]]] = {
    "explore": ("explore?lang=ko&sample=checkerboard&preset=sobel_x&stride=2", explore_shows_the_link),
    "train": ("train?lang=en&sample=checkerboard&steps=20&present=1", train_shows_the_link),
    "challenge": ("challenge?lang=ko&challenge=house", challenge_shows_the_link),
}


@pytest.mark.browser
@pytest.mark.parametrize("name", LINKS)
def test_a_link_on_a_phone_shows_its_values_when_the_first_run_is_lost(page: Page, app_url: str, name: str) -> None:
    gate = FirstRunLost(page)
    page.add_init_script(TRACK_RUNS)
    page.set_viewport_size({"width": 390, "height": 844})
    path, shows_the_link = LINKS[name]
    page.goto(f"{app_url}/{path}")
    page.wait_for_function("() => window.__e2eRuns.finished > 0", timeout=60_000)
    wait_runs_done(page, timeout=60_000)
    assert gate.starts >= 2  # the page saw the second run, not the first
    shows_the_link(page)
    assert_no_exception(page)
