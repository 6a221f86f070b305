"""AppTest of the Train page: a reload while training (a new session opens the link the page had written) says where
training was, and a button trains again to that step, to the same weights."""

from __future__ import annotations

import pytest

from tests.helpers.apptest import TRAIN
from tests.helpers.train_page import run_until_stopped, trainer
from ui.text import t


def link_of(at) -> dict:
    """The page's query string as plain values (what a reload or a copied link opens)."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}


def reload_notices(at) -> list[str]:
    """The reload notices on the page."""
    return [i.value for i in at.info if "reloaded" in i.value or "새로고침했습니다" in i.value]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_reload_mid_training_says_where_it_was_and_trains_again_to_the_same_weights(app_test, lang):
    first = app_test(lang, page=TRAIN, steps="200", seed="5")
    first.button(key="tr_once").click().run()
    first.button(key="tr_start").click().run()
    first.run()
    first.run()  # live frames: the run is under way
    assert first.session_state["tr_running"]
    link = link_of(first)
    n = int(link["at"])  # the steps taken when the page last wrote its link (the live part writes it about once a
    assert 1 <= n <= trainer(first).steps_taken < 200 and "lrmix" not in link  # second; AppTest: each run)

    second = app_test(**link, page=TRAIN)  # the reload: a new session on that link
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
    first = app_test("en", page=TRAIN, steps="200")
    first.button(key="tr_once").click().run()
    first.select_slider(key="tr_lr").set_value(0.02).run()
    first.button(key="tr_once").click().run()
    link = link_of(first)
    assert link["at"] == "2" and link["lrmix"] == "1" and link["lr"] == "0.02"
    second = app_test(**link, page=TRAIN)
    assert reload_notices(second) == [t("train_reload_notice", "en", n=2) + " " + t("train_reload_lr_note", "en")]


def test_a_replay_beyond_the_allowance_goes_on_live_and_stops_at_the_step(app_test):
    """With a low steps-per-second limit the burst covers only part of the way: the rest is trained live, and the
    run stops at the reloaded step, not at the steps asked for."""
    from convcore.pacing import Allowance

    at = app_test("en", page=TRAIN, steps="500", at="30")
    at.session_state["_step_allowance"] = Allowance(4.0)  # a burst of 5 s worth: 20 steps
    at.button(key="tr_replay").click().run()
    assert 20 <= trainer(at).steps_taken < 30 and at.session_state["tr_running"]
    at.session_state["_step_allowance"] = Allowance(1e4)  # the allowance refilled (no waiting in a test)
    run_until_stopped(at)
    assert trainer(at).steps_taken == 30 and at.session_state["tr_steps"] == 500
    assert at.button(key="tr_start").label == "Resume"  # Resume goes on to the 500 steps asked for


def test_a_replay_past_the_steps_asked_for_raises_them_to_that_step(app_test):
    """A link whose step count is past its steps (lowered after training): the replay still reaches the step."""
    at = app_test("en", page=TRAIN, steps="20", at="50")
    at.button(key="tr_replay").click().run()
    assert not at.exception and trainer(at).steps_taken == 50 and at.number_input(key="tr_steps").value == 50


def test_no_reload_notice_without_steps_in_the_link_nor_after_start_or_reset(app_test):
    plain = app_test("en", page=TRAIN, steps="200")
    assert not reload_notices(plain) and "tr_replay" not in [b.key for b in plain.button]
    started = app_test("en", page=TRAIN, steps="200", at="40")
    assert reload_notices(started)
    started.button(key="tr_start").click().run()
    started.button(key="tr_pause").click().run()
    started.button(key="tr_reset").click().run()
    assert trainer(started).steps_taken == 0 and not reload_notices(started)
    assert "at" not in link_of(started)  # reset: no steps to keep
    reset = app_test("en", page=TRAIN, steps="200", at="40")
    reset.button(key="tr_reset").click().run()
    assert not reload_notices(reset) and "at" not in link_of(reset)


@pytest.mark.parametrize("bad", ["0", "-3", "abc", "10001", "1e3", "4.5"])
def test_a_bad_step_count_in_the_link_is_refused_with_the_usual_notice(app_test, bad):
    at = app_test("en", page=TRAIN, at=bad)
    assert not at.exception, [e.value for e in at.exception]
    assert not reload_notices(at) and "at" not in link_of(at)
    assert any(i.value.startswith(t("share_bad_link", "en", names="at")) for i in at.info)
