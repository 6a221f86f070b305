"""Tests for convcore.exports' training files: the history as CSV and the learned kernel as JSON parse back."""

from __future__ import annotations

import csv
import io
import json

import pytest

from convcore.engine import correlate
from convcore.exports import history_csv, kernel_json
from convcore.images import stripes
from convcore.kernels import preset
from convcore.limits import LIMITS
from convcore.training import Trainer
from tests.helpers.training import BOOK_K, SEED0_FINAL_LOSS, book, random_image

pytestmark = pytest.mark.usefixtures("one_thread")


def test_history_csv_parses_back() -> None:
    t = Trainer(random_image(8), preset("sobel_x"), optimizer="adam", lr=0.05)
    t.step(4)
    rows = list(csv.DictReader(io.StringIO(history_csv(t.history))))
    names = [f"w_{i}_{j}" for i in range(3) for j in range(3)]
    assert list(rows[0]) == ["step", "loss", *names, "lr"] and len(rows) == 4
    for row, r in zip(rows, t.history):
        assert int(row["step"]) == r.step and float(row["loss"]) == r.loss and float(row["lr"]) == 0.05
        assert [float(row[n]) for n in names] == [v for line in r.weights for v in line]
    assert history_csv([]) == "step,loss,lr\n"


def test_kernel_json_parses_back() -> None:
    t = book()
    t.step(10)
    data = json.loads(kernel_json(t))
    assert data["learned"] == t.weights and data["target"] == BOOK_K
    assert data["steps"] == 10 and data["final_loss"] == pytest.approx(SEED0_FINAL_LOSS, abs=1e-4)
    assert data["settings"] == {"optimizer": "plain", "lr": 0.03, "loss": "sum", "seed": 0, "kernel_shape": [1, 2],
                                "device": "cpu", "device_used": "cpu", "max_steps": LIMITS.max_training_steps}
    assert data["diverged"] is False and data["stop_reason"] is None
    d = Trainer(stripes(), Y=correlate(stripes(), BOOK_K), lr=1e30)
    d.step(5)
    data = json.loads(kernel_json(d))
    assert data["target"] is None and data["diverged"] is True and data["stop_reason"] == "err_train_diverged"
