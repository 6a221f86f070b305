"""A colour input drawn in colour, not as the grey average of its channels: the picture, the window's outline, and
each pixel's R, G and B on hover (the channels' own maps are Explore's per-channel panels)."""

from __future__ import annotations

import base64
import hashlib
import io

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from convcore.memo import LruMemo
from convcore.plots.figures import IMAGE_MIN_SIDE, PICK_MAX_SIDE, PNG_MEMO_SIZE, Box, as_numpy, bare_figure, bare_spec
from convcore.plots.figures import framed, heatmap_layout

PICTURE_MAX_SIDE = 512  # the picture goes to the browser at most this many pixels a side (hover stays exact)


def colour_picture(X) -> np.ndarray:
    """A (3, H, W) array as an (H, W, 3) uint8 picture, its smallest value black and its largest white."""
    X = as_numpy(X)
    lo, hi = float(X.min()), float(X.max())
    if hi <= lo:
        return np.zeros((*X.shape[1:], 3), np.uint8)
    return ((np.moveaxis(X, 0, -1) - lo) / (hi - lo) * 255.0 + 0.5).astype(np.uint8)


_rgb_memo: LruMemo[bytes, str] = LruMemo(PNG_MEMO_SIZE)  # shared by every session's thread


def rgb_png_uri(picture: np.ndarray) -> str:
    """An (H, W, 3) uint8 picture as a PNG data URI, memoised on the content."""
    digest = hashlib.blake2b(picture.tobytes() + str(picture.shape).encode(), digest_size=16).digest()

    def encode() -> str:
        """The PNG, made when the memo lacks it."""
        buffer = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(picture), "RGB").save(buffer, format="PNG", compress_level=1)
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

    return _rgb_memo.get(digest, encode)


def channel_hover(X: np.ndarray) -> dict:
    """Invisible markers on (a regular sample of) the pixels: their R, G and B on hover."""
    _, rows, cols = X.shape
    step = max(1, -(-max(rows, cols) // PICK_MAX_SIDE))
    r, c = np.meshgrid(np.arange(0, rows, step), np.arange(0, cols, step), indexing="ij")
    values = X[:, r, c].reshape(3, -1).T
    text = [f"R {red:.3g}, G {green:.3g}, B {blue:.3g}" for red, green, blue in values]
    return {"type": "scatter", "mode": "markers", "x": c.ravel().astype(np.int32), "y": r.ravel().astype(np.int32),
            "text": text, "marker": {"size": 14 if step == 1 else 6, "opacity": 0, "symbol": "square"},
            "showlegend": False, "hovertemplate": "row %{y}, col %{x}<br>%{text}<extra></extra>"}


def colour_figure(X, title: str = "", *, boxes: tuple[tuple[Box, str], ...] = (), padding: tuple[int, int] = (0, 0),
                  height: int | None = None, scale: float = 1.0, plain: bool = False) -> go.Figure | dict:
    """A (3, H, W) input as a colour picture with the app's axes, outlines and padding frame (as array_figure, and as
    dicts with `plain`)."""
    X = as_numpy(X)
    _, rows, cols = X.shape
    step = max(1, -(-max(rows, cols) // PICTURE_MAX_SIDE))
    image = {"type": "image", "source": rgb_png_uri(colour_picture(X[:, ::step, ::step])), "x0": (step - 1) / 2,
             "dx": step, "y0": (step - 1) / 2, "dy": step, "hoverinfo": "skip"}
    layout = heatmap_layout(title, rows, cols, height, ticks=max(rows, cols) < IMAGE_MIN_SIDE, scale=scale)
    spec = {"data": [image, channel_hover(X)], "layout": framed(layout, rows, cols, boxes, padding)}
    return bare_spec(spec) if plain else bare_figure(spec)
