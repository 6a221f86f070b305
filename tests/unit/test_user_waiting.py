"""ui.live_training.user_waiting reads Streamlit's real pending-request object: a click waits, a timer tick does not."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests

from ui import live_training


@pytest.fixture
def requests(monkeypatch) -> ScriptRequests:
    """A ScriptRequests seen by user_waiting as the running script's (a run of the fragment "live")."""
    pending = ScriptRequests()
    monkeypatch.setattr(live_training, "get_script_run_ctx",
                        lambda **_: SimpleNamespace(script_requests=pending, fragment_ids_this_run=["live"]))
    return pending


def test_nothing_pending(requests):
    assert not live_training.user_waiting()


def test_a_click_outside_the_fragment_is_waiting(requests):
    requests.request_rerun(RerunData(query_string="lang=en"))
    assert live_training.user_waiting()


def test_the_fragments_own_timer_tick_is_not(requests):
    requests.request_rerun(RerunData(fragment_id="live", is_auto_rerun=True))
    assert not live_training.user_waiting()
    requests.request_rerun(RerunData(query_string="lang=en"))  # then a click: the full-app rerun wins
    assert live_training.user_waiting()


def test_a_click_in_another_fragment_is_waiting(requests):
    """Pause, in Train's run part, while the live chart's fragment trains a slice: Streamlit lets that run end before
    the click's (a browser's fragment rerun does not preempt), so the slice ends early instead (it did not: a Pause
    waited up to a whole slice, ~0.2 s at 20 trainers a process)."""
    requests.request_rerun(RerunData(fragment_id="run"))
    assert live_training.user_waiting()


def test_the_running_fragments_own_ask_for_a_frame_is_not(requests):
    requests.request_rerun(RerunData(fragment_id="live"))
    assert not live_training.user_waiting()


def test_a_stop_is_waiting(requests):
    requests.request_stop()
    assert live_training.user_waiting()


def test_outside_a_script_run(monkeypatch):
    monkeypatch.setattr(live_training, "get_script_run_ctx", lambda **_: None)
    assert not live_training.user_waiting()


def test_another_sessions_whole_page_run_ends_this_sessions_training_slice(requests, monkeypatch):
    now = [100.0]
    monkeypatch.setattr(live_training, "clock", lambda: now[0])
    me = ["trainer"]
    monkeypatch.setattr(live_training, "session_id", lambda: me[0])
    assert not live_training.someone_waiting()
    waiting = []

    def pause_run() -> None:  # another student's Pause: app.py marks its page's run
        me[0] = "trainer"
        waiting.append(live_training.someone_waiting())
        now[0] += 0.1
        me[0] = "pausing"

    me[0] = "pausing"
    live_training.answers_user(pause_run)()
    me[0] = "trainer"
    assert waiting == [True]
    assert not live_training.someone_waiting()
    requests.request_rerun(RerunData(query_string="lang=en"))  # this session's own click still counts
    assert live_training.someone_waiting()


def test_a_fragment_that_answers_its_user_is_marked_while_it_runs(monkeypatch):
    monkeypatch.setattr(live_training, "clock", lambda: 50.0)
    me = ["editor"]
    monkeypatch.setattr(live_training, "session_id", lambda: me[0])
    seen = []

    def edit() -> None:
        me[0] = "trainer"
        seen.append(live_training.USER_RUNS.others("trainer", 50.0))
        me[0] = "editor"
        raise RuntimeError("an edit's run that fails")

    with pytest.raises(RuntimeError):
        live_training.answers_user(edit)()
    assert seen == [True] and not live_training.USER_RUNS.others("trainer", 50.0)  # unmarked however it ended


def test_an_edit_fragment_inside_a_page_s_run_leaves_the_page_s_mark(monkeypatch):
    """Explore's edit fragment also runs inside the page's whole run: its end must not unmark the page's run."""
    monkeypatch.setattr(live_training, "clock", lambda: 60.0)
    monkeypatch.setattr(live_training, "session_id", lambda: "explorer")
    seen = []

    def lab() -> None:
        seen.append(live_training.USER_RUNS.others("trainer", 60.0))

    def page() -> None:
        live_training.answers_user(lab)()
        seen.append(live_training.USER_RUNS.others("trainer", 60.0))  # the rest of the page, after the fragment

    live_training.answers_user(page)()
    assert seen == [True, True] and not live_training.USER_RUNS.others("trainer", 60.0)
