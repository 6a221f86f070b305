"""convcore.lesson.correlation: corr2d with every sum spelled out, the shape rule, the stripes and their edges."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from convcore.errors import ConvLabError
from convcore.images import stripes
from convcore.lesson.correlation import all_zero, correlate_with_sums, edge_maps, shape_demo, sign_columns
from convcore.lesson.correlation import stripes_image, sums_text
from convcore.lesson.notebook_code import printed_float
from convcore.lesson.steps import DEFAULTS, MAX_SIDE_K, MAX_SIDE_X, parse_matrix


def test_the_notebook_example_and_its_four_sums() -> None:
    X = parse_matrix(DEFAULTS["x2"], "X", MAX_SIDE_X)
    K = parse_matrix(DEFAULTS["k2"], "K", MAX_SIDE_K)
    Y, sums, shape = correlate_with_sums(X, K)
    assert Y.tolist() == [[19, 25], [37, 43]]
    assert sums == [["0*0 + 1*1 + 3*2 + 4*3 = 19", "1*0 + 2*1 + 4*2 + 5*3 = 25"],
                    ["3*0 + 4*1 + 6*2 + 7*3 = 37", "4*0 + 5*1 + 7*2 + 8*3 = 43"]]
    assert shape.explain() == "(3 - 2 + 1) x (3 - 2 + 1) = 2 x 2"
    assert printed_float(Y) == "tensor([[19., 25.],\n        [37., 43.]])"
    assert sums_text(sums).splitlines()[0] == "Y[0, 0] = 0*0 + 1*1 + 3*2 + 4*3 = 19"


def test_sums_follow_edits_and_bracket_negatives() -> None:
    Y, sums, _ = correlate_with_sums(np.array([[1.0, 2.5]]), np.array([[-1.0]]))
    assert sums == [["1*(-1) = -1", "2.5*(-1) = -2.5"]]
    assert Y.tolist() == [[-1.0, -2.5]]


def test_a_kernel_larger_than_x_is_refused() -> None:
    with pytest.raises(ConvLabError) as info:
        correlate_with_sums(np.ones((2, 2)), np.ones((3, 1)))
    assert info.value.key == "err_kernel_too_large"


def test_shape_demo_runs_corr2d() -> None:
    shape, printout = shape_demo(6, 8, 1, 2)
    assert shape.shape == (6, 7) and printout == "torch.Size([6, 7])"
    assert shape_demo(2, 2, 3, 1)[1] is None


def test_the_default_stripes_are_the_book_s_image() -> None:
    assert torch.equal(stripes_image(6, 8, *DEFAULTS["zeros"]), torch.from_numpy(np.asarray(stripes())))


def test_edge_map_and_transposed_image() -> None:
    maps = edge_maps(torch.from_numpy(np.asarray(stripes())), torch.tensor([[1.0, -1.0]]))
    expected = torch.zeros(6, 7)
    expected[:, 1], expected[:, 5] = 1, -1
    assert torch.equal(maps.Y, expected)
    assert sign_columns(maps.Y) == ([1], [5])
    assert all_zero(maps.Yt) and maps.Yt.shape == (8, 5)
    assert maps.Ytt is not None and sign_columns(maps.Ytt.t()) == ([1], [5])
