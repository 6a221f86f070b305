"""Tests for convcore.lesson.gradient_step: iteration 1 of the notebook by hand gives the numbers its loop prints."""

from __future__ import annotations

import pytest
import torch

from convcore.lesson.correlation import stripes_image
from convcore.lesson.gradient_step import first_update, gradient_sums
from convcore.lesson.notebook_code import printed_float
from convcore.lesson.training import make_trainer, training_lines

pytestmark = pytest.mark.usefixtures("one_thread")
BOOK_X, BOOK_K = stripes_image(6, 8, 2, 6), torch.tensor([[1.0, -1.0]])


def test_iteration_one_by_hand_is_the_loop_s_iteration_one() -> None:
    trainer = make_trainer(BOOK_X, BOOK_K, "notebook", 0, 0.03)
    step = first_update(trainer)
    assert printed_float(step.residual).splitlines()[0] == \
        "tensor([[-0.6268, -1.2339,  0.0000,  0.0000,  0.0000,  0.6071, -0.6268],"
    assert printed_float(step.grad) == "tensor([[-29.8500,  -7.7580]])"
    log = training_lines(trainer.step(1)).splitlines()
    assert log[0] == "iteration 1, loss %.3f" % step.loss == "iteration 1, loss 16.061"
    assert log[1] == "parameters: " + repr(step.after.reshape(1, 1, 1, 2)) == \
        "parameters: tensor([[[[ 0.6616, -0.1602]]]])"


def test_the_gradient_s_sums_are_written_row_by_row() -> None:
    step = first_update(make_trainer(BOOK_X, BOOK_K, "notebook", 0, 0.03))
    assert gradient_sums(BOOK_X, step.dY, step.grad, "rows").splitlines() == [
        "grad[a, b] = Σ X[i + a, j + b] * dY[i, j]",
        "grad[0, 0]",
        "  rows 0-5: 1*(-1.254) + 1*(-2.468) + 1*(-1.254) = -4.975",
        "  = 6 * (-4.975) = -29.85",
        "grad[0, 1]",
        "  rows 0-5: 1*(-1.254) + 1*1.214 + 1*(-1.254) = -1.293",
        "  = 6 * (-1.293) = -7.758",
    ]


def test_rows_that_differ_and_larger_kernels() -> None:
    X = torch.tensor([[1.0, 2.0, 0.0], [0.0, 1.0, 3.0]])
    dY = torch.tensor([[1.0, -1.0], [2.0, 0.5]])
    assert gradient_sums(X, dY, torch.tensor([[-0.5, 5.5]]), "rows").splitlines()[1:] == [
        "grad[0, 0]", "  i = 0: 1*1 + 2*(-1) = -1", "  i = 1: 1*0.5", "  = (-1) + 0.5 = -0.5",
        "grad[0, 1]", "  i = 0: 2*1", "  i = 1: 1*2 + 3*0.5 = 3.5", "  = 2 + 3.5 = 5.5"]
    trainer = make_trainer(BOOK_X, torch.ones(3, 3), "seed", 0, 0.03)
    step = first_update(trainer)
    lines = gradient_sums(trainer.X, step.dY, step.grad, "rows").splitlines()
    assert len(lines) == 10 and all(" = " in line for line in lines)  # 9 weights: the totals only
    trainer.forward_loss().backward()
    torch.testing.assert_close(step.grad, trainer.model.weight.grad[0, 0], rtol=1e-4, atol=1e-4)
