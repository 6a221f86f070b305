"""Browser: links reopen a view in a fresh context, the Share panel (link, QR), presenter mode, and downloads."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import torch
from playwright.sync_api import Page, expect

from convcore.exports import read_csv
from tests.helpers.apptest import EDGE_MAP
from ui.text import t
from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, heatmap_labels, wait_app_idle,
                                   wait_charts_settled, wait_runs_done, wait_still)

pytestmark = pytest.mark.browser


def open_link(page: Page, url: str, title: str) -> None:
    """Open a deep link and wait for the page to settle: its runs are over (a first request may run twice)."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.add_init_script(TRACK_RUNS)
    page.goto(url)
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=60_000)
    wait_app_idle(page)
    wait_runs_done(page)


def open_share(page: Page, lang: str) -> str:
    """Open the Share popover; returns the link it shows."""
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("share_button", lang)).click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').first  # the class link
    expect(code).to_be_visible(timeout=TIMEOUT)
    return code.inner_text().strip()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_explore_link_reopens_in_a_fresh_context_and_share_shows_it(page: Page, app_url: str, artifacts: Path,
                                                                     lang: str) -> None:
    open_link(page, f"{app_url}/explore?lang={lang}&kernel=1,0;0,-1&stride=2&row=1&col=2",
              t("explore_title", lang))
    assert_no_exception(page)
    expect(page.get_by_text(re.compile(r"= 3 x 4"))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Y[1, 2] = (X[2:4, 4:6] * K).sum()")).to_be_visible()
    k_numbers = heatmap_labels(page, "ex_k_chart")
    expect(k_numbers).to_have_count(4, timeout=TIMEOUT)
    assert sorted(k_numbers.all_text_contents()) == ["-1", "0", "0", "1"]
    assert "stride=2" in page.url and "kernel=1%2C0%3B0%2C-1" in page.url  # Streamlit escapes , and ;
    link = open_share(page, lang)
    assert link.startswith(f"{app_url}/explore?") and "stride=2" in link and "row=1" in link and f"lang={lang}" in link
    qr = page.locator('[data-testid="stPopoverBody"] [data-testid="stImage"] img')
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 100
    wait_charts_settled(page)  # the popover has opened and the charts are drawn before the picture
    page.screenshot(path=str(artifacts / f"links_share_{lang}.png"))
    other = page.context.browser.new_context()  # the copied link, on a second laptop
    try:
        student = other.new_page()
        open_link(student, link, t("explore_title", lang))
        expect(student.get_by_text("Y[1, 2] = (X[2:4, 4:6] * K).sum()")).to_be_visible(timeout=TIMEOUT)
        expect(student.get_by_text(re.compile(r"= 3 x 4"))).to_be_visible()
    finally:
        other.close()


def test_edits_update_the_address_without_history_entries_and_back_leaves_the_page(page: Page, app_url: str) -> None:
    """Settings are in the address (a link to share), but they are not places to go back to: three kernel edits
    keep one history entry for Explore, and one Back returns to the page before it."""
    open_link(page, f"{app_url}/?lang=en", t("home_title", "en"))
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name=t("nav_explore", "en")).click()
    expect(page.get_by_role("heading", name=t("explore_title", "en"))).to_be_visible(timeout=60_000)
    page.locator(".st-key-ex_y_chart .main-svg").first.wait_for(timeout=60_000)
    wait_app_idle(page)
    entries = page.evaluate("history.length")
    links = []
    for value in ("2", "3", "4"):
        before = page.url
        cell = page.get_by_role("textbox", name=t("kernel_cell_label", "en", row=0, col=0))
        cell.fill(value)
        cell.press("Enter")
        page.wait_for_function("(before) => location.href !== before", arg=before, timeout=TIMEOUT)
        wait_app_idle(page)
        links.append(page.url)
    assert len(set(links)) == 3 and all("kernel=" in link for link in links)  # each edit is in the address
    assert page.evaluate("history.length") == entries  # must not happen: an entry per edit
    page.go_back()
    expect(page.get_by_role("heading", name=t("home_title", "en"))).to_be_visible(timeout=TIMEOUT)
    assert "/explore" not in page.url
    page.go_forward()
    expect(page.get_by_role("heading", name=t("explore_title", "en"))).to_be_visible(timeout=TIMEOUT)
    assert_no_exception(page)


def test_tampered_link_shows_a_notice_and_the_page_works(page: Page, app_url: str) -> None:
    open_link(page, f"{app_url}/explore?lang=en&stride=abc&kernel=1,x&mode=<b>", t("explore_title", "en"))
    notice = page.get_by_text(t("share_bad_link", "en", names="kernel, stride, mode"))
    expect(notice).to_be_visible(timeout=TIMEOUT)
    assert_no_exception(page)
    page.get_by_role("button", name=t("share_dismiss", "en"), exact=True).click()
    expect(notice).to_have_count(0, timeout=TIMEOUT)
    wait_app_idle(page)  # while the dismissing run goes on, the elements below the notice can show twice (old, new)
    expect(page.get_by_text(re.compile(r"= 6 x 7"))).to_have_count(1, timeout=TIMEOUT)  # the page works, once
    assert "stride" not in page.url


def font_px(page: Page, selector: str) -> float:
    """The computed font size of the first element matching selector, in px."""
    return float(page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def test_presenter_mode_enlarges_text_and_goes_into_the_link(page: Page, app_url: str, artifacts: Path) -> None:
    open_link(page, f"{app_url}/explore?lang=en", t("explore_title", "en"))
    body = '[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p'
    title = '[data-testid="stMainBlockContainer"] h1'
    before = font_px(page, body), font_px(page, title)
    page.locator('[data-testid="stSidebar"]').get_by_text(t("present_toggle", "en")).click()
    expect(page.get_by_text(t("present_controls", "en"))).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(page)
    after = font_px(page, body), font_px(page, title)
    # the text grows; the title does not shrink (it stays compact: the room's first screen is for the figures)
    assert after[0] >= 1.3 * before[0] and after[1] >= before[1], (before, after)
    assert "present=1" in page.url
    wait_runs_done(page)
    wait_charts_settled(page)  # the charts are drawn again, larger, before the picture
    page.screenshot(path=str(artifacts / "links_presenter_en.png"))
    page.locator(".st-key-ex_k_chart").scroll_into_view_if_needed()
    wait_charts_settled(page)  # scrolled, and the charts drawn, before the picture
    page.screenshot(path=str(artifacts / "links_presenter_figures_en.png"))
    assert_no_exception(page)


def test_explore_downloads_parse(page: Page, app_url: str, tmp_path: Path) -> None:
    open_link(page, f"{app_url}/explore?lang=en", t("explore_title", "en"))
    page.get_by_text(t("explore_exports", "en"), exact=True).click()
    button = page.get_by_role("button", name=t("explore_download_y_csv", "en"))
    expect(button).to_be_visible(timeout=TIMEOUT)
    wait_runs_done(page)  # the expander's rerun is over: a button redrawn mid-click loses the click
    wait_still(page)
    with page.expect_download(timeout=TIMEOUT) as info:
        button.click()
    path = tmp_path / "y.csv"
    info.value.save_as(path)
    assert info.value.suggested_filename == "convlab_y.csv"
    assert np.array_equal(read_csv(path.read_text()), EDGE_MAP)
    page.get_by_text(t("explore_code_twin", "en"), exact=True).click()
    py_button = page.get_by_role("button", name=t("explore_download_py", "en"))
    expect(py_button).to_be_visible(timeout=TIMEOUT)
    wait_runs_done(page)  # shown mid-run (the code twin is drawn before the charts): wait for the run to end
    wait_still(page)  # the code block above the button swaps in its fonts: a click mid-swap missed it (CI, 1 in 3)
    with page.expect_download(timeout=TIMEOUT) as info:
        py_button.click()
    code = Path(info.value.path()).read_text()
    compile(code, "twin.py", "exec")  # parses as Python
    assert "F.conv2d" in code and "K = torch.tensor([[1.0, -1.0]])" in code


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_train_link_reopens_and_the_log_downloads(page: Page, app_url: str, tmp_path: Path, lang: str) -> None:
    open_link(page, f"{app_url}/train?lang={lang}&steps=20&opt=momentum&seed=5", t("train_title", lang))
    assert_no_exception(page)
    expect(page.locator(".st-key-tr_steps input")).to_have_value("20", timeout=TIMEOUT)
    expect(page.locator(".st-key-tr_seed input")).to_have_value("5")
    expect(page.locator(".st-key-tr_optimizer").get_by_role("radio", name=t("train_opt_momentum", lang))).to_be_checked()
    page.get_by_role("button", name=t("train_finish", lang)).click()
    button = page.get_by_role("button", name=t("train_download_csv", lang))
    expect(button).to_be_visible(timeout=60_000)
    wait_runs_done(page)  # the summary is drawn mid-run: click once the run is over
    with page.expect_download(timeout=TIMEOUT) as info:
        button.click()
    rows = Path(info.value.path()).read_text().splitlines()
    assert rows[0].startswith("step,loss") and len(rows) == 21
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name=t("train_download_pt", lang)).click()
    state = torch.load(info.value.path(), weights_only=True)
    assert tuple(state["weight"].shape) == (1, 1, 1, 2)
    assert "steps=20" in page.url and "opt=momentum" in page.url


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_share_in_presenter_mode_gives_students_a_class_link_and_flags_a_loopback_address(page: Page, app_url: str,
                                                                                         artifacts: Path,
                                                                                         lang: str) -> None:
    open_link(page, f"{app_url}/explore?lang={lang}&present=1&stride=2", t("explore_title", lang))
    page.set_viewport_size({"width": 1920, "height": 1080})  # a projector
    class_link = open_share(page, lang)  # the first link shown: the one its QR code opens
    assert "stride=2" in class_link and "present" not in class_link, class_link
    body = page.locator('[data-testid="stPopoverBody"]')
    presenter = body.locator('[data-testid="stCode"]').nth(1)
    expect(presenter).to_contain_text("present=1")
    expect(body.get_by_text(t("share_presenter_link", lang))).to_be_visible()
    host = "127.0.0.1"  # the test server's address: students could not open it
    expect(body.get_by_text(t("share_loopback", lang, host=host).split("`")[0].strip())).to_be_visible()
    qr = body.locator('[data-testid="stImage"] img')
    expect(qr).to_be_visible()
    box, popover = qr.bounding_box(), body.bounding_box()
    assert box["width"] >= 390, box  # for a phone at the back of the room
    assert popover["x"] <= box["x"] and box["x"] + box["width"] <= popover["x"] + popover["width"] + 1, (box, popover)
    assert 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"], box  # whole, not scrolled to
    page.screenshot(path=str(artifacts / f"links_share_presenter_{lang}.png"))
