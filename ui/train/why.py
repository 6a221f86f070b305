"""Train's "why" panels: the gradient of the next update as a correlation of X with 2(Y_hat - Y), beside the kernel;
what this X can determine of the kernel (rank(A), the null space) and, after training, where learned - target lies."""

from __future__ import annotations

import hashlib
import logging

import numpy as np
import streamlit as st

from convcore.errors import ConvLabError
from convcore.gradient import KernelGradient, trainer_gradient
from convcore.identifiability import Identifiability, combination_text, identifiability, readable_basis
from convcore.images import sample
from convcore.plots import figures
from convcore.training import Trainer
from ui import presenter
from ui.shell import callback, tr
from ui.state import remembered
from ui.train.controls import PAGE_RERUN
from ui.train.panels import target_of
from ui.widgets.lecture_kit import chart

log = logging.getLogger(__name__)
GRADIENT_CACHE = "trw_gradient"  # this panel's own: the last gradient computed, with the weights it is for
IDENT_CACHE = "trw_ident"  # the last identifiability computed, with the settings it is for
RICHER = ("checkerboard", "letter", "photo")  # samples offered instead, smallest first, when they determine the kernel
LISTED = 6  # combinations listed before "and n more"
SEEN = 1e-3  # a learned - target smaller than this (in norm) has nothing to show


def gradient_now(trainer: Trainer, sig: object) -> KernelGradient | None:
    """The gradient at the trainer's current weights, computed once per weights (a page rerun for another reason
    reuses it); None when the weights are not finite (a run that diverged)."""
    weights = trainer.model.weight.detach().cpu().numpy()
    if not np.isfinite(weights).all():
        return None
    try:
        return remembered(GRADIENT_CACHE, (sig, hashlib.sha1(weights.tobytes()).hexdigest()),
                          lambda: trainer_gradient(trainer))
    except ConvLabError:  # (an explanation only: never in the way of training)
        log.warning("no gradient panel for this trainer", exc_info=True)
        return None


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


def identifiability_now(trainer: Trainer, sig: object) -> Identifiability | None:
    """rank(A) and the null space for the trainer's X, kernel shape and crop (once per settings)."""
    try:
        return remembered(IDENT_CACHE, sig, lambda: identifiability(trainer.X, trainer.kernel_shape, trainer.fit_shape))
    except (ConvLabError, ValueError, np.linalg.LinAlgError):
        log.warning("no identifiability for this trainer", exc_info=True)
        return None


@st.cache_data(max_entries=64, show_spinner=False)
def richer_sample(shape: tuple[int, int], current: str | None) -> str | None:
    """The first built-in picture (smallest first) that determines every weight of a kernel of this shape (the same
    for everyone: shared across sessions)."""
    for name in RICHER:
        X = sample(name)
        if name != current and min(X.shape) >= max(shape) and identifiability(X, shape).identifiable:
            return name
    return None


@callback
def use_sample(name: str) -> None:
    """Train on a built-in picture instead (the page's picture input, above the run's fragment: the page reruns)."""
    st.session_state.trx_source, st.session_state.trx_sample = "sample", name
    st.session_state[PAGE_RERUN] = True


def listed(rows: np.ndarray, shape: tuple[int, int]) -> str:
    """Combinations of weights as a markdown list, the first LISTED of them."""
    lines = [f"- `{combination_text(r, shape)}`" for r in rows[:LISTED]]
    if len(rows) > LISTED:
        lines.append(f"- {tr('train_ident_more', n=len(rows) - LISTED)}")
    return "\n".join(lines)


def identifiability_panel(trainer: Trainer, sig: object) -> None:
    """When X cannot determine the kernel: rank(A), which combinations it determines and which leave Y unchanged,
    a picture that determines it, and after training how much of learned - target lies in the null space."""
    found = identifiability_now(trainer, sig)
    if found is None or found.identifiable:
        return
    (h, w), shape = trainer.kernel_shape, trainer.kernel_shape
    st.subheader(tr("train_ident_title"))
    st.warning(tr("train_ident_short", h=h, w=w, n=found.weights, rank=found.rank), icon=":material/blur_on:")
    seen_col, unseen_col = st.columns(2)
    with seen_col:
        st.markdown(tr("train_ident_determined"))
        if found.rank:
            st.markdown(listed(readable_basis(found.row_space), shape))
    with unseen_col:
        st.markdown(tr("train_ident_free"))
        st.markdown(listed(readable_basis(found.null_space), shape))
    target = target_of(trainer)
    if trainer.history and not trainer.diverged and target is not None:
        D = np.asarray(trainer.weights, dtype=np.float64) - target
        if np.linalg.norm(D) > SEEN:
            row, _ = found.split(D)
            st.info(tr("train_ident_after", share=f"{100 * found.null_fraction(D):.1f}",
                       row=f"{np.linalg.norm(row):.2g}", gap=f"{np.linalg.norm(D):.3g}"), icon=":material/check:")
    ss = st.session_state
    name = richer_sample(tuple(shape), ss.get("trx_sample") if ss.get("trx_source", "sample") == "sample" else None)
    if name is not None:
        st.button(tr("train_ident_richer", sample=tr(f"sample_{name}")), key="trw_richer", on_click=use_sample,
                  args=(name,), icon=":material/image:")
