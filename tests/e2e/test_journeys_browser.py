"""Browser: the paths people walk. Every page, then every other page by the sidebar, back by the sidebar, then the
browser's Back and Forward; fresh and after using the page; and a language switch with non-default choices.

Must not happen after any move: Streamlit's error box, the app's "unexpected" message, a missing sidebar menu, or a
choice the user made shown differently (or not at all). The AppTest twins are in tests/pages/test_journeys.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from convcore.i18n import LANG_NAMES
from tests.e2e.conftest import serving
from ui.text import t
from tests.helpers.browser import (TIMEOUT, TRACK_RUNS, assert_no_exception, band_file, box_shows, by_key, choose,
                                   grid_cell, pause_training, radio_checked, wait_app_idle,
                                   wait_runs_done)

pytestmark = pytest.mark.browser

PAGES = ("home", "explore", "train", "lesson", "challenge")


@pytest.fixture(autouse=True)
def track_runs(context) -> None:
    """Every page of these tests reads the server's runs from its websocket (wait_runs_done)."""
    context.add_init_script(TRACK_RUNS)


def page_title(page: Page, name: str, lang: str):
    """The page's title."""
    return page.get_by_role("heading", name=t(f"{name}_title", lang), exact=True)


def menu_link(page: Page, name: str, lang: str):
    """The sidebar's link to a page."""
    return page.locator('[data-testid="stSidebar"] a').filter(has_text=t(f"nav_{name}", lang))


def assert_sound(page: Page, name: str, lang: str) -> None:
    """The page `name` is shown whole: its title, the sidebar's links, no error box, no "unexpected" message."""
    expect(page_title(page, name, lang)).to_be_visible(timeout=TIMEOUT)
    wait_app_idle(page)
    wait_runs_done(page)  # also a run under half a second (wait_app_idle sees Streamlit's indicator, shown after 0.5 s)
    assert_no_exception(page)
    expect(page.get_by_text(t("unexpected_error", lang))).to_have_count(0)
    for other in PAGES:
        expect(menu_link(page, other, lang)).to_be_visible()


def use(page: Page, name: str, lang: str, folder: Path) -> str:
    """Use a page as a student would (a preset, a typed cell, an upload; Start then Pause; a step on); returns what
    the page must still show when the student comes back (see kept)."""
    if name == "explore":
        choose(page, "exk_preset", t("kernel_sobel_x", lang))
        expect(grid_cell(page, "exk_grid", 2, 2)).to_have_value("1")  # Sobel x's 3x3 has reached the grid
        cell = grid_cell(page, "exk_grid", 0, 0)
        cell.fill("7")
        cell.press("Enter")
        box_shows(page, "exk_preset", t("kernel_custom", lang))  # the server has the typed cell
        by_key(page, "ex_source").get_by_text(t("image_source_upload", lang), exact=True).click()
        by_key(page, "ex_file").locator("input[type=file]").set_input_files(str(band_file(folder)))
        shape = t("image_shape", lang, h=10, w=12, c=1)
        expect(page.get_by_text(shape)).to_be_visible(timeout=TIMEOUT)
        wait_app_idle(page)
        return shape
    if name == "train":
        by_key(page, "tr_start").get_by_role("button").click()
        page.wait_for_function("""() => { const bar = document.querySelector('[data-testid="stProgress"]');
          const m = bar && bar.innerText.match(/(\\d+)\\s*\\//); return m && parseInt(m[1]) >= 10; }""",
                               timeout=TIMEOUT)
        # Clicked as a user clicks (Playwright checks that the button is what receives the click, which force=True
        # does not: once in a CI run the Pause never arrived); read once the Pause's run is over (once in a CI run
        # the bar was read between the new Start button and the bar's own update, one step behind).
        pause_training(page)
        return page.locator('[data-testid="stProgress"]').inner_text()
    if name == "lesson":
        by_key(page, "lesson_next_top").get_by_role("button").click()
        step = f"2. {t('lesson_s2_title', lang)}"
        expect(page.get_by_role("heading", name=step)).to_be_visible(timeout=TIMEOUT)
        wait_app_idle(page)
        return step
    if name == "challenge":
        choose(page, "ch_pick", f"★☆☆ 2. {t('challenge_bright_title', lang)}")
        cell = grid_cell(page, "chk_grid", 0, 0)
        cell.fill("2")
        cell.press("Enter")
        solved = t("challenge_solved", lang, score=100)
        expect(page.get_by_text(solved)).to_be_visible(timeout=TIMEOUT)
        wait_app_idle(page)
        return solved
    return ""


def kept(page: Page, name: str, lang: str, left: str) -> None:
    """What `use` did is still there."""
    if name == "explore":
        box_shows(page, "exk_preset", t("kernel_custom", lang))  # a typed cell makes the preset "custom"
        expect(grid_cell(page, "exk_grid", 0, 0)).to_have_value("7")
        expect(page.get_by_text(left)).to_be_visible()
        radio_checked(page, "ex_source", t("image_source_upload", lang))
    elif name == "train":
        expect(page.locator('[data-testid="stProgress"]')).to_have_text(left)
    elif name == "lesson":
        expect(page.get_by_role("heading", name=left)).to_be_visible()
    elif name == "challenge":
        box_shows(page, "ch_pick", f"★☆☆ 2. {t('challenge_bright_title', lang)}")
        expect(grid_cell(page, "chk_grid", 0, 0)).to_have_value("2")
        expect(page.get_by_text(left)).to_be_visible()


@pytest.mark.parametrize("used", [False, True], ids=["fresh", "used"])
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("start", PAGES)
def test_each_page_survives_every_other_page_and_back_and_forward(page: Page, app_url: str, start: str, lang: str,
                                                                    used: bool, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/{start if start != 'home' else ''}?lang={lang}")
    assert_sound(page, start, lang)
    left = use(page, start, lang, tmp_path) if used else ""
    for other in (p for p in PAGES if p != start):
        menu_link(page, other, lang).click()
        assert_sound(page, other, lang)
        menu_link(page, start, lang).click()
        assert_sound(page, start, lang)
        if used:
            kept(page, start, lang, left)
        page.go_back()
        assert_sound(page, other, lang)
        page.go_forward()
        assert_sound(page, start, lang)
        if used:
            kept(page, start, lang, left)


def test_train_after_home_and_back_is_whole(page: Page, app_url: str, artifacts) -> None:
    """The reported crash: /train?lang=ko, Home, Train again (a picture for the note)."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/train?lang=ko")
    assert_sound(page, "train", "ko")
    menu_link(page, "home", "ko").click()
    assert_sound(page, "home", "ko")
    menu_link(page, "train", "ko").click()
    assert_sound(page, "train", "ko")
    expect(by_key(page, "tr_start").get_by_role("button")).to_be_enabled()
    page.screenshot(path=str(artifacts / "journey_train_home_train_ko.png"), full_page=True)


def switch_language(page: Page, lang: str) -> None:
    """Click the sidebar's language."""
    by_key(page, "lang_picker").get_by_role("radio", name=LANG_NAMES[lang], exact=True).click()


def segment_active(page: Page, key: str, label: str) -> None:
    """Segmented control `key` shows `label` as the chosen one (its buttons are radios)."""
    radio_checked(page, key, label)


def test_explore_keeps_its_choices_through_a_language_switch(page: Page, app_url: str, artifacts) -> None:
    """The reported path: Explore in Korean, Kernel K = Sobel x, English, click the box, Esc, Tab; and back."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/explore?lang=ko")
    assert_sound(page, "explore", "ko")
    choose(page, "exk_preset", t("kernel_sobel_x", "ko"))
    by_key(page, "ex_mode").get_by_role("radio", name=t("explore_mode_convolution", "ko"), exact=True).click()
    segment_active(page, "ex_mode", t("explore_mode_convolution", "ko"))
    wait_app_idle(page)
    for lang in ("en", "ko"):
        switch_language(page, lang)
        assert_sound(page, "explore", lang)
        box_shows(page, "exk_preset", t("kernel_sobel_x", lang))
        segment_active(page, "ex_mode", t("explore_mode_convolution", lang))
        radio_checked(page, "ex_source", t("image_source_sample", lang))
        by_key(page, "exk_preset").get_by_role("combobox").click()
        page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        wait_app_idle(page)
        assert_sound(page, "explore", lang)
        box_shows(page, "exk_preset", t("kernel_sobel_x", lang))
        if lang == "en":
            page.screenshot(path=str(artifacts / "journey_explore_switched_en.png"), full_page=True)


@pytest.mark.parametrize("name, boxes", [("explore", ("explore_code_twin", "explore_exports")),
                                         ("train", ("train_code",))])
def test_open_code_and_downloads_stay_open_through_a_language_switch(page: Page, app_url: str, name: str,
                                                                      boxes: tuple[str, ...]) -> None:
    """A lecturer shows the code, then switches the language for the room: the boxes stay open (Streamlit knows an
    expander by its label too: in the new language it was a new box, closed)."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/{name}?lang=ko")
    assert_sound(page, name, "ko")
    opened = page.locator('[data-testid="stExpander"] details[open]')
    for label in boxes:
        page.get_by_text(t(label, "ko"), exact=True).click()
        wait_app_idle(page)
    expect(opened).to_have_count(len(boxes), timeout=TIMEOUT)
    expect(page.locator('[data-testid="stExpander"] [data-testid="stCode"]').first).to_be_visible(timeout=TIMEOUT)
    for lang in ("en", "ko"):
        switch_language(page, lang)
        assert_sound(page, name, lang)
        for label in boxes:
            expect(page.get_by_text(t(label, lang), exact=True)).to_be_visible()  # the box, in the new language
        expect(opened).to_have_count(len(boxes))
        expect(page.locator('[data-testid="stExpander"] [data-testid="stCode"]').first).to_be_visible(timeout=TIMEOUT)


def test_train_keeps_its_choices_through_a_language_switch(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/train?lang=en")
    assert_sound(page, "train", "en")
    choices = {"tr_optimizer": "train_opt_adam", "tr_loss": "train_loss_mean"}
    for key, label in choices.items():
        by_key(page, key).get_by_text(t(label, "en"), exact=True).click()
        radio_checked(page, key, t(label, "en"))
        wait_app_idle(page)
    by_key(page, "tr_speed").get_by_role("radio", name=t("train_speed_fast", "en"), exact=True).click()
    segment_active(page, "tr_speed", t("train_speed_fast", "en"))
    wait_app_idle(page)
    cell = grid_cell(page, "trk_grid", 0, 1)
    cell.fill("-2")
    cell.press("Enter")
    box_shows(page, "trk_preset", t("kernel_custom", "en"))
    wait_app_idle(page)
    for lang in ("ko", "en"):
        switch_language(page, lang)
        assert_sound(page, "train", lang)
        for key, label in choices.items():
            radio_checked(page, key, t(label, lang))
        segment_active(page, "tr_speed", t("train_speed_fast", lang))
        box_shows(page, "trk_preset", t("kernel_custom", lang))
        expect(grid_cell(page, "trk_grid", 0, 1)).to_have_value("-2")


def test_lesson_keeps_its_step_and_choices_through_a_language_switch(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/lesson?lang=ko&step=6")
    assert_sound(page, "lesson", "ko")
    by_key(page, "lesson_w_init").get_by_text(t("lesson_init_seed", "ko"), exact=True).click()
    radio_checked(page, "lesson_w_init", t("lesson_init_seed", "ko"))
    wait_app_idle(page)
    for lang in ("en", "ko"):
        switch_language(page, lang)
        assert_sound(page, "lesson", lang)
        expect(page.get_by_role("heading", name=f"6. {t('lesson_s6_title', lang)}")).to_be_visible()
        radio_checked(page, "lesson_w_init", t("lesson_init_seed", lang))
        assert "step=6" in page.url


def test_two_tabs_are_two_students(context, app_url: str) -> None:
    """Two tabs of one browser: what one does (a preset, the language) never shows in the other."""
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.set_viewport_size({"width": 1400, "height": 1000})
        tab.goto(f"{app_url}/explore?lang=ko")
        assert_sound(tab, "explore", "ko")
    choose(first, "exk_preset", t("kernel_sobel_x", "ko"))
    switch_language(second, "en")
    assert_sound(second, "explore", "en")
    box_shows(second, "exk_preset", t("kernel_edge_book", "en"))
    first.wait_for_url("**preset=sobel_x**")  # the link holds the preset
    first.reload()
    assert_sound(first, "explore", "ko")
    box_shows(first, "exk_preset", t("kernel_sobel_x", "ko"))  # the link kept the preset through the reload
    box_shows(second, "exk_preset", t("kernel_edge_book", "en"))


def test_back_leaves_a_page_in_one_press_whatever_its_settings_did(page: Page, app_url: str) -> None:
    """Settings and the Lesson's step live in the address, but are no places to go back to: Home, Lesson (which
    writes ?step=1), Next, Explore, three settings changed; Back goes to the Lesson, Back again to Home."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/?lang=en")
    assert_sound(page, "home", "en")
    menu_link(page, "lesson", "en").click()
    assert_sound(page, "lesson", "en")
    page.wait_for_url("**step=1**")
    by_key(page, "lesson_next_top").get_by_role("button").click()
    page.wait_for_url("**step=2**")
    entries = page.evaluate("history.length")
    menu_link(page, "explore", "en").click()
    assert_sound(page, "explore", "en")
    for padding in ("1", "2", "3"):
        box = by_key(page, "ex_padding").locator("input")
        box.fill(padding)
        box.press("Enter")
        page.wait_for_url(f"**padding={padding}**")
    assert page.evaluate("history.length") == entries + 1  # the page change only
    page.go_back()
    assert_sound(page, "lesson", "en")
    page.go_back()
    assert_sound(page, "home", "en")


@pytest.mark.parametrize("name", ["train", "lesson"])
def test_a_deep_link_as_a_fresh_servers_first_request_opens_the_whole_app(page: Page, name: str) -> None:
    """The first page a new server serves, by a deep link: the page inside the app (sidebar, language), once."""
    with serving() as url:
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(f"{url}/{name}?lang=en")
        assert_sound(page, name, "en")
        expect(page_title(page, name, "en")).to_have_count(1)


# Train's live chart asks for its next frame (asks.js) in the same moment the student clicks another page in the menu.
CLICK_AND_ASK = """([link, chart]) => {
  [...document.querySelectorAll('[data-testid="stSidebar"] a')].find((a) => a.innerText.includes(link)).click();
  document.querySelector(chart).parentElement.__convlab.liveChart.setTriggerValue('frame', 1);
}"""
CHART = ".st-key-tr_charts .convlab-live-chart"


def test_a_frame_asked_for_as_the_student_leaves_train_does_not_blank_the_next_page(page: Page, app_url: str) -> None:
    """Found by walking (Train training, Explore in the menu): the chart's ask for a frame reached the server after
    the menu's rerun and ran as a Train run while the browser showed Explore: an empty page under the sidebar."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/train?lang=en")
    for _ in range(3):  # the two requests race on the server: each walk is one more chance to lose
        assert_sound(page, "train", "en")
        expect(page.locator(CHART)).to_be_attached()  # the chart's module is loaded and has drawn
        page.evaluate(CLICK_AND_ASK, [t("nav_explore", "en"), CHART])
        assert_sound(page, "explore", "en")
        expect(page_title(page, "explore", "en")).to_be_visible()  # still there once every run is over
        expect(by_key(page, "exk_grid")).to_be_visible()
        menu_link(page, "train", "en").click()
