"""Language, translated text and error display for every page."""

from __future__ import annotations

import functools
import logging
import time
from typing import Any, Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from convcore.errors import ConvLabError
from convcore.i18n import DEFAULT_LANG, t
from convcore.limits import LIMITS
from convcore.pacing import Allowance, LiveCrowd, frame_interval

log = logging.getLogger("convlab")
CLOCK: Callable[[], float] = time.perf_counter  # the pages' clock for pacing and allowances (tests put a fake here)
LIVE_CROWD = LiveCrowd()  # this server's sessions training live now: session ids and times only, no user data


def lang() -> str:
    """The user's language code ('ko' or 'en'), chosen in the sidebar of app.py."""
    return st.session_state.get("lang", DEFAULT_LANG)


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


KEPT_VALUES = "_kept_widgets"  # widget key -> its last value, for the pages' kept widgets
KEPT_WATCH = "_kept_watch"  # the keys and key prefixes pages asked to keep


def keep_widgets(*keys: str, prefixes: tuple[str, ...] = ()) -> None:
    """Give a page's widgets back their values after the user visited another page.

    Streamlit forgets a widget's value after any run that does not draw it, so a trip to another page would reset
    the settings (and, on Train, the trainer built from them). Called at the top of a page, before its widgets:
    remembers the listed keys (and keys starting with one of `prefixes`) while they exist, puts them back when gone;
    app.py remembers them again at the end of every run (remember_widgets), so a value a link set or a first
    drawing made is kept too. Only for widgets whose value may be set through session state (not buttons,
    uploaders or grids).
    """
    ss = st.session_state
    watch = ss.setdefault(KEPT_WATCH, {"keys": set(), "prefixes": set()})
    watch["keys"].update(keys)
    watch["prefixes"].update(prefixes)
    kept: dict[str, Any] = ss.setdefault(KEPT_VALUES, {})
    for key in watched_keys(set(keys), tuple(prefixes)):
        if key in ss:
            kept[key] = ss[key]
        elif key in kept:
            ss[key] = kept[key]


def watched_keys(keys: set[str], prefixes: tuple[str, ...]) -> set[str]:
    """`keys`, and the keys in session state or kept that start with one of `prefixes`."""
    ss = st.session_state
    kept = ss.get(KEPT_VALUES, {})
    return keys | {k for k in [*ss.keys(), *kept] if isinstance(k, str) and prefixes and k.startswith(prefixes)}


def remember_widgets() -> None:
    """At the end of a run (app.py): remember the current value of every kept widget this run has."""
    ss = st.session_state
    watch = ss.get(KEPT_WATCH)
    if watch is None:
        return
    kept = ss.setdefault(KEPT_VALUES, {})
    for key in watched_keys(set(watch["keys"]), tuple(watch["prefixes"])):
        if key in ss:
            kept[key] = ss[key]


def relabel_widgets() -> None:
    """The language changed: give every widget its value again, so the browser shows it under its new label.

    A choice widget (select box, radio, segmented control) travels as its label: left alone, the browser would keep
    the old language's label, show no choice where none matches, and send it back as an unknown option. Values that
    are not plain numbers or text (buttons' True/False, uploads, drawings, grids) are left as they are.
    """
    ss = st.session_state
    for key in list(ss.keys()):  # another page's kept widgets come back through keep_widgets, as assignments too
        value = ss[key]
        if isinstance(key, str) and isinstance(value, (str, int, float, tuple)) and not isinstance(value, bool):
            ss[key] = value


def guarded(body: Callable[..., Any]) -> Callable[..., Any]:
    """`body` (a page's fragment) showing an unexpected error in the user's language, logged with its traceback,
    instead of Streamlit's English error box; the rest of the page stays."""

    @functools.wraps(body)
    def run(*args: Any, **kwargs: Any) -> Any:
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


def step_allowance() -> Allowance:
    """This session's training allowance (the server's CONVLAB_TRAINING_STEPS_PER_SECOND), shared by every page
    that trains; a reset or a new trainer does not refill it."""
    return st.session_state.setdefault("_step_allowance", Allowance(LIMITS.training_steps_per_second))


def clock() -> float:
    """Seconds on the pages' clock (CLOCK): what training allowances, pacing and timers measure."""
    return CLOCK()


def session_id() -> str:
    """This browser session's id (Streamlit's)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.session_id if ctx is not None else "bare"


def live_frame_interval(fastest: float, beat: bool) -> tuple[float, int]:
    """Seconds between this session's live chart frames, and how many sessions train live on this server now
    (with `beat`, this session counted as one of them; else it leaves them)."""
    now = clock()
    if beat:
        sessions = LIVE_CROWD.beat(session_id(), now)
    else:
        LIVE_CROWD.leave(session_id())
        sessions = LIVE_CROWD.count(now)
    return frame_interval(sessions, fastest, LIMITS.live_frames_per_second), sessions


def row(**kwargs: Any):
    """Elements side by side sharing the width: one block for the browser (st.columns sends one per column too)."""
    return st.container(horizontal=True, gap="small", **kwargs)


def user_waiting() -> bool:
    """Whether a click or an edit is waiting to rerun the app (it stops this run at the next element drawn).

    Long pure-Python work (a training slice) has no such stop point; it asks this to end early. Reads Streamlit's
    pending request without taking it: a full-app rerun or a stop is pending; a fragment's own timer tick is not.
    """
    requests = getattr(get_script_run_ctx(suppress_warning=True), "script_requests", None)
    state = getattr(getattr(requests, "_state", None), "name", "CONTINUE")
    if state == "STOP":
        return True
    data = getattr(requests, "_rerun_data", None)
    return state == "RERUN" and data is not None and (not data.fragment_id_queue or data.is_fragment_scoped_rerun)
