"""Browser: a lecturer's clicker (PageDown / PageUp) moves the lesson's step while a widget has focus, but not from a
text field, and never two steps at once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.helpers.browser import TIMEOUT, assert_no_exception, heading, settle

pytestmark = pytest.mark.browser


def pressed_buttons(frames: list[bytes | str]) -> list[str]:
    """The keys of the buttons the browser pressed in these websocket frames, in order."""
    keys = []
    for frame in frames:
        message = BackMsg.FromString(frame) if isinstance(frame, bytes) else None
        if message is None or message.WhichOneof("type") != "rerun_script":
            continue
        keys += [w.id.rsplit("-", 1)[-1] for w in message.rerun_script.widget_states.widgets
                 if w.WhichOneof("value") == "trigger_value" and w.trigger_value]
    return keys


@pytest.fixture
def sent(page: Page) -> list[bytes | str]:
    """Every websocket frame the page sends from now on."""
    frames: list[bytes | str] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: frames.append(frame)))
    return frames


def open_step(page: Page, url: str, step: int) -> None:
    """The lesson at `step`, in English, fully drawn."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/lesson?lang=en&step={step}")
    expect(heading(page, step, "en")).to_be_visible(timeout=60_000)
    settle(page)


def press(page: Page, sent: list, key: str, step: int) -> list[str]:
    """Press `key`, wait until the lesson shows `step`, and return the buttons pressed meanwhile."""
    before = len(sent)
    page.keyboard.press(key)
    expect(heading(page, step, "en")).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(rf"step={step}\b"))
    settle(page)
    return pressed_buttons(sent[before:])


def test_clicker_moves_from_a_number_box_and_a_radio(page: Page, lesson_url: str, sent: list) -> None:
    open_step(page, lesson_url, 3)
    page.locator(".st-key-lesson_w_rows input").focus()
    assert press(page, sent, "PageDown", 4) == ["lesson_next_top"]  # once: Streamlit's shortcut stays out of it
    open_step(page, lesson_url, 6)
    page.locator(".st-key-lesson_w_init input[type=radio]").first.focus()
    assert press(page, sent, "PageUp", 5) == ["lesson_prev_top"]
    assert_no_exception(page)


def test_clicker_from_a_slider_moves_the_step_not_the_slider(page: Page, lesson_url: str, sent: list) -> None:
    open_step(page, lesson_url, 3)
    thumbs = page.locator(".st-key-lesson_w_zeros input[type=range]")
    start = thumbs.evaluate_all("inputs => inputs.map((input) => input.value)")
    thumbs.first.focus()
    assert press(page, sent, "PageDown", 4) == ["lesson_next_top"]
    page.locator("h1").click()  # the page has the focus: Streamlit's own shortcut moves back
    assert press(page, sent, "PageUp", 3) == ["lesson_prev_top"]
    expect(thumbs.first).to_be_attached()
    assert thumbs.evaluate_all("inputs => inputs.map((input) => input.value)") == start
    assert_no_exception(page)


def test_text_field_keeps_the_keys(page: Page, lesson_url: str, sent: list) -> None:
    open_step(page, lesson_url, 4)
    k = page.locator(".st-key-lesson_w_k4 input")
    k.focus()
    before = len(sent)
    page.keyboard.press("PageDown")  # the caret's key in a text field: no step
    expect(k).to_be_focused()
    page.locator("h1").click()
    press(page, sent, "PageDown", 5)
    assert pressed_buttons(sent[before:]) == ["lesson_next_top"]  # the second key only, and only once
    assert_no_exception(page)
