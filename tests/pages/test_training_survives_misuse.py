"""Robustness (AppTest): training survives what a user may do to it: a rate that diverges then Reset, zero steps,
Start pressed twice, Reset mid-run, leaving the page mid-run and coming back.

docs/robustness.md lists every case with its message and the test that covers it.
"""

from __future__ import annotations

from tests.helpers.apptest import HOME, TRAIN, errors


def interruptible_run(app_page, steps: int = 500):
    """The Train page with a run long enough to be interrupted."""
    at = app_page(TRAIN)
    at.number_input(key="tr_steps").set_value(steps).run()
    at.select_slider(key="tr_lr").set_value(0.01).run()
    return at


def test_diverged_run_can_be_reset_and_trained_with_a_smaller_rate(app_page):
    at = interruptible_run(app_page, steps=200)
    at.select_slider(key="tr_lr").set_value(10.0).run()
    at.button(key="tr_finish").click().run()
    trainer = at.session_state["tr_trainer"]
    assert trainer.diverged and any(e.startswith("Training diverged at step") for e in errors(at))
    at.select_slider(key="tr_lr").set_value(0.01).run()
    at.button(key="tr_reset").click().run()
    at.button(key="tr_once").click().run()
    assert not at.exception and not at.error
    assert at.session_state["tr_trainer"] is trainer and trainer.steps_taken == 1 and not trainer.diverged


def test_zero_steps_cannot_be_asked_for(app_page):
    at = interruptible_run(app_page, steps=60)
    assert at.number_input(key="tr_steps").min == 1
    at.number_input(key="tr_steps").set_value(0).run()
    assert not at.exception
    assert at.number_input(key="tr_steps").value >= 1  # the input refuses 0
    at.button(key="tr_finish").click().run()
    assert not at.exception and at.session_state["tr_trainer"].steps_taken >= 1


def test_pressing_start_twice_runs_once(app_page):
    at = interruptible_run(app_page)
    start = at.button(key="tr_start")
    start.click().run()
    trainer = at.session_state["tr_trainer"]
    first = trainer.steps_taken
    assert at.session_state["tr_running"] and first > 0
    states = at._tree.get_widget_states()  # the second click of a double click, sent after the first rerun
    state = states.widgets.add()
    state.id, state.trigger_value = start.proto.id, True
    at._run(states)
    assert not at.exception
    assert at.session_state["tr_trainer"] is trainer and trainer.steps_taken >= first  # nothing restarted
    assert at.session_state["tr_running"] and at.button(key="tr_pause").label == "Pause"


def test_reset_during_training_stops_and_clears(app_page):
    at = interruptible_run(app_page)
    at.button(key="tr_start").click().run()
    at.run()
    assert at.session_state["tr_running"] and at.session_state["tr_trainer"].steps_taken > 0
    at.button(key="tr_reset").click().run()
    assert not at.exception and not at.error
    assert not at.session_state["tr_running"] and at.session_state["tr_trainer"].steps_taken == 0
    assert at.button(key="tr_start").label == "Start"
    at.run()
    assert at.session_state["tr_trainer"].steps_taken == 0  # no tick left over from the old run


def test_leaving_mid_training_and_coming_back_keeps_the_trainer_and_settings(app_page):
    at = interruptible_run(app_page)
    at.selectbox(key="trx_sample").set_value("letter").run()
    at.number_input(key="tr_seed").set_value(3).run()
    at.button(key="tr_start").click().run()
    trainer = at.session_state["tr_trainer"]
    done = trainer.steps_taken
    assert at.session_state["tr_running"] and done > 0
    at.switch_page(HOME).run()
    assert not at.exception
    at.switch_page(TRAIN).run()
    assert not at.exception
    assert at.selectbox(key="trx_sample").value == "letter" and at.number_input(key="tr_seed").value == 3
    assert at.select_slider(key="tr_lr").value == 0.01 and at.number_input(key="tr_steps").value == 500
    assert at.session_state["tr_trainer"] is trainer and trainer.steps_taken >= done
    assert trainer.history[0].lr == 0.01
