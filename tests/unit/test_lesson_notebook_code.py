"""convcore.lesson.notebook_code: each step's cell, with the current values, and what the notebook prints."""

from __future__ import annotations

import numpy as np

from convcore.images import stripes
import torch

from convcore.engine import corr2d
from convcore.lesson.notebook_code import (BOOK_CORR2D, app_corr2d_is_the_book_loop, code_step2, code_step3, code_step6,
                                          corr2d_code, printed, printed_shape)
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


def test_the_lesson_shows_the_notebook_corr2d_verbatim_and_the_app_runs_that_loop() -> None:
    assert corr2d_code() == BOOK_CORR2D and "->" not in BOOK_CORR2D and '"""' not in BOOK_CORR2D
    assert BOOK_CORR2D.startswith("def corr2d(X, K):\n") and "(X[i: i + h, j: j + w] * K).sum()" in BOOK_CORR2D
    assert app_corr2d_is_the_book_loop()
    scope = {"torch": torch}
    exec(BOOK_CORR2D, scope)  # our own constant, not user input
    X, K = torch.randn(6, 8, generator=torch.Generator().manual_seed(0)), torch.tensor([[1.0, -1.0], [0.5, 2.0]])
    assert torch.equal(scope["corr2d"](X, K), corr2d(X, K))


def test_the_lesson_says_which_source_comments_the_transposed_line_out() -> None:
    from ui.text import t
    assert "강의 노트북" in t("lesson_s5_t_text", "ko") and "d2l" in t("lesson_s5_t_text", "ko")
    assert "course notebook" in t("lesson_s5_t_text", "en") and "d2l" in t("lesson_s5_t_text", "en")
