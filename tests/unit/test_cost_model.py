"""The direct/FFT cost model picks sensibly, and the FFT path computes what the direct path does."""

from __future__ import annotations

import random

import pytest
import torch

from convcore.engine import choose_method, correlate, direct_seconds, fft_seconds, fft_size, output_shape


# --- which method auto picks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "H, W, h, w, expected",
    [
        (6, 8, 1, 2, "direct"),  # the lesson's edge-detection example
        (256, 256, 3, 3, "direct"),
        (2048, 2048, 31, 31, "fft"),
    ],
)
def test_choose_method_single_channel(H, W, h, w, expected):
    assert choose_method(output_shape(H, W, h, w)) == expected


@pytest.mark.parametrize("H, W, h, w", [(1, 1, 1, 1), (6, 8, 1, 2), (6, 8, 3, 3), (28, 28, 5, 5), (64, 64, 3, 3)])
def test_small_images_go_direct(H, W, h, w):
    for channels, outputs in [(1, 1), (3, 1), (3, 4)]:
        assert choose_method(output_shape(H, W, h, w), channels, outputs) == "direct"


def test_big_kernel_on_big_image_goes_fft():
    assert choose_method(output_shape(1024, 1024, 11, 11)) == "fft"
    assert choose_method(output_shape(1024, 1024, 3, 3)) == "fft"


def test_costs_are_positive_and_grow_with_size():
    small, big = output_shape(64, 64, 5, 5), output_shape(512, 512, 5, 5)
    for cost in (direct_seconds, fft_seconds):
        assert 0 < cost(small, 1, 1) < cost(big, 1, 1)
        assert cost(big, 1, 1) < cost(big, 3, 4)


def test_direct_cost_grows_with_kernel_fft_cost_does_not():
    assert direct_seconds(output_shape(512, 512, 3, 3), 1, 1) < direct_seconds(output_shape(512, 512, 31, 31), 1, 1)
    # FFT work depends on the padded image, not on the number of taps.
    assert fft_seconds(output_shape(512, 512, 31, 31), 1, 1) <= fft_seconds(output_shape(512, 512, 3, 3), 1, 1)


# --- FFT sizes ---------------------------------------------------------------------------------


def _is_even_5_smooth(n: int) -> bool:
    if n % 2:
        return False
    for p in (2, 3, 5):
        while n % p == 0:
            n //= p
    return n == 1


def test_fft_size_is_the_smallest_even_5_smooth_length():
    for n in range(1, 600):
        m = fft_size(n)
        assert m >= n and _is_even_5_smooth(m)
        assert not any(_is_even_5_smooth(j) for j in range(max(n, 2), m))
    assert fft_size(1024) == 1024 and fft_size(1025) == 1080 and fft_size(2078) == 2160


# --- FFT matches direct --------------------------------------------------------------------------


def _assert_fft_matches_direct(X, K, **kw):
    direct = correlate(X, K, method="direct", **kw)
    fft = correlate(X, K, method="fft", **kw)
    assert fft.shape == direct.shape
    k4 = K.reshape(-1, *K.shape[-2:])
    tol = 1e-4 * k4.abs().sum().item() * X.abs().max().item() + 1e-6
    if K.dim() == 2 and X.dim() == 3:  # one 2D kernel shared by every channel
        tol *= X.shape[0]
    assert torch.allclose(fft, direct, atol=tol, rtol=0), (fft - direct).abs().max().item()


CASES = [
    # (X shape, K shape, padding, stride, dilation)
    ((6, 8), (1, 2), 0, 1, 1),
    ((6, 8), (3, 3), 1, 1, 1),
    ((1, 1), (1, 1), 0, 1, 1),
    ((5, 5), (5, 5), 0, 1, 1),  # kernel as big as the image: one output
    ((4, 4), (6, 6), 1, 1, 1),  # kernel bigger than the image, fits only with padding
    ((37, 53), (4, 7), (2, 3), (2, 3), (1, 2)),  # odd sizes, uneven stride that leaves unused rows
    ((31, 29), (3, 3), 5, 1, 1),  # padding wider than the kernel
    ((31, 29), (1, 1), 3, 2, 1),  # 1x1 kernel with padding and stride
    ((64, 64), (3, 3), 1, 2, 2),
    ((128, 96), (11, 11), 5, 1, 1),
    ((257, 250), (9, 5), 0, 1, (2, 3)),  # sizes that are not FFT-friendly
    ((3, 40, 30), (3, 5, 5), 2, 1, 1),  # multi-channel, one output
    ((3, 40, 30), (4, 3, 5, 5), 2, 2, 1),  # multi-channel, four outputs
    ((2, 33, 17), (5, 2, 3, 4), (1, 0), (1, 2), (3, 1)),
    ((3, 20, 24), (3, 3), 1, 1, 1),  # one 2D kernel shared across channels
    ((1, 300, 200), (2, 1, 21, 21), 10, 3, 1),
]


@pytest.mark.parametrize("xs, ks, padding, stride, dilation", CASES)
def test_fft_equals_direct(xs, ks, padding, stride, dilation):
    gen = torch.Generator().manual_seed(hash((xs, ks)) % 2**31)
    X = torch.rand(xs, generator=gen) * 255.0  # pixel-scale values
    K = torch.randn(ks, generator=gen)
    _assert_fft_matches_direct(X, K, padding=padding, stride=stride, dilation=dilation)


def test_fft_equals_direct_flipped():
    gen = torch.Generator().manual_seed(7)
    X, K = torch.randn(20, 23, generator=gen), torch.randn(4, 3, generator=gen)
    _assert_fft_matches_direct(X, K, flip=True, padding=(1, 2))


def test_fft_equals_direct_random_settings():
    rng = random.Random(2)
    gen = torch.Generator().manual_seed(2)
    checked = 0
    while checked < 40:
        C, O = rng.choice([1, 1, 2, 3]), rng.choice([1, 2, 4])
        H, W, h, w = rng.randint(1, 40), rng.randint(1, 40), rng.randint(1, 9), rng.randint(1, 9)
        p = (rng.randint(0, 6), rng.randint(0, 6))
        s = (rng.randint(1, 4), rng.randint(1, 4))
        d = (rng.randint(1, 3), rng.randint(1, 3))
        if not output_shape(H, W, h, w, p, s, d).valid:
            continue
        X = torch.randn(C, H, W, generator=gen)
        K = torch.randn(O, C, h, w, generator=gen)
        _assert_fft_matches_direct(X, K, padding=p, stride=s, dilation=d)
        checked += 1
