"""Window maths for inspecting one output cell: which inputs it reads, their products and sum, step order."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from convcore.arrays import Plane, plane
from convcore.engine_numpy import correlate_array, is_small
from convcore.errors import ConvLabError
from convcore.shapes import OutputShape, output_shape


@dataclass(frozen=True)
class Settings:
    """Padding, stride and dilation as (rows, columns) pairs, and whether the kernel is flipped."""

    padding: tuple[int, int] = (0, 0)
    stride: tuple[int, int] = (1, 1)
    dilation: tuple[int, int] = (1, 1)
    flip: bool = False


@dataclass(frozen=True)
class Window:
    """The input positions one output cell reads: tap row/column indices (may lie in the padding)."""

    rows: np.ndarray  # (h,) input row index of each kernel row
    cols: np.ndarray  # (w,) input column index of each kernel column

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(top, left, bottom, right) input indices of the window's bounding box, inclusive."""
        return int(self.rows[0]), int(self.cols[0]), int(self.rows[-1]), int(self.cols[-1])


@dataclass(frozen=True)
class Products:
    """What one output cell is made of: window values, kernel used, element-wise products and sums."""

    i: int
    j: int
    window: Window
    values: np.ndarray  # (C, h, w) input values under the kernel (0 in the padding)
    kernel: np.ndarray  # (C, h, w) the kernel as applied (flipped in convolution mode)
    products: np.ndarray  # (C, h, w)
    sums: np.ndarray  # (C,) one sum per channel
    total: float  # the output value Y[i, j]


def as_chw(A: Any) -> np.ndarray:
    """A float64 (C, H, W) array from a 2D or 3D tensor/array."""
    if hasattr(A, "detach"):  # a torch tensor
        A = A.detach().cpu().numpy()
    A = np.asarray(A, dtype=np.float64)
    return A[None] if A.ndim == 2 else A


def shape_of(X: Any, K: Any, settings: Settings) -> OutputShape:
    """The output shape for input X (H, W)/(C, H, W) and kernel K (h, w)/(C, h, w)."""
    H, W = np.shape(X)[-2:]
    h, w = np.shape(K)[-2:]
    return output_shape(int(H), int(W), int(h), int(w), settings.padding, settings.stride, settings.dilation)


def window_of(i: int, j: int, shape: OutputShape) -> Window:
    """Input row/column indices read by output cell (i, j): i*s - p + a*d for each kernel tap a."""
    if not (0 <= i < shape.height and 0 <= j < shape.width):
        raise ConvLabError("explore_err_cell", i=i, j=j, h=shape.height, w=shape.width)
    rows = i * shape.stride[0] - shape.padding[0] + shape.dilation[0] * np.arange(shape.k[0])
    cols = j * shape.stride[1] - shape.padding[1] + shape.dilation[1] * np.arange(shape.k[1])
    return Window(rows, cols)


def products(X: Any, K: Any, i: int, j: int, settings: Settings = Settings()) -> Products:
    """The window of X under K at output (i, j), the products and their sum (equal to Y[i, j])."""
    x, k = as_chw(X), as_chw(K)
    if k.shape[0] == 1 and x.shape[0] > 1:
        k = np.repeat(k, x.shape[0], axis=0)
    if k.shape[0] != x.shape[0]:
        raise ConvLabError("err_channels", kc=k.shape[0], xc=x.shape[0])
    if settings.flip:
        k = k[:, ::-1, ::-1]
    shape = shape_of(x, k, settings)
    win = window_of(i, j, shape)
    H, W = x.shape[-2:]
    inside_r = (win.rows >= 0) & (win.rows < H)
    inside_c = (win.cols >= 0) & (win.cols < W)
    values = np.zeros(k.shape)
    rr, cc = np.ix_(np.flatnonzero(inside_r), np.flatnonzero(inside_c))
    values[:, rr, cc] = x[:, win.rows[inside_r]][:, :, win.cols[inside_c]]
    prods = values * k
    sums = prods.sum(axis=(1, 2))
    return Products(i, j, win, values, np.ascontiguousarray(k), prods, sums, float(sums.sum()))


def slice_text(i: int, j: int, shape: OutputShape) -> str:
    """The notebook's slice for cell (i, j), e.g. 'X[0:1, 1:3]' (on the padded input 'Xp' when padded)."""
    parts = []
    for axis, start_index in ((0, i), (1, j)):
        start = start_index * shape.stride[axis]
        d = shape.dilation[axis]
        stop = start + d * (shape.k[axis] - 1) + 1
        parts.append(f"{start}:{stop}" + (f":{d}" if d != 1 else ""))
    name = "Xp" if any(shape.padding) else "X"
    return f"{name}[{parts[0]}, {parts[1]}]"


def unused_indices(shape: OutputShape, axis: int) -> list[int]:
    """Input rows (axis 0) or columns (axis 1) that no window ever reads."""
    n = shape.n[axis]
    if shape.size(axis) < 1:
        return list(range(n))
    starts = np.arange(shape.size(axis)) * shape.stride[axis] - shape.padding[axis]
    taps = shape.dilation[axis] * np.arange(shape.k[axis])
    used = np.zeros(n, dtype=bool)
    touched = (starts[:, None] + taps[None, :]).ravel()
    used[touched[(touched >= 0) & (touched < n)]] = True
    return np.flatnonzero(~used).tolist()


def ranges_text(indices: Sequence[int]) -> str:
    """Indices as compact ranges: [0, 1, 2, 5] -> '0-2, 5'."""
    runs: list[tuple[int, int]] = []
    for k in indices:
        if runs and runs[-1][1] == k - 1:
            runs[-1] = (runs[-1][0], k)
        else:
            runs.append((k, k))
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def cell_at(position: int, shape: OutputShape) -> tuple[int, int]:
    """The output cell visited at step `position` of a row-by-row walk."""
    position = min(max(int(position), 0), shape.height * shape.width - 1)
    return divmod(position, shape.width)


def position_of(i: int, j: int, shape: OutputShape) -> int:
    """The step number of output cell (i, j) in a row-by-row walk."""
    return int(i) * shape.width + int(j)


def cell_from_points(points: Sequence[dict], shape: OutputShape) -> tuple[int, int] | None:
    """The output cell of the first clicked chart point ({'x': col, 'y': row}), clamped; None if none."""
    for point in points or []:
        x, y = point.get("x"), point.get("y")
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            # Cell k is drawn from k - 0.5 up to k + 0.5: its top and left edges are its own. round() takes halves
            # to the even neighbour, so it gave every other edge to the cell before (cell 1's edge 0.5 to cell 0).
            i = min(max(math.floor(y + 0.5), 0), shape.height - 1)
            j = min(max(math.floor(x + 0.5), 0), shape.width - 1)
            return i, j
    return None


def stack_kernels(kernels: Sequence[np.ndarray]) -> np.ndarray:
    """Per-channel kernels as one (C, h, w) array; all must have the same size."""
    shapes = {np.shape(k) for k in kernels}
    if len(shapes) != 1:
        raise ConvLabError("explore_err_kernel_shapes", shapes=", ".join(f"{a}x{b}" for a, b in sorted(shapes)))
    return np.stack([np.asarray(k, dtype=np.float32) for k in kernels])


def channel_outputs(X: Any, K: np.ndarray, settings: Settings) -> tuple[list[Plane], Plane]:
    """Correlate each channel of X with its kernel (or the shared 2D one): the per-channel maps and their sum."""
    kw = {"padding": settings.padding, "stride": settings.stride, "dilation": settings.dilation, "flip": settings.flip}
    if np.ndim(X) == 2:
        Y = plane(correlate_array(X, K if np.ndim(K) == 2 else K[0], **kw))
        return [Y], Y
    kernels = [K] * X.shape[0] if np.ndim(K) == 2 else list(K)
    if len(kernels) != X.shape[0]:
        raise ConvLabError("err_channels", kc=len(kernels), xc=X.shape[0])
    maps = [plane(correlate_array(X[c], kernels[c], **kw)) for c in range(X.shape[0])]
    if is_small(X):  # summed over the channels in float64 and rounded once, as a float32 conv2d should be
        return maps, plane(correlate_array(X, K, **kw))
    return maps, np.stack(maps).sum(axis=0).view(Plane)


def layer_outputs(X: Any, kernels: Sequence[np.ndarray], settings: Settings) -> tuple[list[list[Plane]], Plane]:
    """One output map per output channel's kernel (book 6.4.2): each one's per-input-channel maps, and Y (O, H', W')."""
    results = [channel_outputs(X, K, settings) for K in kernels]
    return [maps for maps, _ in results], np.stack([Y for _, Y in results]).view(Plane)


def layer_weights(kernels: Sequence[np.ndarray], channels: int) -> np.ndarray:
    """nn.Conv2d's (O, C, h, w) weights from each output channel's (h, w) kernel (shared) or (C, h, w) kernels."""
    return np.stack([np.broadcast_to(K, (channels, *np.shape(K)[-2:])) for K in kernels]).astype(np.float32)
