"""Train: learn back the kernel that turned X into Y, with a live loss, weights and loss-landscape chart."""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

from convcore import codegen, kernels, links, pacing
from convcore.errors import ConvLabError
from convcore.plots import train_charts
from convcore.training import DEFAULT_MAX_STEPS, LOSSES, OPTIMIZERS, Trainer, available_devices
from ui import presenter, share
from ui.components.live_chart import charts_ask_for_frames
from ui.live_training import answers_user, live_frame_interval, someone_waiting, step_allowance
from ui.shell import clock, guarded, labels, show_error, tr
from ui.state import TRAIN_KEPT, TrainRun
from ui.train.controls import PAGE_RERUN, can_go_on, controls, live_goal, on_replay, on_use_lr
from ui.train.panels import chart_notes, live_charts, lr_advice, progress, reload_notice, status, summary
from ui.train.why import gradient_panel, identifiability_panel
from ui.widgets import lecture_kit
from ui.widgets.image_input import image_input, link_values as image_link, seed_from_link
from ui.widgets.kernel_editor import kernel_editor, link_values as kernel_link, seed_kernel

ss = st.session_state
FRAME_PERIOD = 1 / 12  # "fast": a chart frame about every 1/12 s, training in the time frames leave (>= 60%)
TICK_SECONDS = 0.07  # a chart frame at most every 0.07 s while training runs (about 14 a second; less often
                     # when many sessions of the server train at once: CONVLAB_LIVE_FRAMES_PER_SECOND)
SPEEDS = pacing.TRAIN_STEPS_PER_FRAME
SUBFRAMES = 2  # "fast" with weight lines: each frame is drawn in two steps by the browser (see subframes below)
LEARNING_RATES = tuple(float(f"{m}e{e}") for e in range(-5, 1) for m in (1, 2, 3, 5)) + (10.0,)  # 1e-5 ... 10
LINK_SECONDS = 1.0  # while training runs live, the steps taken go into the link about this often (each change of
                    # the address is an entry in the browser's history: not every frame)


def format_number(value: float) -> str:
    """A learning rate as short text (3e-02 -> 0.03)."""
    return f"{value:g}"


# ---- the link ----

SCHEMA = links.train_schema(LEARNING_RATES, 3e-2, DEFAULT_MAX_STEPS, OPTIMIZERS, LOSSES, available_devices())
PICK_SCHEMA = {name: field for name, field in SCHEMA.items() if name in ("src", "sample", "draw", "color", "side",
                                                                        "preset", "kernel")}
RUN_SCHEMA = {name: SCHEMA[name] for name in ("at", "lrmix")}  # how far the run got: written while it trains
SETTING_KEYS = {"lr": "tr_lr", "steps": "tr_steps", "speed": "tr_speed", "opt": "tr_optimizer", "loss": "tr_loss",
                "seed": "tr_seed", "device": "tr_device", "log": "tr_log"}


def apply_link() -> None:
    """On the first visit in this session: set the widgets from the link (before they are drawn)."""
    values = share.load("train", SCHEMA)
    if values is None:
        return
    seed_from_link("trx", values, allow_color=False)
    seed_kernel("trk", *links.kernel_from_link(values))
    ss.tr_same = values["size"] is None
    if values["size"] is not None:
        ss.tr_rows, ss.tr_cols = values["size"]
    for name, key in SETTING_KEYS.items():
        ss[key] = values[name]
    ss.pop("tr_reload", None)
    if values["at"] is not None:  # this link was written while training (a reload, or a link copied then)
        ss.tr_reload = {"at": values["at"], "lrmix": values["lrmix"]}


def run_link(trainer: Trainer | None) -> dict:
    """The steps taken so far (and whether the lr changed on the way), or the ones a reload has not trained again."""
    if trainer is not None and trainer.steps_taken:
        return {"at": trainer.steps_taken, "lrmix": len({r.lr for r in trainer.history}) > 1}
    pending = ss.get("tr_reload")
    return dict(pending) if pending else {}


def pick_link(picked) -> dict:
    """The image and target kernel as link values (with the Share remark for an upload)."""
    if ss.get("trx_source") == "upload":
        share.note("share_upload_note")
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
        if trainer is not None:
            ss.pop("tr_reload", None)  # other settings than the link's: retraining there would not be that run
        ss.tr_running = False
        ss.tr_sig, ss.tr_trainer = sig, None
        ss.tr_pacer = pacing.Pacer()  # its frame period is set by each full run (below)
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


# ---- the live part (a fragment that trains a slice of steps per frame, then draws) ----


def subframes(speed: str, kernel_shape) -> int:
    """Chart updates per server frame. "fast" with weight lines: SUBFRAMES, the browser drawing the frame's first
    part (its history up to halfway since the last frame) before the whole; the server then sends half as many
    frames and trains in the time the other half cost (Streamlit's re-render of the page is most of a frame)."""
    return SUBFRAMES if SPEEDS[speed] is None and train_charts.shows_lines(kernel_shape) else 1


def live(goal: int, log: bool, frame_steps: int | None, updates: int) -> None:
    """One frame: the progress bar and the chart, nothing else (each element a frame sends costs the browser a
    render, ten times a second; the rest is drawn once per run); then, while running, a time-budgeted slice of steps
    for the next frame. Drawn first, the frame goes to the browser while the server trains: the browser's render and
    the training overlap on two cores instead of taking turns."""
    trainer: Trainer = ss.tr_trainer
    goal = live_goal(goal)
    if ss.get("tr_running") and not can_go_on(trainer, goal):
        finish_live()
    run = TrainRun.read()
    progress(trainer, run, goal, TICK_SECONDS * updates)  # always one element: the chart keeps its place
    live_charts(trainer, run, log, goal if run.running else None, updates, next_frame(run.running))
    if not ss.get("tr_running"):
        return
    # The frame interval was set by the last full run (Start, Resume, any setting): changing it here would take
    # a full rerun, which cost more than it saved when a crowd came and went (measured); this frame is counted.
    live_frame_interval(TICK_SECONDS * updates, beat=True)
    if frame_steps is not None:  # steps a frame are for the fastest frames: slower frames take more, same speed
        frame_steps *= round(ss.tr_tick / (TICK_SECONDS * updates))
    ss.tr_pacer.run(trainer, goal if frame_steps is None else min(goal, trainer.steps_taken + frame_steps),
                    clock=clock, interrupted=someone_waiting,  # a click (Pause; another student's too) ends it
                    allowance=step_allowance())
    if not can_go_on(trainer, goal):
        finish_live()
    if ss.tr_pacer.frames % max(round(LINK_SECONDS / ss.tr_tick), 1) == 0:  # a reload mid-run can say where it was
        share.publish(run_link(trainer), RUN_SCHEMA, share=False)


def next_frame(running: bool) -> dict | None:
    """While training runs: the chart asks for the next frame once it has drawn this one, at most every tick (one
    frame in flight: a timer that ticks without waiting made the server compute frames nobody received)."""
    if not running:
        return None
    ss.tr_frame_no = ss.get("tr_frame_no", 0) + 1  # never repeats in a session (a Reset makes a new pacer)
    return {"frame": ss.tr_frame_no, "after": ss.tr_tick}


def finish_live() -> None:
    """Training reached its goal or stopped: redraw the buttons, stop the ticks, show the result."""
    ss.tr_running = False
    ss.pop("tr_stop_at", None)
    st.rerun(scope="app")


# ---- the run (a fragment: the buttons rerun it, not the settings above) ----


def run_part(goal: int, log: bool, speed: str) -> None:
    """The offer to train a reloaded run again, the buttons, where training stands, the live chart and, paused or
    done, the gradient, what the data can tell and the result. Pause, Step once and Reset rerun only this: the page's
    settings above (the picture, the kernel grid, a dozen inputs) are not drawn and sent again; a click that starts
    live training reruns the whole page (ui.train.controls.PAGE_RERUN)."""
    if ss.pop(PAGE_RERUN, False):  # a click here that starts live training, or changed a setting above
        st.rerun(scope="app")
    trainer: Trainer = ss.tr_trainer
    reload_notice(trainer, TrainRun.read(), on_replay)
    controls(trainer, goal)
    running = ss.get("tr_running", False)
    updates = subframes(speed, trainer.kernel_shape)
    ss.tr_tick, ss.tr_crowd = live_frame_interval(TICK_SECONDS * updates, beat=running)
    ss.tr_pacer.frame_period = FRAME_PERIOD * updates
    with st.container():  # one block however many lines: the live part below keeps its place (the chart no remount)
        status(trainer, TrainRun.read(), goal)
    # The chart asks for each next frame (next_frame); where charts cannot be drawn in place, a timer does.
    timer = None if charts_ask_for_frames() or not running else ss.tr_tick
    st.fragment(run_every=timer)(guarded(live))(goal, log, SPEEDS[speed], updates)
    chart_notes(trainer)
    if not running:  # drawn with the run, not in the live frames: where training stands when it is paused or done
        gradient_panel(trainer, ss.get("tr_sig"))
        identifiability_panel(trainer, ss.get("tr_sig"))
    if trainer.history and not running:
        summary(trainer)
    share.publish(run_link(trainer), RUN_SCHEMA, share=False)  # the page's Share reads the address when opened


# ---- the page ----

TRAIN_KEPT.keep()  # a visit to another page keeps the settings and the trainer
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
    share.publish(pick_link(picked), PICK_SCHEMA)  # the settings stay in the link as they came
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
trainer = current_trainer(X, K, kernel_shape, int(seed), optimizer, loss, device, lr)
share.publish({**pick_link(picked), "size": None if same else tuple(kernel_shape), "lr": lr, "steps": int(goal),
                   "speed": speed, "opt": optimizer, "loss": loss, "seed": int(seed), "device": device,
                   "log": log_scale, **run_link(trainer)}, SCHEMA)
if trainer is None:
    st.stop()
device_col.caption(tr("train_device_used", device=trainer.device_used))
lr_advice(trainer, LEARNING_RATES, on_use_lr)
ss.pop(PAGE_RERUN, None)  # this run draws the settings anyway
st.fragment(guarded(answers_user(run_part)))(int(goal), log_scale, speed)  # live training elsewhere gives way

lecture_kit.code_twin(lambda: codegen.train_code(X, K, kernel_shape=tuple(kernel_shape), seed=int(seed),
                                                 optimizer=optimizer, lr=lr, loss=loss, steps=int(goal)),
                      name="train", box_key="tr_code_box", dl_prefix="tr", label=tr("train_code"), caption=tr("train_code_caption"),
                      py_label=tr("train_download_py"), nb_label=tr("train_download_ipynb"),
                      nb_title=tr("train_notebook_title"),
                      notes=[tr("train_code_other_size")] if tuple(kernel_shape) != K.shape else [])
