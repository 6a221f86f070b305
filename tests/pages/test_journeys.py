"""Paths people walk, in AppTest (seconds, no browser): every page after every other page and back, fresh and after
use, and a language switch with non-default choices on every page, replayed as a browser would replay it.

The browser twins are in tests/e2e/test_journeys_browser.py. Must not happen, anywhere: an exception, the app's
"unexpected" message, or a choice, a setting or an edit lost.
"""

from __future__ import annotations

import itertools

import pytest

from tests.helpers.apptest import edit_cell
from ui.text import t

PAGES = {"home": "views/home.py", "explore": "views/explore.py", "train": "views/train.py",
         "lesson": "views/lesson.py", "challenge": "views/challenge.py"}
CHOICE_VALUE = {"selectbox": "string_value", "radio": "string_value", "button_group": "string_array_value"}


def assert_no_crash(at, lang: str) -> None:
    """No exception box and none of the app's own "unexpected" messages."""
    assert not at.exception, [e.value for e in at.exception]
    unexpected = t("unexpected_error", lang)
    assert all(unexpected not in e.value for e in at.error), [e.value for e in at.error]


def use(at, page: str) -> None:
    """Use a page as a student would: non-default choices, an edit, a step taken."""
    if page == "explore":
        at.selectbox(key="exk_preset").set_value("sobel_x").run()
        at.number_input(key="ex_padding").set_value(1).run()
        edit_cell(at, 0, 0, "7")
        at.button_group(key="ex_mode").set_value("convolution").run()
    elif page == "train":
        at.radio(key="tr_optimizer").set_value(at.radio(key="tr_optimizer").options[-1]).run()
        at.radio(key="tr_loss").set_value(at.radio(key="tr_loss").options[-1]).run()
        at.button(key="tr_once").click().run()
    elif page == "lesson":
        at.button(key="lesson_next_top").click().run()
        at.button(key="lesson_next_top").click().run()
        at.number_input(key="lesson_w_rows").set_value(5).run()
    elif page == "challenge":
        at.selectbox(key="ch_pick").set_value("face").run()
        at.number_input(key="chk_rows").set_value(3).run()
        edit_cell(at, 1, 0, "-2")
        at.button(key="ch_hint").click().run()


def visible_state(at, page: str) -> dict:
    """What the user sees of a page's choices and work (compared before and after a journey)."""
    ss = at.session_state
    if page == "explore":
        return {"preset": at.selectbox(key="exk_preset").value, "padding": at.number_input(key="ex_padding").value,
                "mode": at.button_group(key="ex_mode").value, "cells": ss["exk_cells"],
                "source": at.radio(key="ex_source").value}
    if page == "train":
        return {"optimizer": at.radio(key="tr_optimizer").value, "loss": at.radio(key="tr_loss").value,
                "steps": ss["tr_trainer"].steps_taken, "preset": at.selectbox(key="trk_preset").value,
                "rows": at.number_input(key="trk_rows").value, "lr": at.select_slider(key="tr_lr").value}
    if page == "lesson":
        return {"step": ss["lesson_step"], "values": dict(ss["lesson_values"])}
    if page == "challenge":
        return {"challenge": at.selectbox(key="ch_pick").value, "cells": ss["chk_cells"],
                "rows": at.number_input(key="chk_rows").value, "hints": {k: list(v) for k, v in ss["ch_hints"].items()},
                "score": at.metric[0].value}
    return {"title": at.title[0].value}


def open_page(app_test, lang: str, page: str):
    """A fresh session on `page` in `lang`."""
    at = app_test(lang, page=PAGES[page] if page != "home" else None)
    assert_no_crash(at, lang)
    return at


@pytest.mark.parametrize("used", [False, True], ids=["fresh", "used"])
@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("start", list(PAGES))
def test_every_page_survives_a_visit_to_every_other_page_and_keeps_its_state(app_test, start, lang, used) -> None:
    at = open_page(app_test, lang, start)
    if used:
        use(at, start)
        assert_no_crash(at, lang)
    before = visible_state(at, start)
    for other in (p for p in PAGES if p != start):
        at.switch_page(PAGES[other]).run()
        assert_no_crash(at, lang)
        at.switch_page(PAGES[start]).run()
        assert_no_crash(at, lang)
        assert visible_state(at, start) == before, f"{start} after {other}"


def test_train_crashed_when_its_first_visit_was_left_before_any_click(app_test) -> None:
    """The reported path: /train?lang=ko, Home, Train again (the kernel editor's size boxes were forgotten)."""
    at = open_page(app_test, "ko", "train")
    at.switch_page(PAGES["home"]).run()
    at.switch_page(PAGES["train"]).run()
    assert_no_crash(at, "ko")
    assert at.number_input(key="trk_rows").value == 1 and at.number_input(key="trk_cols").value == 2


def test_settings_a_link_set_survive_a_visit_to_another_page(app_test) -> None:
    """A link's settings are kept like the user's own (they were lost when the first visit was left at once)."""
    at = app_test("en", page=PAGES["train"], lr="0.1", opt="adam")
    at.switch_page(PAGES["explore"]).run()
    at.switch_page(PAGES["train"]).run()
    assert_no_crash(at, "en")
    assert at.select_slider(key="tr_lr").value == 0.1
    assert at.radio(key="tr_optimizer").value == "adam"


# ---- language switch, replayed as the browser does it ----

def choice_widgets(at) -> dict[str, object]:
    """The page's choice widgets (select boxes, radios, segmented controls) by id."""
    found = {}
    for kind in CHOICE_VALUE:
        for element in getattr(at, kind):
            found[element.id] = element
    return found


def held_labels(at) -> dict[str, list[str]]:
    """The labels the browser holds for the page's choice widgets (what it sends back with the next run)."""
    held = {}
    for state in at._tree.get_widget_states().widgets:
        kind = state.WhichOneof("value")
        if kind == "string_value":
            held[state.id] = [state.string_value]
        elif kind == "string_array_value":
            held[state.id] = list(state.string_array_value.data)
    return held


def shown_after_run(element, before: list[str]) -> list[str]:
    """The labels the browser shows after a run: the server's when it sent them (set_value), else the old ones."""
    proto = element.proto
    if not proto.set_value:
        return before
    return list(proto.raw_values) if "raw_values" in proto.DESCRIPTOR.fields_by_name else [proto.raw_value]


def option_labels(element) -> list[str]:
    """The labels the widget offers now."""
    return [o.content if hasattr(o, "content") else o for o in element.proto.options]


def switch_language(at, lang: str) -> None:
    """Click the sidebar's language, then replay the next run with the labels the browser then holds."""
    held = held_labels(at)
    at.button_group(key="lang_picker").set_value(lang).run()
    states = at._tree.get_widget_states()
    widgets = choice_widgets(at)
    for state in states.widgets:
        element = widgets.get(state.id)
        if element is None or state.id not in held or element.key == "lang_picker":
            continue
        shown = shown_after_run(element, held[state.id])
        assert all(label in option_labels(element) for label in shown), (
            f"{element.key} shows {shown}, not one of {option_labels(element)}")
        if state.WhichOneof("value") == "string_value":
            state.string_value = shown[0]
        else:
            del state.string_array_value.data[:]
            state.string_array_value.data.extend(shown)
    at._run(states)


def test_a_language_switch_relabels_the_choice_a_browser_holds(app_test) -> None:
    """The reported crash: Explore in Korean, Kernel K = Sobel x, English, then the box sends what it shows."""
    at = open_page(app_test, "ko", "explore")
    at.selectbox(key="exk_preset").set_value("sobel_x").run()
    switch_language(at, "en")
    assert_no_crash(at, "en")
    box = at.selectbox(key="exk_preset")
    assert box.value == "sobel_x" and held_labels(at)[box.id] == [t("kernel_sobel_x", "en")]


@pytest.mark.parametrize("page", ["explore", "train", "lesson", "challenge"])
def test_a_language_switch_keeps_every_choice_on_every_page_and_back(app_test, page) -> None:
    for first, second in (("ko", "en"), ("en", "ko")):
        at = open_page(app_test, first, page)
        use(at, page)
        if page == "explore":
            at.radio(key="ex_source").set_value("draw").run()
        before = visible_state(at, page)
        for lang in (second, first):
            switch_language(at, lang)
            assert_no_crash(at, lang)
            assert visible_state(at, page) == before, f"{page} after switching to {lang}"
            assert at.title[0].value == t(f"{page}_title", lang)
            at.run()  # the next run: still the same
            assert visible_state(at, page) == before


def test_every_page_after_every_other_in_one_session(app_test) -> None:
    """One student's afternoon: each ordered pair of pages once, in one session, both languages."""
    at = open_page(app_test, "ko", "home")
    lang = "ko"
    for a, b in itertools.permutations(PAGES, 2):
        at.switch_page(PAGES[a]).run()
        assert_no_crash(at, lang)
        at.switch_page(PAGES[b]).run()
        assert_no_crash(at, lang)
        if b == "lesson":  # (AppTest's tree loses the sidebar on Home after a page with fragments; a browser not)
            lang = "en" if lang == "ko" else "ko"
            switch_language(at, lang)
            assert_no_crash(at, lang)


# ---- an unexpected error: the app's own message, in the user's language; the sidebar stays; logged ----

def broken(*args, **kwargs):
    """A fault standing in for any bug."""
    raise RuntimeError("injected fault")


def assert_caught(at, lang: str, caplog) -> None:
    """The app's message instead of Streamlit's box, the sidebar whole, the traceback in the log."""
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error if e.value == t("unexpected_error", lang)], [e.value for e in at.error]
    assert at.button_group(key="lang_picker").value == lang
    assert any(r.exc_info and "injected fault" in str(r.exc_info[1]) for r in caplog.records if r.name == "convlab")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_an_error_in_a_page_body_shows_the_apps_message(app_test, monkeypatch, caplog, lang) -> None:
    import ui.widgets.image_input

    at = open_page(app_test, lang, "explore")
    monkeypatch.setattr(ui.widgets.image_input, "cached_sample", broken)
    at.run()
    assert_caught(at, lang, caplog)
    monkeypatch.undo()
    at.run()
    assert_no_crash(at, lang)
    assert at.title[0].value == t("explore_title", lang)


def test_an_error_in_a_fragment_shows_the_apps_message(app_test, monkeypatch, caplog) -> None:
    import convcore.window

    at = open_page(app_test, "ko", "explore")
    monkeypatch.setattr(convcore.window, "layer_outputs", broken)
    at.number_input(key="ex_padding").set_value(1).run()
    assert_caught(at, "ko", caplog)
    monkeypatch.undo()
    at.number_input(key="ex_padding").set_value(2).run()
    assert_no_crash(at, "ko")


def test_an_error_in_a_callback_shows_the_apps_message_once(app_test, monkeypatch, caplog) -> None:
    import convcore.kernels

    at = open_page(app_test, "en", "explore")
    monkeypatch.setattr(convcore.kernels, "preset", broken)
    at.selectbox(key="exk_preset").set_value("sobel_x").run()
    assert_caught(at, "en", caplog)
    monkeypatch.undo()
    at.run()
    assert_no_crash(at, "en")
    assert not at.error
