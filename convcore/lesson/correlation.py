"""What the Lesson's steps compute: corr2d with every sum spelled out, the shape rule, the stripes and their edges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Sequence

import numpy as np
import torch

from convcore.engine import OutputShape, corr2d, output_shape
from convcore.errors import ConvLabError
from convcore.lesson.notebook_code import factor, number


def shape_demo(n_h: int, n_w: int, k_h: int, k_w: int) -> tuple[OutputShape, Optional[str]]:
    """The output shape of X (n_h x n_w) and K (k_h x k_w), and what corr2d(X, K).shape prints (None: no fit)."""
    shape = output_shape(n_h, n_w, k_h, k_w)
    if not shape.valid:
        return shape, None
    return shape, repr(corr2d(torch.zeros((n_h, n_w)), torch.zeros((k_h, k_w))).shape)


def corr2d_checked(X: Any, K: Any) -> tuple[torch.Tensor, OutputShape]:
    """corr2d(X, K) (the book's loop) and its shape, refusing a kernel that does not fit."""
    Xt, Kt = torch.as_tensor(np.asarray(X, dtype=np.float32)), torch.as_tensor(np.asarray(K, dtype=np.float32))
    shape = output_shape(Xt.shape[0], Xt.shape[1], Kt.shape[0], Kt.shape[1])
    if not shape.valid:
        raise ConvLabError("err_kernel_too_large", explain=shape.explain())
    return corr2d(Xt, Kt), shape


def spelled_sum(window: torch.Tensor, K: torch.Tensor, value: float) -> str:
    """'0*0 + 1*1 + 3*2 + 4*3 = 19': the products of one window with K and their sum."""
    terms = [f"{factor(x)}*{factor(k)}" for x, k in zip(window.flatten().tolist(), K.flatten().tolist())]
    return " + ".join(terms) + f" = {number(value)}"


def correlate_with_sums(X: Any, K: Any) -> tuple[torch.Tensor, list[list[str]], OutputShape]:
    """Y = corr2d(X, K), each output cell's sum spelled out, and the output shape."""
    Y, shape = corr2d_checked(X, K)
    Xt, Kt = torch.as_tensor(np.asarray(X, dtype=np.float32)), torch.as_tensor(np.asarray(K, dtype=np.float32))
    h, w = Kt.shape
    sums = [[spelled_sum(Xt[i : i + h, j : j + w], Kt, Y[i, j].item()) for j in range(Y.shape[1])]
            for i in range(Y.shape[0])]
    return Y, sums, shape


def sums_text(sums: Sequence[Sequence[str]]) -> str:
    """One line per output cell: 'Y[0, 0] = 0*0 + 1*1 + 3*2 + 4*3 = 19'."""
    return "\n".join(f"Y[{i}, {j}] = {text}" for i, row in enumerate(sums) for j, text in enumerate(row))


def stripes_image(rows: int, cols: int, start: int, stop: int) -> torch.Tensor:
    """The notebook's X = torch.ones((rows, cols)); X[:, start:stop] = 0."""
    X = torch.ones((rows, cols))
    X[:, start:stop] = 0
    return X


@dataclass(frozen=True)
class EdgeMaps:
    """Step 5: Y = corr2d(X, K), Yt = corr2d(X.t(), K), Ytt = corr2d(X.t(), K.t()) (None when K.t() does not fit)."""

    Y: torch.Tensor
    Yt: torch.Tensor
    Ytt: Optional[torch.Tensor]
    shape: OutputShape
    shape_t: OutputShape


def edge_maps(X: torch.Tensor, K: torch.Tensor) -> EdgeMaps:
    """The edge map of X, of the transposed X, and of the transposed X with the transposed K."""
    Y, shape = corr2d_checked(X, K)
    Yt, shape_t = corr2d_checked(X.t(), K)
    try:
        Ytt = corr2d_checked(X.t(), K.t())[0]
    except ConvLabError:
        Ytt = None
    return EdgeMaps(Y, Yt, Ytt, shape, shape_t)


def sign_columns(Y: torch.Tensor) -> tuple[list[int], list[int]]:
    """Columns of Y holding a positive value, and columns holding a negative one."""
    return ([int(j) for j in torch.nonzero((Y > 0).any(dim=0)).flatten()],
            [int(j) for j in torch.nonzero((Y < 0).any(dim=0)).flatten()])


def all_zero(Y: torch.Tensor) -> bool:
    """True when every value of Y is 0."""
    return bool(torch.all(Y == 0))
