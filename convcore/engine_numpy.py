"""Small correlations in numpy alone, exact to float32 like torch's engine, so Explore never waits for torch."""

from __future__ import annotations

from typing import Any

import numpy as np

from convcore.errors import ConvLabError
from convcore.shapes import IntPair, OutputShape, output_shape

NUMPY_MAX_SIDE = 64  # inputs up to 64x64 (the stripes, samples, drawings at their default side) stay in numpy


def as_array(A: Any, name: str) -> np.ndarray:
    """A float64 array of A's float32 values (what torch's engine computes with), rejecting non-finite values."""
    if hasattr(A, "detach"):  # a torch tensor: torch is loaded already
        A = A.detach().cpu().numpy()
    try:
        with np.errstate(over="ignore"):  # too large for float32: infinite, refused below
            a = np.asarray(A, dtype=np.float32)
    except (TypeError, ValueError):
        raise ConvLabError("err_not_numeric", name=name) from None
    if a.size == 0:
        raise ConvLabError("err_empty")
    if not np.isfinite(a).all():
        raise ConvLabError("err_not_finite", name=name)
    return a.astype(np.float64)


def as_batched(X: np.ndarray, K: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shape X to (C, H, W) and K to (O, C, h, w), sharing a 2D kernel across channels."""
    if X.ndim not in (2, 3):
        raise ConvLabError("err_rank_x", shape=tuple(X.shape))
    x = X[None] if X.ndim == 2 else X
    C = x.shape[0]
    if K.ndim == 2:
        k = np.broadcast_to(K, (1, C, *K.shape))
    elif K.ndim == 3:
        k = K[None]
    elif K.ndim == 4:
        k = K
    else:
        raise ConvLabError("err_rank_k", shape=tuple(K.shape))
    if k.shape[1] != C:
        raise ConvLabError("err_channels", kc=k.shape[1], xc=C)
    return x, k


def correlate_chw(x: np.ndarray, k: np.ndarray, shape: OutputShape) -> np.ndarray:
    """(C, H, W) x (O, C, h, w) -> (O, H', W'): one strided view of the padded input per kernel tap, summed."""
    (ph, pw), (sh, sw), (dh, dw) = shape.padding, shape.stride, shape.dilation
    xp = np.pad(x, ((0, 0), (ph, ph), (pw, pw))) if ph or pw else x
    Ho, Wo = shape.shape
    O, C, h, w = k.shape
    y = np.zeros((O, Ho, Wo))
    for a in range(h):
        for b in range(w):
            taps = xp[:, a * dh : a * dh + sh * (Ho - 1) + 1 : sh, b * dw : b * dw + sw * (Wo - 1) + 1 : sw]
            y += np.tensordot(k[:, :, a, b], taps, axes=1)
    return y


def correlate_numpy(
    X: Any, K: Any, *, padding: IntPair = 0, stride: IntPair = 1, dilation: IntPair = 1, flip: bool = False
) -> np.ndarray:
    """convcore.engine.correlate in numpy: X (H, W)/(C, H, W), K (h, w)/(C, h, w)/(O, C, h, w); flip convolves."""
    X, K = as_array(X, "X"), as_array(K, "K")
    x, k = as_batched(X, K)
    if flip:
        k = k[..., ::-1, ::-1]
    shape = output_shape(x.shape[-2], x.shape[-1], k.shape[-2], k.shape[-1], padding, stride, dilation)
    if not shape.valid:
        raise ConvLabError("err_kernel_too_large", explain=shape.explain())
    y = correlate_chw(x, k, shape).astype(np.float32)
    return y if K.ndim == 4 else y[0]


def is_small(X: Any) -> bool:
    """True when X's long side is at most NUMPY_MAX_SIDE (numpy computes it; torch is not needed)."""
    return max(np.shape(X)[-2:], default=0) <= NUMPY_MAX_SIDE


def correlate_array(
    X: Any, K: Any, *, padding: IntPair = 0, stride: IntPair = 1, dilation: IntPair = 1, flip: bool = False
) -> np.ndarray:
    """A float32 correlation: numpy for small inputs, torch's engine (imported then) for larger ones."""
    settings = {"padding": padding, "stride": stride, "dilation": dilation, "flip": flip}
    if is_small(X):
        return correlate_numpy(X, K, **settings)
    from convcore.engine import correlate  # torch: only once an input is large

    return correlate(X, K, **settings).numpy()
