"""AppTest of the Train page: start, run to the end, divergence, pause/resume, step once, reset, charts, downloads.

AppTest sees only the final state of a run and never ticks a fragment's run_every timer, so the tests drive the live
fragment by calling at.run() again and again: each run trains one frame's slice of steps, as a browser tick does.
"""

from __future__ import annotations

import base64

import numpy as np
import pytest

from tests.helpers.figures import chart_elements, chart_figure, chart_keys, figure_of
from ui.text import t

PAGE = "views/train.py"
MAX_RUNS = 40
LIVE_CHART = "tr_charts"  # loss, weights and landscape, one figure


def decode(value) -> np.ndarray:
    """A Plotly array from a chart spec: a list, or Plotly 7's {"dtype", "bdata", "shape"} base64 blob."""
    if isinstance(value, dict) and "bdata" in value:
        A = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return A.reshape([int(s) for s in str(value["shape"]).split(",")]) if "shape" in value else A
    return np.asarray(value, dtype=np.float64)


def chart(at, name: str) -> dict:
    """The figure of the Plotly chart whose key is `name` (st.plotly_chart or the live chart component)."""
    return chart_figure(at, name)


def panel(at, name: str) -> list[dict]:
    """The traces of one panel ("loss", "weights" or "landscape") of the live training chart."""
    return [d for d in chart(at, LIVE_CHART)["data"] if d.get("meta") == name]


def chart_names(at) -> set[str]:
    """The keys of the Plotly charts on the page."""
    return chart_keys(at)


def trainer(at):
    """The session's Trainer."""
    return at.session_state["tr_trainer"]


def run_until_stopped(at) -> int:
    """Rerun (one live frame each) until training stops; returns the number of reruns."""
    for n in range(1, MAX_RUNS + 1):
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        if not at.session_state["tr_running"]:
            return n
    raise AssertionError(f"still running after {MAX_RUNS} reruns at step {trainer(at).steps_taken}")


@pytest.fixture
def train_page(app_test):
    """The Train page in a language, with the notebook's defaults (stripes, [1, -1], lr 3e-2, sum, plain)."""

    def open_page(lang: str = "en", steps: int = 60):
        at = app_test(lang, page=PAGE)
        assert not at.exception, [e.value for e in at.exception]
        at.number_input(key="tr_steps").set_value(steps).run()
        return at

    return open_page


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
    assert {"tr_sum_learned", "tr_sum_target", "tr_sum_diff", "tr_sum_yhat", "tr_sum_y"} <= chart_names(at)
    summary = chart(at, "tr_sum_learned")["data"][0]
    assert np.allclose(decode(summary["z"]), learned, atol=1e-6)
    assert at.get("download_button") and len(at.get("download_button")) >= 2
    assert at.button(key="tr_start").disabled  # the 60 steps are done: Resume waits for more steps


class FakeClock:
    """A clock that moves only when the test says (ui.shell.CLOCK)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


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
    """CONVLAB_LIVE_FRAMES_PER_SECOND (40): with 19 other sessions training live, this one's frames come every
    0.56 s instead of 0.07 s (set at the full run that starts it), and the progress bar says why; once they stop,
    the next full run goes back to full speed."""
    import ui.live_training
    import ui.shell
    from convcore import pacing

    clock = FakeClock()
    monkeypatch.setattr(ui.shell, "CLOCK", clock)
    crowd = pacing.LiveCrowd()
    monkeypatch.setattr(ui.live_training, "LIVE_CROWD", crowd)
    for n in range(19):
        crowd.beat(f"other-{n}", clock())
    at = train_page("en", steps=1000)
    at.button(key="tr_start").click().run()
    assert at.session_state["tr_tick"] == pytest.approx(0.56) and at.session_state["tr_crowd"] == 20
    assert 5 < trainer(at).steps_taken <= 5 * 8  # medium: 5 steps a fastest frame, up to 40 in one 8 times as long
    bar = at.get("progress")[0].proto.text
    assert t("train_crowd", "en", n=20, seconds="0.56") in bar, bar
    for n in range(19):
        crowd.leave(f"other-{n}")
    at.run()  # the next full run (AppTest's runs are full runs) sees it alone and sets the fast timer again
    assert at.session_state["tr_tick"] == pytest.approx(0.07) and at.session_state["tr_crowd"] == 1
    assert "sessions were training" not in at.get("progress")[0].proto.text
    at.button(key="tr_pause").click().run()
    assert crowd.count(clock()) == 0  # paused: no longer counted


def test_too_large_learning_rate_diverges_with_a_message_and_keeps_the_history(train_page):
    at = train_page("en", steps=200)
    at.select_slider(key="tr_lr").set_value(10.0).run()
    at.button(key="tr_finish").click().run()
    assert not at.exception
    tr = trainer(at)
    assert tr.diverged and 0 < tr.steps_taken < 200
    errors = [e.value for e in at.error]
    assert any(e.startswith("Training diverged at step") and "10" in e for e in errors), errors
    loss = panel(at, "loss")[0]
    assert len(decode(loss["x"])) == tr.steps_taken  # the history up to the divergence is still drawn
    land = panel(at, "landscape")
    path = next(d for d in land if d.get("mode") == "lines+markers")
    assert len(decode(path["x"])) >= 2
    assert at.button(key="tr_start").disabled and at.button(key="tr_once").disabled
    assert at.get("download_button")  # the log of the failed run can still be downloaded


def test_divergence_message_in_korean(train_page):
    at = train_page("ko", steps=200)
    at.select_slider(key="tr_lr").set_value(10.0).run()
    at.button(key="tr_finish").click().run()
    errors = [e.value for e in at.error]
    assert any("손실이 폭발했습니다" in e for e in errors), errors


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


def test_changing_the_target_starts_afresh(train_page):
    at = train_page("en")
    at.button(key="tr_once").click().run()
    old = trainer(at)
    at.selectbox(key="trk_preset").set_value("sobel_x").run()
    assert not at.exception
    assert trainer(at) is not old and trainer(at).steps_taken == 0 and trainer(at).kernel_shape == (3, 3)


def test_a_3x3_target_trains_with_adam_and_has_no_landscape(train_page):
    at = train_page("en", steps=40)
    at.selectbox(key="trx_sample").set_value("checkerboard").run()
    at.selectbox(key="trk_preset").set_value("sobel_x").run()
    at.radio(key="tr_optimizer").set_value("adam").run()
    at.select_slider(key="tr_lr").set_value(0.1).run()
    at.button(key="tr_finish").click().run()
    assert not at.exception
    tr = trainer(at)
    assert tr.steps_taken == 40 and tr.history[-1].loss < tr.history[0].loss
    assert panel(at, "weights") and not panel(at, "landscape")  # 9 weights: no landscape
    lines = [d for d in panel(at, "weights") if d.get("line", {}).get("dash") != "dash"]
    assert len(lines) == 9


def test_a_kernel_larger_than_3x3_is_compared_as_heatmaps(train_page):
    at = train_page("en", steps=5)
    at.selectbox(key="trx_sample").set_value("checkerboard").run()
    at.number_input(key="trk_rows").set_value(4).run()
    at.number_input(key="trk_cols").set_value(4).run()
    at.button(key="tr_once").click().run()
    assert not at.exception
    assert trainer(at).kernel_shape == (4, 4)
    assert not [d for d in panel(at, "weights") if d["type"] == "scatter"]  # heatmaps, not 16 lines
    heatmaps = [d for d in panel(at, "weights") if d["type"] == "heatmap"]
    assert len(heatmaps) == 2 and decode(heatmaps[0]["z"]).shape == (4, 4)


def test_learned_size_can_differ_from_the_target(train_page):
    at = train_page("en", steps=5)
    at.toggle(key="tr_same").set_value(False).run()
    at.number_input(key="tr_cols").set_value(3).run()
    at.button(key="tr_finish").click().run()
    assert not at.exception
    assert trainer(at).kernel_shape == (1, 3) and trainer(at).steps_taken == 5
    assert any(c.value == t("train_no_error", "en") for c in at.caption)


def test_code_twin_and_device(train_page):
    at = train_page("en")
    assert not at.code  # the code is written only while its expander is open
    at.session_state["tr_code_box"] = True
    at.run()
    code = at.code[0].value
    assert "nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)" in code and "lr = 0.03" in code
    assert at.selectbox(key="tr_device").options == ["CPU"] or "CPU" in at.selectbox(key="tr_device").options
    assert any(c.value == "Actually running on: `cpu`" for c in at.caption)


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


# ---- a reload while training (a new session opens the link the page had written) ----


def link_of(at) -> dict:
    """The page's query string as plain values (what a reload or a copied link opens)."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def reload_notices(at) -> list[str]:
    """The reload notices on the page."""
    return [i.value for i in at.info if "reloaded" in i.value or "새로고침했습니다" in i.value]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_reload_mid_training_says_where_it_was_and_trains_again_to_the_same_weights(app_test, lang):
    first = app_test(lang, page=PAGE, steps="200", seed="5")
    first.button(key="tr_once").click().run()
    first.button(key="tr_start").click().run()
    first.run()
    first.run()  # live frames: the run is under way
    assert first.session_state["tr_running"]
    link = link_of(first)
    n = int(link["at"])  # the steps taken when the page last wrote its link (the live part writes it about once a
    assert 1 <= n <= trainer(first).steps_taken < 200 and "lrmix" not in link  # second; AppTest: each run)

    second = app_test(**link, page=PAGE)  # the reload: a new session on that link
    assert not second.exception, [e.value for e in second.exception]
    assert trainer(second).steps_taken == 0 and second.session_state["tr_seed"] == 5
    assert reload_notices(second) == [t("train_reload_notice", lang, n=n)]
    assert link_of(second)["at"] == str(n)  # a second reload still knows
    replay = second.button(key="tr_replay")
    assert replay.label == t("train_replay", lang, n=n)
    replay.click().run()
    assert not second.exception
    again = trainer(second)
    assert again.steps_taken == n and not second.session_state["tr_running"]
    assert again.weights == trainer(first).history[n - 1].weights  # deterministic: bit for bit
    assert [r.loss for r in again.history] == [r.loss for r in trainer(first).history[:n]]
    assert not reload_notices(second) and link_of(second)["at"] == str(n)


def test_a_reload_notice_says_when_the_rate_changed_during_the_run(app_test):
    first = app_test("en", page=PAGE, steps="200")
    first.button(key="tr_once").click().run()
    first.select_slider(key="tr_lr").set_value(0.02).run()
    first.button(key="tr_once").click().run()
    link = link_of(first)
    assert link["at"] == "2" and link["lrmix"] == "1" and link["lr"] == "0.02"
    second = app_test(**link, page=PAGE)
    assert reload_notices(second) == [t("train_reload_notice", "en", n=2) + " " + t("train_reload_lr_note", "en")]


def test_a_replay_beyond_the_allowance_goes_on_live_and_stops_at_the_step(app_test):
    """With a low steps-per-second limit the burst covers only part of the way: the rest is trained live, and the
    run stops at the reloaded step, not at the steps asked for."""
    from convcore.pacing import Allowance

    at = app_test("en", page=PAGE, steps="500", at="30")
    at.session_state["_step_allowance"] = Allowance(4.0)  # a burst of 5 s worth: 20 steps
    at.button(key="tr_replay").click().run()
    assert 20 <= trainer(at).steps_taken < 30 and at.session_state["tr_running"]
    at.session_state["_step_allowance"] = Allowance(1e4)  # the allowance refilled (no waiting in a test)
    run_until_stopped(at)
    assert trainer(at).steps_taken == 30 and at.session_state["tr_steps"] == 500
    assert at.button(key="tr_start").label == "Resume"  # Resume goes on to the 500 steps asked for


def test_a_replay_past_the_steps_asked_for_raises_them_to_that_step(app_test):
    """A link whose step count is past its steps (lowered after training): the replay still reaches the step."""
    at = app_test("en", page=PAGE, steps="20", at="50")
    at.button(key="tr_replay").click().run()
    assert not at.exception and trainer(at).steps_taken == 50 and at.number_input(key="tr_steps").value == 50


def test_no_reload_notice_without_steps_in_the_link_nor_after_start_or_reset(app_test):
    plain = app_test("en", page=PAGE, steps="200")
    assert not reload_notices(plain) and "tr_replay" not in [b.key for b in plain.button]
    started = app_test("en", page=PAGE, steps="200", at="40")
    assert reload_notices(started)
    started.button(key="tr_start").click().run()
    started.button(key="tr_pause").click().run()
    started.button(key="tr_reset").click().run()
    assert trainer(started).steps_taken == 0 and not reload_notices(started)
    assert "at" not in link_of(started)  # reset: no steps to keep
    reset = app_test("en", page=PAGE, steps="200", at="40")
    reset.button(key="tr_reset").click().run()
    assert not reload_notices(reset) and "at" not in link_of(reset)


@pytest.mark.parametrize("bad", ["0", "-3", "abc", "10001", "1e3", "4.5"])
def test_a_bad_step_count_in_the_link_is_refused_with_the_usual_notice(app_test, bad):
    at = app_test("en", page=PAGE, at=bad)
    assert not at.exception, [e.value for e in at.exception]
    assert not reload_notices(at) and "at" not in link_of(at)
    assert any(i.value.startswith(t("share_bad_link", "en", names="at")) for i in at.info)


# ---- the learning rate that plain gradient descent can take ----


def lr_warnings(at) -> list[str]:
    """The warnings that predict a blow-up from the learning rate."""
    return [w.value for w in at.warning if w.value.startswith((t("train_lr_unstable", "en", limit="", curvature="",
                                                                                       lr="")[:30],
                                                               t("train_lr_unstable", "ko", limit="", curvature="",
                                                                 lr="")[:10]))]


def test_the_books_defaults_show_no_learning_rate_warning(train_page):
    at = train_page("en")
    assert not lr_warnings(at) and "tr_lr_fix" not in [b.key for b in at.button]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_photo_link_warns_before_start_and_the_button_picks_a_rate_that_does_not_diverge(app_test, lang):
    at = app_test(lang, page=PAGE, sample="photo", preset="gaussian_blur")
    warning = lr_warnings(at)
    assert len(warning) == 1 and "5.22e-06" in warning[0]  # 2 / lambda_max for the sum over 254 x 254 cells
    assert trainer(at).steps_taken == 0
    fix = at.button(key="tr_lr_fix")
    assert fix.label == t("train_lr_use_mean", lang, lr="0.3")
    fix.click().run()
    assert (at.session_state["tr_lr"], at.session_state["tr_loss"]) == (0.3, "mean")
    assert not lr_warnings(at)
    at.button(key="tr_finish").click().run()
    tr = trainer(at)
    assert tr.steps_taken == 100 and not tr.diverged and tr.history[-1].loss < 1e-2 * tr.history[0].loss


def test_a_too_large_rate_on_the_book_offers_the_largest_stable_one(train_page):
    at = train_page("en", steps=200)
    at.select_slider(key="tr_lr").set_value(0.05).run()
    assert len(lr_warnings(at)) == 1 and "0.0333" in lr_warnings(at)[0]
    at.button(key="tr_lr_fix").click().run()
    assert at.session_state["tr_lr"] == 0.03 and at.session_state["tr_loss"] == "sum" and not lr_warnings(at)


def test_momentum_and_adam_get_the_limit_as_a_guide_only(train_page):
    at = train_page("en")
    at.select_slider(key="tr_lr").set_value(0.05).run()
    at.radio(key="tr_optimizer").set_value("momentum").run()
    assert not lr_warnings(at) and "tr_lr_fix" not in [b.key for b in at.button]
    guide = [c.value for c in at.caption if c.value.startswith("A guide only")]
    assert guide == [t("train_lr_guide", "en", limit="0.03", optimizer="Momentum 0.9")]


# ---- a diverged run: its numbers agree, and it is not told to run more steps ----


def test_a_diverged_run_names_the_steps_it_ran_and_does_not_advise_more_steps(train_page):
    at = train_page("en", steps=200)
    at.select_slider(key="tr_lr").set_value(0.05).run()
    at.button(key="tr_finish").click().run()
    tr = trainer(at)
    assert tr.diverged and tr.steps_taken == 12
    error = next(e.value for e in at.error if e.value.startswith("Training diverged"))
    assert "at step 13" in error and "after 12 steps" in error
    assert next(m.value for m in at.metric if m.label == "Steps run") == "12"
    assert at.get("progress")[0].proto.text.startswith("Step 12 / 200")
    shown = " ".join(w.value for w in at.warning)
    assert "more steps" not in shown.replace("more steps will not help", "")
    assert t("train_diverged_result", "en") in shown
