"""The notebook's training setup and its seeded figures, for the tests of training, its loss surface and its files."""

from __future__ import annotations

import torch

from convcore.images import stripes
from convcore.training import Trainer

BOOK_K = [[1.0, -1.0]]
# Seed 0, the notebook's setup (stripes, [[1, -1]], 1x2 kernel, lr 3e-2, sum loss, plain update, 10 steps).
SEED0_FIRST_LOSS = 19.157655715942383
SEED0_FINAL_LOSS = 0.04333857446908951
SEED0_FINAL_WEIGHTS = [1.0063341856002808, -0.9661731123924255]
SEED0_INITIAL_WEIGHTS = [-0.005293981172144413, 0.37932288646698]


def book() -> Trainer:
    """The notebook's setup."""
    return Trainer(stripes(), BOOK_K, kernel_shape=(1, 2), seed=0, optimizer="plain", lr=3e-2, loss="sum")


def random_image(size: int = 16, seed: int = 0) -> torch.Tensor:
    """A seeded uniform random image."""
    return torch.rand(size, size, generator=torch.Generator().manual_seed(seed))
