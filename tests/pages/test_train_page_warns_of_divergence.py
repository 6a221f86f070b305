"""AppTest of the Train page: a learning rate too large for plain gradient descent is foretold before Start, with a
button that picks a stable one; a run that diverges says so, keeps its history and names the steps it ran."""

from __future__ import annotations

import pytest

from tests.helpers.apptest import TRAIN
from tests.helpers.train_page import decode, panel, trainer
from ui.text import t


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
    at = app_test(lang, page=TRAIN, sample="photo", preset="gaussian_blur")
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


def test_momentum_gets_its_own_limit_and_adam_the_plain_one_as_a_guide_only(train_page):
    """The book at 0.05: plain blows up (limit 0.0333); momentum 0.9 is stable up to 2(1 + 0.9) / 60 = 0.0633, so a
    note only; at 0.1 momentum blows up too, foretold with its own limit and a button for 0.05; Adam gets the plain
    limit as a guide only, in either case."""
    at = train_page("en")
    at.select_slider(key="tr_lr").set_value(0.05).run()
    at.radio(key="tr_optimizer").set_value("momentum").run()
    assert not at.warning and "tr_lr_fix" not in [b.key for b in at.button]
    notes = [c.value for c in at.caption if c.value.startswith("Note: plain")]
    assert notes == [t("train_lr_momentum", "en", limit="0.03", momentum_limit="0.06", beta="0.9")]
    at.select_slider(key="tr_lr").set_value(0.1).run()
    [warning] = [w.value for w in at.warning]
    assert warning == t("train_lr_unstable_momentum", "en", limit="0.0633", curvature="60", lr="0.1", beta="0.9")
    at.button(key="tr_lr_fix").click().run()
    assert at.session_state["tr_lr"] == 0.05 and not at.warning
    at.button(key="tr_finish").click().run()
    assert trainer(at).steps_taken == 60 and not trainer(at).diverged
    at.radio(key="tr_optimizer").set_value("adam").run()
    at.select_slider(key="tr_lr").set_value(0.1).run()
    guide = [c.value for c in at.caption if c.value.startswith("A guide only")]
    assert guide == [t("train_lr_guide", "en", limit="0.03", optimizer="Adam")] and not at.warning


def test_momentum_in_korean_names_its_limit(app_test):
    at = app_test("ko", page="views/train.py", lr="0.1", opt="momentum")
    assert [w.value for w in at.warning] == [t("train_lr_unstable_momentum", "ko", limit="0.0633", curvature="60",
                                               lr="0.1", beta="0.9")]


def test_the_landscape_draws_the_ellipses_axes_through_the_target(train_page):
    """The book's 1x2 kernel: two dashed lines through the target [1, -1], along (-1, 1) (flat) and (1, 1) (steep)."""
    at = train_page("ko")
    lines = {d["name"]: d for d in panel(at, "landscape") if d.get("line", {}).get("dash") in ("dash", "dot")}
    assert set(lines) == {t("train_axis_flat", "ko"), t("train_axis_steep", "ko")}
    for name, direction in ((t("train_axis_flat", "ko"), (-1, 1)), (t("train_axis_steep", "ko"), (1, 1))):
        x, y = decode(lines[name]["x"]), decode(lines[name]["y"])
        assert (x.mean(), y.mean()) == pytest.approx((1.0, -1.0), abs=1e-9)  # centred on the target
        step = (x[1] - x[0], y[1] - y[0])
        assert step[0] * direction[1] - step[1] * direction[0] == pytest.approx(0.0, abs=1e-9)  # parallel


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
