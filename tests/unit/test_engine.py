"""The correlation engine: the notebook's numbers exactly, and agreement with corr2d and torch's conv2d."""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from convcore import ConvLabError, corr2d, correlate, output_shape
from convcore.images import example_3x3, stripes
from tests.helpers.conv_problems import problems

TOL = 1e-4  # relative to sum|K| * max|X|: float32 FFT round-off stays far below it


def test_notebook_3x3_example():
    assert corr2d(torch.from_numpy(example_3x3()), torch.tensor([[0.0, 1], [2, 3]])).tolist() == [[19, 25], [37, 43]]
    for method in ("direct", "fft", "auto"):
        got = correlate(example_3x3(), [[0, 1], [2, 3]], method=method)
        assert torch.allclose(got, torch.tensor([[19.0, 25], [37, 43]]), atol=1e-4), method


def test_notebook_edge_map_and_transpose():
    X, K = torch.from_numpy(stripes()), torch.tensor([[1.0, -1.0]])
    edge = [[0, 1, 0, 0, 0, -1, 0]] * 6
    assert corr2d(X, K).tolist() == edge
    assert correlate(X, K).tolist() == edge
    assert corr2d(X.t(), K).abs().sum() == 0
    assert correlate(X.t(), K).abs().sum() == 0


def test_public_api_names():
    import convcore

    assert callable(convcore.correlate) and callable(convcore.corr2d) and callable(convcore.output_shape)


def reference(X, K, padding, stride, dilation, flip):
    """torch's conv2d on batched shapes: the oracle."""
    x = X.reshape(1, 1, *X.shape) if X.dim() == 2 else X.unsqueeze(0)
    k = K.reshape(1, 1, *K.shape) if K.dim() == 2 else K
    if flip:
        k = torch.flip(k, dims=(-2, -1))
    return F.conv2d(x, k, padding=padding, stride=stride, dilation=dilation)[0]


@settings(max_examples=150, deadline=None)
@given(problems(), st.sampled_from(["direct", "fft", "auto"]), st.booleans())
def test_correlate_matches_conv2d(problem, method, flip):
    H, W, h, w, p, s, d, C, O, seed = problem
    g = torch.Generator().manual_seed(seed)
    X, K = torch.randn(C, H, W, generator=g), torch.randn(O, C, h, w, generator=g)
    got = correlate(X, K, padding=p, stride=s, dilation=d, flip=flip, method=method)
    want = reference(X, K, p, s, d, flip)
    assert got.shape == want.shape == (O, *output_shape(H, W, h, w, p, s, d).shape)
    assert got.dtype == torch.float32
    scale = K.abs().sum().item() * X.abs().max().item()
    assert torch.allclose(got, want, atol=TOL * scale, rtol=0)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10), st.integers(1, 10), st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**31 - 1),
       st.sampled_from(["direct", "fft"]))
def test_correlate_matches_book_loop(H, W, h, w, seed, method):
    if h > H or w > W:
        return
    g = torch.Generator().manual_seed(seed)
    X, K = torch.randn(H, W, generator=g), torch.randn(h, w, generator=g)
    got = correlate(X, K, method=method)
    assert torch.allclose(got, corr2d(X, K), atol=TOL * K.abs().sum().item() * X.abs().max().item())


def test_flip_is_true_convolution():
    X, K = torch.randn(7, 9), torch.randn(3, 2)
    assert torch.allclose(correlate(X, K, flip=True), correlate(X, torch.flip(K, (0, 1))))


def test_shared_2d_kernel_sums_over_channels():
    X, K = torch.randn(3, 6, 6), torch.randn(2, 2)
    want = sum(corr2d(X[c], K) for c in range(3))
    assert torch.allclose(correlate(X, K), want, atol=1e-5)


def test_output_shape_formula_and_text():
    s = output_shape(6, 8, 1, 2)
    assert s.shape == (6, 7) and s.explain() == "(6 - 1 + 1) x (8 - 2 + 1) = 6 x 7"
    s = output_shape(7, 7, 3, 3, padding=1, stride=2, dilation=2)
    assert s.shape == (3, 3) and "⌊(" in s.explain() and "floor" not in s.explain() and s.explain().endswith("= 3 x 3")
    assert output_shape(8, 8, 3, 3, stride=3).unused(0) == 2  # rows 6 and 7 are never reached
    assert output_shape(8, 8, 2, 2, stride=2).unused(1) == 0


@pytest.mark.parametrize("kwargs, key", [
    ({"stride": 0}, "err_stride"),
    ({"dilation": 0}, "err_dilation"),
    ({"padding": -1}, "err_padding"),
    ({"padding": "2"}, "err_param_pair"),
    ({"method": "magic"}, "err_method"),
])
def test_bad_settings_raise_clear_errors(kwargs, key):
    with pytest.raises(ConvLabError) as info:
        correlate(torch.ones(4, 4), torch.ones(2, 2), **kwargs)
    assert info.value.key == key and isinstance(info.value, ValueError)


def test_bad_arrays_raise_clear_errors():
    cases = [
        (torch.ones(2, 2), torch.ones(3, 3), "err_kernel_too_large"),
        (torch.ones(4, 4), [[1.0, float("nan")]], "err_not_finite"),
        (torch.ones(4), torch.ones(2, 2), "err_rank_x"),
        (torch.ones(4, 4), torch.ones(1, 1, 1, 2, 2), "err_rank_k"),
        (torch.ones(3, 4, 4), torch.ones(2, 2, 2), "err_channels"),
        (torch.ones(4, 4), [["a", "b"]], "err_not_numeric"),
    ]
    for X, K, key in cases:
        with pytest.raises(ValueError) as info:
            correlate(X, K)
        assert info.value.key == key, key
    with pytest.raises(ConvLabError) as info:
        correlate(torch.ones(2, 2), torch.ones(3, 3))
    assert "3" in info.value.message("en") and "패딩" in info.value.message("ko")


def test_padding_makes_a_large_kernel_fit():
    assert correlate(torch.ones(2, 2), torch.ones(3, 3), padding=1).shape == (2, 2)
