"""Language, translated text and error display for every page."""

from __future__ import annotations

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
LIVE_CROWD = LiveCrowd()  # this server's sessions training live now: session ids and times only, no user data


def lang() -> str:
    """The user's language code ('ko' or 'en'), chosen in the sidebar of app.py."""
    return st.session_state.get("lang", DEFAULT_LANG)


def tr(key: str, **params: Any) -> str:
    """The string for `key` in the user's language."""
    return t(key, lang(), **params)


def show_error(error: Exception) -> None:
    """Show an error in the user's language; unexpected ones are logged, never shown as a traceback."""
    if isinstance(error, ConvLabError):
        st.error(error.message(lang()), icon=":material/warning:")
    else:
        log.exception("unexpected error", exc_info=error)
        st.error(tr("unexpected_error"), icon=":material/warning:")


def labels(prefix: str, suffix: str = "") -> Callable[[Any], str]:
    """A format_func for widgets: option -> translated f"{prefix}{option}{suffix}" (language bound now)."""
    code = lang()
    return lambda option: t(f"{prefix}{option}{suffix}", code)


def require_app_shell() -> None:
    """Make a page run inside app.py even when a deep link is a fresh server's first request.

    A pages/ folder next to app.py makes Streamlit start in its legacy multipage mode, which runs the
    page file alone (no sidebar, no language) until app.py has run once (AppTest even resets it before
    every run). When the page runs alone, switch the process to st.navigation mode and rerun through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if "lang" in st.session_state and not PagesManager.uses_pages_directory:
        return  # app.py ran st.navigation in this process: it is in charge
    PagesManager.uses_pages_directory = False
    st.rerun()


def keep_widgets(*keys: str, prefixes: tuple[str, ...] = ()) -> None:
    """Give a page's widgets back their values after the user visited another page.

    Streamlit forgets a widget's value after any run that does not draw it, so a trip to another page would reset
    the settings (and, on Train, the trainer built from them). Called at the top of a page, before its widgets:
    remembers the listed keys (and keys starting with one of `prefixes`) while they exist, puts them back when gone.
    Only for widgets whose value may be set through session state (not buttons, uploaders or grids).
    """
    ss = st.session_state
    kept: dict[str, Any] = ss.setdefault("_kept_widgets", {})
    matching = {k for k in [*ss.keys(), *kept] if isinstance(k, str) and prefixes and k.startswith(prefixes)}
    for key in {*keys, *matching}:
        if key in ss:
            kept[key] = ss[key]
        elif key in kept:
            ss[key] = kept[key]


def step_allowance() -> Allowance:
    """This session's training allowance (the server's CONVLAB_TRAINING_STEPS_PER_SECOND), shared by every page
    that trains; a reset or a new trainer does not refill it."""
    return st.session_state.setdefault("_step_allowance", Allowance(LIMITS.training_steps_per_second))


def session_id() -> str:
    """This browser session's id (Streamlit's)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.session_id if ctx is not None else "bare"


def live_frame_interval(fastest: float, beat: bool) -> tuple[float, int]:
    """Seconds between this session's live chart frames, and how many sessions train live on this server now
    (with `beat`, this session counted as one of them; else it leaves them)."""
    now = time.monotonic()
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
