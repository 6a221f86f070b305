"""Tests for convcore.training: the notebook's run, optimizers, divergence, pause/resume, devices, messages."""

from __future__ import annotations

import string

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from convcore.engine import correlate
from convcore.errors import ConvLabError
from convcore.i18n.numbers import approx_number
from convcore.images import sample, stripes
from convcore.kernels import preset
from convcore.training import OPTIMIZERS, Record, Trainer, available_devices, readable_span
import convcore.i18n as i18n
from tests.helpers.training import (BOOK_K, SEED0_FINAL_LOSS, SEED0_FINAL_WEIGHTS, SEED0_FIRST_LOSS,
                                    SEED0_INITIAL_WEIGHTS, book, random_image)

pytestmark = pytest.mark.usefixtures("one_thread")


def fields(text: str) -> set[str]:
    """The {placeholders} of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_notebook_setup_converges_with_seeded_figures() -> None:
    t = book()
    records = t.step(10)
    assert [r.step for r in records] == list(range(1, 11))
    assert t.initial[0, 0, 0].tolist() == pytest.approx(SEED0_INITIAL_WEIGHTS, abs=1e-6)
    assert records[0].loss == pytest.approx(SEED0_FIRST_LOSS, abs=1e-4)
    assert records[-1].loss == pytest.approx(SEED0_FINAL_LOSS, abs=1e-4)
    assert records[-1].weights[0] == pytest.approx(SEED0_FINAL_WEIGHTS, abs=1e-4)
    assert all(b.loss < a.loss for a, b in zip(records, records[1:]))
    assert records[-1].loss < 0.1 * records[0].loss and records[-1].loss < 1
    assert np.allclose(records[-1].weights, BOOK_K, atol=0.05)
    assert t.device_used == "cpu" and not t.done and t.steps_taken == 10


def test_plain_matches_the_notebook_loop_literally() -> None:
    torch.manual_seed(0)
    conv2d = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
    X = torch.from_numpy(stripes()).reshape((1, 1, 6, 8))
    Y = correlate(stripes(), BOOK_K).reshape((1, 1, 6, 7))
    expected = []
    for _ in range(10):
        Y_hat = conv2d(X)
        l = (Y_hat - Y) ** 2
        conv2d.zero_grad()
        l.sum().backward()
        conv2d.weight.data[:] -= 3e-2 * conv2d.weight.grad
        expected.append((l.sum().item(), conv2d.weight.data[0, 0].tolist()))
    for r, (loss, w) in zip(book().step(10), expected):
        assert (r.loss, r.weights) == (loss, w)  # bit for bit


def test_seed_does_not_touch_the_global_generator() -> None:
    torch.manual_seed(123)
    before = torch.rand(3)
    torch.manual_seed(123)
    book()
    assert torch.equal(torch.rand(3), before)


@pytest.mark.parametrize("optimizer,lr", [("plain", 1e-3), ("momentum", 3e-4), ("adam", 0.1)])
def test_each_optimizer_reduces_the_loss_on_sobel(optimizer: str, lr: float) -> None:
    t = Trainer(sample("checkerboard"), preset("sobel_x"), optimizer=optimizer, lr=lr)
    records = t.step(200)
    assert len(records) == 200 and not t.diverged
    assert records[-1].loss < 1e-2 * records[0].loss


@pytest.mark.parametrize("optimizer,lr", [("momentum", 1e-3), ("adam", 0.05)])
def test_sobel_is_recovered_from_a_random_image(optimizer: str, lr: float) -> None:
    t = Trainer(random_image(), preset("sobel_x"), optimizer=optimizer, lr=lr)
    t.step(300)
    assert np.allclose(t.weights, preset("sobel_x"), atol=1e-3)


def test_larger_learned_kernel_finds_the_target_in_its_centre() -> None:
    t = Trainer(random_image(), preset("sobel_x"), kernel_shape=5, optimizer="momentum", lr=1e-3)
    assert t.kernel_shape == (5, 5) and t.fit_shape == (12, 12)
    t.step(1000)
    expected = np.zeros((5, 5), dtype=np.float32)
    expected[1:4, 1:4] = preset("sobel_x")
    assert np.allclose(t.weights, expected, atol=1e-3)


def test_y_given_directly_equals_k_given() -> None:
    X, K = random_image(), preset("laplacian")
    a = Trainer(X, K, optimizer="adam", lr=0.05)
    b = Trainer(X, Y=correlate(X, K), optimizer="adam", lr=0.05)
    assert b.kernel_shape == (3, 3) and b.K is None
    assert a.step(20) == b.step(20)


def test_lr_10_diverges_and_keeps_history() -> None:
    t = Trainer(stripes(), BOOK_K, lr=10)
    records = t.step(100)
    assert t.diverged and t.done and t.stop_reason == "err_train_diverged"
    assert 1 <= len(records) < 100 and t.history == records and t.steps_taken == len(records)
    assert t.stop_params["step"] == len(records) + 1 and t.stop_params["lr"] == "10"
    assert t.stop_params["done"] == len(records) == t.steps_taken  # the message names the steps actually run
    assert t.step(10) == [] and t.history == records
    error = t.stop_error()
    assert isinstance(error, ConvLabError) and error.key == "err_train_diverged"
    assert "10" in error.message("en") and "10" in error.message("ko")


def test_max_steps_refuses_more() -> None:
    t = Trainer(stripes(), BOOK_K, max_steps=7)
    assert len(t.step(10)) == 7 and t.done and not t.diverged
    assert t.stop_reason == "err_train_max_steps" and t.stop_params == {"limit": 7}
    assert t.step(1) == [] and t.steps_taken == 7


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_pause_and_resume_equals_one_run(optimizer: str) -> None:
    X, K = random_image(), preset("sobel_y")
    whole = Trainer(X, K, optimizer=optimizer, lr=1e-3)
    parts = Trainer(X, K, optimizer=optimizer, lr=1e-3)
    ten = whole.step(10)
    first, second = parts.step(5), parts.step(5)
    assert [r.step for r in second] == [6, 7, 8, 9, 10]
    assert first + second == ten == parts.history and parts.steps_taken == 10
    assert parts.step(0) == [] and parts.steps_taken == 10


def test_same_seed_same_history_other_seed_differs() -> None:
    a, b, c = (Trainer(stripes(), BOOK_K, seed=s, optimizer="adam", lr=0.1) for s in (7, 7, 8))
    assert a.step(15) == b.step(15)
    assert c.step(15) != a.history


def test_changing_lr_midway_keeps_history_and_optimizer_state() -> None:
    t = Trainer(stripes(), BOOK_K, optimizer="momentum", lr=1e-2, seed=3)
    t.step(5)
    t.lr = 2e-3
    t.step(5)
    assert t.steps_taken == 10 and [r.step for r in t.history] == list(range(1, 11))
    assert [r.lr for r in t.history] == [1e-2] * 5 + [2e-3] * 5
    torch.manual_seed(3)
    conv = nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)
    opt = torch.optim.SGD(conv.parameters(), lr=1e-2, momentum=0.9)
    X, Y = torch.from_numpy(stripes()).reshape(1, 1, 6, 8), correlate(stripes(), BOOK_K).reshape(1, 1, 6, 7)
    for i in range(10):
        if i == 5:
            opt.param_groups[0]["lr"] = 2e-3
        opt.zero_grad()
        ((conv(X) - Y) ** 2).sum().backward()
        opt.step()
    assert t.weights[0] == pytest.approx(conv.weight[0, 0, 0].tolist(), abs=1e-6)
    assert t.opt.param_groups[0]["lr"] == 2e-3


def test_reset_restores_the_seeded_start() -> None:
    t = Trainer(stripes(), BOOK_K, lr=10)
    t.step(10)
    assert t.diverged
    t.reset()
    assert t.history == [] and t.steps_taken == 0 and not t.diverged and t.stop_reason is None
    assert t.weights[0] == pytest.approx(SEED0_INITIAL_WEIGHTS, abs=1e-6)
    t.lr = 3e-2
    assert t.step(10) == book().step(10)


def test_cuda_without_cuda_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert "cpu" in available_devices() and "cuda" not in available_devices()
    with pytest.raises(ConvLabError) as e:
        Trainer(stripes(), BOOK_K, device="cuda")
    assert e.value.key == "err_train_device_unavailable" and e.value.params["device"] == "cuda"
    assert "cuda" in e.value.message("en") and "cpu" in e.value.message("ko")
    with pytest.raises(ConvLabError) as e:
        Trainer(stripes(), BOOK_K, device="tpu")
    assert e.value.key == "err_train_device"


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_cuda_matches_cpu() -> None:
    gpu = Trainer(stripes(), BOOK_K, device="cuda")
    assert gpu.device_used.startswith("cuda")
    for g, c in zip(gpu.step(10), book().step(10)):
        assert g.step == c.step and isinstance(g.loss, float)
        assert g.loss == pytest.approx(c.loss, rel=1e-4) and np.allclose(g.weights, c.weights, atol=1e-5)


@pytest.mark.parametrize(
    "kwargs,key",
    [
        ({}, "err_train_target"),
        ({"K": BOOK_K, "Y": [[1.0]]}, "err_train_target"),
        ({"K": BOOK_K, "optimizer": "sgd"}, "err_train_optimizer"),
        ({"K": BOOK_K, "loss": "l1"}, "err_train_loss"),
        ({"K": BOOK_K, "lr": 0}, "err_train_lr"),
        ({"K": BOOK_K, "lr": float("inf")}, "err_train_lr"),
        ({"K": BOOK_K, "lr": "0.1"}, "err_train_lr"),
        ({"K": BOOK_K, "seed": -1}, "err_train_seed"),
        ({"K": BOOK_K, "max_steps": 0}, "err_train_steps"),
        ({"K": [[[1.0]]]}, "err_train_rank"),
        ({"Y": torch.ones(7, 8)}, "err_train_y_shape"),
        ({"K": BOOK_K, "kernel_shape": (1, 9)}, "err_kernel_too_large"),
    ],
)
def test_bad_settings_are_clear_errors(kwargs: dict, key: str) -> None:
    with pytest.raises(ConvLabError) as e:
        Trainer(stripes(), **kwargs)
    assert e.value.key == key


def test_bad_step_counts_and_lr_changes_are_refused() -> None:
    t = book()
    for bad in (-1, 1.5, True):
        with pytest.raises(ConvLabError) as e:
            t.step(bad)  # type: ignore[arg-type]
        assert e.value.key == "err_train_steps"
    with pytest.raises(ConvLabError):
        t.lr = -0.1
    assert t.lr == 3e-2 and t.steps_taken == 0


def test_every_training_message_has_both_languages_and_matching_placeholders() -> None:
    """Every key the trainer raises is in the i18n table, with the placeholders it fills in."""
    params = {"err_train_target": set(), "err_train_rank": {"name", "shape"}, "err_train_y_shape": {"y", "x"},
              "err_train_optimizer": {"value", "choices"}, "err_train_loss": {"value", "choices"},
              "err_train_lr": {"value"}, "err_train_seed": {"value"}, "err_train_steps": {"value"},
              "err_train_device": {"device", "choices"}, "err_train_device_unavailable": {"device", "available"},
              "err_train_diverged": {"step", "loss", "lr", "done"}, "err_train_max_steps": {"limit"},
              "err_landscape_kernel": {"shape"}, "err_landscape_range": {"name", "value"},
              "err_landscape_resolution": {"value", "limit"}}
    for key, names in params.items():
        texts = i18n.STRINGS[key]
        assert fields(texts["ko"]) == fields(texts["en"]) == names, key


# ---- the stable learning rate of plain gradient descent ----


def record(step: int, loss: float, weights: list[list[float]]) -> Record:
    """A Record with lr 0.1."""
    return Record(step, loss, weights, 0.1)


def test_readable_span_leaves_a_good_run_alone_and_keeps_a_blown_one_to_its_start() -> None:
    good = book()
    good.step(10)
    assert readable_span(good.history, good.initial[0, 0].tolist(), BOOK_K, good.current_loss()) is None
    bad = Trainer(stripes(), BOOK_K, lr=0.1)
    bad.step(20)
    assert bad.diverged and max(abs(v) for r in bad.history for v in r.weights[0]) > 500
    lo, hi = readable_span(bad.history, bad.initial[0, 0].tolist(), BOOK_K)
    assert -3 < lo < -1 and 1 < hi < 5  # the start, the target and the first steps, not the runaway weights
    runaway = [record(1, 1.0, [[0.5, 0.0]]), record(2, 2.0, [[float("inf"), 3.0]])]
    assert readable_span(runaway, [[0.0, 0.0]], None) == pytest.approx((-0.1, 0.6))  # inf: left out


def test_korean_numbers_use_man_and_eok() -> None:
    assert approx_number(382981.99, "ko") == "38만 3,000" and approx_number(382981.99, "en") == "383,000"
    assert approx_number(64516, "ko", digits=12) == "6만 4,516" and approx_number(1.2e8, "ko") == "1억 2,000만"
    assert approx_number(60.0, "ko") == "60" and approx_number(5.9362, "en") == "5.94"
