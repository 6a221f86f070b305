"""The numpy engine for small inputs: the book's corr2d and torch's conv2d agree with it, for every setting."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from convcore.engine import corr2d, correlate
from convcore.engine_numpy import NUMPY_MAX_SIDE, correlate_array, correlate_numpy, is_small
from convcore.errors import ConvLabError
from convcore.images import example_3x3, stripes
from tests.helpers.conv_problems import problems


def conv2d(X: np.ndarray, K: np.ndarray, padding, stride, dilation, flip: bool) -> np.ndarray:
    """torch's conv2d on batched shapes: the oracle."""
    x = torch.from_numpy(X.reshape(1, 1, *X.shape) if X.ndim == 2 else X[None])
    k = torch.from_numpy(K.reshape(1, 1, *K.shape) if K.ndim == 2 else K)
    if flip:
        k = torch.flip(k, dims=(-2, -1))
    return F.conv2d(x, k, padding=padding, stride=stride, dilation=dilation)[0].numpy()


@settings(max_examples=150, deadline=None)
@given(problems(), st.booleans())
def test_matches_conv2d_with_padding_stride_dilation_flip_and_channels(problem, flip):
    H, W, h, w, padding, stride, dilation, C, O, seed = problem
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(C, H, W)).astype(np.float32)
    K = rng.normal(size=(O, C, h, w)).astype(np.float32)
    got = correlate_numpy(X, K, padding=padding, stride=stride, dilation=dilation, flip=flip)
    want = conv2d(X, K, padding, stride, dilation, flip)
    assert got.dtype == np.float32 and got.shape == want.shape
    assert np.allclose(got, want, atol=1e-5 * max(1.0, float(np.abs(K).sum() * np.abs(X).max())), rtol=0)
    shared = correlate_numpy(X, K[0, 0], padding=padding, stride=stride, dilation=dilation, flip=flip)  # 2D kernel
    want = conv2d(X, np.broadcast_to(K[0, 0], (1, C, h, w)).copy(), padding, stride, dilation, flip)[0]
    assert np.allclose(shared, want, atol=1e-5 * max(1.0, float(C * np.abs(K[0, 0]).sum() * np.abs(X).max())), rtol=0)


@pytest.mark.parametrize("H,W,h,w,seed", [(6, 8, 1, 2, 0), (3, 3, 2, 2, 1), (9, 7, 3, 3, 2), (16, 16, 5, 4, 3),
                                          (64, 64, 15, 15, 4), (5, 30, 1, 7, 5)])
def test_matches_the_book_s_loop(H, W, h, w, seed):
    rng = np.random.default_rng(seed)
    X, K = rng.normal(size=(H, W)).astype(np.float32), rng.normal(size=(h, w)).astype(np.float32)
    want = corr2d(torch.from_numpy(X), torch.from_numpy(K)).numpy()
    assert np.allclose(correlate_numpy(X, K), want, atol=1e-5 * float(np.abs(K).sum() * np.abs(X).max()), rtol=0)


def test_the_notebook_s_numbers_exactly():
    assert correlate_numpy(example_3x3(), [[0, 1], [2, 3]]).tolist() == [[19, 25], [37, 43]]
    edge = correlate_numpy(stripes(), [[1, -1]])
    assert edge.tolist() == [[0, 1, 0, 0, 0, -1, 0]] * 6
    assert np.array_equal(edge, correlate(stripes(), [[1.0, -1.0]]).numpy())  # bit for bit, as today
    assert not correlate_numpy(stripes().T, [[1, -1]]).any()


def test_flip_is_true_convolution():
    rng = np.random.default_rng(7)
    X, K = rng.normal(size=(7, 9)), rng.normal(size=(3, 2))
    assert np.allclose(correlate_numpy(X, K, flip=True), correlate_numpy(X, K[::-1, ::-1]))
    want = conv2d(X.astype(np.float32), K.astype(np.float32), 0, 1, 1, flip=True)
    assert np.allclose(correlate_numpy(X, K, flip=True), want, atol=1e-5)


def test_bad_arrays_raise_the_engine_s_errors():
    cases = [
        (np.ones((2, 2)), np.ones((3, 3)), {}, "err_kernel_too_large"),
        (np.ones((4, 4)), [[1.0, float("nan")]], {}, "err_not_finite"),
        (np.ones((4, 4)), [[1e39]], {}, "err_not_finite"),  # infinite in float32, as torch's engine sees it
        (np.ones(4), np.ones((2, 2)), {}, "err_rank_x"),
        (np.ones((4, 4)), np.ones((1, 1, 1, 2, 2)), {}, "err_rank_k"),
        (np.ones((3, 4, 4)), np.ones((2, 2, 2)), {}, "err_channels"),
        (np.ones((4, 4)), [["a", "b"]], {}, "err_not_numeric"),
        (np.ones((4, 4)), np.ones((0, 2)), {}, "err_empty"),
        (np.ones((4, 4)), np.ones((2, 2)), {"stride": 0}, "err_stride"),
        (np.ones((4, 4)), np.ones((2, 2)), {"padding": "2"}, "err_param_pair"),
    ]
    for X, K, kwargs, key in cases:
        for engine in (correlate_numpy, correlate):
            with pytest.raises(ConvLabError) as info:
                engine(X, K, **kwargs)
            assert info.value.key == key, (engine.__name__, key)


def test_small_inputs_in_numpy_large_ones_in_torch():
    rng = np.random.default_rng(11)
    assert is_small(np.zeros((NUMPY_MAX_SIDE, NUMPY_MAX_SIDE))) and is_small(np.zeros((3, 6, 8)))
    assert not is_small(np.zeros((NUMPY_MAX_SIDE + 1, 4))) and not is_small(np.zeros((3, 256, 256)))
    K = rng.normal(size=(3, 3)).astype(np.float32)
    for side in (NUMPY_MAX_SIDE, NUMPY_MAX_SIDE + 1, 200):
        X = rng.random((side, side)).astype(np.float32)
        got = correlate_array(X, K, padding=1, stride=2, dilation=1, flip=True)
        assert type(got) is np.ndarray and got.dtype == np.float32
        assert np.allclose(got, correlate(X, K, padding=1, stride=2, flip=True).numpy(), atol=1e-5)
