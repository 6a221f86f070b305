"""Train's buttons: Start/Pause/Resume, Step once, Run to the end, Reset, and the offers (a stable learning rate,
training a reloaded run again). Callbacks run before the script, so each click acts at once."""

from __future__ import annotations

import streamlit as st

from convcore import pacing
from convcore.training import DEFAULT_MAX_STEPS, Trainer
from ui.live_training import step_allowance
from ui.shell import callback, clock, row, tr

ss = st.session_state
# Set by a click in the run's fragment (views/train.run_part) whose answer must be the whole page's run: one that
# starts live training (Start, Resume, Run to the end, Train again) or changes a setting above the fragment. Live
# training's first frame asks for the next at once; a fragment's run still unsent when that frame's run starts is
# marked "ended early" by Streamlit, and the browser then keeps what the run no longer draws (the paused panels, the
# reload notice). A whole page's finished run is never marked so. Pause, Step once and Reset stay in the fragment.
PAGE_RERUN = "tr_rerun_page"
FINISH_SECONDS = pacing.BURST_SECONDS  # "Run to the end" trains at most this long (and this many seconds' worth of
                                      # the session's allowance) in one click, then goes on live


def target_steps() -> int:
    """The number of steps asked for."""
    return int(ss.get("tr_steps", min(100, DEFAULT_MAX_STEPS)))


def user_trains() -> None:
    """The user took over (Start, Step once, Run to the end, Reset): no more offer to train a reloaded run again."""
    ss.pop("tr_reload", None)
    ss.pop("tr_stop_at", None)


@callback
def on_start() -> None:
    """Start or Resume (the whole page answers: see PAGE_RERUN)."""
    user_trains()
    ss[PAGE_RERUN] = True
    ss.tr_running = True
    ss.tr_pacer.resume()


@callback
def on_pause() -> None:
    """Pause: keep everything, stop the ticks."""
    ss.tr_running = False


@callback
def on_once() -> None:
    """One update."""
    user_trains()
    ss.tr_running = False
    ss.tr_trainer.step(1)
    step_allowance().spend(1)


@callback
def on_finish() -> None:
    """Train the remaining steps without drawing, then on live (see burst; the whole page answers)."""
    user_trains()
    ss[PAGE_RERUN] = True
    burst(target_steps())


@callback
def on_replay() -> None:
    """Train again, from the seeded start, to the step a reloaded page had reached (the same mechanism as Run to the
    end; what the allowance does not cover at once goes on live and stops there)."""
    pending = ss.pop("tr_reload", None)
    if not pending:
        return
    ss[PAGE_RERUN] = True
    at = int(pending["at"])
    if target_steps() < at:
        ss.tr_steps = at  # a callback: the widget is drawn after it, by the whole page's run
    ss.tr_trainer.reset()
    ss.tr_pacer = pacing.Pacer()
    burst(at)
    if ss.tr_running:
        ss.tr_stop_at = at


def burst(goal: int) -> None:
    """Train toward `goal` without drawing (at most FINISH_SECONDS, and what the session's allowance has left: a
    burst of FINISH_SECONDS at the server's rate), then on live."""
    trainer = ss.tr_trainer
    pacing.train_burst(trainer, goal, step_allowance(), FINISH_SECONDS, clock)
    ss.tr_running = trainer.steps_taken < goal and not trainer.done
    ss.tr_pacer.resume()


@callback
def on_reset() -> None:
    """Back to the seeded start, history cleared, lr kept."""
    user_trains()
    ss.tr_running = False
    ss.tr_trainer.reset()
    ss.tr_pacer = pacing.Pacer()  # its frame period is set by each full run (below)


@callback
def on_use_lr(lr: float, loss: str | None) -> None:
    """The stable learning rate the warning offers (and the mean loss when the sum has none): set before the
    widgets are drawn."""
    ss.tr_lr = lr
    if loss is not None:
        ss.tr_loss = loss


def live_goal(goal: int) -> int:
    """Where live training stops: the steps asked for, or the step a reloaded run is trained again to."""
    stop_at = ss.get("tr_stop_at")
    return goal if stop_at is None else min(goal, int(stop_at))


def can_go_on(trainer: Trainer, goal: int) -> bool:
    """Whether more steps can be run."""
    return trainer.steps_taken < goal and not trainer.done


def controls(trainer: Trainer, goal: int) -> None:
    """Start (Resume), Pause, Step once, Run to the end, Reset: all five always, each in its place, enabled or not.

    A Pause is answered by the run's part of the page alone; when Streamlit marks that run "ended early" (a live
    frame's run started before its end was sent, see PAGE_RERUN), the browser keeps, beside the new button, a keyed
    button the run no longer draws in its place: Pause stayed beside Resume (3 of 14 Pauses in a browser). Buttons that
    never change places leave nothing behind, and a second click on Pause, now disabled, is ignored."""
    running = ss.get("tr_running", False)
    more = can_go_on(trainer, goal)
    buttons = row()  # one block (st.columns sent six): each Pause, Step once and Reset sends this part again
    name = "train_start" if trainer.steps_taken == 0 else "train_resume"
    buttons.button(tr(name), key="tr_start", on_click=on_start, icon=":material/play_arrow:",
                   type="secondary" if running else "primary", disabled=running or not more)
    buttons.button(tr("train_pause"), key="tr_pause", on_click=on_pause, icon=":material/pause:",
                   type="primary" if running else "secondary", disabled=not running)
    buttons.button(tr("train_step_once"), key="tr_once", on_click=on_once, icon=":material/skip_next:",
                   disabled=running or trainer.done)
    buttons.button(tr("train_finish"), key="tr_finish", on_click=on_finish, icon=":material/fast_forward:",
                   disabled=not more,
                   help=tr("train_finish_help", seconds=f"{FINISH_SECONDS:g}", limit=f"{step_allowance().rate:g}"))
    buttons.button(tr("train_reset"), key="tr_reset", on_click=on_reset, icon=":material/replay:",
                   help=tr("train_reset_help"))
