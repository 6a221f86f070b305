"""Pure Plotly builders for the Train page (no Streamlit): loss, weights, learned vs target.

Also the small computations the page needs around them: evenly thinned series from a long history, the error of
the learned kernel, the output it produces, and the pinned axes of a chart redrawn while training runs. The loss
landscape, built on these helpers, is convcore.plots.landscape.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import qualitative

from convcore.plots.figures import (DIVERGING, as_numpy, bare_figure, bare_spec, cell_labels, enlarge_text,
                                    label_width)

PALETTE: tuple[str, ...] = tuple(qualitative.D3)  # 10 distinct colours, one per weight
MAX_POINTS = 600  # at most this many points per line go to the browser (about one per pixel of a chart)
NOISE = 1e-4  # a learned value this small next to the largest is float noise: a learned 0 reads 0
MAX_WEIGHT_LINES = 9  # kernels with more weights (larger than 3x3) are shown as heatmaps instead
UIREVISION = "convlab-train"  # keeps the user's zoom while the chart redraws


# --- Series from a history ----------------------------------------------------------------------


def sample_indices(n: int, max_points: int = MAX_POINTS) -> np.ndarray:
    """Up to max_points evenly spread indices of range(n), always the first and the last."""
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    if n <= max_points:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, max(2, max_points)).round().astype(np.int64))


def series(history: Sequence, max_points: int = MAX_POINTS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(steps, losses, weights (m, h, w)) of an evenly thinned history of records (.step, .loss, .weights).

    Steps as int32 and weights as float32: half the bytes to the browser, and plenty for a chart."""
    idx = sample_indices(len(history), max_points)
    picked = [history[i] for i in idx]
    steps = np.array([r.step for r in picked], dtype=np.int32)
    losses = np.array([r.loss for r in picked], dtype=np.float64)
    weights = np.array([r.weights for r in picked], dtype=np.float32) if picked else np.zeros((0, 0, 0), np.float32)
    return steps, losses, weights


def weight_name(i: int, j: int) -> str:
    """The label of weight (i, j), as the notebook indexes it."""
    return f"w[{i},{j}]"


def colour(k: int) -> str:
    """The colour of the k-th weight (row-major)."""
    return PALETTE[k % len(PALETTE)]


def shows_lines(kernel_shape: Sequence[int]) -> bool:
    """One line per weight for kernels up to 3x3 (9 weights); larger ones get a heatmap."""
    return kernel_shape[0] * kernel_shape[1] <= MAX_WEIGHT_LINES


def same_shape(A, B) -> bool:
    """True when B exists and has A's shape."""
    return B is not None and np.shape(as_numpy(A)) == np.shape(as_numpy(B))


def figure(data: list[dict], layout: dict, plain: bool = False) -> go.Figure | dict:
    """A figure from plain dicts, skipping Plotly's validation and its default template (as Explore's figures:
    the browser themes the chart; copying the template cost about 2 ms a panel, three panels ten times a second).
    `plain`: the same figure left as dicts, for convcore.plots.compose to combine (building the Figures a live frame
    combines took about a seventh of the server's time for the frame)."""
    spec = {"data": data, "layout": layout}
    return bare_spec(spec) if plain else bare_figure(spec)


def line_chart_layout(title: str, height: int, x_title: str, y_title: str, **extra) -> dict:
    """Shared look: small margins, a title on the left, zoom kept across redraws."""
    return {"title": {"text": title, "x": 0.02}, "height": height, "margin": {"l": 55, "r": 10, "t": 40, "b": 45},
            "uirevision": UIREVISION, "hovermode": "closest",
            "xaxis": {"title": {"text": x_title}, "rangemode": "tozero"}, "yaxis": {"title": {"text": y_title}}, **extra}


def scaled(data: list[dict], layout: dict, scale: float) -> tuple[list[dict], dict]:
    """Thicker lines, bigger markers and larger text for a projector (presenter mode); scale 1 changes nothing."""
    if scale != 1:
        for trace in data:
            if "line" in trace:
                trace["line"] = {**trace["line"], "width": trace["line"].get("width", 2) * scale}
            if "size" in trace.get("marker", {}):
                trace["marker"] = {**trace["marker"], "size": trace["marker"]["size"] * scale}
        enlarge_text(layout, scale)
        layout["margin"] = {k: round(v * scale) for k, v in layout.get("margin", {}).items()}
    return data, layout


# --- Pinned axes while training runs --------------------------------------------------------------
# While training runs, each frame's axes stay as they were until the data leaves them, and the line and marker traces
# carry a LIVE_UID (the moving ones, and those drawn over them, so that the canvas keeps Plotly's order): the browser
# then redraws only those traces, on a canvas over the chart, instead of the whole figure
# (static/live_chart/fast_lane.js). A full Plotly redraw of the three panels costs 60 to 90 ms in a busy page; the
# lines alone cost 1 to 3 ms.
#
# The browser learns which traces are live, and what each one is, from data (live_contract, sent beside the figure
# by ui/components/live_chart.py), never from trace names: the uid prefix, each live trace's role by uid, and PATH_LEAD.

LIVE_UID = "convlab-live-"
STILL_UID = "convlab-"  # the same traces when training does not run: Plotly.react would keep the old uid otherwise
# What a live trace is, for the browser drawing a frame in steps (static/live_chart/subframes.js): the loss line (its
# x are the steps) and each weight's line are cut at a step; the optimizer's path too, at the same point, and the
# current point ("now") moves to its end; targets and the path's start stay as they are.
LIVE_ROLES = ("loss", "weight", "target", "path", "start", "now")
# The optimizer's path (convcore.plots.landscape.path_of) starts with the initial weights: this many points before the
# one of the loss line's first step.
PATH_LEAD = 1


def uid(name: str, live: bool, role: str) -> str:
    """The uid of a trace that moves while training runs: marked live then (with its role, one of LIVE_ROLES),
    plain otherwise (Plotly.js puts uids into CSS selectors: letters, digits, _ and - only)."""
    if role not in LIVE_ROLES:
        raise ValueError(f"unknown live trace role {role!r}")
    name = re.sub(r"[^A-Za-z0-9_-]", "_", name)
    return f"{LIVE_UID}{role}-{name}" if live else STILL_UID + name


def live_role(trace_uid: object) -> Optional[str]:
    """The role uid() gave a live trace; None for any other uid."""
    if not isinstance(trace_uid, str) or not trace_uid.startswith(LIVE_UID):
        return None
    role = trace_uid[len(LIVE_UID):].partition("-")[0]
    return role if role in LIVE_ROLES else None


def live_contract(data: Sequence) -> Optional[dict]:
    """What the browser needs to know of a figure's live traces (its `data`, trace dicts or Plotly traces):
    {"prefix": LIVE_UID, "roles": {uid: role}, "path_lead": PATH_LEAD}; None when no trace is live."""
    roles = {}
    for trace in data:
        trace_uid = trace.get("uid") if isinstance(trace, dict) else getattr(trace, "uid", None)
        role = live_role(trace_uid)
        if role is not None:
            roles[trace_uid] = role
    return {"prefix": LIVE_UID, "roles": roles, "path_lead": PATH_LEAD} if roles else None


NICE = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0)  # axis ends (times a power of ten)
HEADROOM = 1.25  # the step axis ends at least this far past the last step


def nice_above(x: float) -> float:
    """The smallest 1, 1.5, 2, 3, 4, 5, 6 or 8 times a power of ten that is at least x (x > 0)."""
    power = 10.0 ** math.floor(math.log10(x))
    for m in NICE + (10.0,):
        if m * power >= x * (1 - 1e-12):
            return m * power
    return 10 * power


def live_steps_range(last_step: int, goal: int) -> list[float]:
    """[0, end] for the step axis: past the last step with headroom, never past the goal (unless the last step is)."""
    end = min(nice_above(max(last_step, 1) * HEADROOM), max(goal, 1))
    return [0.0, float(max(end, last_step, 1))]


def live_value_range(values, log: bool = False) -> Optional[list[float]]:
    """A range that holds the finite values (positive ones on a log axis, in decades) with a margin, its ends on a
    grid so that it changes only when a value leaves it; None when there is no value to hold."""
    v = np.asarray(values, dtype=np.float64).ravel()
    v = v[np.isfinite(v) & (v > 0)] if log else v[np.isfinite(v)]
    if not len(v):
        return None
    lo, hi = float(v.min()), float(v.max())
    if log:
        return [math.floor(math.log10(lo)) - 1.0, float(math.ceil(math.log10(hi) + 0.05))]  # a decade to fall into
    span = max(hi - lo, abs(hi), abs(lo), 0.1)
    unit = nice_above(span) / 10
    lo, hi = lo - 0.08 * span, hi + 0.08 * span
    return [math.floor(lo / unit) * unit, math.ceil(hi / unit) * unit]


def pin(layout: dict, axis: str, value_range: Optional[list[float]]) -> None:
    """Fix an axis of a layout to a range (no autorange); None leaves it as it was."""
    if value_range is not None:
        layout[axis] = {**layout.get(axis, {}), "range": value_range, "autorange": False}


# --- Charts while training ----------------------------------------------------------------------


def loss_figure(history: Sequence, *, log: bool = False, title: str = "Loss", x_title: str = "step",
                y_title: str = "loss", height: int = 320, max_points: int = MAX_POINTS, scale: float = 1.0,
                live_goal: Optional[int] = None, plain: bool = False) -> go.Figure | dict:
    """The loss per step as a line; a log y axis when `log` (non-positive losses are left out there); pinned axes
    and a live line while training runs toward `live_goal` steps."""
    steps, losses, _ = series(history, max_points)
    if log:
        losses = np.where(losses > 0, losses, np.nan)
    trace = {"type": "scatter", "x": steps, "y": losses, "mode": "lines+markers" if len(steps) <= 60 else "lines",
             "name": y_title, "line": {"color": "#1f77b4", "width": 2}, "marker": {"size": 5},
             "hovertemplate": f"{x_title} %{{x}}<br>{y_title} %{{y:.4g}}<extra></extra>"}
    layout = line_chart_layout(title, height, x_title, y_title, showlegend=False)
    layout["yaxis"].update(type="log" if log else "linear", exponentformat="power" if log else "none")
    if not log:
        layout["yaxis"]["tickformat"] = ",.6~g"  # short labels however large the loss: 20, 1,500, 3.52e+7
    trace["uid"] = uid("loss", live_goal is not None, "loss")
    if live_goal is not None:
        pin(layout, "xaxis", live_steps_range(int(steps[-1]) if len(steps) else 0, live_goal))
        pin(layout, "yaxis", live_value_range(losses, log=True) if log else
            live_value_range(np.append(losses, 0.0)) if np.isfinite(losses).any() else None)
    if not log and not np.isfinite(losses).any():
        pin(layout, "yaxis", [0.0, 1.0])  # no loss yet: an axis from 0 (Plotly's empty axis runs from -1 to 4)
    return figure(*scaled([trace], layout, scale), plain=plain)


def weights_figure(history: Sequence, target=None, *, initial=None, title: str = "Weights", x_title: str = "step",
                   y_title: str = "value", target_label: str = "target", height: int = 320,
                   max_points: int = MAX_POINTS, scale: float = 1.0, live_goal: Optional[int] = None,
                   plain: bool = False) -> go.Figure | dict:
    """Each learned weight as its own line, from the `initial` weights at step 0 when given (where the landscape's
    path starts); its target (when the shapes match) as a dashed line of the same colour; pinned axes and live lines
    while training runs toward `live_goal` steps."""
    steps, _, weights = series(history, max_points)
    if initial is not None:
        start = as_numpy(initial).astype(np.float32)
        if not len(weights) or weights.shape[1:] == start.shape:
            steps = np.concatenate([[0], steps]).astype(np.int32)
            weights = np.concatenate([start[None], weights.reshape(-1, *start.shape)])
    T = None if target is None else as_numpy(target)
    shape = weights.shape[1:] if len(weights) else T.shape if T is not None else (0, 0)
    if T is not None and T.shape != tuple(shape):
        T = None
    last = max(int(steps[-1]) if len(steps) else 1, 1)
    x_range = None if live_goal is None else live_steps_range(last, live_goal)
    if x_range is not None:
        last = x_range[1]  # the dashed targets span the pinned axis: they stay as they are from frame to frame
    data = []
    for k, (i, j) in enumerate(np.ndindex(*shape)):
        name = weight_name(i, j)
        data.append({"type": "scatter", "x": steps, "y": weights[:, i, j] if len(weights) else [],
                     "mode": "lines" if len(steps) > 1 else "markers",  # before training: the start as a point
                     "name": name, "legendgroup": name, "line": {"color": colour(k), "width": 2},
                     "hovertemplate": f"{name} %{{y:.4g}}<br>{x_title} %{{x}}<extra></extra>"})
        data[-1]["uid"] = uid(name, x_range is not None, "weight")
        if T is not None:
            value = float(T[i, j])
            data.append({"type": "scatter", "x": [0, last], "y": [value, value], "mode": "lines",
                         "name": f"{name} {target_label}", "legendgroup": name, "showlegend": False,
                         "line": {"color": colour(k), "width": 1.5, "dash": "dash"}, "hoverinfo": "skip",
                         "uid": uid(f"{name}_target", x_range is not None, "target")})
    layout = line_chart_layout(title, height, x_title, y_title, legend={"orientation": "v", "x": 1.01, "y": 1})
    if x_range is not None:
        pin(layout, "xaxis", x_range)
        pin(layout, "yaxis", live_value_range(np.concatenate([weights.ravel(), [] if T is None else T.ravel()])))
    return figure(*scaled(data, layout, scale), plain=plain)


def kernel_compare_figure(learned, target=None, *, titles: Sequence[str] = ("learned", "target"),
                          height: int = 320) -> go.Figure:
    """The learned kernel beside the target as heatmaps on one shared colour scale (white at zero)."""
    panels = [as_numpy(learned)] + ([as_numpy(target)] if target is not None else [])
    bound = max(float(np.abs(P).max()) for P in panels) or 1.0
    numbers = max(panels[0].shape) <= 8
    n, gap = len(panels), 0.08
    width = (1 - gap * (n - 1)) / n
    data, layout = [], {"height": height, "margin": {"l": 30, "r": 10, "t": 50, "b": 20}, "uirevision": UIREVISION,
                        "annotations": []}
    for c, P in enumerate(panels):
        suffix = "" if c == 0 else str(c + 1)
        trace = {"type": "heatmap", "z": P, "colorscale": DIVERGING, "zmin": -bound, "zmax": bound, "zmid": 0,
                 "showscale": c == n - 1, "colorbar": {"thickness": 12}, "xgap": 1, "ygap": 1,
                 "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
                 "hovertemplate": "row %{y}, col %{x}<br>%{z:.4g}<extra></extra>"}
        if numbers:
            trace.update(text=cell_labels(P, label_width(max(P.shape))), texttemplate="%{text}", textfont={"size": 11})
        data.append(trace)
        x0 = c * (width + gap)
        layout[f"xaxis{suffix}"] = {"domain": [x0, x0 + width], "side": "top", "constrain": "domain",
                                    "anchor": f"y{suffix}"}
        layout[f"yaxis{suffix}"] = {"autorange": "reversed", "scaleanchor": f"x{suffix}", "constrain": "domain",
                                    "anchor": f"x{suffix}"}
        layout["annotations"].append({"text": titles[c], "x": x0 + width / 2, "y": 1.0, "xref": "paper",
                                      "yref": "paper", "yanchor": "bottom", "yshift": 22, "showarrow": False})
    return figure(data, layout)


# --- The result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class KernelGap:
    """How far the learned kernel is from the target."""

    max_abs: float
    rmse: float


def kernel_error(learned, target) -> Optional[KernelGap]:
    """The largest absolute and the root-mean-square difference; None when the shapes differ or no target."""
    if not same_shape(learned, target):
        return None
    D = as_numpy(learned) - as_numpy(target)
    return KernelGap(float(np.abs(D).max()), float(np.sqrt((D ** 2).mean())))


def without_noise(A, scale: Optional[float] = None, relative: float = NOISE) -> np.ndarray:
    """A with its float noise shown as 0: values under `relative` times `scale` (A's largest magnitude)."""
    A = np.asarray(A, dtype=np.float64)
    scale = float(np.abs(A).max(initial=0.0)) if scale is None else scale
    return np.where(np.abs(A) < relative * scale, 0.0, A) + 0.0  # + 0.0: no "-0"


def learned_output(trainer) -> tuple[np.ndarray, np.ndarray]:
    """(X ⋆ learned, Y), both cropped to the region the loss compares."""
    from convcore.engine import correlate
    from convcore.training import crop_to

    Y_hat = correlate(trainer.X, np.asarray(trainer.weights, dtype=np.float32), method="direct")
    return (crop_to(Y_hat, trainer.fit_shape).numpy().astype(np.float64),
            crop_to(trainer.Y, trainer.fit_shape).numpy().astype(np.float64))
