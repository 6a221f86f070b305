"""Live training shared by this server's sessions: each session's allowance of steps, how often its charts update
when many train at once, and whether a click is waiting, here or in another session (so a training slice ends early
and the click's run gets the server sooner)."""

from __future__ import annotations

import functools
from typing import Any, Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from convcore.limits import LIMITS
from convcore.pacing import Allowance, LiveCrowd, UserRuns, frame_interval
from ui.shell import clock

LIVE_CROWD = LiveCrowd()  # this server's sessions training live now: session ids and times only, no user data
USER_RUNS = UserRuns()  # this server's runs answering a user now (a click, a page, an edit): session ids and times


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
    now = clock()
    if beat:
        sessions = LIVE_CROWD.beat(session_id(), now)
    else:
        LIVE_CROWD.leave(session_id())
        sessions = LIVE_CROWD.count(now)
    return frame_interval(sessions, fastest, LIMITS.live_frames_per_second), sessions


def user_waiting() -> bool:
    """Whether a click or an edit is waiting to rerun the app (it stops this run at the next element drawn).

    Long pure-Python work (a training slice) has no such stop point; it asks this to end early. Reads Streamlit's
    pending request without taking it: a full-app rerun or a stop is pending, or a run of a fragment other than the
    ones running (Train's Pause, in the run part around the live chart: it waits for this run to end); the running
    fragment's own timer tick or ask for a frame is not.
    """
    ctx = get_script_run_ctx(suppress_warning=True)
    requests = getattr(ctx, "script_requests", None)
    state = getattr(getattr(requests, "_state", None), "name", "CONTINUE")
    if state == "STOP":
        return True
    data = getattr(requests, "_rerun_data", None)
    if state != "RERUN" or data is None:
        return False
    running = set(getattr(ctx, "fragment_ids_this_run", None) or ())
    return not data.fragment_id_queue or data.is_fragment_scoped_rerun or not set(data.fragment_id_queue) <= running


def answers_user(body: Callable[..., Any]) -> Callable[..., Any]:
    """`body` marked, while it runs, as answering its user (app.py: every page's run, a Pause or Start among them;
    Explore's kernel-edit fragment, also when it runs inside its page's run)."""

    @functools.wraps(body)
    def run(*args: Any, **kwargs: Any) -> Any:
        session = session_id()
        marked = USER_RUNS.begin(session, clock())
        try:
            return body(*args, **kwargs)
        finally:
            if marked:
                USER_RUNS.end(session)

    return run


def someone_waiting() -> bool:
    """Whether a training slice should end now: a click of this session is waiting, or another session's run is
    answering its user (at 40 students training, 20 a server process, each slice took the time a Pause needed)."""
    return user_waiting() or USER_RUNS.others(session_id(), clock())
