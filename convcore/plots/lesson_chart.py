"""The Lesson's training chart (step 6): the loss and each weight per iteration, the target weights dashed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import plotly.graph_objects as go

if TYPE_CHECKING:  # convcore.training imports torch; the figures do not need it
    from convcore.training import Record

COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")


def reading_order(A: Any) -> list[float]:
    """A kernel's values in reading order."""
    return np.asarray(A, dtype=np.float64).ravel().tolist()


def training_figure(records: Sequence[Record], target: Any, height: int = 320, scale: float = 1.0) -> go.Figure:
    """Loss (left axis, log) and each weight (right axis) per iteration, the target weights dashed; text and lines
    enlarged by `scale` (presenter mode)."""
    steps = [r.step for r in records]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=steps, y=[r.loss for r in records], name="loss", mode="lines+markers",
                             line={"color": "#222222", "width": 3}))
    weights = [reading_order(r.weights) for r in records]
    for n, value in enumerate(reading_order(target)):
        color = COLORS[n % len(COLORS)]
        fig.add_trace(go.Scatter(x=steps, y=[w[n] for w in weights], name=f"w{n + 1}",
                                 mode="lines+markers", yaxis="y2", line={"color": color}))
        fig.add_hline(y=value, line={"color": color, "dash": "dot", "width": 1}, yref="y2")
    fig.update_layout(
        height=height, margin={"l": 50, "r": 50, "t": 20, "b": 40}, legend={"orientation": "h", "y": -0.2},
        xaxis={"title": "iteration", "range": [0.5, max(steps[-1] if steps else 0, 10) + 0.5], "dtick": 1},
        yaxis={"title": "loss", "type": "log", "dtick": 1, "exponentformat": "none"},
        yaxis2={"title": "w", "overlaying": "y", "side": "right", "zeroline": True, "dtick": 0.5, "tickformat": ".1f"},
    )
    if scale != 1:
        size = round(12 * scale)
        fig.update_layout(font={"size": size}, height=round(height * scale), legend={"font": {"size": size}},
                          margin={"l": round(50 * scale), "r": round(50 * scale), "t": 20, "b": round(40 * scale)})
        for axis in ("xaxis", "yaxis", "yaxis2"):
            fig.update_layout({axis: {"tickfont": {"size": size}, "title": {"font": {"size": size}}}})
    return fig
