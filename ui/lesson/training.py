"""Step 6 of the lesson, live: its Trainer, the buttons' callbacks and the panel that applies one update per tick."""

from __future__ import annotations

from typing import Any

import streamlit as st
import torch

from convcore.lesson.gradient_step import first_update, gradient_sums
from convcore.lesson.notebook_code import book_literal, code_step6_final, code_step6_gradient, code_step6_residual
from convcore.lesson.notebook_code import code_step6_update, printed_float
from convcore.lesson.training import comparison, learned_printout, make_trainer, rounded, training_lines
from convcore.plots import lesson_chart
from convcore.training import readable_span
from ui import presenter
from ui.components.live_chart import charts_ask_for_frames, live_plotly_chart
from ui.lesson.parts import cell, matrix_chart, values
from ui.live_training import step_allowance
from ui.shell import callback, clock, guarded, show_error, tr

TICK_SECONDS = 0.5  # one training update per tick of the live panel: the chart asks for the next this long after its
                    # last ask (one update in flight, as on Train), or a timer ticks where charts cannot ask


def trainer_for(X: torch.Tensor, K: torch.Tensor) -> Any:
    """The lesson's Trainer, rebuilt when X, K or a training setting changed."""
    v = values()
    signature = (X.tolist(), K.tolist(), v["init"], v["seed"], v["lr"])
    if st.session_state.get("lesson_trainer_signature") != signature:
        st.session_state.lesson_trainer = make_trainer(X, K, v["init"], v["seed"], v["lr"])
        st.session_state.lesson_trainer_signature = signature
        st.session_state.lesson_running = False
    return st.session_state.lesson_trainer


@callback
def on_play() -> None:
    """Start (or, when finished, restart) the live run."""
    trainer = st.session_state.lesson_trainer
    if trainer.done or trainer.steps_taken >= values()["iterations"]:
        trainer.reset()
    st.session_state.lesson_running = True


@callback
def on_pause() -> None:
    """Stop the live run where it is."""
    st.session_state.lesson_running = False


@callback
def on_once() -> None:
    """Apply exactly one update."""
    st.session_state.lesson_running = False
    st.session_state.lesson_trainer.step(1)
    step_allowance().spend(1)


@callback
def on_restart() -> None:
    """Back to the starting weights."""
    st.session_state.lesson_running = False
    st.session_state.lesson_trainer.reset()


def training_figure(trainer: Any) -> Any:
    """The loss and weights chart; when the weights run away, their axis keeps to the range before they did (the
    lines leave the chart instead of squashing everything else into a smear of ticks)."""
    records = trainer.history
    fig = lesson_chart.training_figure(records, trainer.K, scale=presenter.scale())
    last = trainer.current_loss() if records and not trainer.diverged else None
    span = readable_span(records, trainer.initial[0, 0].tolist(), trainer.K, last)
    if span is not None:
        fig.update_layout(yaxis2={"range": list(span), "autorange": False})
        if span[1] - span[0] > 8:  # ticks every 0.5 would crowd: let Plotly choose them
            fig.layout.yaxis2.dtick = None
    return fig


def next_update() -> dict | None:
    """While step 6 runs: the chart asks for the next update once it has drawn this one, TICK_SECONDS after its last
    ask (static/live_chart/asks.js); None when stopped."""
    if not st.session_state.get("lesson_running"):
        return None
    st.session_state.lesson_frame_no = st.session_state.get("lesson_frame_no", 0) + 1  # never repeats in a session
    return {"frame": st.session_state.lesson_frame_no, "after": TICK_SECONDS}


def update_asked() -> None:
    """The chart asked for its next update: the rerun of the live panel's fragment is the answer."""


def render_training(trainer: Any, iterations: int) -> None:
    """The printout, the live chart, the status and the learned kernel beside K."""
    records = trainer.history
    log_col, chart_col = st.columns([1, 1])
    with log_col:
        st.caption(tr("lesson_output"))
        printout = repr(trainer.initial)
        if records:
            printout += "\n" + training_lines(records)
        st.code(printout, language=None, height=360 if len(records) > 8 else "content")
    with chart_col:
        live_plotly_chart(training_figure(trainer), "lesson_train_chart", config={"displayModeBar": False},
                          next_frame=next_update(), on_frame=update_asked)  # in place: no remount an update
        st.caption(tr("lesson_chart_caption"))
    if st.session_state.get("lesson_running"):
        st.caption(tr("lesson_s6_running", done=trainer.steps_taken, total=iterations))
    elif trainer.diverged:  # the Lesson's own words: its buttons, not the Train page's Reset and downloads
        st.error(tr("lesson_s6_diverged", **trainer.stop_params), icon=":material/warning:")
    elif trainer.stop_error() is not None:
        show_error(trainer.stop_error())
    elif not records:
        st.info(tr("lesson_s6_start"), icon=":material/play_arrow:")
    if not records or st.session_state.get("lesson_running"):
        return
    first, last = f"{records[0].loss:.3f}", f"{records[-1].loss:.3f}"
    better = records[-1].loss < records[0].loss
    (st.success if better else st.warning)(tr("lesson_s6_done" if better else "lesson_s6_worse", steps=len(records),
                                              first=first, last=last))
    st.subheader(tr("lesson_s6_compare"))
    st.markdown(tr("lesson_s6_after"))
    code_col, table_col = st.columns([1, 1])
    with code_col:
        cell(code_step6_final(trainer.kernel_shape), learned_printout(trainer.weights))
    with table_col:
        columns = [tr("lesson_col_weight"), tr("lesson_col_target"), tr("lesson_col_learned"), tr("lesson_col_gap")]
        import pandas as pd  # here: only this table needs it (a second of imports on the Lesson's first visit)

        st.dataframe(pd.DataFrame(comparison(trainer.K, trainer.weights), columns=columns), hide_index=True,
                     column_config={c: st.column_config.NumberColumn(format="%.4f") for c in columns[1:]})


def training_panel(iterations: int) -> None:
    """The live part of step 6: a fragment that applies one update per tick while running."""

    running = st.session_state.get("lesson_running")

    @st.fragment(run_every=TICK_SECONDS if running and not charts_ask_for_frames() else None)
    @guarded
    def panel() -> None:
        trainer = st.session_state.lesson_trainer
        if st.session_state.get("lesson_running"):
            allowance = step_allowance()
            if trainer.steps_taken < iterations and not trainer.done and allowance.available(clock()) >= 1:
                trainer.step(1)
                allowance.spend(1)
            if trainer.steps_taken >= iterations or trainer.done:
                st.session_state.lesson_running = False
                st.rerun()
        render_training(trainer, iterations)

    panel()


def first_update_panel(trainer: Any) -> None:
    """Iteration 1 by hand: Y_hat - Y, the gradient as corr2d(X, 2(Y_hat - Y)) with its sums, then w -= lr * grad."""
    step = first_update(trainer)
    st.subheader(tr("lesson_grad_title"))
    st.markdown(tr("lesson_grad_intro", start=book_literal(rounded(step.start.tolist())), lr=f"{step.lr:g}"))
    st.markdown(tr("lesson_grad_residual", loss="%.3f" % step.loss))
    code_col, map_col = st.columns([1, 1])
    with code_col:
        cell(code_step6_residual(tr("lesson_grad_start_comment")), printed_float(step.residual))
    with map_col:
        matrix_chart(step.residual, tr("lesson_heat_residual"), "lesson_residual6")
    st.markdown(tr("lesson_grad_corr"))
    code_col, map_col = st.columns([1, 1])
    with code_col:
        cell(code_step6_gradient(tr("lesson_grad_corr_code")), printed_float(step.grad))
    with map_col:
        matrix_chart(step.grad, tr("lesson_heat_grad"), "lesson_grad6", height=200)
    st.code(gradient_sums(trainer.X, step.dY, step.grad, tr("lesson_grad_rows")), language=None)
    st.caption(tr("lesson_grad_sums"))
    st.markdown(tr("lesson_grad_update"))
    cell(code_step6_update(step.lr), "parameters: " + repr(step.after.reshape(1, 1, *step.after.shape)))
