"""Robustness (AppTest): a tampered or oversized link opens every page with defaults and says which values it
could not use; an unexpected error is logged with its traceback and shown as a plain message, a user's mistake
shown and not logged.

docs/robustness.md lists every case with its message and the test that covers it.
"""

from __future__ import annotations

import logging

import pytest

from tests.helpers.apptest import EXPLORE, HOME, LESSON, TRAIN, errors
from ui.text import t


TAMPERED = {
    "lang": "<script>alert(1)</script>", "step": "-1e999", "kernel": "nan,1;2", "stride": "9" * 5000,
    "padding": "-3", "dilation": "0x10", "lr": "1e999", "steps": "-5", "image": "../../etc/passwd",
    "drawing": "99x99.AAAA", "draw": "99x99.AAAA", "present": "maybe", "sample": "\u0000\u202e", "mode": "eval(1)",
    "src": "ftp", "side": "1e9", "color": "2", "chmode": "[]", "row": "-1", "col": "NaN", "size": "99x99",
    "opt": "__import__('os')", "loss": "", "seed": "-1", "device": "cuda:99", "log": "{}", "speed": "warp",
    "preset": "../x", "kernel_g": "1;" * 3000,
}


@pytest.mark.parametrize("path", [HOME, EXPLORE, TRAIN, LESSON])
def test_tampered_query_strings_never_raise(app_page, path):
    at = app_page(path, "en", **{k: v for k, v in TAMPERED.items() if k != "lang"})
    assert not at.exception
    assert at.title and at.title[0].value  # the page is drawn
    if path == EXPLORE:  # a page that reads its settings from the link says which ones it could not use
        notices = [i.value for i in at.info if i.value.startswith(t("share_bad_link", "en", names="").strip())]
        assert any("stride" in n and "kernel" in n for n in notices), notices


@pytest.mark.parametrize("path", [HOME, EXPLORE, TRAIN, LESSON])
def test_tampered_and_oversized_language_falls_back_to_korean(app_test, path):
    for lang in (TAMPERED["lang"], "en" * 50_000):
        at = app_test(lang, page=path, kernel="1," * 50_000)
        assert not at.exception
        assert at.session_state["lang"] == "ko" and at.query_params["lang"] == "ko"


def test_unexpected_error_is_logged_with_its_traceback_and_shown_as_a_plain_message(caplog):
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from ui.shell import show_error

        st.session_state.lang = "en"
        try:
            raise RuntimeError("secret internal detail")
        except RuntimeError as error:
            show_error(error)

    at = AppTest.from_function(script, default_timeout=30)
    with caplog.at_level(logging.ERROR, logger="convlab"):
        at.run()
    assert not at.exception
    assert errors(at) == [t("unexpected_error", "en")]
    assert all("secret" not in e for e in errors(at))
    record = next(r for r in caplog.records if r.name == "convlab")
    assert record.levelno == logging.ERROR and record.exc_info and "secret internal detail" in str(record.exc_info[1])


def test_user_errors_are_shown_not_logged(caplog):
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from convcore.errors import ImageError
        from ui.shell import show_error

        st.session_state.lang = "ko"
        show_error(ImageError("err_image_empty"))

    at = AppTest.from_function(script, default_timeout=30)
    with caplog.at_level(logging.INFO, logger="convlab"):
        at.run()
    assert errors(at) == [t("err_image_empty", "ko")]
    assert not [r for r in caplog.records if r.name == "convlab"]
