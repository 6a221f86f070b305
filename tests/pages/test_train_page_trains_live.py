"""AppTest of the Train page: Start trains live to the end, frame by frame in one chart, within the server's steps per
second and frames per second; Pause, Resume, Step once and Reset.

AppTest sees only the final state of a run and never ticks a fragment's run_every timer, so the tests drive the live
fragment by calling at.run() again and again: each run trains one frame's slice of steps, as a browser tick does.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.helpers.figures import chart_elements, chart_figure, chart_keys, figure_of
from tests.helpers.train_page import LIVE_CHART, FakeClock, decode, panel, run_until_stopped, trainer
from ui.text import t


def test_live_charts_keep_their_element_from_frame_to_frame(train_page):
    """The live charts are the in-place component (Plotly.js served from static/): the same element id every frame,
    so the browser updates them with Plotly.react instead of remounting them; each frame brings the new figure."""
    at = train_page("en", steps=60)
    at.button(key="tr_start").click().run()
    before, first = chart_elements(at)[LIVE_CHART], trainer(at).steps_taken
    at.run()
    after = chart_elements(at)[LIVE_CHART]
    assert before.type == after.type == "bidi_component"
    assert before.proto.id == after.proto.id
    assert {d["meta"] for d in figure_of(after)["data"]} == {"loss", "weights", "landscape"}
    points = [len(decode(figure_of(el)["data"][0]["x"])) for el in (before, after)]
    # A frame is drawn first, then the next slice trains (the browser draws while the server trains): each frame
    # shows the steps taken before it.
    assert points == [0, first] and 0 < first < trainer(at).steps_taken


BUTTONS = ["tr_start", "tr_pause", "tr_once", "tr_finish", "tr_reset"]


def test_the_buttons_keep_their_places_running_paused_or_reset(train_page):
    """A Pause (Reset) is answered by the run's part of the page alone, and Streamlit may mark that answer "ended
    early" when a live frame's run follows it at once; the browser then keeps, beside a new button, a keyed button
    the answer no longer draws in its place (Pause stayed beside Resume). So the five buttons never change places:
    the one that does not apply is disabled, not taken away."""
    at = train_page("en", steps=400)
    shown = lambda: [b.key for b in at.button if b.key in BUTTONS]  # noqa: E731
    enabled = lambda: {b.key for b in at.button if b.key in BUTTONS and not b.disabled}  # noqa: E731
    assert shown() == BUTTONS and enabled() == {"tr_start", "tr_once", "tr_finish", "tr_reset"}
    at.button(key="tr_start").click().run()
    assert shown() == BUTTONS and enabled() == {"tr_pause", "tr_finish", "tr_reset"}
    at.button(key="tr_pause").click().run()
    assert shown() == BUTTONS and enabled() == {"tr_start", "tr_once", "tr_finish", "tr_reset"}
    assert at.button(key="tr_start").label == "Resume"
    at.button(key="tr_start").click().run()
    at.button(key="tr_reset").click().run()
    assert shown() == BUTTONS and at.button(key="tr_start").label == "Start" and not at.exception


def test_start_runs_live_to_the_end_and_the_summary_shows_the_kernel_found(train_page):
    at = train_page("en", steps=60)
    assert trainer(at).steps_taken == 0 and at.button(key="tr_start").label == "Start"
    at.button(key="tr_start").click().run()
    assert at.session_state["tr_running"] and at.button(key="tr_pause").label == "Pause"
    first = trainer(at).steps_taken
    assert 0 < first <= 5  # "medium" speed: 5 steps a frame, so the run is drawn over several frames
    reruns = run_until_stopped(at)
    assert reruns >= 4
    tr = trainer(at)
    assert tr.steps_taken == 60 and not tr.diverged

    loss = panel(at, "loss")[0]
    assert list(decode(loss["x"])) == list(range(1, 61))
    assert np.allclose(decode(loss["y"]), [r.loss for r in tr.history])
    weights = panel(at, "weights")
    lines = [d for d in weights if d.get("line", {}).get("dash") != "dash"]
    targets = [d for d in weights if d.get("line", {}).get("dash") == "dash"]
    assert [d["name"] for d in lines] == ["w[0,0]", "w[0,1]"]
    assert [decode(d["y"])[0] for d in targets] == [1.0, -1.0]
    assert [d["line"]["color"] for d in lines] == [d["line"]["color"] for d in targets]
    assert np.allclose(decode(lines[0]["y"])[-1], tr.weights[0][0], atol=1e-6)

    learned = np.array(tr.weights)
    assert np.abs(learned - np.array([[1.0, -1.0]])).max() < 0.05
    gap = float(next(m.value for m in at.metric if m.label == "Largest gap to target"))
    assert gap < 0.05
    assert any(s.value.startswith("The learned kernel is very close to the target") for s in at.success)
    assert {"tr_sum_learned", "tr_sum_target", "tr_sum_diff", "tr_sum_yhat", "tr_sum_y"} <= chart_keys(at)
    summary = chart_figure(at, "tr_sum_learned")["data"][0]
    assert np.allclose(decode(summary["z"]), learned, atol=1e-6)
    assert at.get("download_button") and len(at.get("download_button")) >= 2
    assert at.button(key="tr_start").disabled  # the 60 steps are done: Resume waits for more steps


def test_the_servers_steps_per_second_limit_holds_for_run_to_the_end_and_live_frames(train_page, monkeypatch):
    """CONVLAB_TRAINING_STEPS_PER_SECOND: Run to the end spends at most a 5 s burst at once, live frames then get
    only what the allowance refills, and the progress bar says the server's limit is what holds training back."""
    import dataclasses

    import ui.live_training
    import ui.shell

    clock = FakeClock()
    monkeypatch.setattr(ui.shell, "CLOCK", clock)
    monkeypatch.setattr(ui.live_training, "LIMITS", dataclasses.replace(ui.live_training.LIMITS, training_steps_per_second=4.0))
    at = train_page("en", steps=200)
    at.button(key="tr_finish").click().run()
    assert trainer(at).steps_taken == 20  # 4 a second, 5 seconds' worth at once
    assert at.session_state["tr_running"]  # and then on live, at the rate
    at.run()
    assert trainer(at).steps_taken == 20  # no time passed: nothing refilled
    clock.now += 1.0
    at.run()
    assert trainer(at).steps_taken == 24  # a second: 4 more
    bar = at.get("progress")[0].proto.text
    assert t("train_rate_limit", "en", limit="4") in bar, bar
    at.button(key="tr_pause").click().run()
    at.button(key="tr_reset").click().run()
    at.button(key="tr_finish").click().run()
    assert trainer(at).steps_taken == 0  # a reset does not refill the allowance
    clock.now += 2.0
    at.button(key="tr_finish").click().run()
    assert trainer(at).steps_taken == 8  # two seconds later: two seconds' worth


def test_many_sessions_training_at_once_slow_each_chart_down(train_page, monkeypatch):
    """CONVLAB_LIVE_FRAMES_PER_SECOND (100): with 49 other sessions training live, this one's frames come every
    0.56 s instead of 0.07 s (set at the full run that starts it), and the progress bar says why; once they stop,
    the next full run goes back to full speed."""
    import ui.live_training
    import ui.shell
    from convcore import pacing

    clock = FakeClock()
    monkeypatch.setattr(ui.shell, "CLOCK", clock)
    crowd = pacing.LiveCrowd()
    monkeypatch.setattr(ui.live_training, "LIVE_CROWD", crowd)
    for n in range(49):
        crowd.beat(f"other-{n}", clock())
    at = train_page("en", steps=1000)
    at.button(key="tr_start").click().run()
    assert at.session_state["tr_tick"] == pytest.approx(0.56) and at.session_state["tr_crowd"] == 50
    assert 5 < trainer(at).steps_taken <= 5 * 8  # medium: 5 steps a fastest frame, up to 40 in one 8 times as long
    bar = at.get("progress")[0].proto.text
    assert t("train_crowd", "en", n=50, seconds="0.56") in bar, bar
    for n in range(49):
        crowd.leave(f"other-{n}")
    at.run()  # the next full run (AppTest's runs are full runs) sees it alone and sets the fast timer again
    assert at.session_state["tr_tick"] == pytest.approx(0.07) and at.session_state["tr_crowd"] == 1
    assert "sessions were training" not in at.get("progress")[0].proto.text
    at.button(key="tr_pause").click().run()
    assert crowd.count(clock()) == 0  # paused: no longer counted


def test_pause_resume_and_changing_lr_while_paused_keep_the_history(train_page):
    at = train_page("en", steps=1000)
    at.button(key="tr_start").click().run()
    at.run()
    at.button(key="tr_pause").click().run()
    tr = trainer(at)
    paused_at = tr.steps_taken
    assert not at.session_state["tr_running"] and 0 < paused_at < 1000
    at.run()
    assert trainer(at).steps_taken == paused_at  # paused: reruns do not train
    at.select_slider(key="tr_lr").set_value(0.01).run()
    assert trainer(at) is tr and tr.steps_taken == paused_at and tr.lr == 0.01
    assert at.button(key="tr_start").label == "Resume"
    at.button(key="tr_start").click().run()
    at.run()
    assert tr.steps_taken > paused_at
    assert tr.history[paused_at - 1].lr == 0.03 and tr.history[-1].lr == 0.01


def test_step_once_and_reset(train_page):
    at = train_page("en")
    at.button(key="tr_once").click().run()
    at.button(key="tr_once").click().run()
    tr = trainer(at)
    assert tr.steps_taken == 2 and not at.session_state["tr_running"]
    assert len(decode(panel(at, "loss")[0]["x"])) == 2
    at.button(key="tr_reset").click().run()
    assert trainer(at).steps_taken == 0 and at.button(key="tr_start").label == "Start"


def test_fast_speed_with_weight_lines_sends_half_the_frames_each_drawn_in_two_pictures(train_page):
    """Speed "fast" with weight lines: the fragment ticks half as often and the chart asks the browser to show each
    frame in 2 pictures (static/live_chart/, tested in a browser); paused, one picture. "medium" (steps a frame)
    and a 5x5 kernel (heatmaps, nothing to cut at a step) keep 1 picture a frame at the full tick."""
    from tests.helpers.figures import live_data

    def started(at) -> dict:
        at.button(key="tr_start").click().run()
        assert at.session_state["tr_running"], "not training"
        return live_data(chart_elements(at)[LIVE_CHART])

    at = train_page("en", steps=5000)
    at.session_state["tr_speed"] = "fast"
    at.run()
    assert started(at).get("subframes") == 2
    assert at.session_state["tr_tick"] == pytest.approx(0.14)
    assert at.session_state["tr_pacer"].frame_period == pytest.approx(1 / 6)
    at.button(key="tr_pause").click().run()
    assert "subframes" not in live_data(chart_elements(at)[LIVE_CHART])

    at.session_state["tr_speed"] = "medium"
    at.run()
    assert "subframes" not in started(at)
    assert at.session_state["tr_tick"] == pytest.approx(0.07)
    at.button(key="tr_pause").click().run()

    at.session_state["tr_speed"] = "fast"
    at.toggle(key="tr_same").set_value(False).run()
    at.number_input(key="tr_rows").set_value(5).run()
    at.number_input(key="tr_cols").set_value(5).run()
    assert trainer(at).kernel_shape == (5, 5)
    assert "subframes" not in started(at)
    assert at.session_state["tr_tick"] == pytest.approx(0.07)


def test_a_learned_zero_reads_zero_in_the_summary(train_page):
    """After the book's run has converged, float noise (3.58e-07 where Y is 0) is shown as the 0 it means."""
    at = train_page("en", steps=300)
    at.button(key="tr_finish").click().run()
    run_until_stopped(at)
    assert trainer(at).steps_taken == 300
    Y = decode(chart_figure(at, "tr_sum_y")["data"][0]["z"])
    Y_hat = decode(chart_figure(at, "tr_sum_yhat")["data"][0]["z"])
    assert np.array_equal(Y_hat[Y == 0], np.zeros(int((Y == 0).sum())))
    assert np.allclose(Y_hat, Y, atol=1e-4)
    texts = [t for row in chart_figure(at, "tr_sum_yhat")["data"][0].get("text", []) for t in row]
    assert not [t for t in texts if "e-" in t], texts
