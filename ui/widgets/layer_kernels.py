"""Explore's kernels as a conv layer holds them: one per output channel, and one per input channel when asked.

Output channel o (0-based) is edited under the key `exk` (o = 0) or `exk_o{o+1}`; with "one kernel per channel"
on an RGB image its green and blue kernels live under `<key>_G` and `<key>_B`. A new output channel starts as
the first one's kernel plus o, as the book builds K, K + 1, K + 2 (section 6.4.2).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from convcore import links, window
from convcore.errors import ConvLabError
from ui.shell import labels, show_error, tr
from ui.widgets.kernel_editor import current_kernel, kernel_editor, seed_kernel

CHANNELS = ("R", "G", "B")
MAX_OUTPUTS = links.MAX_OUTPUTS


def output_key(o: int) -> str:
    """The kernel editor key of output channel o (0-based)."""
    return "exk" if o == 0 else f"exk_o{o + 1}"


def channel_key(o: int, c: str) -> str:
    """The kernel editor key of input channel c ('R', 'G', 'B') of output channel o."""
    return output_key(o) if c == "R" else f"{output_key(o)}_{c}"


def link_name(o: int, c: str) -> str:
    """The query field of output o's kernel for channel c (output 0's red/shared one is 'kernel'/'preset')."""
    suffix = "" if c == "R" else f"_{c.lower()}"
    return f"kernel{suffix}" if o == 0 else f"kernel_o{o + 1}{suffix}"


def widget_keys() -> list[str]:
    """The keys of every kernel editor's settable widgets (preset, rows, columns), for keep_widgets."""
    return [f"{channel_key(o, c)}_{slot}" for o in range(MAX_OUTPUTS) for c in CHANNELS
            for slot in ("preset", "rows", "cols")]


def seed_from_link(values: dict) -> None:
    """Put a link's extra kernels into their editors (output 0's shared kernel is seeded by the page)."""
    for o in range(MAX_OUTPUTS):
        for c in CHANNELS:
            if (o, c) != (0, "R"):
                seed_kernel(channel_key(o, c), values.get(link_name(o, c)))
    st.session_state.ex_outputs = values.get("outputs", 1)


def link_values(color: bool) -> dict:
    """The extra kernels as link values: output channels 2 to n, and green/blue when set per channel."""
    ss = st.session_state
    values = {"outputs": ss.get("ex_outputs", 1)}
    each = color and ss.get("ex_chmode", "shared") == "each"
    for o in range(values["outputs"]):
        for c in CHANNELS if each else ("R",):
            if (o, c) != (0, "R"):
                values[link_name(o, c)] = current_kernel(channel_key(o, c))
    return values


def starting_kernel(o: int, c: str) -> np.ndarray | None:
    """A new output channel's kernel: the first output's kernel for the same channel, plus o (book 6.4.2)."""
    first = current_kernel(channel_key(0, c))
    return None if first is None or o == 0 else first + o


def channel_kernels(o: int, color: bool, each: bool) -> np.ndarray:
    """Output o's kernel: (h, w) shared by all input channels, or (3, h, w) with one tab per channel."""
    if not (color and each):
        return kernel_editor(output_key(o), initial=starting_kernel(o, "R")).K
    kernels = []
    for tab, c in zip(st.tabs([tr(f"explore_channel_{c}") for c in CHANNELS]), CHANNELS):
        with tab:
            kernels.append(kernel_editor(channel_key(o, c), initial=starting_kernel(o, c)).K)
    try:
        return window.stack_kernels(kernels)
    except ConvLabError as error:
        show_error(error)
        return kernels[0]


def layer_shape(color: bool) -> tuple[int, bool]:
    """The output-channel count and, for a colour X, the channel mode: (outputs, one kernel per input channel). Drawn
    by the page itself, not the kernel editors' fragment: a kernel edit then sends them, and reruns them, no more."""
    st.number_input(tr("explore_outputs"), 1, MAX_OUTPUTS, key="ex_outputs", help=tr("explore_outputs_help"))
    each = color and st.radio(tr("explore_channel_mode"), ["shared", "each"], horizontal=True, key="ex_chmode",
                              format_func=labels("explore_channel_mode_")) == "each"
    return int(st.session_state.ex_outputs), each


def layer_kernels(outputs: int, color: bool, each: bool) -> list[np.ndarray]:
    """Each output channel's kernel editor(s), for the layer shape `layer_shape` gave."""
    if outputs == 1:
        return [channel_kernels(0, color, each)]
    st.caption(tr("explore_outputs_start"))
    tabs = st.tabs([tr("explore_output_tab", n=o + 1) for o in range(outputs)])
    kernels = []
    for o, tab in enumerate(tabs):
        with tab:
            kernels.append(channel_kernels(o, color, each))
    return kernels


def same_size(kernels: list[np.ndarray]) -> list[np.ndarray]:
    """All output channels' kernels, when they share one size (as in nn.Conv2d); else the first alone, said why."""
    sizes = {K.shape[-2:] for K in kernels}
    if len(sizes) == 1:
        return kernels
    shown = ", ".join(f"{tr('explore_output_tab', n=o + 1)}: {K.shape[-2]}x{K.shape[-1]}" for o, K in enumerate(kernels))
    show_error(ConvLabError("explore_err_output_shapes", shapes=shown))
    return kernels[:1]
