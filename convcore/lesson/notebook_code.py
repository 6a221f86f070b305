"""The notebook's side of each step: the code of its cells, with the current values, and what they print."""

from __future__ import annotations

import inspect
from typing import Any, Sequence

import numpy as np
import torch

from convcore.engine import corr2d
from convcore.lesson.training import NOTEBOOK_INIT


def number(v: float) -> str:
    """A value as the notebook would write it: integers plainly, others with 4 significant digits."""
    v = float(v)
    return f"{v:.0f}" if v.is_integer() else f"{v:.4g}"


def factor(v: float) -> str:
    """A value inside a product, negatives in parentheses: 3, (-1), 0.5."""
    text = number(v)
    return f"({text})" if text.startswith("-") else text


def book_literal(A: Any) -> str:
    """A matrix as a Python literal for torch.tensor(...): integers without a decimal point."""
    rows = np.asarray(A, dtype=np.float64).tolist()
    return "[" + ", ".join("[" + ", ".join(number(v) for v in row) + "]" for row in rows) + "]"


def printed(A: Any) -> str:
    """What print(A) shows in the notebook: whole-number inputs print as integer tensors."""
    T = torch.as_tensor(np.asarray(A, dtype=np.float32))
    whole = bool(torch.all(T == torch.round(T)))
    return repr(T.to(torch.int64) if whole else T)


def printed_float(A: Any) -> str:
    """print() of a float tensor (what corr2d and torch.ones give): '19.' style numbers."""
    return repr(torch.as_tensor(np.asarray(A, dtype=np.float32)))


def printed_shape(A: Any) -> str:
    """print(A.shape) as torch writes it: torch.Size([6, 8])."""
    return repr(torch.Size(np.asarray(A).shape))


# The course notebook's corr2d, character for character (d2l writes the slices `X[i:i + h, j:j + w]`).
BOOK_CORR2D = """def corr2d(X, K):
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i: i + h, j: j + w] * K).sum()
    return Y"""


def corr2d_code() -> str:
    """The notebook's corr2d as it is written there (the app's engine.corr2d is the same loop, typed)."""
    return BOOK_CORR2D


def loop_lines(source: str) -> list[str]:
    """The statements of a corr2d's body without spaces, signature or docstring: what two copies must share."""
    lines = [line.replace(" ", "") for line in source.splitlines()[1:]]
    return [line for line in lines if line and not line.startswith('"""')]


def app_corr2d_is_the_book_loop() -> bool:
    """Whether the corr2d this app runs has the notebook's statements."""
    return loop_lines(inspect.getsource(corr2d)) == loop_lines(BOOK_CORR2D)


def code_step1(n_h: int, n_w: int, k_h: int, k_w: int) -> str:
    """Step 1: the shape rule on the chosen sizes."""
    return (f"X = torch.zeros(({n_h}, {n_w}))\nK = torch.zeros(({k_h}, {k_w}))\n"
            "corr2d(X, K).shape  # (n_h - k_h + 1, n_w - k_w + 1)")


def code_step2(X: Any, K: Any) -> str:
    """Step 2: the 3x3 example cell, with the current values."""
    return f"X = torch.tensor({book_literal(X)})\nK = torch.tensor({book_literal(K)})\ncorr2d(X, K)"


def code_step3(rows: int, cols: int, start: int, stop: int) -> str:
    """Step 3: building the stripes image."""
    return f"X = torch.ones(({rows}, {cols}))\nX[:, {start}:{stop}] = 0\nprint(X)\nprint(X.shape)"


def code_step4(K: Any) -> str:
    """Step 4: the edge kernel."""
    return f"K = torch.tensor({book_literal(K)})\nprint(K)\nprint(K.shape)"


CODE_STEP5 = "Y = corr2d(X, K)\nY"


def code_step5_t(comment: str) -> str:
    """Step 5: the notebook's commented-out lines, switched on, under a `comment` in the user's language."""
    return f"# {comment}\nYt = corr2d(X.t(), K)\nYt"


CODE_STEP5_TT = "Ytt = corr2d(X.t(), K.t())\nYtt"


def code_step6(x_shape: Sequence[int], kernel_shape: Sequence[int], lr: float, iterations: int, init: str,
               seed: int, comment: str = "the notebook's start") -> str:
    """Step 6: the notebook's training cells, with the chosen start, learning rate and iterations."""
    (rows, cols), (h, w) = x_shape, kernel_shape
    build = f"conv2d = nn.Conv2d(1, 1, kernel_size=({h}, {w}), bias=False)\n"
    if init == "notebook":
        build += f"conv2d.weight.data[:] = torch.tensor([[{book_literal(NOTEBOOK_INIT)}]])  # {comment}\n"
    else:
        build = f"torch.manual_seed({seed})\n" + build
    return (
        f"{build}X = X.reshape((1, 1, {rows}, {cols}))\nY = Y.reshape((1, 1, {rows - h + 1}, {cols - w + 1}))\n"
        "print(conv2d.weight.data)\n\n"
        f"for i in range({iterations}):\n"
        "    Y_hat = conv2d(X)\n"
        "    l = (Y_hat - Y) ** 2\n"
        "    conv2d.zero_grad()\n"
        "    l.sum().backward()\n"
        f"    conv2d.weight.data[:] -= {lr:g} * conv2d.weight.grad\n"
        "    print('iteration %d, loss %.3f' % (i + 1, l.sum()))\n"
        "    print('parameters:', conv2d.weight.data)"
    )


def code_step6_final(kernel_shape: Sequence[int]) -> str:
    """Step 6: the notebook's last cell."""
    return f"conv2d.weight.data.reshape({tuple(kernel_shape)})"


def code_step6_residual(comment: str) -> str:
    """Step 6, one update by hand: the forward pass of iteration 1 and its error."""
    return f"Y_hat = conv2d(X).detach()  # {comment}\nprint((Y_hat - Y)[0, 0])"


def code_step6_gradient(comment: str) -> str:
    """Step 6, one update by hand: dL/dY of the summed loss, and the gradient as a correlation of X with it."""
    return ("dY = 2 * (Y_hat - Y)  # dL/dY_hat of l.sum()\n"
            f"grad = corr2d(X[0, 0], dY[0, 0])  # {comment}\nprint(grad)")


def code_step6_update(lr: float) -> str:
    """Step 6, one update by hand: the notebook's update with that gradient."""
    return f"conv2d.weight.data[:] -= {lr:g} * grad\nprint('parameters:', conv2d.weight.data)"
