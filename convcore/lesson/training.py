"""Step 6, learning the kernel: the notebook's learner and start, its printout and the learned weights beside K."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import torch

from convcore.training import Record, Trainer

NOTEBOOK_INIT = [[-0.2339, -0.3929]]  # the weights the notebook's nn.Conv2d happened to start from
LEARNING_RATES: tuple[float, ...] = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3)


def notebook_start_fits(K: Any) -> bool:
    """True when K is 1x2, the shape the notebook's starting weights belong to."""
    return tuple(np.asarray(K).shape) == (1, 2)


def make_trainer(X: torch.Tensor, K: torch.Tensor, init: str, seed: int, lr: float) -> Trainer:
    """The notebook's learner: Conv2d of K's shape, no bias, summed squared error, plain w -= lr * grad."""
    trainer = Trainer(X, K, kernel_shape=tuple(K.shape), seed=seed, optimizer="plain", lr=lr, loss="sum")
    if init == "notebook" and notebook_start_fits(K):
        trainer.initial = torch.tensor(NOTEBOOK_INIT, dtype=torch.float32).reshape(1, 1, 1, 2)
        trainer.reset()
    return trainer


def training_lines(records: Sequence[Record]) -> str:
    """The notebook's printout: 'iteration 1, loss 16.062' and 'parameters: tensor([[[[...]]]])' per update."""
    lines = []
    for r in records:
        weights = torch.tensor(r.weights, dtype=torch.float32).reshape(1, 1, *np.asarray(r.weights).shape)
        lines += ["iteration %d, loss %.3f" % (r.step, r.loss), f"parameters: {weights!r}"]
    return "\n".join(lines)


def learned_printout(weights: Sequence[Sequence[float]]) -> str:
    """The notebook's last output: the learned kernel as a 2D tensor."""
    return repr(torch.tensor(weights, dtype=torch.float32))


def flat(weights: Sequence[Sequence[float]]) -> list[float]:
    """A kernel's values in reading order."""
    return [float(v) for row in weights for v in row]


def rounded(weights: Sequence[Sequence[float]], digits: int = 4) -> list[list[float]]:
    """Weights rounded for display."""
    return [[round(float(v), digits) for v in row] for row in weights]


def comparison(K: Any, weights: Sequence[Sequence[float]]) -> list[tuple[str, float, float, float]]:
    """(name, target, learned, learned - target) for each weight, in reading order."""
    target = flat(np.asarray(K, dtype=np.float64).tolist())
    return [(f"w{n + 1}", t, w, w - t) for n, (t, w) in enumerate(zip(target, flat(weights)))]
