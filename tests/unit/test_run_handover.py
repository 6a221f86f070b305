"""A run's last messages reach the browser when the next request finds its runner shutting down (ui/run_handover.py).

Streamlit's own AppSession, with stand-ins for its script runners: the old runner has finished its script (its last
messages wait on the event loop) and refuses the request, so the session starts a new runner. Its events were all
sent before it refused; the session must still deliver them. Its SHUTDOWN, and anything it would send once the new
run has started, stay ignored."""

from __future__ import annotations

from types import SimpleNamespace

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import ScriptRunnerEvent
from streamlit.runtime.scriptrunner_utils.run_descriptor import RunDescriptor

from tests.helpers.sessions import bare_session, delta, on_own_loop, texts
from ui import page_guard, run_handover

FRAGMENT = "run-part"
PAUSE = ClientState(fragment_id=FRAGMENT, page_script_hash="train")  # a fragment's request: the old runner is asked
MENU = ClientState(page_script_hash="explore")  # a whole page's request: the old runner is stopped


def runner(accepts: bool) -> SimpleNamespace:
    """A stand-in script runner that takes a rerun request or refuses it (a runner shutting down)."""
    return SimpleNamespace(request_rerun=lambda data: accepts, request_stop=lambda: None)


def walk(request: ClientState, events: list[tuple[str, ScriptRunnerEvent, dict]]) -> tuple[AppSession, list, object]:
    """A session whose old runner refuses `request` (so the session starts a new one); then `events` ("old" or "new"
    runner, event, its arguments) arrive as they would on the event loop. Returns the session, what it queued for the
    browser and the new runner."""
    run_handover.install()
    old, new = runner(accepts=False), runner(accepts=True)

    async def steps() -> tuple[AppSession, list, object]:
        session = bare_session()
        session._fragment_storage.contains = lambda fragment_id: True
        session._scriptrunner = old
        session._create_scriptrunner = lambda rerun_data: setattr(session, "_scriptrunner", new)
        session.request_rerun(request)
        for sender, event, kwargs in events:
            session._handle_scriptrunner_event_on_event_loop(old if sender == "old" else new, event, **kwargs)
        return session, session.flush_browser_queue(), new

    return on_own_loop(steps)


def test_the_old_runs_last_elements_and_its_end_reach_the_browser() -> None:
    session, sent, new = walk(PAUSE, [
        ("old", ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, {"forward_msg": delta("Resume")}),
        ("old", ScriptRunnerEvent.FRAGMENT_STOPPED_WITH_SUCCESS, {}),
        ("old", ScriptRunnerEvent.SHUTDOWN, {"client_state": ClientState(page_script_hash="train")}),
    ])
    assert texts(sent) == ["Resume"]
    assert [m.script_finished for m in sent if m.HasField("script_finished")] == [
        ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY]
    assert session._scriptrunner is new  # the old runner's SHUTDOWN does not let the new one go


def test_a_runner_stopped_for_a_whole_page_request_stays_unheard() -> None:
    """A whole page's request (fast reruns) stops the old runner on purpose: what it still sends is superseded."""
    _, sent, _ = walk(MENU, [("old", ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, {"forward_msg": delta("stale")})])
    assert texts(sent) == []


def test_what_the_old_runner_sends_after_the_new_run_started_stays_unheard() -> None:
    """Only events that come before the new run's start can be the old run's end; later ones would be out of order."""
    started = {"page_script_hash": "train", "fragment_ids_this_run": [FRAGMENT], "pages": {},
               "run_descriptor": RunDescriptor("run-2", (FRAGMENT,))}
    _, sent, _ = walk(PAUSE, [
        ("old", ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, {"forward_msg": delta("in time")}),
        ("new", ScriptRunnerEvent.SCRIPT_STARTED, started),
        ("old", ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, {"forward_msg": delta("late")}),
    ])
    assert "late" not in texts(sent)


def test_each_patch_is_installed_once_whatever_the_order() -> None:
    """app.py installs both on every run: Streamlit's methods must not grow a wrapper per run."""
    run_handover.install()
    page_guard.install()
    request, handle = AppSession.request_rerun, AppSession._handle_scriptrunner_event_on_event_loop
    for _ in range(3):
        page_guard.install()
        run_handover.install()
    assert (AppSession.request_rerun, AppSession._handle_scriptrunner_event_on_event_loop) == (request, handle)
