"""Explore's X and Y figures, and for each other size a sample pick can give X, the same figures without their numbers:
the browser fills them in to preview the pick (static/live_chart/preview.js), so a pick that changes a shape is
drawn at once too, in figures only the server makes."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from convcore import window
from convcore.plots import colour, figures
from convcore.shapes import output_shape
from ui.components.live_chart import figure_json
from ui.fragment_scope import fragment_run
from ui.shell import lang, tr


def x_figure(X: np.ndarray, settings: window.Settings, box: figures.Box, big: float) -> dict:
    """X (grey or colour) with its padding and the window `box` outlined (as dicts: drawn in place)."""
    boxes = figures.marks(box, max(X.shape[-2:]), figures.WINDOW_COLOUR)
    if X.ndim == 3:
        return colour.colour_figure(X, tr("explore_fig_x"), padding=settings.padding, scale=big, boxes=boxes,
                                    plain=True)
    return figures.array_figure(X, tr("explore_fig_x"), symmetric=False, padding=settings.padding, scale=big,
                                boxes=boxes, plain=True)


def y_figure(Y: np.ndarray, cell: tuple[int, int], big: float, selectable: bool = False) -> go.Figure | dict:
    """Y with the inspected `cell` outlined: as dicts (drawn in place), or a Figure with click markers (`selectable`:
    st.plotly_chart's point selection)."""
    boxes = figures.marks((*cell, *cell), max(Y.shape), figures.CELL_COLOUR)
    return figures.array_figure(Y, tr("explore_fig_y"), selectable=selectable, scale=big, boxes=boxes,
                                plain=not selectable)


def unfilled(fig: dict) -> dict:
    """A figure as the chart receives it, without its numbers: z and cell texts empty, a picture without source."""
    made = json.loads(figure_json(fig))
    for trace in made["data"]:
        if trace.get("type") == "heatmap":
            trace["z"] = []
            if "text" in trace:
                trace["text"] = []  # still there: the browser writes the texts of a figure that has them
        elif trace.get("type") == "image":
            trace["source"] = ""
    return made


@lru_cache(maxsize=256)
def size_figures(language: str, size: tuple[int, int], k: tuple[int, int], settings: window.Settings,
                 cell: tuple[int, int], big: float) -> dict | None:
    """X's and Y's figures, unfilled, for an X of `size` with the kernel size and settings shown, the cell inspected
    as the page would inspect it then (kept inside a smaller Y); None where no Y comes out. `language`: its titles'."""
    shape = output_shape(*size, *k, settings.padding, settings.stride, settings.dilation)
    if not shape.valid:
        return None
    i, j = min(cell[0], shape.height - 1), min(cell[1], shape.width - 1)
    box = window.window_of(i, j, shape).box
    made = {"y": list(shape.shape), "x_figure": unfilled(x_figure(np.zeros(size, np.float32), settings, box, big)),
            "y_figure": unfilled(y_figure(np.zeros(shape.shape, np.float32), (i, j), big))}
    if max(size) >= figures.IMAGE_MIN_SIDE:  # X drawn as a picture: its grey colours
        made["x_lut"] = figures.colour_lut("gray").ravel().tolist()
    return made


def other_sizes(x_size: tuple[int, int], k: tuple[int, int], settings: window.Settings, cell: tuple[int, int],
                big: float, sizes: set[tuple[int, int]]) -> dict[str, dict]:
    """size_figures for each of `sizes` but X's own, by "HxW"."""
    made = {}
    for size in sorted(sizes - {tuple(x_size)}):
        figs = size_figures(lang(), size, tuple(k), settings, tuple(cell), big)
        if figs is not None:
            made[f"{size[0]}x{size[1]}"] = figs
    return made


SIZES_SENT = "_ex_sizes_sent"  # the key of the other sizes' figures this session's last run sent (not a widget)


def size_previews(x_size: tuple[int, int], k: tuple[int, int], settings: window.Settings, cell: tuple[int, int],
                  big: float, sizes: set[tuple[int, int]]) -> dict:
    """What Y's preview spec carries of the other sizes' figures: {"sizes_key", "sizes": other_sizes(...)}. A
    fragment's run (a kernel edit, a click on Y) leaves "sizes" out when the last run sent the same (its key): the
    browser keeps the last it was sent (static/live_chart/preview.js), and they are most of an edit's answer."""
    args = (lang(), tuple(x_size), tuple(k), settings, tuple(cell), big, tuple(sorted(sizes)))
    key = hashlib.blake2b(repr(args).encode(), digest_size=8).hexdigest()
    if fragment_run() and st.session_state.get(SIZES_SENT) == key:
        return {"sizes_key": key}
    st.session_state[SIZES_SENT] = key
    return {"sizes_key": key, "sizes": other_sizes(x_size, k, settings, cell, big, sizes)}
