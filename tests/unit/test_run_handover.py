"""A run's last messages reach the browser when the next request finds its runner shutting down (ui/run_handover.py).

Streamlit's own AppSession, with stand-ins for its script runners: the old runner has finished its script (its last
messages wait on the event loop) and refuses the request, so the session starts a new runner. Its events were all
sent before it refused; the session must still deliver them, and only its SHUTDOWN stays ignored."""

from __future__ import annotations

import asyncio
import concurrent.futures
from types import SimpleNamespace
from unittest.mock import MagicMock

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.script_data import ScriptData
from streamlit.runtime.scriptrunner import ScriptRunnerEvent

from ui import run_handover

FRAGMENT = "run-part"


def on_own_loop(walk):
    """asyncio.run(walk()) on a thread of its own (AppSession needs a running loop; a browser test before this one may
    have left Playwright's loop running on the main thread, where asyncio.run refuses)."""
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, walk()).result()


def runner(accepts: bool) -> SimpleNamespace:
    """A stand-in script runner that takes a rerun request or refuses it (a runner shutting down)."""
    return SimpleNamespace(request_rerun=lambda data: accepts, request_stop=lambda: None)


def delta(text: str) -> ForwardMsg:
    """A Markdown element's delta."""
    msg = ForwardMsg()
    msg.delta.new_element.markdown.body = text
    return msg


def handed_over(events: list[tuple]) -> tuple[AppSession, list[ForwardMsg], SimpleNamespace]:
    """A session whose finished runner refuses a fragment's request; then `events` from the old runner arrive as they
    would on the event loop, after the request. Returns the session, what it queued for the browser, the new runner."""

    async def walk() -> tuple[AppSession, list[ForwardMsg], SimpleNamespace]:
        session = AppSession(script_data=ScriptData("app.py", False), uploaded_file_manager=MagicMock(),
                             script_cache=MagicMock(), message_enqueued_callback=None, user_info={})
        session._fragment_storage.contains = lambda fragment_id: True
        old, new = runner(accepts=False), runner(accepts=True)
        session._scriptrunner = old
        session._create_scriptrunner = lambda rerun_data: setattr(session, "_scriptrunner", new)
        session.request_rerun(ClientState(fragment_id=FRAGMENT, page_script_hash="train"))
        for event, kwargs in events:
            session._handle_scriptrunner_event_on_event_loop(old, event, **kwargs)
        return session, session.flush_browser_queue(), new

    return on_own_loop(walk)


def test_the_old_runs_last_elements_and_its_end_reach_the_browser() -> None:
    run_handover.install()
    session, sent, new = handed_over([
        (ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, {"forward_msg": delta("Resume")}),
        (ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS, {}),
        (ScriptRunnerEvent.SHUTDOWN, {"client_state": ClientState(page_script_hash="train")}),
    ])
    assert [m.delta.new_element.markdown.body for m in sent if m.HasField("delta")] == ["Resume"]
    assert [m.script_finished for m in sent if m.HasField("script_finished")] == [
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY]
    assert session._scriptrunner is new  # the old runner's SHUTDOWN does not let the new one go


def test_a_runner_stopped_for_a_whole_page_request_stays_unheard() -> None:
    """A whole page's request (fast reruns) stops the old runner on purpose: what it still sends is superseded."""
    run_handover.install()

    async def walk() -> list[ForwardMsg]:
        session = AppSession(script_data=ScriptData("app.py", False), uploaded_file_manager=MagicMock(),
                             script_cache=MagicMock(), message_enqueued_callback=None, user_info={})
        old, new = runner(accepts=True), runner(accepts=True)
        session._scriptrunner = old
        session._create_scriptrunner = lambda rerun_data: setattr(session, "_scriptrunner", new)
        session.request_rerun(ClientState(page_script_hash="explore"))
        session._handle_scriptrunner_event_on_event_loop(old, ScriptRunnerEvent.ENQUEUE_FORWARD_MSG,
                                                         forward_msg=delta("stale"))
        return session.flush_browser_queue()

    assert not [m for m in on_own_loop(walk) if m.HasField("delta")]


def test_each_patch_is_installed_once_whatever_the_order() -> None:
    """app.py installs both on every run: Streamlit's methods must not grow a wrapper per run."""
    from ui import page_guard
    run_handover.install()
    page_guard.install()
    request, handle = AppSession.request_rerun, AppSession._handle_scriptrunner_event_on_event_loop
    for _ in range(3):
        page_guard.install()
        run_handover.install()
    assert (AppSession.request_rerun, AppSession._handle_scriptrunner_event_on_event_loop) == (request, handle)
