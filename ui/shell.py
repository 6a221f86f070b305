"""What every page shares: the user's language and its text, errors shown in it, the pages' clock, a row."""

from __future__ import annotations

import functools
import logging
import time
from typing import Any, Callable

import streamlit as st

from convcore.errors import ConvLabError
from convcore.i18n import DEFAULT_LANG
from ui.fragment_scope import rerun_page_if_changed_outside
from ui.text import t
from ui.widget_state import value

log = logging.getLogger("convlab")
CLOCK: Callable[[], float] = time.perf_counter  # the pages' clock for pacing and allowances (tests put a fake here)


def lang() -> str:
    """The user's language code ('ko' or 'en'), chosen in the sidebar of app.py."""
    return value("lang", DEFAULT_LANG)  # read a hundred times a run: not through st.session_state's three layers


def tr(key: str, **params: Any) -> str:
    """The string for `key` in the user's language."""
    return t(key, lang(), **params)


def show_error(error: Exception, logged: bool = False) -> None:
    """Show an error in the user's language; unexpected ones are logged (unless `logged` already), never shown as a
    traceback."""
    if isinstance(error, ConvLabError):
        st.error(error.message(lang()), icon=":material/warning:")
    else:
        if not logged:
            log.exception("unexpected error", exc_info=error)
        st.error(tr("unexpected_error"), icon=":material/warning:")


def labels(prefix: str, suffix: str = "") -> Callable[[Any], str]:
    """A format_func for widgets: option -> translated f"{prefix}{option}{suffix}" (language bound now)."""
    code = lang()
    return lambda option: t(f"{prefix}{option}{suffix}", code)


def guarded(body: Callable[..., Any]) -> Callable[..., Any]:
    """`body` (a page's fragment) showing an unexpected error in the user's language, logged with its traceback,
    instead of Streamlit's English error box; the rest of the page stays. A fragment's run whose request also changed
    a widget outside it runs the whole page instead (ui.fragment_scope)."""

    @functools.wraps(body)
    def run(*args: Any, **kwargs: Any) -> Any:
        rerun_page_if_changed_outside()  # a click outside the fragment, sent with its request: the page runs
        try:
            return body(*args, **kwargs)
        except Exception as error:  # st.rerun and st.stop are not Exceptions: they pass
            show_error(error)
            return None

    return run


CALLBACK_ERRORS = "_callback_errors"


def callback(action: Callable[..., Any]) -> Callable[..., Any]:
    """`action` (a widget's on_click or on_change) whose unexpected error is logged and shown, in the user's
    language, at the top of the run that follows (show_callback_errors), never as Streamlit's error box."""

    @functools.wraps(action)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return action(*args, **kwargs)
        except Exception as error:
            if not isinstance(error, ConvLabError):
                log.exception("unexpected error in %s", action.__name__, exc_info=error)
            st.session_state.setdefault(CALLBACK_ERRORS, []).append(error)
            return None

    return run


def show_callback_errors() -> None:
    """Show (once) what went wrong in this run's callbacks."""
    for error in st.session_state.pop(CALLBACK_ERRORS, []):
        show_error(error, logged=True)  # logged by the callback, with its name


def clock() -> float:
    """Seconds on the pages' clock (CLOCK): what training allowances, pacing and timers measure."""
    return CLOCK()


def small(text: str) -> str:
    """`text` as Markdown in a caption's look (small, grey), to join another element's Markdown: one element fewer."""
    plain = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f":gray[:small[{plain}]]"


def row(**kwargs: Any):
    """Elements side by side sharing the width: one block for the browser (st.columns sends one per column too)."""
    return st.container(horizontal=True, gap="small", **kwargs)


KOREAN_TEXT_CSS = """<style>
h1, h2, h3, h4, h5, h6, [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
[data-testid="stAlertContentInfo"], [data-testid="stAlertContentWarning"] { word-break: keep-all; overflow-wrap: anywhere; }
</style>"""  # Korean breaks lines between words, never inside one (a long link may still break anywhere)


def korean_line_breaks() -> None:
    """On a Korean page, lines break between words as Korean is written (app.py, every run)."""
    if lang() == "ko":
        st.html(KOREAN_TEXT_CSS)
