"""Tests for convcore.gradient: dL/dK as the correlation of X with dL/dY equals torch autograd's conv2d.weight.grad
for each loss and for a table of padding, stride, dilation and crops; the notebook's first step by hand."""

from __future__ import annotations

import ast
import subprocess
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from convcore.codegen import train_code
from convcore.engine import corr2d
from convcore.errors import ConvLabError
from convcore.gradient import kernel_gradient, output_gradient, trainer_gradient
from convcore.images import stripes
from convcore.lesson.training import make_trainer
from convcore.training import LOSSES, Trainer, crop_to, squared_error
from tests.helpers.training import BOOK_K, book, random_image

pytestmark = pytest.mark.usefixtures("one_thread")


def autograd(X: torch.Tensor, K: torch.Tensor, Y: torch.Tensor, loss: str, padding=0, stride=1,
             dilation=1) -> torch.Tensor:
    """conv2d.weight.grad after loss.backward(), the crop to Y's shape centred as the Trainer takes it."""
    w = K.clone().reshape(1, 1, *K.shape).requires_grad_(True)
    out = F.conv2d(X.reshape(1, 1, *X.shape), w, padding=padding, stride=stride, dilation=dilation)[0, 0]
    squared_error(crop_to(out, Y.shape), Y, loss).backward()
    return w.grad[0, 0]


CASES = [  # (image side(s), kernel shape, padding, stride, dilation, compared cells or None: the whole output)
    ((6, 8), (1, 2), 0, 1, 1, None),
    ((9, 9), (3, 3), 1, 1, 1, None),
    ((9, 11), (3, 3), 0, 2, 1, None),
    ((10, 10), (2, 3), 0, (2, 3), 1, None),  # a stride that leaves rows no window reads
    ((12, 12), (3, 3), 0, 1, 2, None),
    ((12, 13), (3, 2), (2, 1), (2, 1), (2, 3), None),
    ((11, 11), (4, 4), 3, 3, 2, None),
    ((16, 16), (3, 3), 0, 1, 1, (10, 12)),  # the Trainer's centred crop (a kernel of another size than the target's)
    ((16, 16), (5, 5), 1, 2, 1, (4, 5)),
]


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("sides, kshape, padding, stride, dilation, fit", CASES)
def test_gradient_is_the_autograd_gradient(sides, kshape, padding, stride, dilation, fit, loss: str) -> None:
    g = torch.Generator().manual_seed(sum(sides) + kshape[0] * 7 + kshape[1])
    X = torch.rand(*sides, generator=g) * 2 - 1
    K = torch.randn(*kshape, generator=g)
    out = F.conv2d(X.reshape(1, 1, *sides), torch.randn(1, 1, *kshape, generator=g), padding=padding, stride=stride,
                   dilation=dilation)[0, 0]
    Y = crop_to(out, fit) if fit else out  # another kernel's output: the residual is far from zero
    result = kernel_gradient(X, K, Y, loss, fit, padding, stride, dilation)
    expected = autograd(X, K, Y, loss, padding, stride, dilation)
    assert result.grad.shape == K.shape and result.residual.shape == Y.shape
    scale = expected.abs().max().item()
    assert scale > 1e-3  # not a vacuous comparison
    torch.testing.assert_close(result.grad, expected, rtol=1e-4, atol=1e-5 * scale)
    assert result.cells == Y.numel()


def test_the_book_s_case_is_corr2d_of_x_with_twice_the_residual() -> None:
    X, K = torch.from_numpy(stripes()), torch.tensor(BOOK_K)
    Y = corr2d(X, K)
    w = torch.tensor([[-0.2339, -0.3929]])
    result = kernel_gradient(X, w, Y)
    torch.testing.assert_close(result.residual, corr2d(X, w) - Y)
    torch.testing.assert_close(result.dY, 2 * (corr2d(X, w) - Y))
    torch.testing.assert_close(result.grad, corr2d(X, result.dY))
    torch.testing.assert_close(result.grad, torch.tensor([[-29.85, -7.758]]), atol=1e-3, rtol=0)
    # ... and w -= lr * grad is the notebook's first update: iteration 1's parameters
    trainer = make_trainer(X, K, "notebook", 0, 3e-2)
    torch.testing.assert_close(trainer_gradient(trainer).grad, result.grad)
    record = trainer.step(1)[0]
    torch.testing.assert_close(torch.tensor(record.weights), w - 3e-2 * result.grad)
    assert [round(v, 4) for v in record.weights[0]] == [0.6616, -0.1602]


@pytest.mark.parametrize("loss", LOSSES)
def test_trainer_gradient_is_the_gradient_its_update_applies(loss: str) -> None:
    X = random_image(12, seed=3)
    t = Trainer(X, torch.randn(3, 3, generator=torch.Generator().manual_seed(1)), kernel_shape=(2, 4), seed=5,
                optimizer="plain", lr=1e-3, loss=loss)
    t.step(3)
    before = torch.tensor(t.weights)
    grad = trainer_gradient(t).grad
    t.model.zero_grad()  # (the last update's gradient is still there)
    t.forward_loss().backward()
    torch.testing.assert_close(grad, t.model.weight.grad[0, 0], rtol=1e-4, atol=1e-6)
    t.model.zero_grad()
    t.step(1)
    torch.testing.assert_close(torch.tensor(t.weights), before - 1e-3 * grad, rtol=1e-5, atol=1e-6)


def test_the_mean_loss_divides_by_the_compared_cells() -> None:
    r = torch.tensor([[1.0, -2.0, 0.5]])
    torch.testing.assert_close(output_gradient(r, "sum"), 2 * r)
    torch.testing.assert_close(output_gradient(r, "mean"), 2 * r / 3)
    t = book()
    assert trainer_gradient(t).cells == 42


def test_refusals() -> None:
    X = random_image(6)
    with pytest.raises(ConvLabError):
        output_gradient(torch.ones(2, 2), "median")
    with pytest.raises(ConvLabError):
        kernel_gradient(X, torch.ones(7, 7), torch.ones(1, 1))
    with pytest.raises(ConvLabError):
        kernel_gradient(X, torch.ones(2, 2), torch.ones(6, 6))  # Y larger than the output
    with pytest.raises(ConvLabError):
        kernel_gradient(X, torch.ones(2, 2), torch.ones(3, 3), fit_shape=(4, 4))  # Y not the compared size


@pytest.mark.parametrize("loss, shape", [("sum", (1, 2)), ("mean", (1, 2)), ("sum", (2, 3))])
def test_the_train_twin_prints_the_gradient_the_page_shows(tmp_path, loss: str, shape) -> None:
    X, K = random_image(9, seed=2), [[1.0, -1.0]]
    code = train_code(X.numpy(), np.array(K), kernel_shape=shape, seed=1, optimizer="plain", lr=1e-2, loss=loss,
                      steps=4)
    path = tmp_path / "twin.py"
    path.write_text(code)
    done = subprocess.run([sys.executable, "-W", "error", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    printed = next(line for line in done.stdout.splitlines() if line.startswith("dL/dK ="))
    t = Trainer(X, K, kernel_shape=shape, seed=1, optimizer="plain", lr=1e-2, loss=loss)
    t.step(4)
    expected = trainer_gradient(t).grad
    torch.testing.assert_close(torch.tensor(ast.literal_eval(printed.split("=", 1)[1].strip())), expected,
                               rtol=1e-4, atol=1e-5)
    assert expected.abs().max() > 1e-3
