"""Step 6, one update cell by cell: Y_hat - Y, the gradient as the correlation corr2d(X, 2(Y_hat - Y)), then
w -= lr * grad, from the trainer's starting weights (iteration 1 of the notebook)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import torch

from convcore.gradient import kernel_gradient
from convcore.lesson.notebook_code import factor, number
from convcore.training import Trainer, crop_to

SPELLED_WEIGHTS = 4  # kernels with at most this many weights get every row's products written out


@dataclass(frozen=True)
class FirstUpdate:
    """Iteration 1 by hand: the start, Y_hat - Y, dY = dL/dY_hat, the gradient, and the weights after the update."""

    start: torch.Tensor  # (kh, kw)
    residual: torch.Tensor  # Y_hat - Y
    dY: torch.Tensor  # 2 (Y_hat - Y)
    grad: torch.Tensor  # corr2d(X, dY): dL/dK
    lr: float
    after: torch.Tensor  # start - lr * grad
    loss: float  # ((Y_hat - Y) ** 2).sum(), what iteration 1 prints


def first_update(trainer: Trainer) -> FirstUpdate:
    """The Lesson trainer's first update (its starting weights, summed loss, plain update), computed by hand."""
    start = trainer.initial[0, 0].detach().cpu()
    found = kernel_gradient(trainer.X, start, crop_to(trainer.Y, trainer.fit_shape), "sum", trainer.fit_shape)
    return FirstUpdate(start, found.residual, found.dY, found.grad, trainer.lr, start - trainer.lr * found.grad,
                       float((found.residual ** 2).sum()))


def row_products(X: torch.Tensor, dY: torch.Tensor, a: int, b: int, i: int) -> tuple[str, float]:
    """One row of grad[a, b]'s sum: its nonzero products X[i + a, j + b] * dY[i, j] written out, and their total."""
    pairs = [(x, d) for x, d in zip(X[i + a, b : b + dY.shape[1]].tolist(), dY[i].tolist()) if x != 0 and d != 0]
    total = sum(x * d for x, d in pairs)
    terms = " + ".join(f"{factor(x)}*{factor(d)}" for x, d in pairs) or "0"
    return (f"{terms} = {number(total)}" if len(pairs) > 1 else terms), total


def weight_lines(X: torch.Tensor, dY: torch.Tensor, a: int, b: int, rows_word: str) -> list[str]:
    """grad[a, b]'s rows (equal rows written once: 'rows 0-5: ...') and the sum of the rows."""
    lines, totals, start = [], [], 0
    for (text, total), group in groupby(row_products(X, dY, a, b, i) for i in range(dY.shape[0])):
        n = len(list(group))
        lines.append(f"  {rows_word} {start}-{start + n - 1}: {text}" if n > 1 else f"  i = {start}: {text}")
        totals.append(f"{n} * {factor(total)}" if n > 1 else factor(total))
        start += n
    return lines + [f"  = {' + '.join(totals)}"]


def gradient_sums(X: torch.Tensor, dY: torch.Tensor, grad: torch.Tensor, rows_word: str = "rows") -> str:
    """grad[a, b] = sum over i, j of X[i + a, j + b] * dY[i, j], spelled out: for small kernels each row's nonzero
    products and their sum, for larger ones the totals only."""
    kh, kw = grad.shape
    lines = ["grad[a, b] = Σ X[i + a, j + b] * dY[i, j]"]
    for a in range(kh):
        for b in range(kw):
            value = f"grad[{a}, {b}] = {number(grad[a, b].item())}"
            if kh * kw > SPELLED_WEIGHTS:
                lines.append(value)
            else:
                body = weight_lines(X, dY, a, b, rows_word)
                lines += [f"grad[{a}, {b}]", *body[:-1], f"{body[-1]} = {number(grad[a, b].item())}"]
    return "\n".join(lines)
