"""Pure Plotly figure builders (no Streamlit): heatmaps of X, K and Y with their real numbers."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

# ColorBrewer RdBu reversed: colour-blind safe, white at zero, blue negative, red positive.
DIVERGING = "RdBu_r"
NUMBERS_MAX_SIDE = 16


def as_numpy(A) -> np.ndarray:
    """A 2D float array from a tensor, array or nested list."""
    if hasattr(A, "detach"):
        A = A.detach().cpu().numpy()
    return np.asarray(A, dtype=np.float64)


def cell_text(A: np.ndarray) -> list[list[str]]:
    """Short labels for the cells: integers plainly, others with up to 3 significant digits."""
    return [[f"{v:.0f}" if float(v).is_integer() else f"{v:.3g}" for v in row] for row in A]


def heatmap(
    A,
    title: str = "",
    *,
    numbers: bool | None = None,
    symmetric: bool = True,
    height: int | None = None,
    font_size: int = 12,
) -> go.Figure:
    """A heatmap with row 0 at the top, a colour bar, zero at the neutral colour, numbers in small arrays."""
    A = as_numpy(A)
    rows, cols = A.shape
    if numbers is None:
        numbers = max(rows, cols) <= NUMBERS_MAX_SIDE
    bound = float(np.abs(A).max()) or 1.0
    trace = go.Heatmap(
        z=A,
        colorscale=DIVERGING if symmetric else "gray",
        zmin=-bound if symmetric else float(A.min()),
        zmax=bound if symmetric else float(A.max()),
        zmid=0 if symmetric else None,
        hovertemplate="row %{y}, col %{x}<br>%{z:.4g}<extra></extra>",
        xgap=1 if numbers else 0,
        ygap=1 if numbers else 0,
        colorbar={"thickness": 12},
    )
    if numbers:
        trace.update(text=cell_text(A), texttemplate="%{text}", textfont={"size": font_size})
    fig = go.Figure(trace)
    fig.update_layout(
        title={"text": title, "x": 0.02},
        margin={"l": 30, "r": 10, "t": 40 if title else 10, "b": 30},
        height=height or int(min(520, max(180, 60 + 320 * rows / max(rows, cols)))),
    )
    fig.update_yaxes(autorange="reversed", scaleanchor="x", constrain="domain", dtick=1 if rows <= 32 else None)
    fig.update_xaxes(constrain="domain", dtick=1 if cols <= 32 else None, side="top")
    return fig
