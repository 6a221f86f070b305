"""The squared error is quadratic in the kernel (L = ||A k - y||^2, A's rows are X's windows): its Hessian gives the
largest stable learning rate of plain gradient descent, and for 2-weight kernels the whole loss landscape."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
import torch
import torch.nn.functional as F

from convcore.engine import ArrayLike, IntPair, as_pair, output_shape
from convcore.errors import ConvLabError
from convcore.training import LOSSES, as_2d, check_count, crop_to, fit_shapes

GRAM_CHUNK = 1 << 18  # window values per block when summing A^T A with a stride (bounds memory: 512x512, 15x15)
GRAM_BLOCK = 32  # columns per matrix product in banded_gram (measured fastest at 3x3 to 15x15 on 512x512)
MAX_LANDSCAPE_RESOLUTION = 1000
Landscape = tuple[np.ndarray, np.ndarray, np.ndarray]  # w1 values (R,), w2 values (R,), loss grid (R, R)


@dataclass(frozen=True, slots=True)
class Stability:
    """Plain gradient descent on the squared error: the Hessian's largest eigenvalue and lr_limit = 2 / it."""

    lambda_max: float
    lr_limit: float  # w -= lr * grad converges for lr below it; at it the steepest direction never settles, above
                     # it that direction grows at every step (divergence, from almost any start)
    curvatures: tuple[float, ...] = ()  # every eigenvalue of the Hessian, smallest first
    directions: Optional[np.ndarray] = None  # their eigenvectors (columns, in the kernel's row-major order)

    def stable(self, lr: float) -> bool:
        """Whether plain gradient descent with this learning rate converges."""
        return lr < self.lr_limit

    def momentum_limit(self, beta: float) -> float:
        """The largest stable lr of heavy-ball momentum `beta` (torch's SGD momentum) on this quadratic: 2(1+beta)/lambda_max."""
        return 2.0 * (1.0 + beta) / self.lambda_max if self.lambda_max > 0 else math.inf


def window_gram(X: ArrayLike, kernel_shape: IntPair, fit_shape: Optional[IntPair] = None, padding: IntPair = 0,
                stride: IntPair = 1, dilation: IntPair = 1) -> tuple[np.ndarray, int]:
    """(A^T A in float64, N): A's rows are X's windows under the N compared output cells (fit_shape: centred crop)."""
    # For a Conv2d with this padding, stride and dilation; the Trainer's are (0, 1, 1) and fit_shape its crop.
    (kh, kw), (ph, pw), (sh, sw), (dh, dw) = (as_pair(kernel_shape, "kernel_shape"), as_pair(padding, "padding"),
                                              as_pair(stride, "stride"), as_pair(dilation, "dilation"))
    X2 = np.pad(as_2d(X, "X").double().numpy(), ((ph, ph), (pw, pw)))
    span = ((kh - 1) * dh + 1, (kw - 1) * dw + 1)
    if span[0] > X2.shape[0] or span[1] > X2.shape[1]:
        raise ConvLabError("err_kernel_too_large", explain=output_shape(X2.shape[0], X2.shape[1], *span).explain())
    out = ((X2.shape[0] - span[0]) // sh + 1, (X2.shape[1] - span[1]) // sw + 1)
    h, w = out if fit_shape is None else (min(fit_shape[0], out[0]), min(fit_shape[1], out[1]))
    top, left = (out[0] - h) // 2, (out[1] - w) // 2
    if (sh, sw) == (1, 1):
        return banded_gram(X2, (kh, kw), (dh, dw), (top, left), (h, w)), h * w
    V = sliding_window_view(X2, span)[::sh, ::sw, ::dh, ::dw][top : top + h, left : left + w]  # a view: no copy
    k = kh * kw
    G = np.zeros((k, k))
    rows = max(1, GRAM_CHUNK // max(w * k, 1))
    for r in range(0, h, rows):
        B = V[r : r + rows].reshape(-1, k)  # one band of windows, copied
        G += B.T @ B
    return G, h * w


def banded_gram(X2: np.ndarray, shape: tuple[int, int], dilation: tuple[int, int], corner: tuple[int, int],
                size: tuple[int, int]) -> np.ndarray:
    """A^T A for stride 1 from a band of X^T X, without building A (a few ms for 512x512, 15x15)."""
    # Entry (a, b), (a + al, b + be) sums X2[u, v] X2[u + al dh, v + be dw] over the rows u and columns v that tap
    # (a, b) reads: the sums over rows come from small matrix products (then a running sum as the tap row moves
    # down), the sums over columns from a cumulative sum.
    (kh, kw), (dh, dw), (r0, c0), (h, w) = shape, dilation, corner, size
    k, lag = kh * kw, (kw - 1) * dw
    G = np.zeros((k, k))
    Xp = np.pad(X2, ((0, 0), (lag, lag)))  # the second factor may look past the sides, where no tap reads
    cols = w + lag  # the columns the first factor reads, from c0
    betas = np.arange(-(kw - 1), kw)
    b_of, j_of = np.nonzero((np.arange(kw)[:, None] + betas[None, :] >= 0) & (np.arange(kw)[:, None] + betas < kw))

    def row_terms(u: int, shift: int) -> np.ndarray:
        """One row's products X2[u, c0 + v] * X2[u + shift, c0 + v + be dw], (cols, 2 kw - 1)."""
        window = sliding_window_view(Xp[u + shift, c0 : c0 + cols + 2 * lag], 2 * lag + 1)[:, ::dw]
        return X2[u, c0 : c0 + cols][:, None] * window

    # The products in torch, which keeps to the server's thread setting (LIMITS.torch_threads).
    At = torch.from_numpy(np.ascontiguousarray(X2[r0 : r0 + h, c0 : c0 + cols].T))
    for alpha in range(kh):  # row lag between the two taps (the lower triangle by symmetry)
        # B[:, t] is column c0 - lag + t of the rows tap row alpha reads
        B = torch.from_numpy(Xp[r0 + alpha * dh : r0 + alpha * dh + h, c0 : c0 + cols + 2 * lag])
        R = np.empty((cols, 2 * kw - 1))  # R[v, be]: the column sums over the rows of tap row 0
        for v0 in range(0, cols, GRAM_BLOCK):
            v1 = min(v0 + GRAM_BLOCK, cols)
            M = (At[v0:v1] @ B[:, v0 : v1 + 2 * lag]).numpy()
            t = np.arange(v1 - v0)[:, None]
            R[v0:v1] = M[t, t + lag + betas * dw]
        for a in range(kh - alpha):
            if a:  # tap row a reads tap row a - 1's rows moved down by dh: add those that enter, drop those that leave
                for u in range(r0 + (a - 1) * dh, r0 + a * dh):
                    R += row_terms(u + h, alpha * dh) - row_terms(u, alpha * dh)
            C = np.vstack([np.zeros((1, 2 * kw - 1)), np.cumsum(R, axis=0)])
            sums = C[np.arange(kw) * dw + w] - C[np.arange(kw) * dw]  # over the columns tap column b reads
            p, q = a * kw + b_of, (a + alpha) * kw + b_of + betas[j_of]
            G[p, q] = G[q, p] = sums[b_of, j_of]
    return G


def stability_of(G: np.ndarray, n: int, loss: str) -> Stability:
    """lambda_max of the loss Hessian H = 2 A^T A (divided by the N compared cells for 'mean') and 2 / it."""
    if loss not in LOSSES:
        raise ConvLabError("err_train_loss", value=repr(loss), choices=", ".join(LOSSES))
    if not n:
        return Stability(0.0, math.inf)
    values, vectors = np.linalg.eigh(2.0 * G / (n if loss == "mean" else 1))
    lam = float(values[-1])
    return Stability(lam, 2.0 / lam if lam > 0 else math.inf, tuple(float(v) for v in values), vectors)


def plain_sgd_limit(X: ArrayLike, kernel_shape: IntPair, loss: str = "sum", fit_shape: Optional[IntPair] = None,
                    padding: IntPair = 0, stride: IntPair = 1, dilation: IntPair = 1) -> Stability:
    """The largest stable lr of w -= lr * grad on the squared error of a Conv2d with this shape and these settings."""
    if loss not in LOSSES:
        raise ConvLabError("err_train_loss", value=repr(loss), choices=", ".join(LOSSES))
    return stability_of(*window_gram(X, kernel_shape, fit_shape, padding, stride, dilation), loss)


def largest_stable(options: Sequence[float], limit: Stability) -> Optional[float]:
    """The largest of `options` below the limit (None when every one is at or above it)."""
    fitting = [o for o in options if limit.stable(o)]
    return max(fitting) if fitting else None


def check_range(r: Any, name: str) -> tuple[float, float]:
    """(low, high) finite floats with low < high."""
    try:
        lo, hi = (float(v) for v in r)
    except (TypeError, ValueError):
        lo = hi = math.nan
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ConvLabError("err_landscape_range", name=name, value=repr(r))
    return lo, hi


def loss_landscape(X: ArrayLike, Y: ArrayLike, w1_range: Sequence[float], w2_range: Sequence[float],
                   resolution: int = 61, loss: str = "sum", kernel_shape: Optional[IntPair] = None) -> Landscape:
    """Loss over a grid of 2-weight kernels: (w1, w2, Z) with Z[i, j] at (w1[j], w2[i]), via the Gram matrix."""
    if loss not in LOSSES:
        raise ConvLabError("err_train_loss", value=repr(loss), choices=", ".join(LOSSES))
    X, Y = as_2d(X, "X"), as_2d(Y, "Y")
    shape, fit = fit_shapes(X, Y, kernel_shape)
    if shape[0] * shape[1] != 2:
        raise ConvLabError("err_landscape_kernel", shape=f"{shape[0]}x{shape[1]}")
    (lo1, hi1), (lo2, hi2) = check_range(w1_range, "w1"), check_range(w2_range, "w2")
    resolution = check_count(resolution, "err_landscape_resolution", 2, MAX_LANDSCAPE_RESOLUTION,
                             limit=MAX_LANDSCAPE_RESOLUTION)
    windows = F.unfold(X.double().reshape(1, 1, *X.shape), kernel_size=shape)[0]  # (2, H'*W')
    windows = crop_to(windows.reshape(2, X.shape[0] - shape[0] + 1, X.shape[1] - shape[1] + 1), fit)
    A, y = windows.reshape(2, -1).T.numpy(), crop_to(Y.double(), fit).reshape(-1).numpy()
    G, b, c = A.T @ A, A.T @ y, y @ y
    w1, w2 = np.linspace(lo1, hi1, resolution), np.linspace(lo2, hi2, resolution)
    W1, W2 = np.meshgrid(w1, w2)
    Z = G[0, 0] * W1**2 + 2 * G[0, 1] * W1 * W2 + G[1, 1] * W2**2 - 2 * (b[0] * W1 + b[1] * W2) + c
    Z = np.maximum(Z, 0.0) / (len(y) if loss == "mean" else 1)
    return w1, w2, Z
