"""convcore.lesson.training: the notebook's training run of step 6, reproduced, and its printout."""

from __future__ import annotations

import numpy as np
import torch

from convcore.images import stripes
from convcore.lesson.training import comparison, learned_printout, make_trainer, notebook_start_fits, training_lines


def test_notebook_training_run_is_reproduced() -> None:
    trainer = make_trainer(stripes(), torch.tensor([[1.0, -1.0]]), "notebook", seed=0, lr=0.03)
    records = trainer.step(10)
    lines = training_lines(records).splitlines()
    assert len(lines) == 20
    assert lines[0].startswith("iteration 1, loss 16.06")  # the notebook printed 16.062 from rounded weights
    assert lines[1].startswith("parameters: tensor([[[[ 0.6616, -0.160")  # notebook: -0.1601, rounding again
    np.testing.assert_allclose(records[0].weights, [[0.6616, -0.1601]], atol=2e-4)
    assert lines[-1] == "parameters: tensor([[[[ 0.9557, -1.0230]]]])"
    assert learned_printout(trainer.weights) == "tensor([[ 0.9557, -1.0230]])"
    losses = [r.loss for r in records]
    assert all(b < a for a, b in zip(losses, losses[1:]))
    rows = comparison([[1, -1]], trainer.weights)
    assert [r[0] for r in rows] == ["w1", "w2"] and all(abs(r[3]) < 0.05 for r in rows)


def test_seeded_start_is_reproducible_and_other_shapes_use_the_seed() -> None:
    K = torch.tensor([[1.0], [-1.0]])
    a = make_trainer(stripes(), K, "notebook", seed=3, lr=0.03)
    b = make_trainer(stripes(), K, "seed", seed=3, lr=0.03)
    assert torch.equal(a.initial, b.initial) and not notebook_start_fits(K)
