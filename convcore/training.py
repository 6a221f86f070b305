"""Learning a kernel from X and Y, as section 6.2.4 does: a Conv2d, a squared error, an update, metrics per step."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, Sequence

import numpy as np
import torch
from torch import nn

from convcore.engine import ArrayLike, IntPair, as_pair, as_tensor, correlate, output_shape
from convcore.errors import ConvLabError
from convcore.limits import LIMITS

if TYPE_CHECKING:
    from convcore.loss_surface import Landscape, Stability

OPTIMIZERS: tuple[str, ...] = ("plain", "momentum", "adam")
LOSSES: tuple[str, ...] = ("sum", "mean")
DEVICES: tuple[str, ...] = ("cpu", "cuda", "mps")
MOMENTUM = 0.9
DEFAULT_MAX_STEPS = LIMITS.max_training_steps
DIVERGENCE_FACTOR = 1e6  # a loss above this many times max(first loss, 1) counts as diverged
READABLE_GROWTH = 10.0  # a weights chart keeps to the steps whose loss stayed within this many times the first loss


@dataclass(frozen=True, slots=True)
class Record:
    """One update: its number (from 1), the loss before it, the weights after it, the learning rate it used."""

    step: int
    loss: float
    weights: list[list[float]]
    lr: float


def available_devices() -> list[str]:
    """The devices torch can use here: 'cpu' always, then 'cuda' and 'mps' when present."""
    devices = ["cpu"]
    if torch.cuda.is_available():
        devices.append("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        devices.append("mps")
    return devices


def resolve_device(device: str) -> torch.device:
    """A torch.device for 'cpu', 'cuda' or 'mps', refusing a name that is unknown or absent here."""
    if device not in DEVICES:
        raise ConvLabError("err_train_device", device=repr(device), choices=", ".join(DEVICES))
    if device not in available_devices():
        raise ConvLabError("err_train_device_unavailable", device=device, available=", ".join(available_devices()))
    return torch.device(device)


def check_lr(lr: Any) -> float:
    """The learning rate as a float, refusing one that is not a positive finite number."""
    numeric = isinstance(lr, (int, float, np.integer, np.floating)) and not isinstance(lr, bool)
    if not (numeric and math.isfinite(lr) and lr > 0):
        raise ConvLabError("err_train_lr", value=repr(lr))
    return float(lr)


def check_count(n: Any, key: str, low: int, high: int, **params: Any) -> int:
    """n as an int in [low, high], or a ConvLabError `key` with value=n."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not low <= n <= high:
        raise ConvLabError(key, value=repr(n), **params)
    return int(n)


def as_2d(A: ArrayLike, name: str) -> torch.Tensor:
    """A float32 (rows, columns) tensor, refusing other ranks."""
    T = as_tensor(A, name)
    if T.dim() != 2:
        raise ConvLabError("err_train_rank", name=name, shape=tuple(T.shape))
    return T


def crop_to(T: torch.Tensor, shape: Sequence[int]) -> torch.Tensor:
    """The centred shape[0] x shape[1] block of T's last two axes."""
    top, left = (T.shape[-2] - shape[0]) // 2, (T.shape[-1] - shape[1]) // 2
    return T[..., top : top + shape[0], left : left + shape[1]]


def fit_shapes(X: torch.Tensor, Y: torch.Tensor, kernel_shape: Optional[IntPair]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The learned kernel's shape (default: the one that maps X to Y's size) and the compared output size."""
    implied = (X.shape[0] - Y.shape[0] + 1, X.shape[1] - Y.shape[1] + 1)
    if min(implied) < 1:
        raise ConvLabError("err_train_y_shape", y=tuple(Y.shape), x=tuple(X.shape))
    shape = implied if kernel_shape is None else as_pair(kernel_shape, "kernel_shape")
    out = output_shape(X.shape[0], X.shape[1], *shape)
    if not out.valid:
        raise ConvLabError("err_kernel_too_large", explain=out.explain())
    return shape, (min(out.height, Y.shape[0]), min(out.width, Y.shape[1]))


def squared_error(Y_hat: torch.Tensor, Y: torch.Tensor, loss: str) -> torch.Tensor:
    """The notebook's squared error (Y_hat - Y) ** 2, summed ('sum') or averaged ('mean')."""
    l = (Y_hat - Y) ** 2
    return l.sum() if loss == "sum" else l.mean()


class Plain(torch.optim.Optimizer):
    """The notebook's update w -= lr * grad, written literally, with lr kept in param_groups."""

    def __init__(self, params: Any, lr: float) -> None:
        super().__init__(params, {"lr": lr})

    @torch.no_grad()
    def step(self, closure: Any = None) -> None:
        """w -= lr * grad for every parameter that has a gradient."""
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p -= group["lr"] * p.grad


def make_optimizer(name: str, params: Any, lr: float) -> torch.optim.Optimizer:
    """'plain' is the notebook's w -= lr * grad; 'momentum' adds momentum 0.9; 'adam' is Adam."""
    if name == "plain":
        return Plain(params, lr)
    if name == "momentum":
        return torch.optim.SGD(params, lr=lr, momentum=MOMENTUM)
    return torch.optim.Adam(params, lr=lr)


class Trainer:
    """Learns a kernel from X and Y = X ⋆ K with nn.Conv2d(1, 1, kernel_shape, bias=False), one step at a time."""

    def __init__(self, X: ArrayLike, K: Optional[ArrayLike] = None, *, Y: Optional[ArrayLike] = None,
                 kernel_shape: Optional[IntPair] = None, seed: int = 0, optimizer: str = "plain", lr: float = 3e-2,
                 loss: str = "sum", device: str = "cpu", max_steps: int = DEFAULT_MAX_STEPS) -> None:
        """Check the settings, compute Y = X ⋆ K when K is given, and build the seeded Conv2d on the device."""
        if (K is None) == (Y is None):
            raise ConvLabError("err_train_target")
        if optimizer not in OPTIMIZERS:
            raise ConvLabError("err_train_optimizer", value=repr(optimizer), choices=", ".join(OPTIMIZERS))
        if loss not in LOSSES:
            raise ConvLabError("err_train_loss", value=repr(loss), choices=", ".join(LOSSES))
        self.seed = check_count(seed, "err_train_seed", 0, 2**63 - 1)
        self.max_steps = check_count(max_steps, "err_train_steps", 1, 10**9)
        self.optimizer, self.loss, self._lr = optimizer, loss, check_lr(lr)
        self.X = as_2d(X, "X")
        self.K = None if K is None else as_2d(K, "K")
        self.Y = correlate(self.X, self.K, method="direct") if self.K is not None else as_2d(Y, "Y")
        self.kernel_shape, self.fit_shape = fit_shapes(self.X, self.Y, kernel_shape)
        self.device = resolve_device(device)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(self.seed)
            self.model = nn.Conv2d(1, 1, kernel_size=self.kernel_shape, bias=False)
        self.initial = self.model.weight.detach().clone()
        self.model.to(self.device)
        self.device_used = str(self.model.weight.device)
        self._x = self.X.reshape(1, 1, *self.X.shape).to(self.device)
        self._y = crop_to(self.Y, self.fit_shape).reshape(1, 1, *self.fit_shape).to(self.device)
        self.reset()

    def reset(self) -> None:
        """Restore the seeded initial weights, a fresh optimizer and an empty history (the lr is kept)."""
        with torch.no_grad():
            self.model.weight.copy_(self.initial)
        self.model.zero_grad(set_to_none=True)
        self.opt = make_optimizer(self.optimizer, self.model.parameters(), self._lr)
        self.history: list[Record] = []
        self.first_loss: Optional[float] = None
        self.diverged = False
        self.stop_reason: Optional[str] = None
        self.stop_params: dict[str, Any] = {}

    @property
    def lr(self) -> float:
        """The learning rate of the next update."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        """Change the learning rate between steps, keeping weights, history and optimizer state."""
        self._lr = check_lr(value)
        for group in self.opt.param_groups:
            group["lr"] = self._lr

    @property
    def steps_taken(self) -> int:
        """Updates applied since the start or the last reset."""
        return len(self.history)

    @property
    def done(self) -> bool:
        """True once training stopped (diverged or reached max_steps); see stop_reason."""
        return self.stop_reason is not None

    @property
    def weights(self) -> list[list[float]]:
        """The current kernel as a nested list of floats."""
        return self.model.weight.detach()[0, 0].cpu().tolist()

    def forward_loss(self) -> torch.Tensor:
        """The loss of the current kernel on the compared region, with its graph."""
        return squared_error(crop_to(self.model(self._x), self.fit_shape), self._y, self.loss)

    def current_loss(self) -> float:
        """The loss of the current weights (after the last update)."""
        with torch.no_grad():
            return self.forward_loss().item()

    def stop(self, reason: str, **params: Any) -> None:
        """Stop training for `reason` (an i18n key filled by params)."""
        self.stop_reason, self.stop_params = reason, params
        self.diverged = reason == "err_train_diverged"

    def stop_error(self) -> Optional[ConvLabError]:
        """Why training stopped, as a ConvLabError the UI can show; None while it can go on."""
        return None if self.stop_reason is None else ConvLabError(self.stop_reason, **self.stop_params)

    def update(self) -> Optional[Record]:
        """One pass of the notebook's loop: forward, loss, zero_grad, backward, update; None if it diverged."""
        l = self.forward_loss()
        value = l.item()
        if self.first_loss is None:
            self.first_loss = value
        if not math.isfinite(value) or value > DIVERGENCE_FACTOR * max(self.first_loss, 1.0):
            self.stop("err_train_diverged", step=self.steps_taken + 1, loss=f"{value:.4g}", lr=f"{self._lr:g}",
                      done=self.steps_taken)
            return None
        self.opt.zero_grad()
        l.backward()
        self.opt.step()
        record = Record(self.steps_taken + 1, value, self.weights, self._lr)
        self.history.append(record)
        if not all(math.isfinite(v) for row in record.weights for v in row):
            self.stop("err_train_diverged", step=record.step, loss=f"{value:.4g}", lr=f"{self._lr:g}",
                      done=record.step)
        elif self.steps_taken >= self.max_steps:
            self.stop("err_train_max_steps", limit=self.max_steps)
        return record

    def step(self, n: int = 1) -> list[Record]:
        """Run up to n updates and return their records; stops early on divergence or max_steps."""
        n = check_count(n, "err_train_steps", 0, 10**9)
        records: list[Record] = []
        while len(records) < n and not self.done:
            record = self.update()
            if record is not None:
                records.append(record)
        return records

    def settings(self) -> dict[str, Any]:
        """The run's settings as plain values."""
        return {"optimizer": self.optimizer, "lr": self._lr, "loss": self.loss, "seed": self.seed,
                "kernel_shape": list(self.kernel_shape), "device": self.device.type, "device_used": self.device_used,
                "max_steps": self.max_steps}

    def stability(self, loss: Optional[str] = None) -> Stability:
        """The plain-SGD limit of this problem, for its loss or another (A^T A computed once per trainer)."""
        from convcore.loss_surface import stability_of, window_gram  # (loss_surface builds on this module)

        if getattr(self, "_gram", None) is None:
            self._gram = window_gram(self.X, self.kernel_shape, fit_shape=self.fit_shape)
        return stability_of(*self._gram, self.loss if loss is None else loss)

    def landscape(self, w1_range: Sequence[float], w2_range: Sequence[float], resolution: int = 61) -> Landscape:
        """loss_landscape for this trainer's X, Y, loss and 2-weight kernel."""
        from convcore.loss_surface import loss_landscape

        return loss_landscape(self.X, self.Y, w1_range, w2_range, resolution, self.loss, self.kernel_shape)


def readable_span(history: Sequence[Record], initial: Sequence[Sequence[float]], target: Any = None,
                  last_loss: Optional[float] = None, growth: float = READABLE_GROWTH) -> Optional[tuple[float, float]]:
    """A weights axis range that a blown-up run cannot squash (None when every weight already fits in it)."""
    # The start, the target and the weights whose loss (the next record's, last_loss for the last) stayed within
    # `growth` times the first loss, padded by a tenth.
    if not history:
        return None
    limit = growth * max(history[0].loss, 1e-12)
    after = [r.loss for r in history[1:]] + [math.inf if last_loss is None else last_loss]
    values = [float(v) for row in initial for v in row]
    values += [] if target is None else [float(v) for v in np.asarray(target, dtype=np.float64).ravel()]
    for record, loss in zip(history, after):
        if not (math.isfinite(loss) and loss <= limit):
            break
        values += [v for row in record.weights for v in row]
    lo, hi = min(values), max(values)
    pad = max(hi - lo, 1.0) / 10
    lo, hi = lo - pad, hi + pad
    if all(math.isfinite(v) and lo <= v <= hi for r in history for row in r.weights for v in row):
        return None
    return lo, hi
