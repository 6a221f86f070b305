"""A canvas drawing (RGBA bytes) as X at a working resolution, in exact arithmetic that the browser can redo.

Each cell of X is the mean of a box of canvas pixels (area boxes to shrink, torch's `nearest` pixel to enlarge, as
convcore.images.resize_long_side), computed from the integer sums of colour x alpha and divided once: the same float32
numbers whatever the order of the sums. static/canvas_preview.js computes the same numbers from the canvas in the page.
"""

from __future__ import annotations

import numpy as np

from convcore.arrays import Plane, plane
from convcore.images import nearest_rows

FULL = 255 * 255  # white at full opacity: colour x alpha


def working_size(h: int, w: int, side: int) -> tuple[int, int]:
    """(H, W) of an h x w image whose long side becomes `side` pixels (as convcore.images.resize_long_side)."""
    scale = side / max(h, w)
    return max(1, round(h * scale)), max(1, round(w * scale))


def axis_boxes(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Start and stop of the input pixels of each of m outputs from n: area boxes down, the nearest pixel up."""
    if m > n:
        start = nearest_rows(n, m)
        return start, start + 1
    i = np.arange(m)
    return (i * n) // m, -(-((i + 1) * n) // m)


def box_sums(P: np.ndarray, rows: tuple[np.ndarray, np.ndarray], cols: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Integer sums of P (H, W) over each box rows x cols, through its summed-area table."""
    S = np.zeros((P.shape[0] + 1, P.shape[1] + 1), dtype=np.int64)
    S[1:, 1:] = P.astype(np.int64).cumsum(axis=0).cumsum(axis=1)
    (r0, r1), (c0, c1) = rows, cols
    return S[r1][:, c1] - S[r0][:, c1] - S[r1][:, c0] + S[r0][:, c0]


def drawing_plane(rgba: np.ndarray, side: int, color: bool) -> Plane:
    """Canvas pixels (H, W, 4) as X in [0, 1] with long side `side`: (H', W') grey, or (3, H', W') with `color`."""
    rgba = np.asarray(rgba, dtype=np.int64)
    h, w = rgba.shape[:2]
    H, W = working_size(h, w, side)
    rows, cols = axis_boxes(h, H), axis_boxes(w, W)
    count = (rows[1] - rows[0])[:, None] * (cols[1] - cols[0])[None, :]
    weighted = rgba[..., :3] * rgba[..., 3:4]
    if color:
        return plane(np.stack([box_sums(weighted[..., c], rows, cols) / (FULL * count) for c in range(3)]))
    return plane(box_sums(weighted.sum(axis=2), rows, cols) / (3 * FULL * count))
