"""The correlation engine: the book's loop and a fast direct/FFT engine in torch (the shape rule: convcore.shapes)."""

from __future__ import annotations

import math
from typing import Sequence, Union

import numpy as np
import torch
import torch.nn.functional as F

from convcore.errors import ConvLabError
from convcore.shapes import IntPair, OutputShape, as_pair, output_shape  # noqa: F401 (the engine's names)

ArrayLike = Union[torch.Tensor, np.ndarray, Sequence]

# Cost model constants (seconds), calibrated on the 2-core reference machine with
# benchmarks/bench_correlate.py (see benchmarks/README.md).
# Direct (torch/oneDNN): a call overhead, a per-output cost that grows while the image outgrows the
# cache (up to DIRECT_CACHE_OUTPUTS outputs), and a per-tap cost per input channel that is shared by
# up to DIRECT_OUTPUT_BLOCK output channels (they are computed together in SIMD registers).
DIRECT_SECONDS_PER_CALL = 1.0e-5
DIRECT_SECONDS_PER_OUTPUT = 7.0e-9
DIRECT_SECONDS_PER_OUTPUT_UNCACHED = 2.0e-8
DIRECT_CACHE_OUTPUTS = 1 << 20
DIRECT_SECONDS_PER_TAP = 1.2e-10
DIRECT_OUTPUT_BLOCK = 16
# FFT: a call overhead (a handful of torch ops), ~n log n per transform of the fast-size padded
# image (one per channel, one per output, one per kernel slice) and a complex product per
# (channel, output) pair per point.
FFT_SECONDS_PER_CALL = 1.0e-4
FFT_SECONDS_PER_POINT_LOG = 1.2e-10
FFT_SECONDS_PER_PRODUCT = 1.0e-9
# FFT must be predicted faster by this factor: near the crossover the two are within timing noise,
# and direct is exact to float32 rounding where FFT spreads rounding error over the whole image.
FFT_MARGIN = 1.2


def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """Compute 2D cross-correlation, the book's double loop (the teaching reference)."""
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i : i + h, j : j + w] * K).sum()
    return Y


def as_tensor(A: ArrayLike, name: str) -> torch.Tensor:
    """A float32 tensor from a tensor, array or nested list, rejecting non-finite values."""
    try:
        T = torch.as_tensor(np.asarray(A, dtype=np.float32) if not isinstance(A, torch.Tensor) else A)
    except (TypeError, ValueError):
        raise ConvLabError("err_not_numeric", name=name) from None
    T = T.detach().to(torch.float32)
    if T.numel() == 0:
        raise ConvLabError("err_empty")
    if not torch.isfinite(T).all():
        raise ConvLabError("err_not_finite", name=name)
    return T


def as_batched(X: torch.Tensor, K: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Shape X to (1, C, H, W) and K to (O, C, h, w), sharing a 2D kernel across channels."""
    if X.dim() not in (2, 3):
        raise ConvLabError("err_rank_x", shape=tuple(X.shape))
    x = X.reshape(1, 1, *X.shape) if X.dim() == 2 else X.unsqueeze(0)
    C = x.shape[1]
    if K.dim() == 2:
        k = K.expand(1, C, *K.shape)
    elif K.dim() == 3:
        k = K.unsqueeze(0)
    elif K.dim() == 4:
        k = K
    else:
        raise ConvLabError("err_rank_k", shape=tuple(K.shape))
    if k.shape[1] != C:
        raise ConvLabError("err_channels", kc=k.shape[1], xc=C)
    return x, k


def dilate(k: torch.Tensor, dilation: tuple[int, int]) -> torch.Tensor:
    """Insert dilation-1 zeros between kernel taps (O, C, h, w) -> (O, C, d(h-1)+1, d(w-1)+1)."""
    dh, dw = dilation
    if (dh, dw) == (1, 1):
        return k
    O, C, h, w = k.shape
    out = k.new_zeros(O, C, dh * (h - 1) + 1, dw * (w - 1) + 1)
    out[:, :, ::dh, ::dw] = k
    return out


def fft_size(n: int) -> int:
    """Smallest even 5-smooth length >= n (2^a * 3^b * 5^c with a >= 1): a size torch's FFT is fast at."""
    n = max(int(n), 2)
    best = 1 << (n - 1).bit_length()
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            m = 2 * p35
            while m < n:
                m *= 2
            best = min(best, m)
            p35 *= 3
        p5 *= 5
    return best


def fft_correlate(x: torch.Tensor, k: torch.Tensor, shape: OutputShape) -> torch.Tensor:
    """Cross-correlation by FFT: (1, C, H, W) x (O, C, h, w) -> (O, H', W').

    Correlating with k is convolving with k flipped, so the spectra multiply without a conjugate.
    The transforms are circular of a fast size N >= H + p (and >= the dilated kernel): the zero
    padding is never materialised, because the top/left padding only shifts which circular outputs
    are read, and with N >= H + p every tap that falls in the padding wraps onto zeros.
    """
    H, W = x.shape[-2:]
    k = dilate(k, shape.dilation)
    O, C, kh, kw = k.shape
    (ph, pw), (sh, sw) = shape.padding, shape.stride
    N, M = fft_size(max(H + ph, kh)), fft_size(max(W + pw, kw))
    # Kernel spectrum: the row transform touches only the kh kernel rows, then the columns.
    Kf = torch.fft.fft(torch.fft.rfft(k.flip(-2, -1), n=M, dim=-1), n=N, dim=-2)  # (O, C, N, M//2+1)
    Xf = torch.fft.rfft2(x[0], s=(N, M))  # (C, N, M//2+1)
    Yf = Kf[:, 0] * Xf[0]
    for c in range(1, C):
        Yf.addcmul_(Kf[:, c], Xf[c])
    full = torch.fft.irfft2(Yf, s=(N, M))  # (O, N, M)
    # Output (i, j) sits at circular index (i*s + k - 1 - p) mod N along each axis.
    Ho, Wo = shape.height, shape.width
    r0, c0 = kh - 1 - ph, kw - 1 - pw
    if sh == 1 and r0 >= 0:
        y = full[:, r0 : r0 + Ho]
    else:
        y = full.index_select(1, (torch.arange(Ho) * sh + r0) % N)
    if sw == 1 and c0 >= 0:
        y = y[:, :, c0 : c0 + Wo]
    else:
        y = y.index_select(2, (torch.arange(Wo) * sw + c0) % M)
    return y.contiguous()


def direct_seconds(shape: OutputShape, channels: int, outputs: int) -> float:
    """Cost model: predicted seconds for torch's direct convolution."""
    outputs_px = shape.height * shape.width
    blocks = -(-outputs // DIRECT_OUTPUT_BLOCK)  # output channels are computed 16 at a time
    taps = shape.k[0] * shape.k[1]
    per_output = DIRECT_SECONDS_PER_OUTPUT + DIRECT_SECONDS_PER_OUTPUT_UNCACHED * min(
        1.0, outputs_px * blocks / DIRECT_CACHE_OUTPUTS)
    return DIRECT_SECONDS_PER_CALL + outputs_px * blocks * (per_output + taps * channels * DIRECT_SECONDS_PER_TAP)


def fft_seconds(shape: OutputShape, channels: int, outputs: int) -> float:
    """Cost model: predicted seconds for FFT correlation (transforms plus spectral products).

    Uses the transform size fft_correlate really uses: the fast length covering image + padding.
    """
    sizes = []
    for axis in (0, 1):
        span = shape.dilation[axis] * (shape.k[axis] - 1) + 1
        sizes.append(fft_size(max(shape.n[axis] + shape.padding[axis], span)))
    points = sizes[0] * sizes[1]
    transforms = channels + outputs + channels * outputs  # image, inverse, kernel spectra
    return FFT_SECONDS_PER_CALL + points * (
        transforms * math.log2(points) * FFT_SECONDS_PER_POINT_LOG + channels * outputs * FFT_SECONDS_PER_PRODUCT)


def choose_method(shape: OutputShape, channels: int = 1, outputs: int = 1) -> str:
    """'direct' or 'fft': FFT only where the cost model predicts it clearly (FFT_MARGIN) faster."""
    fft_wins = fft_seconds(shape, channels, outputs) * FFT_MARGIN < direct_seconds(shape, channels, outputs)
    return "fft" if fft_wins else "direct"


def correlate(
    X: ArrayLike,
    K: ArrayLike,
    *,
    padding: IntPair = 0,
    stride: IntPair = 1,
    dilation: IntPair = 1,
    flip: bool = False,
    method: str = "auto",
) -> torch.Tensor:
    """Cross-correlate X (H, W)/(C, H, W) with K (h, w)/(C, h, w)/(O, C, h, w); flip=True convolves."""
    if method not in ("auto", "direct", "fft"):
        raise ConvLabError("err_method", value=repr(method))
    X, K = as_tensor(X, "X"), as_tensor(K, "K")
    x, k = as_batched(X, K)
    if flip:
        k = torch.flip(k, dims=(-2, -1))
    shape = output_shape(x.shape[-2], x.shape[-1], k.shape[-2], k.shape[-1], padding, stride, dilation)
    if not shape.valid:
        raise ConvLabError("err_kernel_too_large", explain=shape.explain())
    if method == "auto":
        method = choose_method(shape, k.shape[1], k.shape[0])
    if method == "fft":
        y = fft_correlate(x, k, shape)
    else:
        y = F.conv2d(x, k.contiguous(), padding=shape.padding, stride=shape.stride, dilation=shape.dilation)[0]
    return y if K.dim() == 4 else y[0]
