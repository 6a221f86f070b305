"""Train's display blocks: progress, status, the live chart, notes under it, the result with its downloads."""

from __future__ import annotations

import logging
from typing import Any, Callable, Sequence

import numpy as np
import streamlit as st

from convcore import exports
from convcore.errors import ConvLabError
from convcore.exports import history_csv, kernel_json
from convcore.i18n.numbers import approx_number
from convcore.loss_surface import Stability, largest_stable
from convcore.plots import compose, figures, landscape, train_charts
from convcore.training import MOMENTUM, Trainer
from ui import presenter
from ui.components.screen import narrow
from ui.live_training import step_allowance
from ui.shell import lang, row, show_error, tr
from ui.state import TrainRun, remembered
from ui.widgets import lecture_kit
from ui.widgets.lecture_kit import chart

log = logging.getLogger(__name__)
CLOSE_ENOUGH = 0.05  # a learned kernel within this of the target in every cell counts as found
LANDSCAPE_RESOLUTION = 41
LANDSCAPE_CACHE = "trp_landscape"  # this panel's own: the last landscape computed, with its key


def progress(trainer: Trainer, run: TrainRun, goal: int, tick_seconds: float) -> None:
    """Progress bar with the step count and the training speed (and, when the chart updates less often than every
    `tick_seconds`, that many people train at once)."""
    pacer = run.pacer
    text = tr("train_progress", step=trainer.steps_taken, total=goal)
    if pacer.wall_rate is not None and pacer.fps is not None:
        text += " · " + tr("train_rate", rate=f"{pacer.wall_rate:,.0f}")
    if pacer.capped and run.running:
        text += " · " + tr("train_rate_limit", limit=f"{step_allowance().rate:g}")
    if run.running and run.tick is not None and run.tick > tick_seconds:
        text += " · " + tr("train_crowd", n=run.crowd, seconds=f"{run.tick:.2g}")
    st.progress(min(trainer.steps_taken / goal, 1.0), text=text)


def status(trainer: Trainer, run: TrainRun, goal: int) -> None:
    """Idle, running, paused, reached or stopped (divergence shown as an error, history kept); stopped, the speed
    of training alone."""
    if trainer.done:
        show_error(trainer.stop_error())
    elif run.running:
        st.caption(tr("train_status_running"))
    elif trainer.steps_taken == 0:
        st.info(tr("train_status_idle"), icon=":material/play_arrow:")
    elif trainer.steps_taken >= goal:
        st.success(tr("train_status_reached", steps=trainer.steps_taken), icon=":material/check_circle:")
    else:
        st.info(tr("train_status_paused"), icon=":material/pause:")


def short(value: float, digits: int) -> str:
    """A learning-rate limit to `digits` significant digits, written like the slider's rates (0.0333, 5.22e-06)."""
    return f"{float(f'{value:.{digits}g}'):g}"


def lr_advice(trainer: Trainer, options: Sequence[float], use: Callable[[float, str | None], None]) -> None:
    """When the learning rate is at or above plain gradient descent's stable limit for this problem: for plain, a
    warning that predicts the blow-up and a button for the largest offered rate below the limit (with the mean loss
    when the sum leaves none); for momentum, the same with heavy-ball momentum's own limit (2(1 + beta) / lambda_max:
    exact on this quadratic loss), and a note when only plain would blow up; for Adam, the limit as a guide only
    (its steps follow the gradient's sign and size history, not the curvature)."""
    try:
        limit = trainer.stability()
    except (ConvLabError, ValueError, ArithmeticError, np.linalg.LinAlgError):  # advice only: never in the way
        log.warning("no learning-rate advice for this problem", exc_info=True)
        return
    if limit.stable(trainer.lr):
        return
    if trainer.optimizer == "adam":
        st.caption(tr("train_lr_guide", limit=short(limit.lr_limit, 1), optimizer=tr("train_opt_adam")))
        return
    momentum = trainer.optimizer == "momentum"
    if momentum and limit.momentum_limit(MOMENTUM) > trainer.lr:  # stable with momentum, though plain would not be
        st.caption(tr("train_lr_momentum", limit=short(limit.lr_limit, 1),
                      momentum_limit=short(limit.momentum_limit(MOMENTUM), 1), beta=f"{MOMENTUM:g}"))
        return

    def own(s: Stability) -> Stability:
        """The limit of the chosen optimizer: heavy-ball momentum's 2(1 + beta) / lambda_max, or plain's."""
        return Stability(s.lambda_max, s.momentum_limit(MOMENTUM)) if momentum else s

    limit = own(limit)
    text = tr("train_lr_unstable_momentum" if momentum else "train_lr_unstable", limit=short(limit.lr_limit, 3),
              curvature=approx_number(limit.lambda_max, lang()), lr=f"{trainer.lr:g}", beta=f"{MOMENTUM:g}")
    pick, loss = largest_stable(options, limit), None
    if pick is None and trainer.loss == "sum":
        mean = own(trainer.stability("mean"))
        pick, loss = largest_stable(options, mean), "mean"
        cells = trainer.fit_shape[0] * trainer.fit_shape[1]
        text += " " + tr("train_lr_unstable_sum", cells=approx_number(cells, lang(), digits=12),
                         mean_limit=short(mean.lr_limit, 3))
    elif pick is None:
        text += " " + tr("train_lr_unstable_none")
    st.warning(text, icon=":material/trending_up:")
    if pick is not None:
        label = tr("train_lr_use_mean" if loss else "train_lr_use", lr=f"{pick:g}")
        st.button(label, key="tr_lr_fix", on_click=use, args=(pick, loss), icon=":material/south:")


def reload_notice(trainer: Trainer, run: TrainRun, replay: Callable[[], None]) -> None:
    """After a reload (or a link written mid-run): where training was, that it starts again from 0, and a button
    that trains again to that step."""
    pending = run.reload
    if not pending or trainer.steps_taken or run.running:
        return
    n = int(pending["at"])
    text = tr("train_reload_notice", n=f"{n:,}")
    if pending.get("lrmix"):
        text += " " + tr("train_reload_lr_note")
    st.info(text, icon=":material/history:")
    st.button(tr("train_replay", n=f"{n:,}"), key="tr_replay", on_click=replay, icon=":material/fast_forward:",
              type="primary")


def target_of(trainer: Trainer) -> np.ndarray | None:
    """The target kernel as an array when it has the learned kernel's shape, else None."""
    return trainer.K.numpy() if trainer.K is not None and tuple(trainer.K.shape) == tuple(trainer.kernel_shape) else None


def weights_chart(trainer: Trainer, target: np.ndarray | None, live_goal: int | None):
    """Each weight as a line with its dashed target (as dicts, for compose), or for large kernels the learned kernel
    beside the target."""
    if train_charts.shows_lines(trainer.kernel_shape):
        title = tr("train_chart_weights" if target is not None else "train_chart_weights_nomatch")
        return train_charts.weights_figure(trainer.history, target, initial=trainer.initial[0, 0].numpy(), title=title, x_title=tr("train_axis_step"),
                                     y_title=tr("train_axis_value"), target_label=tr("train_target_word"),
                                     scale=presenter.scale(), live_goal=live_goal, plain=True)
    return train_charts.kernel_compare_figure(trainer.weights, target, titles=(tr("train_learned_word"), tr("train_target_word")))


def landscape_chart(trainer: Trainer, target: np.ndarray | None, live: bool, sig: Any):
    """For 2-weight kernels: the loss over the two weights with the optimizer's path on it (as dicts, for compose);
    else None."""
    if not landscape.shows_landscape(trainer.kernel_shape):
        return None
    path = landscape.path_of(trainer.history, trainer.initial[0, 0].numpy())
    r1, r2 = landscape.landscape_range(path[0], path, target)
    r1, r2 = landscape.round_range(r1), landscape.round_range(r2)
    try:  # sig: the settings the trainer was built from
        w1, w2, Z = remembered(LANDSCAPE_CACHE, (sig, r1, r2), lambda: trainer.landscape(r1, r2, LANDSCAPE_RESOLUTION))
    except ConvLabError as error:
        show_error(error)
        return None
    names = [train_charts.weight_name(i, j) for i, j in np.ndindex(*trainer.kernel_shape)]
    return landscape.landscape_figure(w1, w2, Z, path, target, title=tr("train_landscape"), names=names,
                                      labels=(tr("train_landscape_start"), tr("train_landscape_now"),
                                              tr("train_target_word"), tr("train_landscape_path"),
                                              tr("train_landscape_z")),
                                      live=live, scale=presenter.scale(), axes=ellipse_axes(trainer), plain=True)


def ellipse_axes(trainer: Trainer) -> tuple[np.ndarray, tuple[str, str]] | None:
    """The landscape's long (flat) and short (steep) axes: the Hessian's eigenvectors, with their names."""
    try:
        directions = trainer.stability().directions
    except (ConvLabError, ValueError, ArithmeticError, np.linalg.LinAlgError):
        return None
    if directions is None or directions.shape != (2, 2):
        return None
    return directions, (tr("train_axis_flat"), tr("train_axis_steep"))


def frame_asked() -> None:
    """The chart asked for its next frame (see live_charts): the rerun of its fragment is the answer."""


def live_charts(trainer: Trainer, run: TrainRun, log: bool, live_goal: int | None, updates: int = 1,
                next_frame: dict | None = None) -> None:
    """Loss, weights and (2 weights) the loss landscape as one chart: one redraw per frame for the browser; while
    training runs toward `live_goal` steps, pinned axes and live traces (the browser redraws only the lines, in
    `updates` steps per frame), and `next_frame`: the chart asks for the next frame once it has drawn this one."""
    target = target_of(trainer)
    loss = train_charts.loss_figure(trainer.history, log=log, title=tr("train_chart_loss"), x_title=tr("train_axis_step"),
                              y_title=tr("train_axis_loss"), scale=presenter.scale(), live_goal=live_goal,
                              plain=True)
    land = landscape_chart(trainer, target, live_goal is not None, run.sig)
    chart(compose.training_charts(loss, weights_chart(trainer, target, live_goal), land, scale=presenter.scale(),
                                  stacked=narrow()),
          "tr_charts", "training", subframes=updates if live_goal is not None else 1, next_frame=next_frame,
          on_frame=frame_asked)


def chart_notes(trainer: Trainer) -> None:
    """What the chart shows for this kernel: no dashed targets, heatmaps instead of lines, how to read the landscape."""
    lines = train_charts.shows_lines(trainer.kernel_shape)
    if target_of(trainer) is None and lines:
        st.caption(tr("train_no_target_lines"))
    if not lines:
        st.caption(tr("train_big_kernel_note"))
    if landscape.shows_landscape(trainer.kernel_shape):
        st.caption(tr("train_landscape_help"))


def summary(trainer: Trainer) -> None:
    """The result: learned kernel vs target with the gap, the outputs compared, and the downloads."""
    history = trainer.history
    st.subheader(tr("train_summary"))
    target = target_of(trainer)
    error = train_charts.kernel_error(trainer.weights, target)
    metrics = row()  # one block (st.columns(4) sent five): a Pause sends the result again
    metrics.metric(tr("train_steps_done"), f"{trainer.steps_taken:,}")
    metrics.metric(tr("train_first_loss"), f"{history[0].loss:.4g}")
    metrics.metric(tr("train_final_loss"), f"{history[-1].loss:.4g}")
    if error is not None:
        metrics.metric(tr("train_max_error"), f"{error.max_abs:.4g}")
    if trainer.diverged:  # more steps would not help: the error above says why it stopped
        st.warning(tr("train_diverged_result"), icon=":material/info:")
    elif error is not None:
        if error.max_abs <= CLOSE_ENOUGH:
            st.success(tr("train_close", gap=f"{error.max_abs:.3g}"), icon=":material/check_circle:")
        else:
            st.warning(tr("train_not_close", gap=f"{error.max_abs:.3g}"), icon=":material/info:")
    else:
        st.caption(tr("train_no_error"))
    learned = train_charts.without_noise(trainer.weights)
    panels = [(learned, tr("train_fig_learned"), "tr_sum_learned")]
    if trainer.K is not None:
        panels.append((trainer.K.numpy(), tr("train_fig_target"), "tr_sum_target"))
    if target is not None:
        panels.append((train_charts.without_noise(learned - target, scale=np.abs(target).max()), tr("train_fig_diff"),
                       "tr_sum_diff"))
    for col, (A, title, key) in zip(st.columns(3), panels):
        with col:
            chart(figures.heatmap(A, title, font_size=figures.number_font(max(A.shape)), scale=presenter.scale()), key)
    st.markdown(f"**{tr('train_outputs')}**")
    Y_hat, Y = train_charts.learned_output(trainer)
    Y_hat = train_charts.without_noise(Y_hat, scale=max(np.abs(Y).max(), np.abs(Y_hat).max()))
    for col, (A, title, key) in zip(st.columns(2), ((Y_hat, tr("train_fig_yhat"), "tr_sum_yhat"),
                                                    (Y, tr("train_fig_y"), "tr_sum_y"))):
        with col:
            chart(figures.array_figure(A, title, scale=presenter.scale(), plain=True), key)
    with row():  # one block (st.columns sent five); the log is written on click: a line per step
        lecture_kit.download(tr("train_download_csv"), lambda: history_csv(history), "convlab_training_log.csv",
                             "text/csv", "tr_dl_csv")
        lecture_kit.download(tr("train_download_json"), kernel_json(trainer), "convlab_learned_kernel.json",
                             "application/json", "tr_dl_json")
        weights = trainer.weights
        lecture_kit.download(tr("train_download_pt"), lambda: exports.kernel_state_dict(weights),
                             "convlab_learned_kernel.pt", "application/octet-stream", "tr_dl_pt",
                             help=tr("train_download_pt_help"))
