"""Kernel presets (each with a bilingual name and description), parsing and validation of user kernels."""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from convcore.errors import KernelError
from convcore.limits import LIMITS

MAX_KERNEL_SIDE = LIMITS.max_kernel_side
MAX_ABS_VALUE = 1e6

PRESETS: dict[str, list[list[float]]] = {
    "edge_book": [[1, -1]],
    "edge_book_t": [[1], [-1]],
    "sobel_x": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
    "sobel_y": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    "prewitt_x": [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
    "prewitt_y": [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
    "laplacian": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
    "box_blur": [[1 / 9] * 3 for _ in range(3)],
    "gaussian_blur": [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]],
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "emboss": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "diagonal_edge": [[2, -1, -1], [-1, 2, -1], [-1, -1, 2]],
    "example_2x2": [[0, 1], [2, 3]],
}


def preset(name: str) -> np.ndarray:
    """A preset kernel as a float32 array."""
    return np.array(PRESETS[name], dtype=np.float32)


def frozen(A: np.ndarray) -> np.ndarray:
    """A, read only (shared arrays: a write would change them for every caller)."""
    A.flags.writeable = False
    return A


PRESET_ARRAYS = {name: frozen(preset(name)) for name in PRESETS}  # match_preset compares with them on every edit


def parse_cell(value: Any, row: int, col: int) -> float:
    """One kernel cell as a float: numbers pass, text is parsed with float() (never eval); a comma is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise KernelError("err_kernel_empty_cell", row=row + 1, col=col + 1)
    if isinstance(value, bool):
        raise KernelError("err_kernel_text", row=row + 1, col=col + 1, value=repr(value))
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
    else:
        text = str(value).strip()
        if "," in text:  # "1,5": a decimal comma (1.5) or two numbers (1 and 5)? "1,000": 1 or 1000? Ask.
            raise KernelError("err_kernel_comma", row=row + 1, col=col + 1, value=text[:20])
        try:
            number = float(text)
        except ValueError:
            raise KernelError("err_kernel_text", row=row + 1, col=col + 1, value=str(value)[:20]) from None
    if math.isnan(number) or math.isinf(number):
        raise KernelError("err_kernel_not_finite", row=row + 1, col=col + 1)
    if abs(number) > MAX_ABS_VALUE:
        raise KernelError("err_kernel_too_big_value", row=row + 1, col=col + 1, limit=f"{MAX_ABS_VALUE:g}")
    return number


def parse_kernel(rows: Sequence[Sequence[Any]], max_side: int = MAX_KERNEL_SIDE) -> np.ndarray:
    """A validated float32 kernel from a grid of cells (numbers or text), or KernelError."""
    rows = [list(r) for r in rows]
    if not rows or not rows[0]:
        raise KernelError("err_kernel_shape")
    if any(len(r) != len(rows[0]) for r in rows):
        raise KernelError("err_kernel_shape")
    if len(rows) > max_side or len(rows[0]) > max_side:
        raise KernelError("err_kernel_too_large_side", limit=max_side)
    return np.array([[parse_cell(v, i, j) for j, v in enumerate(r)] for i, r in enumerate(rows)], dtype=np.float32)


def validate_kernel(K: Any, max_side: int = MAX_KERNEL_SIDE) -> np.ndarray:
    """Check a 2D numeric kernel (finite, bounded size and values) and return it as float32."""
    return parse_kernel(np.asarray(K, dtype=object).tolist(), max_side)


def transpose(K: np.ndarray) -> np.ndarray:
    """Swap rows and columns."""
    return np.ascontiguousarray(np.asarray(K, dtype=np.float32).T)


def flip(K: np.ndarray) -> np.ndarray:
    """Rotate 180 degrees: what true convolution does to the kernel."""
    return np.ascontiguousarray(np.asarray(K, dtype=np.float32)[::-1, ::-1])


def normalize(K: np.ndarray) -> np.ndarray:
    """Scale so the entries sum to 1 (refused when they sum to 0)."""
    K = np.asarray(K, dtype=np.float32)
    total = float(K.sum())
    if abs(total) < 1e-12:
        raise KernelError("err_kernel_sum_zero")
    return K / total


def resize(K: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Grow (with zeros) or crop a kernel to rows x cols, keeping its top-left values."""
    out = np.zeros((rows, cols), dtype=np.float32)
    r, c = min(rows, K.shape[0]), min(cols, K.shape[1])
    out[:r, :c] = K[:r, :c]
    return out


def match_preset(K: np.ndarray) -> str | None:
    """The name of the preset equal to K, or None for a custom kernel."""
    for name, P in PRESET_ARRAYS.items():
        if P.shape == K.shape and np.allclose(P, K, atol=1e-6):
            return name
    return None
