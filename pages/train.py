"""Train: learn back the kernel that turned X into Y, with a live loss, weights and loss-landscape chart."""

from __future__ import annotations

import hashlib
import time

import numpy as np
import streamlit as st

from convcore import charts, codegen, compose, exports, figures, kernels, links, pacing
from convcore.errors import ConvLabError
from convcore.training import DEFAULT_MAX_STEPS, LOSSES, OPTIMIZERS, Trainer, available_devices, history_csv, kernel_json
from ui import lecture_kit, presenter, url_state
from ui.common import keep_widgets, labels, live_frame_interval, require_app_shell, show_error, step_allowance, tr
from ui.common import user_waiting
from ui.image_input import image_input, link_values as image_link, seed_from_link
from ui.kernel_editor import kernel_editor, link_values as kernel_link, seed_kernel
from ui.lecture_kit import chart

ss = st.session_state
FRAME_PERIOD = 1 / 12  # "fast": a chart frame about every 1/12 s, training in the time frames leave (>= 60%)
TICK_SECONDS = 0.07  # a chart frame at most every 0.07 s while training runs (about 14 a second; less often
                     # when many sessions of the server train at once: CONVLAB_LIVE_FRAMES_PER_SECOND)
SPEEDS = {"slow": 1, "medium": 5, "fast": None}  # steps per frame; None: as many as fit the time budget
LEARNING_RATES = tuple(float(f"{m}e{e}") for e in range(-5, 1) for m in (1, 2, 3, 5)) + (10.0,)  # 1e-5 ... 10
FINISH_SECONDS = pacing.BURST_SECONDS  # "Run to the end" trains at most this long (and this many seconds' worth of
                                      # the session's allowance) in one click, then goes on live
CLOSE_ENOUGH = 0.05  # a learned kernel within this of the target in every cell counts as found
LANDSCAPE_RESOLUTION = 41
KEPT = ("trx_source", "trx_sample", "trx_brush", "trx_erase", "trk_preset", "trk_rows", "trk_cols", "tr_same",
        "tr_rows", "tr_cols", "tr_lr", "tr_steps", "tr_speed", "tr_optimizer", "tr_loss", "tr_seed", "tr_device", "tr_log")


def format_number(value: float) -> str:
    """A learning rate as short text (3e-02 -> 0.03)."""
    return f"{value:g}"


# ---- the link ----

SCHEMA = links.train_schema(LEARNING_RATES, 3e-2, DEFAULT_MAX_STEPS, OPTIMIZERS, LOSSES, available_devices())
PICK_SCHEMA = {name: field for name, field in SCHEMA.items() if name in ("src", "sample", "draw", "color", "side",
                                                                        "preset", "kernel")}
SETTING_KEYS = {"lr": "tr_lr", "steps": "tr_steps", "speed": "tr_speed", "opt": "tr_optimizer", "loss": "tr_loss",
                "seed": "tr_seed", "device": "tr_device", "log": "tr_log"}


def apply_link() -> None:
    """On the first visit in this session: set the widgets from the link (before they are drawn)."""
    values = url_state.load("train", SCHEMA)
    if values is None:
        return
    seed_from_link("trx", values, allow_color=False)
    seed_kernel("trk", *links.kernel_from_link(values))
    ss.tr_same = values["size"] is None
    if values["size"] is not None:
        ss.tr_rows, ss.tr_cols = values["size"]
    for name, key in SETTING_KEYS.items():
        ss[key] = values[name]


def pick_link(picked) -> dict:
    """The image and target kernel as link values (with the Share remark for an upload)."""
    if ss.get("trx_source") == "upload":
        url_state.note("share_upload_note")
    return {**image_link("trx", picked), **kernel_link("trk")}


# ---- the trainer in this session ----


def fingerprint(X: np.ndarray, K: np.ndarray, *settings) -> str:
    """What, when changed, needs a new trainer (the learning rate and the step count do not)."""
    h = hashlib.sha1(np.ascontiguousarray(X, dtype=np.float32).tobytes())
    h.update(np.ascontiguousarray(K, dtype=np.float32).tobytes())
    h.update(repr((X.shape, K.shape, settings)).encode())
    return h.hexdigest()


def current_trainer(X: np.ndarray, K: np.ndarray, kernel_shape, seed: int, optimizer: str, loss: str, device: str,
                    lr: float) -> Trainer | None:
    """The session's trainer, rebuilt only when X, K or a structural setting changed; lr applied in place."""
    sig = fingerprint(X, K, tuple(kernel_shape), seed, optimizer, loss, device)
    trainer = ss.get("tr_trainer")
    if trainer is None or ss.get("tr_sig") != sig:
        if trainer is not None and trainer.steps_taken:
            st.info(tr("train_settings_changed"), icon=":material/restart_alt:")
        ss.tr_running = False
        ss.tr_sig, ss.tr_trainer = sig, None
        ss.tr_pacer = pacing.Pacer(frame_period=FRAME_PERIOD)
        try:
            ss.tr_trainer = Trainer(X, K, kernel_shape=tuple(kernel_shape), seed=seed, optimizer=optimizer, lr=lr,
                                    loss=loss, device=device, max_steps=DEFAULT_MAX_STEPS)
        except ConvLabError as error:
            show_error(error)
            return None
    trainer = ss.tr_trainer
    if trainer is not None and trainer.lr != lr:
        trainer.lr = lr  # keeps weights, history and optimizer state
    return trainer


# ---- buttons (callbacks run before the script, so each click acts at once) ----


def target_steps() -> int:
    """The number of steps asked for."""
    return int(ss.get("tr_steps", min(100, DEFAULT_MAX_STEPS)))


def on_start() -> None:
    """Start or Resume."""
    ss.tr_running = True
    ss.tr_pacer.resume()


def on_pause() -> None:
    """Pause: keep everything, stop the ticks."""
    ss.tr_running = False


def on_once() -> None:
    """One update."""
    ss.tr_running = False
    ss.tr_trainer.step(1)
    step_allowance().spend(1)


def on_finish() -> None:
    """Train the remaining steps without drawing (at most FINISH_SECONDS, and what the session's allowance has
    left: a burst of FINISH_SECONDS at the server's rate), then on live."""
    trainer, goal, allowance = ss.tr_trainer, target_steps(), step_allowance()
    now = time.perf_counter()
    deadline, room = now + FINISH_SECONDS, allowance.available(now)
    start = trainer.steps_taken
    while trainer.steps_taken < min(goal, start + room) and not trainer.done and time.perf_counter() < deadline:
        trainer.step(min(100, goal - trainer.steps_taken, start + room - trainer.steps_taken))
    allowance.spend(trainer.steps_taken - start)
    ss.tr_running = trainer.steps_taken < goal and not trainer.done
    ss.tr_pacer.resume()


def on_reset() -> None:
    """Back to the seeded start, history cleared, lr kept."""
    ss.tr_running = False
    ss.tr_trainer.reset()
    ss.tr_pacer = pacing.Pacer(frame_period=FRAME_PERIOD)


def can_go_on(trainer: Trainer, goal: int) -> bool:
    """Whether more steps can be run."""
    return trainer.steps_taken < goal and not trainer.done


def controls(trainer: Trainer, goal: int) -> None:
    """Start/Pause/Resume, Step once, Run to the end, Reset."""
    running = ss.get("tr_running", False)
    more = can_go_on(trainer, goal)
    main_col, once_col, finish_col, reset_col, _ = st.columns([1, 1, 1, 1, 1])
    if running:
        main_col.button(tr("train_pause"), key="tr_pause", on_click=on_pause, icon=":material/pause:", width="stretch")
    else:
        name = "train_start" if trainer.steps_taken == 0 else "train_resume"
        main_col.button(tr(name), key="tr_start", on_click=on_start, icon=":material/play_arrow:", type="primary",
                        disabled=not more, width="stretch")
    once_col.button(tr("train_step_once"), key="tr_once", on_click=on_once, icon=":material/skip_next:",
                    disabled=running or trainer.done, width="stretch")
    finish_col.button(tr("train_finish"), key="tr_finish", on_click=on_finish, icon=":material/fast_forward:",
                      disabled=not more, width="stretch",
                      help=tr("train_finish_help", seconds=f"{FINISH_SECONDS:g}", limit=f"{step_allowance().rate:g}"))
    reset_col.button(tr("train_reset"), key="tr_reset", on_click=on_reset, icon=":material/replay:",
                     help=tr("train_reset_help"), width="stretch")


# ---- the live part (a fragment that trains a slice of steps per frame, then draws) ----


def progress(trainer: Trainer, goal: int) -> None:
    """Progress bar with the step count and the speeds."""
    pacer: pacing.Pacer = ss.tr_pacer
    text = tr("train_progress", step=trainer.steps_taken, total=goal)
    if pacer.wall_rate is not None and pacer.fps is not None:
        text += " · " + tr("train_rate", rate=f"{pacer.wall_rate:,.0f}", fps=f"{pacer.fps:.1f}")
    if pacer.capped and ss.get("tr_running"):
        text += " · " + tr("train_rate_limit", limit=f"{step_allowance().rate:g}")
    if ss.get("tr_running") and ss.get("tr_tick", TICK_SECONDS) > TICK_SECONDS:
        text += " · " + tr("train_crowd", n=ss.get("tr_crowd", 1), seconds=f"{ss.tr_tick:.2g}")
    st.progress(min(trainer.steps_taken / goal, 1.0), text=text)


def status(trainer: Trainer, goal: int) -> None:
    """Idle, running, paused, reached or stopped (divergence shown as an error, history kept); stopped, the speed
    of training alone."""
    if trainer.done:
        show_error(trainer.stop_error())
    elif ss.get("tr_running"):
        st.caption(tr("train_status_running"))
    elif trainer.steps_taken == 0:
        st.info(tr("train_status_idle"), icon=":material/play_arrow:")
    elif trainer.steps_taken >= goal:
        st.success(tr("train_status_reached", steps=trainer.steps_taken), icon=":material/check_circle:")
    else:
        st.info(tr("train_status_paused"), icon=":material/pause:")
    pacer: pacing.Pacer = ss.tr_pacer
    if pacer.train_rate is not None and not ss.get("tr_running"):
        st.caption(tr("train_rate_train", rate=f"{pacer.train_rate:,.0f}"))


def target_of(trainer: Trainer) -> np.ndarray | None:
    """The target kernel as an array when it has the learned kernel's shape, else None."""
    return trainer.K.numpy() if trainer.K is not None and tuple(trainer.K.shape) == tuple(trainer.kernel_shape) else None


def weights_chart(trainer: Trainer, target: np.ndarray | None, live_goal: int | None):
    """Each weight as a line with its dashed target, or for large kernels the learned kernel beside the target."""
    if charts.shows_lines(trainer.kernel_shape):
        title = tr("train_chart_weights" if target is not None else "train_chart_weights_nomatch")
        return charts.weights_figure(trainer.history, target, title=title, x_title=tr("train_axis_step"),
                                     y_title=tr("train_axis_value"), target_label=tr("train_target_word"),
                                     scale=presenter.scale(), live_goal=live_goal)
    return charts.kernel_compare_figure(trainer.weights, target, titles=(tr("train_learned_word"), tr("train_target_word")))


def landscape_chart(trainer: Trainer, target: np.ndarray | None, live: bool):
    """For 2-weight kernels: the loss over the two weights with the optimizer's path on it; else None."""
    if not charts.shows_landscape(trainer.kernel_shape):
        return None
    path = charts.path_of(trainer.history, trainer.initial[0, 0].numpy())
    r1, r2 = charts.landscape_range(path[0], path, target)
    r1, r2 = charts.round_range(r1), charts.round_range(r2)
    cache_key = (ss.tr_sig, r1, r2)
    cached = ss.get("tr_landscape_cache")
    if cached is None or cached[0] != cache_key:
        try:
            cached = (cache_key, trainer.landscape(r1, r2, LANDSCAPE_RESOLUTION))
        except ConvLabError as error:
            show_error(error)
            return None
        ss.tr_landscape_cache = cached
    w1, w2, Z = cached[1]
    names = [charts.weight_name(i, j) for i, j in np.ndindex(*trainer.kernel_shape)]
    return charts.landscape_figure(w1, w2, Z, path, target, title=tr("train_landscape"), names=names,
                                   labels=(tr("train_landscape_start"), tr("train_landscape_now"),
                                           tr("train_target_word"), tr("train_landscape_path"), tr("train_landscape_z")),
                                   live=live)


def live_charts(trainer: Trainer, log: bool, live_goal: int | None) -> None:
    """Loss, weights and (2 weights) the loss landscape as one chart: one redraw per frame for the browser; while
    training runs toward `live_goal` steps, pinned axes and live traces (the browser redraws only the lines)."""
    target = target_of(trainer)
    loss = charts.loss_figure(trainer.history, log=log, title=tr("train_chart_loss"), x_title=tr("train_axis_step"),
                              y_title=tr("train_axis_loss"), scale=presenter.scale(), live_goal=live_goal)
    land = landscape_chart(trainer, target, live_goal is not None)
    chart(compose.training_charts(loss, weights_chart(trainer, target, live_goal), land, scale=presenter.scale()),
          "tr_charts", "training")


def chart_notes(trainer: Trainer) -> None:
    """What the chart shows for this kernel: no dashed targets, heatmaps instead of lines, how to read the landscape."""
    lines = charts.shows_lines(trainer.kernel_shape)
    if target_of(trainer) is None and lines:
        st.caption(tr("train_no_target_lines"))
    if not lines:
        st.caption(tr("train_big_kernel_note"))
    if charts.shows_landscape(trainer.kernel_shape):
        st.caption(tr("train_landscape_help"))


def summary(trainer: Trainer) -> None:
    """The result: learned kernel vs target with the gap, the outputs compared, and the downloads."""
    history = trainer.history
    st.subheader(tr("train_summary"))
    target = target_of(trainer)
    error = charts.kernel_error(trainer.weights, target)
    metrics = st.columns(4)
    metrics[0].metric(tr("train_steps_done"), f"{trainer.steps_taken:,}")
    metrics[1].metric(tr("train_first_loss"), f"{history[0].loss:.4g}")
    metrics[2].metric(tr("train_final_loss"), f"{history[-1].loss:.4g}")
    if error is not None:
        metrics[3].metric(tr("train_max_error"), f"{error.max_abs:.4g}")
        if error.max_abs <= CLOSE_ENOUGH:
            st.success(tr("train_close", gap=f"{error.max_abs:.3g}"), icon=":material/check_circle:")
        else:
            st.warning(tr("train_not_close", gap=f"{error.max_abs:.3g}"), icon=":material/info:")
    else:
        st.caption(tr("train_no_error"))
    learned = np.asarray(trainer.weights, dtype=np.float64)
    panels = [(learned, tr("train_fig_learned"), "tr_sum_learned")]
    if trainer.K is not None:
        panels.append((trainer.K.numpy(), tr("train_fig_target"), "tr_sum_target"))
    if target is not None:
        panels.append((learned - target, tr("train_fig_diff"), "tr_sum_diff"))
    for col, (A, title, key) in zip(st.columns(3), panels):
        with col:
            chart(figures.heatmap(A, title, font_size=figures.number_font(max(A.shape))), key)
    st.markdown(f"**{tr('train_outputs')}**")
    Y_hat, Y = charts.learned_output(trainer)
    for col, (A, title, key) in zip(st.columns(2), ((Y_hat, tr("train_fig_yhat"), "tr_sum_yhat"),
                                                    (Y, tr("train_fig_y"), "tr_sum_y"))):
        with col:
            chart(figures.array_figure(A, title), key)
    csv_col, json_col, pt_col, _ = st.columns([1, 1, 1, 1])
    csv_col.download_button(tr("train_download_csv"), history_csv(history), file_name="convlab_training_log.csv",
                            mime="text/csv", key="tr_dl_csv", on_click="ignore", icon=":material/download:")
    json_col.download_button(tr("train_download_json"), kernel_json(trainer), file_name="convlab_learned_kernel.json",
                             mime="application/json", key="tr_dl_json", on_click="ignore",
                             icon=":material/download:")
    with pt_col:
        weights = trainer.weights
        lecture_kit.download(tr("train_download_pt"), lambda: exports.kernel_state_dict(weights),
                             "convlab_learned_kernel.pt", "application/octet-stream", "tr_dl_pt",
                             help=tr("train_download_pt_help"))


def live(goal: int, log: bool, frame_steps: int | None) -> None:
    """One frame: the progress bar and the chart, nothing else (each element a frame sends costs the browser a
    render, ten times a second; the rest is drawn once per run); then, while running, a time-budgeted slice of steps
    for the next frame. Drawn first, the frame goes to the browser while the server trains: the browser's render and
    the training overlap on two cores instead of taking turns."""
    trainer: Trainer = ss.tr_trainer
    if ss.get("tr_running") and not can_go_on(trainer, goal):
        finish_live()
    progress(trainer, goal)  # always one element: the chart keeps its place (no remount)
    live_charts(trainer, log, goal if ss.get("tr_running") else None)
    if not ss.get("tr_running"):
        return
    # The frame interval was set by the last full run (Start, Resume, any setting): changing it here would take
    # a full rerun, which cost more than it saved when a crowd came and went (measured); this frame is counted.
    live_frame_interval(TICK_SECONDS, beat=True)
    if frame_steps is not None:  # steps a frame are for the fastest frames: slower frames take more, same speed
        frame_steps *= round(ss.tr_tick / TICK_SECONDS)
    ss.tr_pacer.run(trainer, goal if frame_steps is None else min(goal, trainer.steps_taken + frame_steps),
                    interrupted=user_waiting, allowance=step_allowance())  # a click (Pause) ends it at once
    if not can_go_on(trainer, goal):
        finish_live()


def finish_live() -> None:
    """Training reached its goal or stopped: redraw the buttons, stop the ticks, show the result."""
    ss.tr_running = False
    st.rerun(scope="app")


# ---- the page ----

require_app_shell()  # a deep link (/train?...) on a fresh server runs inside app.py
keep_widgets(*KEPT, prefixes=("trx_side_",))  # a visit to another page keeps the settings and the trainer
apply_link()
st.title(tr("train_title"))
if not presenter.presenting():
    st.caption(tr("train_intro"))
controls_box = presenter.controls_box()
image_col, kernel_col = controls_box.columns(2, gap="large")
with image_col:
    st.subheader(tr("train_x"))
    picked = image_input("trx", allow_color=False)
with kernel_col:
    st.subheader(tr("train_target"))
    choice = kernel_editor("trk", default_preset="edge_book")
if picked is None:
    url_state.publish(pick_link(picked), PICK_SCHEMA)  # the settings stay in the link as they came
    st.info(tr("train_no_image"), icon=":material/image:")
    st.stop()
X, K = picked.X.numpy(), np.asarray(choice.K, dtype=np.float32)

controls_box.subheader(tr("train_settings"))
shape_col, lr_col, steps_col, speed_col = controls_box.columns([2, 3, 1.3, 2.2])
with shape_col:
    same = st.toggle(tr("train_same_size"), value=True, key="tr_same", help=tr("train_same_size_help"))
    if same:
        kernel_shape = K.shape
    else:
        r_col, c_col = st.columns(2)
        side = kernels.MAX_KERNEL_SIDE
        kernel_shape = (r_col.number_input(tr("train_rows"), 1, side, min(int(K.shape[0]), side), key="tr_rows"),
                        c_col.number_input(tr("train_cols"), 1, side, min(int(K.shape[1]), side), key="tr_cols"))
    st.caption(tr("train_shape_note", h=kernel_shape[0], w=kernel_shape[1], n=kernel_shape[0] * kernel_shape[1]))
lr = lr_col.select_slider(tr("train_lr"), LEARNING_RATES, value=3e-2, format_func=format_number, key="tr_lr",
                          help=tr("train_lr_help"))
goal = steps_col.number_input(tr("train_steps"), 1, DEFAULT_MAX_STEPS, min(100, DEFAULT_MAX_STEPS), key="tr_steps",
                              help=tr("train_steps_help"))
if goal >= DEFAULT_MAX_STEPS:
    steps_col.caption(tr("train_steps_limit", limit=DEFAULT_MAX_STEPS))
speed = speed_col.segmented_control(tr("train_speed"), list(SPEEDS), default="medium", format_func=labels("train_speed_"),
                                    key="tr_speed", required=True, help=tr("train_speed_help"))
opt_col, loss_col, seed_col, device_col, log_col = controls_box.columns([3, 3, 1.3, 2, 1.7])
optimizer = opt_col.radio(tr("train_optimizer"), OPTIMIZERS, format_func=labels("train_opt_"), key="tr_optimizer",
                          horizontal=True, help=tr("train_optimizer_help"))
loss = loss_col.radio(tr("train_loss"), LOSSES, format_func=labels("train_loss_"), key="tr_loss", horizontal=True,
                      help=tr("train_loss_help"))
seed = seed_col.number_input(tr("train_seed"), 0, 2**31 - 1, 0, key="tr_seed", help=tr("train_seed_help"))
device = device_col.selectbox(tr("train_device"), available_devices(), format_func=labels("train_device_"),
                              key="tr_device", help=tr("train_device_help"))
log_scale = log_col.toggle(tr("train_log_scale"), key="tr_log")
url_state.publish({**pick_link(picked), "size": None if same else tuple(kernel_shape), "lr": lr, "steps": int(goal),
                   "speed": speed, "opt": optimizer, "loss": loss, "seed": int(seed), "device": device,
                   "log": log_scale}, SCHEMA)

trainer = current_trainer(X, K, kernel_shape, int(seed), optimizer, loss, device, lr)
if trainer is None:
    st.stop()
device_col.caption(tr("train_device_used", device=trainer.device_used))
controls(trainer, int(goal))
running = ss.get("tr_running", False)
ss.tr_tick, ss.tr_crowd = live_frame_interval(TICK_SECONDS, beat=running)
with st.container():  # one block however many lines: the live part below keeps its place (the chart no remount)
    status(trainer, int(goal))  # a change of state (started, paused, reached, diverged) reruns the whole page
st.fragment(run_every=ss.tr_tick if running else None)(live)(int(goal), log_scale, SPEEDS[speed])
chart_notes(trainer)
if trainer.history and not running:
    summary(trainer)

lecture_kit.code_twin(lambda: codegen.train_code(X, K, kernel_shape=tuple(kernel_shape), seed=int(seed),
                                                 optimizer=optimizer, lr=lr, loss=loss, steps=int(goal)),
                      name="train", box_key="tr_code_box", dl_prefix="tr", label=tr("train_code"), caption=tr("train_code_caption"),
                      py_label=tr("train_download_py"), nb_label=tr("train_download_ipynb"),
                      nb_title=tr("train_notebook_title"),
                      notes=[tr("train_code_other_size")] if tuple(kernel_shape) != K.shape else [])
