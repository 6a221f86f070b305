"""Train's "why" panels: the gradient of the next update as a correlation of X with 2(Y_hat - Y), beside the kernel."""

from __future__ import annotations

import hashlib
import logging

import numpy as np
import streamlit as st

from convcore.errors import ConvLabError
from convcore.gradient import KernelGradient, trainer_gradient
from convcore.plots import figures
from convcore.training import Trainer
from ui import presenter
from ui.shell import tr
from ui.widgets.lecture_kit import chart

log = logging.getLogger(__name__)
GRADIENT_CACHE = "trw_gradient"  # this panel's own: the last gradient computed, with the weights it is for


def gradient_now(trainer: Trainer, sig: object) -> KernelGradient | None:
    """The gradient at the trainer's current weights, computed once per weights (a page rerun for another reason
    reuses it); None when the weights are not finite (a run that diverged)."""
    weights = trainer.model.weight.detach().cpu().numpy()
    if not np.isfinite(weights).all():
        return None
    key = (sig, hashlib.sha1(weights.tobytes()).hexdigest())
    cached = st.session_state.get(GRADIENT_CACHE)
    if cached is None or cached[0] != key:
        try:
            cached = (key, trainer_gradient(trainer))
        except ConvLabError:  # (an explanation only: never in the way of training)
            log.warning("no gradient panel for this trainer", exc_info=True)
            return None
        st.session_state[GRADIENT_CACHE] = cached
    return cached[1]


def gradient_panel(trainer: Trainer, sig: object) -> None:
    """The kernel now, dL/dK (and for the plain update the kernel after w -= lr * grad), with what dL/dK is."""
    found = gradient_now(trainer, sig)
    if found is None:
        return
    step = trainer.steps_taken
    st.subheader(tr("train_grad_title", step=step))
    W = np.asarray(trainer.weights, dtype=np.float64)
    G = found.grad.double().numpy()
    panels = [(W, tr("train_grad_fig_kernel", step=step), "trw_kernel"), (G, tr("train_grad_fig_grad"), "trw_grad")]
    if trainer.optimizer == "plain":
        panels.append((W - trainer.lr * G, tr("train_grad_fig_next", lr=f"{trainer.lr:g}"), "trw_next"))
    font = figures.number_font(max(W.shape))
    for col, (A, title, key) in zip(st.columns(3), panels):
        with col:
            chart(figures.heatmap(A, title, font_size=font, scale=presenter.scale()), key)
    if trainer.loss == "mean":
        st.caption(tr("train_grad_caption_mean", cells=f"{found.cells:,}"))
    else:
        st.caption(tr("train_grad_caption_sum"))
    if trainer.optimizer != "plain":
        st.caption(tr("train_grad_other_optimizer", optimizer=tr(f"train_opt_{trainer.optimizer}")))
