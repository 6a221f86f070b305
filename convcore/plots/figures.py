"""Pure Plotly figure builders (no Streamlit): heatmaps of X, K and Y with their real numbers.

Figures are assembled as plain dicts and wrapped in go.Figure without validation: Plotly's validating
update path costs 20-40 ms per small figure, which a page with eight charts cannot afford.
"""

from __future__ import annotations

import base64
import hashlib
import io
from functools import lru_cache

import numpy as np
import plotly.graph_objects as go
from PIL import Image
from plotly.colors import get_colorscale, sample_colorscale

from convcore.memo import LruMemo

# ColorBrewer RdBu reversed: colour-blind safe, white at zero, blue negative, red positive.
DIVERGING = "RdBu_r"
SHORT_WIDTH = 4  # characters of a number in a crowded grid's cell (more overflow into the next cell)
NUMBERS_MAX_SIDE = 16
PRESENTER_NUMBERS_MAX_SIDE = 10  # in presenter mode numbers are written only where they are large enough to read
IMAGE_MIN_SIDE = 49  # arrays with a side at least this long go to the browser as a PNG, not as numbers
PICK_MAX_SIDE = 64  # at most this many click points per side on a large array (each is an SVG element)
HOVER_MAX_SIDE = 128  # at most this many hover cells per side on a large array (one transparent heatmap)
WINDOW_COLOUR = "#ff9f1c"  # orange outline: visible on grey and on red/blue
CELL_COLOUR = "#2ca02c"
PNG_MEMO_SIZE = 24
PRESENTER_PLOT_PX = 540  # plot width of a heatmap in a column of a 1080p projector (Explore's X and Y)
PRESENTER_MAX_HEIGHT = 640

Box = tuple[int, int, int, int]  # top, left, bottom, right (inclusive cell indices)


def as_numpy(A) -> np.ndarray:
    """A 2D float array from a tensor, array or nested list."""
    if hasattr(A, "detach"):
        A = A.detach().cpu().numpy()
    return np.asarray(A, dtype=np.float64)


def label_width(side: int) -> int:
    """How many characters a number may take in a cell of an array with this longer side."""
    return 7 if side <= 6 else 5 if side <= 10 else SHORT_WIDTH


def short_number(v: float, width: int = SHORT_WIDTH) -> str:
    """v with two decimals, or fewer until it fits `width` characters ('0.59', '-3.7', '0'); never '.59'."""
    for digits in (2, 1, 0):
        r = float(np.round(v, digits)) + 0.0  # + 0.0: no "-0"
        text = f"{r:.0f}" if r.is_integer() else f"{r:.{digits}f}".rstrip("0")
        if len(text) <= width or digits == 0:
            return text
    return text


def fitted_number(v: float, width: int) -> str:
    """v as the cells write it (number_text) when that fits `width` characters without an exponent, else shorter."""
    v = float(v) + 0.0
    text = f"{v:.0f}" if v.is_integer() else f"{v:.3g}"
    return text if len(text) <= width and "e" not in text else short_number(v, width)


def cell_labels(A: np.ndarray, width: int) -> list[list[str]]:
    """The numbers written in an array's cells, each at most `width` characters where it can be (fitted_number)."""
    return [[fitted_number(v, width) for v in row] for row in np.asarray(A, dtype=np.float64)]


def number_text(value: float) -> str:
    """One number the way the cells show it."""
    return cell_text(np.array([[value]]))[0][0]


def sum_text(values, names: list[str] | None = None) -> str:
    """Terms of a sum as text, negatives in brackets: '1 + (-0.42)', or 'R: 1 + G: (-2)' with names."""
    texts = [t if not t.startswith("-") else f"({t})" for row in cell_text(np.atleast_2d(values)) for t in row]
    return " + ".join(texts if names is None else [f"{n}: {t}" for n, t in zip(names, texts)])


def cell_text(A: np.ndarray) -> list[list[str]]:
    """Short labels for the cells: integers plainly, others with up to 3 significant digits."""
    A = np.asarray(A, dtype=np.float64) + 0.0  # + 0.0 turns -0 into 0
    return [[f"{v:.0f}" if float(v).is_integer() else f"{v:.3g}" for v in row] for row in A]


@lru_cache(maxsize=8)
def colour_scale(name: str) -> tuple[tuple[float, str], ...]:
    """A named Plotly colour scale as explicit (position, colour) stops (plotly.js knows no '_r' names)."""
    return tuple((float(p), c) for p, c in get_colorscale(name))


@lru_cache(maxsize=8)
def colour_lut(name: str) -> np.ndarray:
    """The colour scale sampled at 256 steps as a read-only (256, 3) uint8 table."""
    colours = sample_colorscale(name, list(np.linspace(0, 1, 256)))
    lut = np.array([[int(float(v)) for v in c[c.index("(") + 1:-1].split(",")[:3]] for c in colours], dtype=np.uint8)
    lut.flags.writeable = False  # one table shared by every session's thread
    return lut


def colour_range(A: np.ndarray, symmetric: bool, bounds: tuple[float, float] | None = None) -> tuple[str, float, float]:
    """Colour scale name and (zmin, zmax): symmetric around zero, or min..max (or the given bounds) in grey."""
    if bounds is not None and not symmetric:
        lo, hi = bounds
        return "gray", lo, hi if hi > lo else lo + 1.0
    if symmetric:
        bound = float(np.abs(A).max()) or 1.0
        return DIVERGING, -bound, bound
    lo, hi = float(A.min()), float(A.max())
    return "gray", lo, hi if hi > lo else lo + 1.0


_png_memo: LruMemo[bytes, str] = LruMemo(PNG_MEMO_SIZE)  # shared by every session's thread


def png_uri(A: np.ndarray, scale: str, zmin: float, zmax: float) -> str:
    """A palette PNG data URI of A coloured with `scale` (one byte per pixel), memoised on the content."""
    index = np.clip((A - zmin) / (zmax - zmin) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    digest = hashlib.blake2b(index.tobytes() + f"{index.shape}{scale}".encode(), digest_size=16).digest()

    def encode() -> str:
        """The PNG, made when the memo lacks it."""
        img = Image.fromarray(index, "P")
        img.putpalette(colour_lut(scale).ravel().tolist())
        buffer = io.BytesIO()
        img.save(buffer, format="PNG", compress_level=1)
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

    return _png_memo.get(digest, encode)


def grey_picture(A) -> np.ndarray:
    """A as a plain uint8 grey picture, min to black and max to white."""
    A = as_numpy(A)
    lo, hi = float(A.min()), float(A.max())
    return np.zeros(A.shape, np.uint8) if hi <= lo else ((A - lo) / (hi - lo) * 255.0 + 0.5).astype(np.uint8)


_grey_memo: LruMemo[bytes, bytes] = LruMemo(PNG_MEMO_SIZE)  # shared by every session's thread


def grey_png(A) -> bytes:
    """A as grey PNG bytes (min black, max white), memoised on the content so an unchanged picture costs a hash."""
    pic = grey_picture(A)
    digest = hashlib.blake2b(pic.tobytes() + str(pic.shape).encode(), digest_size=16).digest()

    def encode() -> bytes:
        """The PNG, made when the memo lacks it."""
        buffer = io.BytesIO()
        Image.fromarray(pic, "L").save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()

    return _grey_memo.get(digest, encode)


def bare_figure(spec: dict) -> go.Figure:
    """A figure from plain dicts, without Plotly's validation and without copying in the default template.

    Plotly puts its default template (Streamlit's, ~7 KB) into every figure: 8 ms to build, 6 ms to copy again in
    st.plotly_chart, 7 KB sent per chart. An empty one costs nothing, and the browser still themes the chart:
    Streamlit's frontend writes its theme into `layout.template.layout`.
    """
    return go.Figure(bare_spec(spec), _validate=False)


def bare_spec(spec: dict) -> dict:
    """A figure's dicts with the empty template bare_figure gives it (for convcore.plots.compose: no Figure built)."""
    spec["layout"].setdefault("template", {"layout": {}})
    return spec


def rect(box: Box, colour: str, dash: str = "solid") -> dict:
    """A rectangle shape around cells top..bottom x left..right."""
    top, left, bottom, right = box
    return {"type": "rect", "x0": left - 0.5, "x1": right + 0.5, "y0": top - 0.5, "y1": bottom + 0.5,
            "line": {"color": colour, "width": 3, "dash": dash}, "fillcolor": "rgba(0,0,0,0)"}


def marks(box: Box, side: int, colour: str) -> tuple[tuple[Box, str], ...]:
    """The outline of a box, plus a wider halo on large arrays where a few-pixel box would be invisible."""
    if side < IMAGE_MIN_SIDE:
        return ((box, colour),)
    grow = max(2, side // 40)
    top, left, bottom, right = box
    return ((box, colour), ((top - grow, left - grow, bottom + grow, right + grow), colour))


def enlarge_text(layout: dict, scale: float) -> None:
    """Set a layout's text to `scale` times its usual size: its font, title, legend, and each axis's tick labels and
    title (a chart's theme sizes those on its own, apart from the layout's font)."""
    size = round(12 * scale)
    layout["font"] = {"size": size}
    layout["title"] = {**layout.get("title", {}), "font": {"size": round(16 * scale)}}
    layout["legend"] = {**layout.get("legend", {}), "font": {"size": size}}
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {**layout.get(axis, {}), "tickfont": {"size": size}}
        if "title" in layout[axis]:
            layout[axis]["title"] = {**layout[axis]["title"], "font": {"size": round(14 * scale)}}


def scaled_fonts(layout: dict, scale: float) -> dict:
    """Enlarge a layout's text by `scale` (presenter mode), with room for it; scale 1 leaves the layout as it is."""
    if scale != 1:
        enlarge_text(layout, scale)
        margin = layout.get("margin", {})  # room for the larger title above the column numbers
        layout["margin"] = {**margin, "t": round(margin.get("t", 40) * scale),
                            "l": round(margin.get("l", 30) * scale), "r": round(margin.get("r", 10) * scale * 2)}
    return layout


def figure_height(rows: int, cols: int, scale: float = 1.0) -> int:
    """A heatmap's height in px for square cells: on a laptop about 320 px of plot for the longer side; in presenter
    mode enough for the plot to fill a column of a 1080p projector (PRESENTER_PLOT_PX wide)."""
    if scale == 1:
        return int(min(520, max(180, 60 + 320 * rows / max(rows, cols))))
    return int(min(PRESENTER_MAX_HEIGHT, 160 + PRESENTER_PLOT_PX * rows / cols))


def heatmap_layout(title: str, rows: int, cols: int, height: int | None, ticks: bool, scale: float = 1.0) -> dict:
    """Layout: title, margins, square cells, row 0 at the top, column numbers on top; text enlarged by scale (and a
    given height with it)."""
    every_tick = 32 if scale == 1 else 16  # numbered one by one up to this many (larger numbers need more room)
    return scaled_fonts({
        # at the very top, above the column numbers (which sit under it, at the top of the plot)
        "title": {"text": title, "x": 0.02, "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 4}},
        "margin": {"l": 30, "r": 10, "t": 56 if title else 10, "b": 30},
        "height": round(height * scale) if height else figure_height(rows, cols, scale),
        "hovermode": "closest",
        "xaxis": {"constrain": "domain", "side": "top", "showgrid": False, "zeroline": False,
                  **({"dtick": 1} if ticks and cols <= every_tick else {})},
        "yaxis": {"autorange": "reversed", "scaleanchor": "x", "constrain": "domain", "showgrid": False,
                  "zeroline": False, **({"dtick": 1} if ticks and rows <= every_tick else {})},
    }, scale)


def heatmap_trace(A: np.ndarray, symmetric: bool, numbers: bool, font_size: int, width: int = 7,
                  bounds: tuple[float, float] | None = None) -> dict:
    """A heatmap trace with the diverging (or grey) scale and, optionally, the numbers in the cells."""
    scale, zmin, zmax = colour_range(A, symmetric, bounds)
    trace = {
        "type": "heatmap", "z": A, "colorscale": colour_scale(scale), "zmin": zmin, "zmax": zmax,
        "hovertemplate": "row %{y}, col %{x}<br>%{z:.4g}<extra></extra>",
        "xgap": 1 if numbers else 0, "ygap": 1 if numbers else 0, "colorbar": {"thickness": 12},
        "showscale": not numbers,  # the numbers say the values: no colour bar beside them (on a phone, as tall as it)
    }
    if numbers:
        trace.update(text=cell_labels(A, width), texttemplate="%{text}",
                     textfont={"size": font_size})
    return trace


def heatmap(
    A,
    title: str = "",
    *,
    numbers: bool | None = None,
    symmetric: bool = True,
    height: int | None = None,
    font_size: int = 12,
    scale: float = 1.0,
) -> go.Figure:
    """A heatmap with row 0 at the top, a colour bar, zero at the neutral colour, numbers in small arrays."""
    A = as_numpy(A)
    rows, cols = A.shape
    if numbers is None:
        numbers = max(rows, cols) <= NUMBERS_MAX_SIDE
    spec = {"data": [heatmap_trace(A, symmetric, numbers, round(font_size * scale), label_width(max(rows, cols)))],
            "layout": heatmap_layout(title, rows, cols, height, ticks=True, scale=scale)}
    return bare_figure(spec)


def pick_trace(A: np.ndarray, colour: tuple[str, float, float] | None = None) -> dict:
    """Invisible markers on (a regular sample of) the cells: exact values on hover, and clickable."""
    rows, cols = A.shape
    step = max(1, -(-max(rows, cols) // PICK_MAX_SIDE))
    r, c = np.meshgrid(np.arange(0, rows, step, dtype=np.int32), np.arange(0, cols, step, dtype=np.int32),
                       indexing="ij")
    values = A[r, c].ravel().astype(np.float32)
    marker: dict = {"size": 14 if step == 1 else 6, "opacity": 0, "symbol": "square"}
    if colour is not None:  # carry the colour bar of an image figure
        scale, lo, hi = colour
        marker.update(color=values, colorscale=colour_scale(scale), cmin=lo, cmax=hi, showscale=True,
                      colorbar={"thickness": 12})
    return {"type": "scatter", "mode": "markers", "x": c.ravel(), "y": r.ravel(), "customdata": values,
            "marker": marker, "showlegend": False,
            "hovertemplate": "row %{y}, col %{x}<br>%{customdata:.4g}<extra></extra>",
            "selected": {"marker": {"opacity": 0}}, "unselected": {"marker": {"opacity": 0}}}


def hover_trace(A: np.ndarray, colour: tuple[str, float, float]) -> dict:
    """A transparent heatmap on a regular sample of the cells: exact values on hover and the colour bar.

    Cheap for the browser (one raster, not thousands of markers), but not clickable: Streamlit reports no
    selection on heatmaps, so clickable figures use pick_trace instead.
    """
    rows, cols = A.shape
    step = max(1, -(-max(rows, cols) // HOVER_MAX_SIDE))
    r, c = np.arange(0, rows, step, dtype=np.int32), np.arange(0, cols, step, dtype=np.int32)
    scale, lo, hi = colour
    return {"type": "heatmap", "x": c, "y": r, "z": A[np.ix_(r, c)].astype(np.float32), "opacity": 0,
            "colorscale": colour_scale(scale), "zmin": lo, "zmax": hi, "colorbar": {"thickness": 12},
            "hovertemplate": "row %{y}, col %{x}<br>%{z:.4g}<extra></extra>"}


def number_font(side: int) -> int:
    """Font size for numbers in cells: smaller as the array grows."""
    return 14 if side <= 6 else 12 if side <= 10 else 9


def array_figure(A, title: str = "", *, symmetric: bool = True, selectable: bool = False, height: int | None = None,
                 boxes: tuple[tuple[Box, str], ...] = (), padding: tuple[int, int] = (0, 0),
                 image_side: int | None = None, bounds: tuple[float, float] | None = None,
                 scale: float = 1.0, plain: bool = False) -> go.Figure | dict:
    """Heatmap with numbers for small arrays, a PNG image with sampled exact hover for large ones.

    boxes: (box, colour) outlines to draw; padding: show that many zero rows/columns around A;
    image_side: shrink the PNG of a large array to at most this many pixels per side (hover stays exact);
    bounds: grey scale range to use instead of A's own min..max (a window keeps the whole input's scale);
    scale: enlarge the numbers, titles and ticks (presenter mode);
    plain: the figure as dicts (bare_spec), no Plotly objects: what a chart drawn often sends (a kernel edit's charts).
    """
    A = as_numpy(A)
    rows, cols = A.shape
    side = max(rows, cols)
    if side < IMAGE_MIN_SIDE:
        numbers = side <= (NUMBERS_MAX_SIDE if scale == 1 else PRESENTER_NUMBERS_MAX_SIDE)
        trace = heatmap_trace(A, symmetric, numbers, round(number_font(side) * scale), label_width(side), bounds=bounds)
        data = [trace]
        if selectable:
            trace["hoverinfo"], trace["hovertemplate"] = "skip", None
            data.append(pick_trace(A))
    else:
        colour = colour_range(A, symmetric, bounds)
        step = max(1, -(-side // image_side)) if image_side else 1
        image = {"type": "image", "source": png_uri(A[::step, ::step], *colour), "x0": (step - 1) / 2, "dx": step,
                 "y0": (step - 1) / 2, "dy": step, "hoverinfo": "skip"}
        data = [image, pick_trace(A, colour) if selectable else hover_trace(A, colour)]
    layout = heatmap_layout(title, rows, cols, height, ticks=side < IMAGE_MIN_SIDE, scale=scale)
    spec = {"data": data, "layout": framed(layout, rows, cols, boxes, padding)}
    return bare_spec(spec) if plain else bare_figure(spec)


def framed(layout: dict, rows: int, cols: int, boxes: tuple[tuple[Box, str], ...], padding: tuple[int, int]) -> dict:
    """An array figure's layout with fixed ranges (the padding's zero rows and columns included), the padding's dotted
    frame and the outlines of `boxes`."""
    ph, pw = padding  # fixed ranges: the click markers must not widen the axes
    layout["xaxis"].update(range=[-pw - 0.5, cols + pw - 0.5], autorange=False)
    layout["yaxis"].update(range=[rows + ph - 0.5, -ph - 0.5], autorange=False)
    shapes = [rect(box, colour) for box, colour in boxes]
    if ph or pw:
        shapes.insert(0, rect((-ph, -pw, rows + ph - 1, cols + pw - 1), "#888888", "dot"))
    layout["shapes"] = shapes
    return layout


def outline(fig: go.Figure, top: int, left: int, bottom: int, right: int, colour: str = WINDOW_COLOUR,
            dash: str = "solid") -> go.Figure:
    """Draw a rectangle around cells top..bottom x left..right on an existing figure."""
    fig.add_shape(rect((top, left, bottom, right), colour, dash))
    return fig


def figure_bytes(fig: go.Figure) -> int:
    """Size in bytes of the figure's JSON, about what goes to the browser."""
    return len(fig.to_json().encode("utf-8"))
