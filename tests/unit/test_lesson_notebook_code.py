"""convcore.lesson.notebook_code: each step's cell, with the current values, and what the notebook prints."""

from __future__ import annotations

import numpy as np

from convcore.images import stripes
from convcore.lesson.notebook_code import code_step2, code_step3, code_step6, corr2d_code, printed, printed_shape
from convcore.lesson.steps import DEFAULTS, parse_matrix


def test_the_notebook_printouts_of_x_and_k() -> None:
    assert printed_shape(stripes()) == "torch.Size([6, 8])"
    assert printed(parse_matrix(DEFAULTS["k4"], "K", 4)) == "tensor([[ 1, -1]])"
    assert code_step3(6, 8, 2, 6) == "X = torch.ones((6, 8))\nX[:, 2:6] = 0\nprint(X)\nprint(X.shape)"


def test_step2_code_shows_the_current_values() -> None:
    code = code_step2(np.array([[0, 1], [2, 3.5]]), np.array([[1]]))
    assert code == "X = torch.tensor([[0, 1], [2, 3.5]])\nK = torch.tensor([[1]])\ncorr2d(X, K)"
    assert "for i in range(Y.shape[0])" in corr2d_code()


def test_step6_code_starts_from_the_notebook_weights_or_the_seed() -> None:
    assert "torch.tensor([[[[-0.2339, -0.3929]]]])" in code_step6((6, 8), (1, 2), 0.03, 10, "notebook", 0)
    assert "torch.manual_seed(3)" in code_step6((6, 8), (2, 1), 0.03, 10, "seed", 3)
