"""Pure Plotly figure builders (no Streamlit): heatmaps of X, K and Y with their real numbers."""

from __future__ import annotations

import base64
import io
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from PIL import Image
from plotly.colors import sample_colorscale

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


# --- Large arrays, click layers and outlines (the Explore page) ---------------------------------

IMAGE_MIN_SIDE = 49  # arrays with a side at least this long go to the browser as a PNG, not as numbers
PICK_MAX_SIDE = 64  # at most this many hover/click points per side on a large array
WINDOW_COLOUR = "#ff9f1c"  # orange outline: visible on grey and on red/blue
CELL_COLOUR = "#2ca02c"


@lru_cache(maxsize=8)
def colour_lut(scale: str) -> np.ndarray:
    """The Plotly colour scale sampled at 256 steps as a (256, 3) uint8 table."""
    colours = sample_colorscale(scale, list(np.linspace(0, 1, 256)))
    return np.array([[int(float(v)) for v in c[c.index("(") + 1:-1].split(",")[:3]] for c in colours], dtype=np.uint8)


def colour_range(A: np.ndarray, symmetric: bool) -> tuple[str, float, float]:
    """Colour scale name and (zmin, zmax): symmetric around zero, or min..max in grey."""
    if symmetric:
        bound = float(np.abs(A).max()) or 1.0
        return DIVERGING, -bound, bound
    lo, hi = float(A.min()), float(A.max())
    return "gray", lo, hi if hi > lo else lo + 1.0


def png_uri(A: np.ndarray, scale: str, zmin: float, zmax: float) -> str:
    """A palette PNG data URI of A coloured with `scale` between zmin and zmax (one byte per pixel)."""
    index = np.clip((A - zmin) / (zmax - zmin) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    img = Image.fromarray(index, "P")
    img.putpalette(colour_lut(scale).ravel().tolist())
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def grey_picture(A) -> np.ndarray:
    """A as a plain uint8 grey picture, min to black and max to white."""
    A = as_numpy(A)
    lo, hi = float(A.min()), float(A.max())
    return np.zeros(A.shape, np.uint8) if hi <= lo else ((A - lo) / (hi - lo) * 255.0 + 0.5).astype(np.uint8)


def pick_layer(A: np.ndarray, max_side: int = PICK_MAX_SIDE, colour: tuple[str, float, float] | None = None) -> go.Scatter:
    """Invisible markers on (a regular sample of) the cells: exact values on hover, and clickable."""
    rows, cols = A.shape
    step = max(1, -(-max(rows, cols) // max_side))
    r, c = np.meshgrid(np.arange(0, rows, step, dtype=np.int32), np.arange(0, cols, step, dtype=np.int32), indexing="ij")
    marker: dict = {"size": 14 if step == 1 else 6, "opacity": 0, "symbol": "square"}
    if colour is not None:  # carry the colour bar of an image figure
        scale, lo, hi = colour
        marker.update(color=A[r, c].ravel().astype(np.float32), colorscale=scale, cmin=lo, cmax=hi, showscale=True,
                      colorbar={"thickness": 12})
    return go.Scatter(
        x=c.ravel(), y=r.ravel(), customdata=A[r, c].ravel().astype(np.float32), mode="markers", marker=marker,
        hovertemplate="row %{y}, col %{x}<br>%{customdata:.4g}<extra></extra>", showlegend=False,
        selected={"marker": {"opacity": 0}}, unselected={"marker": {"opacity": 0}},
    )


def number_font(side: int) -> int:
    """Font size for numbers in cells: smaller as the array grows."""
    return 14 if side <= 6 else 12 if side <= 10 else 9


def array_figure(A, title: str = "", *, symmetric: bool = True, selectable: bool = False,
                 height: int | None = None) -> go.Figure:
    """Heatmap with numbers for small arrays, a PNG image with sampled exact hover for large ones."""
    A = as_numpy(A)
    rows, cols = A.shape
    side = max(rows, cols)
    if side < IMAGE_MIN_SIDE:
        fig = heatmap(A, title, symmetric=symmetric, height=height, font_size=number_font(side))
        if selectable:
            fig.update_traces(hoverinfo="skip", hovertemplate=None, selector={"type": "heatmap"})
            fig.add_trace(pick_layer(A))
        return fig
    colour = colour_range(A, symmetric)
    fig = go.Figure(go.Image(source=png_uri(A, *colour), x0=0, dx=1, y0=0, dy=1, hoverinfo="skip"))
    fig.add_trace(pick_layer(A, colour=colour))
    fig.update_layout(
        title={"text": title, "x": 0.02}, margin={"l": 30, "r": 10, "t": 40 if title else 10, "b": 30},
        height=height or int(min(520, max(180, 60 + 320 * rows / side))), hovermode="closest",
    )
    fig.update_yaxes(autorange="reversed", scaleanchor="x", constrain="domain", showgrid=False)
    fig.update_xaxes(constrain="domain", side="top", showgrid=False)
    return fig


def outline(fig: go.Figure, top: int, left: int, bottom: int, right: int, colour: str = WINDOW_COLOUR,
            dash: str = "solid") -> go.Figure:
    """Draw a rectangle around cells top..bottom x left..right (inclusive, data coordinates)."""
    fig.add_shape(type="rect", x0=left - 0.5, x1=right + 0.5, y0=top - 0.5, y1=bottom + 0.5,
                  line={"color": colour, "width": 3, "dash": dash}, fillcolor="rgba(0,0,0,0)")
    return fig


def show_padding(fig: go.Figure, rows: int, cols: int, padding: tuple[int, int]) -> go.Figure:
    """Widen the axes to include the zero padding and draw its border dotted."""
    ph, pw = padding
    if ph or pw:
        fig.update_xaxes(range=[-pw - 0.5, cols + pw - 0.5], autorange=False)
        fig.update_yaxes(range=[rows + ph - 0.5, -ph - 0.5], autorange=False)
        outline(fig, -ph, -pw, rows + ph - 1, cols + pw - 1, colour="#888888", dash="dot")
    return fig


def figure_bytes(fig: go.Figure) -> int:
    """Size in bytes of the figure's JSON, about what goes to the browser."""
    return len(fig.to_json().encode("utf-8"))
