"""Explore's display blocks: X transposed or rotated, the shape report, output channels side by side, per-channel
maps, plain pictures."""

from __future__ import annotations

import numpy as np
import streamlit as st

from convcore import window
from convcore.images import transform
from convcore.links import X_TRANSFORMS
from convcore.plots import colour, figures
from ui import presenter
from ui.shell import labels, small, tr
from ui.widgets.image_input import PickedImage
from ui.widgets.layer_kernels import CHANNELS
from ui.widgets.lecture_kit import chart


TRANSFORM_CODE = {"transpose": "X.t()", "rot90": "torch.rot90(X)"}


def transform_input(picked: PickedImage | None) -> PickedImage | None:
    """One click to use X transposed or rotated by 90 degrees (the notebook's corr2d(X.t(), K)); the picked image as
    it is for 'As is'."""
    name = st.segmented_control(tr("explore_xform"), X_TRANSFORMS, default="none", format_func=labels("explore_xform_"),
                                key="ex_xform", required=True, help=tr("explore_xform_help"))
    if picked is None or name == "none":
        return picked
    return PickedImage(transform(picked.X, name), picked.source, picked.name, picked.default_side)


def transform_note(X: np.ndarray, Y: np.ndarray) -> None:
    """What a transformed X is, and, when Y came out all zeros from a non-blank X, that K.t() finds what K cannot."""
    name = st.session_state.get("ex_xform", "none")
    if name not in TRANSFORM_CODE:
        return
    if not Y.any() and np.ptp(X) > 0:
        st.info(tr("explore_xform_zero", code=TRANSFORM_CODE[name]), icon=":material/swap_horiz:")
    else:
        st.caption(tr("explore_xform_note", code=TRANSFORM_CODE[name]))


def shape_report(shape, channels: int, outputs: int) -> None:
    """The output size with the formula filled in, and input lines no window reads."""
    size = f"**{tr('explore_shape')}:** `{shape.explain()}`"
    if presenter.presenting():  # a projector keeps its first screen for the figures: no dividing line, no formula
        st.markdown(size)  # (it is in the settings' help); the numbers filled in stay
    else:
        st.markdown(f"---\n\n{size}\n\n{small(tr('explore_shape_rule'))}")  # one element: line, size, formula
    rows, cols = window.unused_indices(shape, 0), window.unused_indices(shape, 1)
    if rows:
        st.info(tr("explore_unused_rows", rows=window.ranges_text(rows)), icon=":material/info:")
    if cols:
        st.info(tr("explore_unused_cols", cols=window.ranges_text(cols)), icon=":material/info:")
    if channels > 1:
        st.caption(tr("explore_channels_sum", c=channels))
    if outputs > 1:
        st.caption(tr("explore_outputs_shape", o=outputs, h=shape.height, w=shape.width))


def output_panels(Y: np.ndarray) -> None:
    """Every output channel's map side by side (nn.Conv2d's out_channels)."""
    st.markdown(f"**{tr('explore_outputs_title')}**")
    for o, col in enumerate(st.columns(len(Y))):
        with col:
            chart(figures.array_figure(Y[o], tr("explore_fig_output", n=o + 1), image_side=256, height=300,
                                       scale=presenter.scale(), plain=True), f"ex_out_{o}")


def inspected_output(outputs: int) -> int:
    """Which output channel the window panel shows (0-based); a choice appears when there are several."""
    if outputs == 1:
        return 0
    if st.session_state.get("ex_out_show", 1) > outputs:
        st.session_state.ex_out_show = outputs  # fewer outputs than the one inspected: the last one
    name = tr("explore_output_tab", n="{n}")
    choice = st.segmented_control(tr("explore_show_output"), list(range(1, outputs + 1)), key="ex_out_show",
                                  required=True, default=1, format_func=lambda n: name.format(n=n))
    return min(int(choice or 1), outputs) - 1


def channel_panels(maps, Y) -> None:
    """Per-channel results and their sum side by side."""
    columns = st.columns(len(maps) + 1)
    for col, c, M in zip(columns, CHANNELS, maps):
        with col:
            chart(figures.array_figure(M, tr("explore_fig_channel", name=tr(f"explore_channel_{c}")), image_side=256,
                                       scale=presenter.scale(), plain=True),
                  f"ex_ch_{c}")
    with columns[-1]:
        chart(figures.array_figure(Y, tr("explore_fig_sum"), image_side=256, scale=presenter.scale(), plain=True),
              "ex_ch_sum")


def pictures(X, Y) -> None:
    """X and Y as plain grey pictures (for photos)."""
    with st.expander(tr("explore_pictures"), expanded=True):
        left, right = st.columns(2)
        left.image(colour.colour_picture(X) if X.ndim == 3 else figures.grey_png(X), caption=tr("explore_picture_x"),
                   width="stretch")
        right.image(figures.grey_png(Y), caption=tr("explore_picture_y"), width="stretch")
