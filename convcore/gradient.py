"""The gradient of the squared error with respect to the kernel, as the book would compute it: dL/dK is the
correlation of X with dL/dY (for the summed loss dL/dY = 2(Y_hat - Y))."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import torch

from convcore.engine import ArrayLike, IntPair, as_pair, correlate, output_shape
from convcore.errors import ConvLabError
from convcore.training import LOSSES, as_2d, crop_to

if TYPE_CHECKING:
    from convcore.training import Trainer


@dataclass(frozen=True)
class KernelGradient:
    """One step's gradient: the residual Y_hat - Y over the compared cells, dL/dY over the whole output (zero where
    nothing is compared) and dL/dK, its correlation with X."""

    residual: torch.Tensor  # Y_hat - Y on the compared cells (fit_shape)
    dY: torch.Tensor  # dL/dY_hat over the whole output: 2 (Y_hat - Y), / N for the mean loss, 0 outside the crop
    grad: torch.Tensor  # dL/dK, the kernel's shape
    cells: int  # N, the compared output cells


def output_gradient(residual: torch.Tensor, loss: str) -> torch.Tensor:
    """dL/dY_hat of the squared error: 2 (Y_hat - Y) for 'sum', divided by the number of cells for 'mean'."""
    if loss not in LOSSES:
        raise ConvLabError("err_train_loss", value=repr(loss), choices=", ".join(LOSSES))
    return 2 * residual / (residual.numel() if loss == "mean" else 1)


def kernel_gradient(X: ArrayLike, K: ArrayLike, Y: ArrayLike, loss: str = "sum", fit_shape: Optional[IntPair] = None,
                    padding: IntPair = 0, stride: IntPair = 1, dilation: IntPair = 1) -> KernelGradient:
    """dL/dK of L = squared error(crop(X ⋆ K), Y) for a Conv2d with these settings, as a correlation of X with dL/dY.

    With stride 1 and dilation 1 it is corr2d(X_padded, dL/dY). In general dK[a, b] = sum_ij dY[i, j] Xp[a d + i s,
    b d + j s]: the correlation of the padded X with dL/dY taken with stride d and dilation s (the two swap roles),
    its first kh x kw cells. Y is the target on the compared cells: fit_shape (default: Y's shape), centred.
    """
    X, K, Y = as_2d(X, "X"), as_2d(K, "K"), as_2d(Y, "Y")
    (ph, pw), (sh, sw), (dh, dw) = (as_pair(padding, "padding"), as_pair(stride, "stride"),
                                    as_pair(dilation, "dilation"))
    shape = output_shape(X.shape[0], X.shape[1], K.shape[0], K.shape[1], padding, stride, dilation)
    if not shape.valid:
        raise ConvLabError("err_kernel_too_large", explain=shape.explain())
    fit = tuple(Y.shape) if fit_shape is None else as_pair(fit_shape, "fit_shape")
    if fit[0] > shape.height or fit[1] > shape.width or tuple(Y.shape) != fit:
        raise ConvLabError("err_train_y_shape", y=tuple(Y.shape), x=tuple(X.shape))
    Y_hat = correlate(X, K, padding=(ph, pw), stride=(sh, sw), dilation=(dh, dw), method="direct")
    residual = crop_to(Y_hat, fit) - Y
    dY = torch.zeros(shape.shape)
    crop_to(dY, fit)[...] = output_gradient(residual, loss)
    full = correlate(X, dY, padding=(ph, pw), stride=(dh, dw), dilation=(sh, sw), method="direct")
    return KernelGradient(residual, dY, full[: K.shape[0], : K.shape[1]].contiguous(), fit[0] * fit[1])


def trainer_gradient(trainer: Trainer) -> KernelGradient:
    """The gradient the trainer's next update would apply (the weights now, its X, target, crop and loss)."""
    return kernel_gradient(trainer.X, trainer.model.weight.detach()[0, 0].cpu(), crop_to(trainer.Y, trainer.fit_shape),
                           trainer.loss, trainer.fit_shape)
