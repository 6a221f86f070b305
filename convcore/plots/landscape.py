"""The loss landscape of a kernel with two weights (no Streamlit): its range, the optimizer's path, the figure.

The loss over a grid of both weights is drawn as banded log10 contours with the path the optimizer took on it; the
view covers the start, the target and the path (a runaway path widens it only so far), its ends on a coarse grid so
that a moving path does not recompute the grid every frame. The shared chart helpers are convcore.plots.train_charts'.
"""

from __future__ import annotations

import math
from typing import Optional, Sequence

import numpy as np
import plotly.graph_objects as go

from convcore.plots.figures import as_numpy
from convcore.plots.train_charts import figure, scaled, series, uid

MAX_PATH_POINTS = 600  # optimizer path points on the landscape
LANDSCAPE_LEVELS = 18  # colour bands of the loss landscape
LANDSCAPE_MIN_HALF = 1.0  # the landscape spans at least +-this around its centre
LANDSCAPE_MAX_GROWTH = 4.0  # a path that runs away widens the view at most this many times


def shows_landscape(kernel_shape: Sequence[int]) -> bool:
    """A loss landscape (the loss over both weights) for kernels of two weights, the book's 1x2 case."""
    return kernel_shape[0] * kernel_shape[1] == 2


def landscape_range(initial, path=None, target=None, *, margin: float = 0.35) -> tuple[tuple[float, float], tuple[float, float]]:
    """(w1 range, w2 range) covering the start, the target and the path, with a margin.

    A path that runs away widens the view at most LANDSCAPE_MAX_GROWTH times the view without it, so a
    diverging run is seen leaving the chart instead of squashing the valley to a dot."""
    def box(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = points.min(axis=0), points.max(axis=0)
        return (lo + hi) / 2, np.maximum((hi - lo) / 2 * (1 + margin), LANDSCAPE_MIN_HALF)

    anchors = [np.ravel(as_numpy(initial))]
    if target is not None and np.size(as_numpy(target)) == 2:
        anchors.append(np.ravel(as_numpy(target)))
    centre, half = box(np.array(anchors))
    if path is not None and len(path):
        P = np.asarray(path, dtype=np.float64).reshape(-1, 2)
        P = P[np.isfinite(P).all(axis=1)]
        if len(P):
            wide_c, wide_h = box(np.vstack([np.array(anchors), P]))
            lo = np.maximum(wide_c - wide_h, centre - LANDSCAPE_MAX_GROWTH * half)
            hi = np.minimum(wide_c + wide_h, centre + LANDSCAPE_MAX_GROWTH * half)
            centre, half = (lo + hi) / 2, (hi - lo) / 2
    return ((float(centre[0] - half[0]), float(centre[0] + half[0])),
            (float(centre[1] - half[1]), float(centre[1] + half[1])))


def round_range(r: tuple[float, float], step: float = 0.25) -> tuple[float, float]:
    """A range widened to multiples of `step`, so a moving path does not recompute the grid every frame."""
    return math.floor(r[0] / step) * step, math.ceil(r[1] / step) * step


def path_of(history: Sequence, initial, max_points: int = MAX_PATH_POINTS) -> np.ndarray:
    """The optimizer path (m, 2): the initial weights (charts.PATH_LEAD point), then the weights after each
    (thinned) step; finite only."""
    _, _, weights = series(history, max_points)  # float32, as torch keeps them: exact
    start = np.ravel(as_numpy(initial))[None, :]
    P = np.vstack([start, weights.reshape(-1, 2).astype(np.float64)])
    return P[np.isfinite(P).all(axis=1)]


def bands(Z: np.ndarray, levels: int = LANDSCAPE_LEVELS) -> np.ndarray:
    """Z rounded down to `levels` even steps: a heatmap of it reads like filled contours, at a fraction of a
    contour plot's cost to redraw (the landscape is redrawn with every live frame)."""
    lo, hi = float(Z.min()), float(Z.max())
    if not hi > lo:
        return Z
    step = (hi - lo) / levels
    return (lo + np.minimum(np.floor((Z - lo) / step), levels - 1) * step).astype(np.float32)


PATH_MARKERS = 60  # a dot per step on a short path; a long one is a line only (600 dots cost ~40 ms a redraw)


def axis_lines(centre, directions: np.ndarray, labels: Sequence[str], span: float) -> list[dict]:
    """The ellipses' axes through `centre` (the minimum): one dashed line per eigenvector of the Hessian (columns of
    `directions`, smallest curvature first), `span` long each way; the last, steepest, is the short axis."""
    c = np.ravel(as_numpy(centre)).astype(np.float64)
    lines = []
    for k, (label, dash, colour) in enumerate(zip(labels, ("dash", "dot"), ("#a8a8a8", "#ff4f79"))):
        d = np.asarray(directions, dtype=np.float64)[:, k]
        ends = np.stack([c - span * d, c + span * d])
        lines.append({"type": "scatter", "x": ends[:, 0], "y": ends[:, 1], "mode": "lines", "name": label,
                      "line": {"color": colour, "width": 2, "dash": dash}, "hoverinfo": "skip"})
    return lines


def landscape_figure(w1: np.ndarray, w2: np.ndarray, Z: np.ndarray, path: np.ndarray, target=None, *,
                     title: str = "Loss landscape", names: Sequence[str] = ("w[0,0]", "w[0,1]"),
                     labels: Sequence[str] = ("start", "now", "target", "path", "log10 loss"),
                     height: int = 460, live: bool = False, scale: float = 1.0,
                     axes: Optional[tuple[np.ndarray, Sequence[str]]] = None, plain: bool = False) -> go.Figure | dict:
    """Contours of log10(loss) over two weights, the path the optimizer took, start, current point and target;
    `live` (training runs): the path and the current point are live traces (the axes are the grid's); `axes`
    (the Hessian's eigenvectors and their names, target given): the ellipses' long and short axes through it."""
    start_l, now_l, target_l, path_l, z_l = labels
    logZ = np.log10(np.maximum(Z, 1e-12)).astype(np.float32)
    xy = f"{names[0]} %{{x:.3f}}<br>{names[1]} %{{y:.3f}}"
    data = [{"type": "heatmap", "x": w1, "y": w2, "z": bands(logZ), "customdata": logZ, "zsmooth": "fast",
             "colorscale": "Viridis", "reversescale": True,
             "colorbar": {"thickness": 12, "title": {"text": z_l, "side": "right"}},
             "hovertemplate": f"{xy}<br>{z_l} %{{customdata:.2f}}<extra></extra>"}]
    if axes is not None and target is not None and np.size(as_numpy(target)) == 2:
        span = float(max(w1[-1] - w1[0], w2[-1] - w2[0]))  # past every edge: the fixed axis ranges clip it
        data += axis_lines(target, axes[0], axes[1], span)
    P = np.asarray(path, dtype=np.float64).reshape(-1, 2)
    if len(P):
        first = len(data)
        data += [
            {"type": "scatter", "x": P[:, 0], "y": P[:, 1], "mode": "lines+markers" if len(P) <= PATH_MARKERS else "lines",
             "name": path_l, "line": {"color": "#ff9f1c", "width": 2}, "marker": {"size": 4, "color": "#ff9f1c"},
             "hovertemplate": f"{xy}<extra>{path_l}</extra>"},
            {"type": "scatter", "x": P[:1, 0], "y": P[:1, 1], "mode": "markers", "name": start_l,
             "marker": {"size": 11, "color": "white", "line": {"color": "black", "width": 2}},
             "hovertemplate": f"{xy}<extra>{start_l}</extra>"},
            {"type": "scatter", "x": P[-1:, 0], "y": P[-1:, 1], "mode": "markers", "name": now_l,
             "marker": {"size": 12, "color": "#d62728", "line": {"color": "white", "width": 1.5}},
             "hovertemplate": f"{xy}<extra>{now_l}</extra>"},
        ]
        for trace, name in zip(data[first:], ("path", "start", "now")):
            trace["uid"] = uid(name, live, name)
    if target is not None and np.size(as_numpy(target)) == 2:
        T = np.ravel(as_numpy(target))
        data.append({"type": "scatter", "x": T[:1], "y": T[1:], "mode": "markers", "name": target_l,
                     "marker": {"size": 16, "symbol": "star", "color": "#ffd700", "line": {"color": "black", "width": 1}},
                     "hovertemplate": f"{xy}<extra>{target_l}</extra>", "uid": uid("target", live, "target")})
    layout = {"title": {"text": title, "x": 0.02}, "height": height, "margin": {"l": 55, "r": 10, "t": 40 if title else 10,
              "b": 40}, "legend": {"orientation": "h", "y": -0.15},
              "xaxis": {"title": {"text": names[0]}, "range": [float(w1[0]), float(w1[-1])], "showgrid": False},
              "yaxis": {"title": {"text": names[1]}, "range": [float(w2[0]), float(w2[-1])], "showgrid": False}}
    return figure(*scaled(data, layout, scale), plain=plain)

