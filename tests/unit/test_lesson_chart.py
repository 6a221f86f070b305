"""convcore.plots.lesson_chart: the Lesson's training chart, loss and weights per iteration."""

from __future__ import annotations

import torch

from convcore.images import stripes
from convcore.lesson.training import make_trainer
from convcore.plots.lesson_chart import training_figure


def test_training_figure_has_loss_and_weights() -> None:
    trainer = make_trainer(stripes(), torch.tensor([[1.0, -1.0]]), "notebook", seed=0, lr=0.03)
    fig = training_figure(trainer.step(3), [[1, -1]])
    assert [tr.name for tr in fig.data] == ["loss", "w1", "w2"]
    assert list(fig.data[0].x) == [1, 2, 3]
