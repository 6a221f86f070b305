"""The load harness's own checks (benchmarks/load): fed fabricated ForwardMsgs, a right answer passes and a wrong one
(wrong Y, no script_finished, a stale frame, the wrong buttons) fails; the page model finds widgets by key suffix,
resolves cached messages and builds the BackMsgs a browser sends. No Locust, no gevent, no server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.load import checks
from benchmarks.load.asks import RETRY, frame_trigger
from benchmarks.load.checks import CheckFailed
from benchmarks.load.page import EARLY, FINISHED, FRAGMENT_FINISHED, SENT_BEFORE_NEXT, UNSEEN_END, Page, ProtocolError
from benchmarks.load.page import Run
from benchmarks.load.page import answer, click_state, json_state
from convcore.engine import correlate
from convcore.images import sample
from convcore.plots.figures import array_figure
from ui.components.data import plain
from ui.components.live_chart import figure_json
from ui.text import t

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = "lab-fragment"
X = sample("stripes").numpy()
K = np.array([[1.0, -1.0]], dtype=np.float32)


def wid(key: str) -> str:
    """A widget id as Streamlit writes it."""
    return f"$$ID-0f3a9c-{key}"


def new_session(run_id: str, fragments: tuple[str, ...] = ()) -> ForwardMsg:
    msg = ForwardMsg()
    msg.new_session.initialize.session_id = "session-1"
    msg.metadata.run.script_run_id = run_id
    msg.metadata.run.fragment_ids.extend(fragments)
    return msg


def finished(run_id: str, status: int = FINISHED, fragments: tuple[str, ...] = ()) -> ForwardMsg:
    msg = ForwardMsg(script_finished=status)
    msg.metadata.run.script_run_id = run_id
    msg.metadata.run.fragment_ids.extend(fragments)
    return msg


def delta(path: tuple[int, ...], element: Element, fragment_id: str = "") -> ForwardMsg:
    msg = ForwardMsg()
    msg.metadata.delta_path.extend(path)
    msg.delta.new_element.CopyFrom(element)
    msg.delta.fragment_id = fragment_id
    return msg


def chart(key: str, fig) -> Element:
    """A live chart component as ConvLab draws it (ui/components/live_chart.py)."""
    el = Element()
    el.bidi_component.id = wid(key)
    el.bidi_component.component_name = "convlab.live_plotly_chart"
    el.bidi_component.json = json.dumps({"figure": figure_json(fig)})
    return el


def button(key: str, disabled: bool = False) -> Element:
    el = Element()
    el.button.id, el.button.label, el.button.disabled = wid(key), key, disabled
    return el


def heading(text: str) -> Element:
    el = Element()
    el.heading.body, el.heading.tag = text, "h2"
    return el


def feed(page: Page, *msgs: ForwardMsg) -> list[Run]:
    """Apply messages; the runs they finished."""
    runs = [page.apply(m, now=0.0) for m in msgs]
    return [r for r in runs if r is not None]


def explore_messages(Y: np.ndarray, status: int = FRAGMENT_FINISHED, run_id: str = "r1") -> list[ForwardMsg]:
    """Explore's lab fragment answering an edit: X, K and Y charts, then script_finished."""
    return [new_session(run_id, (FRAGMENT,)),
            delta((0, 1, 0), chart("ex_y_chart", array_figure(Y)), FRAGMENT),
            delta((0, 1, 1), chart("ex_x_chart", array_figure(X, symmetric=False)), FRAGMENT),
            delta((0, 1, 2), chart("ex_k_chart", array_figure(K)), FRAGMENT),
            finished(run_id, status, (FRAGMENT,))]


def right_y() -> np.ndarray:
    return correlate(X, K).numpy()


# ---- Explore ----

def test_a_right_explore_answer_passes_and_returns_y():
    page = Page("explore", "lang=en")
    runs = feed(page, *explore_messages(right_y()))
    assert np.allclose(checks.explore_answer(runs, page, kernel=K), right_y())


def test_a_wrong_y_fails():
    Y = right_y()
    Y[2, 3] += 0.5
    page = Page("explore", "lang=en")
    with pytest.raises(CheckFailed, match="not corr2d"):
        checks.explore_answer(feed(page, *explore_messages(Y)), page)


def test_a_y_of_the_wrong_shape_fails():
    page = Page("explore", "lang=en")
    with pytest.raises(CheckFailed, match="not corr2d"):
        checks.explore_answer(feed(page, *explore_messages(right_y()[:, :-1])), page)


def test_a_kernel_other_than_the_one_asked_for_fails():
    page = Page("explore", "lang=en")
    with pytest.raises(CheckFailed, match="not the kernel asked for"):
        checks.explore_answer(feed(page, *explore_messages(right_y())), page, kernel=np.array([[1.0, 7.0]]))


def test_an_answer_without_script_finished_fails():
    page = Page("explore", "lang=en")
    assert feed(page, *explore_messages(right_y())[:-1]) == []
    with pytest.raises(CheckFailed, match="did not finish"):
        checks.explore_answer([], page)
    with pytest.raises(CheckFailed, match="did not finish"):
        checks.explore_answer([page.run], page)  # the run still in progress


def test_an_interrupted_run_fails():
    page = Page("explore", "lang=en")
    with pytest.raises(CheckFailed, match="did not finish"):
        checks.explore_answer(feed(page, *explore_messages(right_y(), status=EARLY)), page)


def test_a_run_that_sent_no_new_y_fails_even_though_the_page_still_shows_a_right_one():
    page = Page("explore", "lang=en")
    feed(page, *explore_messages(right_y()))
    runs = feed(page, new_session("r2", (FRAGMENT,)), finished("r2", FRAGMENT_FINISHED, (FRAGMENT,)))
    with pytest.raises(CheckFailed, match="no new Y"):
        checks.explore_answer(runs, page)


def test_an_error_box_in_the_answer_fails():
    error = Element()
    error.alert.body, error.alert.format = "Kernel too large", checks.ERROR_ALERT
    msgs = explore_messages(right_y())
    page = Page("explore", "lang=en")
    runs = feed(page, *msgs[:-1], delta((0, 1, 3), error, FRAGMENT), msgs[-1])
    with pytest.raises(CheckFailed, match="Kernel too large"):
        checks.explore_answer(runs, page)


# ---- Train ----

def train_frame(run_id: str, steps: int, status: int = FRAGMENT_FINISHED, with_chart: bool = True,
                uid: str = "convlab-live-loss-loss") -> list[ForwardMsg]:
    """A live fragment run whose chart's loss line has `steps` steps (its uid: live while training)."""
    loss = {"type": "scatter", "uid": uid, "x": np.arange(1, steps + 1, dtype=np.int32),
            "y": np.linspace(1, 0, steps)}
    body = [delta((0, 5, 0), chart("tr_charts", {"data": [loss], "layout": {}}), "live")] if with_chart else []
    return [new_session(run_id, ("live",)), *body, finished(run_id, status, ("live",))]


def test_a_frame_with_more_steps_passes():
    (run,) = feed(Page("train", "lang=en"), *train_frame("f1", 40))
    assert checks.train_frame(run, last_step=35) == 40


def test_a_stale_frame_fails():
    (run,) = feed(Page("train", "lang=en"), *train_frame("f1", 35))
    with pytest.raises(CheckFailed, match="stale frame"):
        checks.train_frame(run, last_step=35)


def test_a_dropped_frame_is_no_frame():
    (run,) = feed(Page("train", "lang=en"), *train_frame("f1", 40, status=EARLY, with_chart=False))
    with pytest.raises(CheckFailed, match="no chart"):
        checks.train_frame(run, last_step=35)


def test_a_frame_sent_before_its_run_was_cut_short_is_delivered_but_one_without_script_finished_is_not():
    (run,) = feed(Page("train", "lang=en"), *train_frame("f1", 40, status=EARLY))
    assert checks.train_frame(run, last_step=35) == 40
    page = Page("train", "lang=en")
    feed(page, *train_frame("f2", 40)[:-1])
    with pytest.raises(CheckFailed, match="did not finish"):
        checks.train_frame(page.run, last_step=35)


def test_a_tick_after_pause_is_no_frame_of_training():
    (run,) = feed(Page("train", "lang=en"), *train_frame("f1", 40, uid="convlab-loss"))
    assert not checks.is_training(checks.frame_chart(run))
    with pytest.raises(CheckFailed, match="stale frame"):
        checks.train_frame(run, last_step=35)


def paused_page(offered: str) -> tuple[Page, list[Run]]:
    """The Train page's buttons as a run drew them: Start and Pause always, `offered` the enabled one."""
    page = Page("train", "lang=en")
    runs = feed(page, new_session("p"), delta((0, 3, 0), button("tr_start", disabled=offered != "tr_start")),
                delta((0, 3, 1), button("tr_pause", disabled=offered != "tr_pause")),
                delta((0, 3, 2), button("tr_once")), finished("p"))
    return page, runs


def test_a_pause_that_offers_resume_passes_and_one_that_still_offers_pause_fails():
    page, runs = paused_page("tr_start")
    checks.train_buttons(runs, page, running=False)
    page, runs = paused_page("tr_pause")
    with pytest.raises(CheckFailed, match="offers tr_pause paused"):
        checks.train_buttons(runs, page, running=False)
    page, runs = paused_page("tr_start")
    with pytest.raises(CheckFailed, match="offers tr_start while training"):
        checks.train_buttons(runs, page, running=True)


def test_a_start_must_ask_for_live_frames():
    page, runs = paused_page("tr_pause")
    with pytest.raises(CheckFailed, match="not asked for"):
        checks.train_buttons(runs, page, running=True)


def test_a_live_frames_run_cannot_answer_a_pause():
    page = Page("train", "lang=en")
    feed(page, new_session("p"), delta((0, 3, 0), button("tr_start")), delta((0, 3, 1), button("tr_once")),
         finished("p"))
    runs = feed(page, *train_frame("f", 3))
    with pytest.raises(CheckFailed, match="did not draw the buttons"):
        checks.train_buttons(runs, page, running=False)


def test_a_pause_answered_by_the_run_part_of_the_page_passes():
    page = Page("train", "lang=en")
    runs = feed(page, new_session("r", ("run",)), delta((0, 5, 0), button("tr_start"), "run"),
                delta((0, 5, 1), button("tr_once"), "run"), finished("r", FRAGMENT_FINISHED, ("run",)))
    assert checks.train_buttons(runs, page, running=False).run_id == "r"


def ran(run_id: str, status: int, fragments: tuple[str, ...] = (), started: float = 1.0) -> Run:
    return Run(run_id, fragments, status=status, started=started)


def test_the_answer_to_a_click_in_a_fragment_is_a_run_of_that_fragment_or_of_the_page_not_a_frames():
    frame, before = ran("f", FRAGMENT_FINISHED, ("live",)), ran("b", FRAGMENT_FINISHED, ("run",), started=0.0)
    assert answer([before, frame], None, since=0.5, scope="run") is None  # one started before the click, a frame
    part = ran("r", FRAGMENT_FINISHED, ("run",))
    assert answer([frame, part], None, since=0.5, scope="run")[-1] is part
    page = ran("p", FINISHED)
    assert answer([frame, page], None, since=0.5, scope="run")[-1] is page
    assert answer([frame, part], None, since=0.5, whole=True) is None  # asked for the whole page


def test_a_run_that_streamlit_marked_ended_early_answers_once_the_next_run_is_another_fragments():
    """Streamlit rewrites a fragment run's end to "ended early" when the next run (a live frame's, asked for while
    Pause's run drew) starts before that end was sent; restarted for the whole page (Start), the page's run answers."""
    early = ran("r", EARLY, ("run",))
    assert answer([early], None, since=0.5, scope="run") is None  # not yet known
    assert answer([early], ran("r2", None, ("run",)), since=0.5, scope="run") is None  # its own rerun follows
    frame = ran("f", None, ("live",))
    runs = answer([early], frame, since=0.5, scope="run")
    assert runs == [early] and early.status == SENT_BEFORE_NEXT and early.succeeded
    early, done_frame = ran("r", EARLY, ("run",)), ran("f", FRAGMENT_FINISHED, ("live",))
    assert answer([early, done_frame], None, since=0.5, scope="run") == [done_frame, early]
    early, page = ran("r", EARLY, ("run",)), ran("p", FINISHED)
    assert answer([early, page], None, since=0.5, scope="run")[-1] is page and early.status == EARLY
    assert answer([ran("w", EARLY)], frame, since=0.5, whole=True) is None  # a whole page cut short never answers


def test_a_click_not_answered_in_time_says_which_runs_came_and_how_they_ended():
    from benchmarks.load.protocol import timeline

    runs = [ran("b", EARLY, ("live",), started=0.46), ran("r", UNSEEN_END, ("run",), started=0.535),
            ran("p", FINISHED, started=0.6)]
    assert timeline(runs, ran("f", None, ("live",), started=0.7), since=0.5, scope="run") == (
        "-40 other:early, +35 scope:unseen, +100 page:ok; running: +200 other")
    assert timeline([], None, since=0.5, scope="run") == "no runs; running: none"


# ---- Lesson and pages ----

def test_a_lesson_step_shows_its_header():
    page = Page("lesson", "lang=en")
    runs = feed(page, new_session("l"), delta((0, 2), heading(f"3. {t('lesson_s3_title', 'en')}")), finished("l"))
    checks.lesson_step(runs, page, 3)
    with pytest.raises(CheckFailed, match="does not show"):
        checks.lesson_step(runs, page, 4)


# ---- the page model ----

def test_widgets_are_found_by_key_suffix_only():
    page = Page("explore", "lang=en")
    feed(page, new_session("a"), delta((0, 0), button("ex_row_c")), delta((0, 1), button("exk_rows")),
         delta((0, 2), button("ex_row"), FRAGMENT), finished("a"))
    assert page.widget_id("ex_row") == wid("ex_row")
    assert page.widget_id("ex_row_c") == wid("ex_row_c")
    assert page.fragment_of_id(wid("ex_row")) == FRAGMENT and page.fragment_of_id(wid("ex_row_c")) == ""
    with pytest.raises(ProtocolError):
        page.widget_id("rows")


def test_a_whole_page_run_drops_what_it_did_not_draw_and_the_states_of_gone_widgets():
    page = Page("train", "lang=en")
    feed(page, new_session("a"), delta((0, 0), button("tr_start")), delta((0, 1), button("tr_reset")), finished("a"))
    page.rerun((json_state(wid("tr_reset"), {"x": 1}),))
    feed(page, new_session("b"), delta((0, 0), button("tr_pause")), finished("b"))
    assert page.shows("tr_pause") and not page.shows("tr_start") and not page.shows("tr_reset")
    assert page.states == {}


def test_cached_messages_resolve_and_are_forgotten_after_two_runs():
    page = Page("explore", "lang=en")
    big = delta((0, 4), chart("ex_x_chart", array_figure(X)))
    big.hash, big.metadata.cacheable = "h1", True
    feed(page, new_session("a"), big, finished("a"))
    assert page.rerun().rerun_script.cached_message_hashes == ["h1"]
    ref = ForwardMsg(ref_hash="h1")
    ref.metadata.delta_path.extend((0, 4))
    (run,) = feed(page, new_session("b"), ref, finished("b"))
    assert run.element("ex_x_chart") is not None
    feed(page, new_session("c"), finished("c"), new_session("d"), finished("d"), new_session("e"), finished("e"))
    assert page.cache.hashes() == []
    with pytest.raises(ProtocolError, match="not in the cache"):
        feed(page, new_session("f"), ref)


def test_a_rerun_carries_the_states_held_a_click_once_the_page_and_the_cache():
    page = Page("explore", "lang=en")
    nav = ForwardMsg()
    nav.navigation.page_script_hash = "explore-hash"
    page_link = nav.navigation.app_pages.add()
    page_link.url_pathname, page_link.page_script_hash = "train", "train-hash"
    feed(page, nav)
    first = page.rerun((json_state(wid("exk_grid"), {"edit": {"n": 1}}), click_state(wid("ex_play"))), FRAGMENT)
    states = {s.id: s.WhichOneof("value") for s in first.rerun_script.widget_states.widgets}
    assert states == {wid("exk_grid"): "json_value", wid("ex_play"): "trigger_value"}
    assert first.rerun_script.fragment_id == FRAGMENT and first.rerun_script.page_script_hash == "explore-hash"
    second = page.rerun(page="train")
    assert [s.id for s in second.rerun_script.widget_states.widgets] == [wid("exk_grid")]
    assert second.rerun_script.page_script_hash == "train-hash"


def test_timers_fire_on_time_and_a_whole_page_run_stops_them():
    page = Page("train", "lang=en")
    tick = ForwardMsg()
    tick.auto_rerun.interval, tick.auto_rerun.fragment_id = 0.5, "live"
    page.apply(tick, now=10.0)
    assert page.due_timers(10.2) == [] and page.due_timers(10.5) == ["live"] and page.next_due() == 11.0
    page.apply(new_session("full"), now=10.6)
    assert page.next_due() is None


def asking_chart(frame: int | None, after: float = 0.1) -> Element:
    """Train's chart as a live frame draws it: with `next` while training runs (None: paused)."""
    el = Element()
    el.bidi_component.id = wid("tr_charts")
    data = {"figure": "{}"} if frame is None else {"figure": "{}", "next": {"frame": frame, "after": after}}
    el.bidi_component.json = json.dumps(plain(data))  # as ui/components/live_chart.py sends it
    return el


def test_a_live_chart_asks_once_per_frame_no_sooner_than_after_and_again_without_an_answer():
    page = Page("train", "lang=en")
    page.apply(delta((0, 5), asking_chart(1), "live"), now=10.0)
    [ask] = page.asks.due(10.0)
    state = frame_trigger(ask)
    assert (ask.fragment_id, ask.frame) == ("live", 1)
    assert state.id == f"$$STREAMLIT_INTERNAL_KEY_{wid('tr_charts')}__events"
    assert json.loads(state.json_trigger_value) == [{"event": "frame", "value": 1}]
    page.apply(delta((0, 5), asking_chart(1), "live"), now=10.02)  # the same frame again: no second ask
    page.apply(delta((0, 5), asking_chart(2), "live"), now=10.05)
    assert page.asks.due(10.09) == [] and page.next_due() == pytest.approx(10.1)
    assert [a.frame for a in page.asks.due(10.1)] == [2]
    assert page.asks.due(10.1 + RETRY - 0.01) == [] and [a.frame for a in page.asks.due(10.1 + RETRY)] == [2]


def test_a_paused_chart_or_a_chart_gone_asks_nothing():
    page = Page("train", "lang=en")
    page.apply(delta((0, 5), asking_chart(1), "live"), now=0.0)
    page.apply(delta((0, 5), asking_chart(None), "live"), now=0.0)  # the Pause's figure
    assert page.asks.due(100.0) == [] and page.next_due() is None
    feed(page, new_session("s"), delta((0, 5), asking_chart(3), "live"), delta((0, 6), button("tr_pause")), finished("s"))
    feed(page, new_session("t"), delta((0, 0), button("ex_source")), finished("t"))  # another page: no chart
    assert page.asks.due(100.0) == []
    assert page.asks.pending == {}


def test_a_run_whose_end_never_came_ends_unseen_when_the_next_starts_and_keeps_what_it_drew():
    page = Page("train", "lang=en")
    page.apply(new_session("whole"), now=0.0)
    page.apply(delta((0, 3, 0), button("tr_pause")), now=0.0)
    ended = page.apply(new_session("live", ("live",)), now=0.1)  # its script_finished was lost
    assert ended.run_id == "whole" and ended.status == UNSEEN_END and ended.succeeded and not ended.is_fragment
    assert page.shows("tr_pause") and page.unseen_ends == 1
    checks.finished([ended], whole=True)


def test_a_fragment_run_drops_its_own_stale_elements_and_the_last_drawn_wins():
    page = Page("explore", "lang=en")
    feed(page, new_session("a"), delta((0, 0), button("ex_source")), delta((1, 0), button("ex_y_chart"), FRAGMENT),
         delta((1, 1), button("exk_grid"), FRAGMENT), finished("a"))
    feed(page, new_session("b", (FRAGMENT,)), delta((1, 2), button("ex_y_chart"), FRAGMENT),
         finished("b", FRAGMENT_FINISHED, (FRAGMENT,)))
    assert page.find("ex_y_chart")[0] == (1, 2)
    assert page.shows("ex_source") and not page.shows("exk_grid")


def test_the_checks_and_the_client_need_neither_locust_nor_gevent():
    code = ("import sys, benchmarks.load.checks, benchmarks.load.protocol; "
            "print(sorted(m for m in ('locust', 'gevent', 'websocket') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
