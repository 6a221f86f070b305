"""Tests for convcore.training: the notebook's run, optimizers, divergence, pause/resume, landscape, downloads."""

from __future__ import annotations

import csv
import io
import json
import string
from typing import Iterator

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

import convcore.i18n as i18n
from convcore.limits import LIMITS
from convcore.engine import correlate
from convcore.errors import ConvLabError
from convcore.images import sample, stripes
from convcore.kernels import preset
from convcore.i18n.train import approx_number
from convcore.training import (
    OPTIMIZERS,
    Record,
    Trainer,
    available_devices,
    crop_to,
    history_csv,
    kernel_json,
    largest_stable,
    loss_landscape,
    plain_sgd_limit,
    readable_span,
    squared_error,
    window_gram,
)

BOOK_K = [[1.0, -1.0]]
# Seed 0, the notebook's setup (stripes, [[1, -1]], 1x2 kernel, lr 3e-2, sum loss, plain update, 10 steps).
SEED0_FIRST_LOSS = 19.157655715942383
SEED0_FINAL_LOSS = 0.04333857446908951
SEED0_FINAL_WEIGHTS = [1.0063341856002808, -0.9661731123924255]
SEED0_INITIAL_WEIGHTS = [-0.005293981172144413, 0.37932288646698]

@pytest.fixture(autouse=True, scope="module")
def one_thread() -> Iterator[None]:
    """One torch thread: these problems are tiny, and threads only contend on a busy machine."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def fields(text: str) -> set[str]:
    """The {placeholders} of a format string."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def book() -> Trainer:
    """The notebook's setup."""
    return Trainer(stripes(), BOOK_K, kernel_shape=(1, 2), seed=0, optimizer="plain", lr=3e-2, loss="sum")


def random_image(size: int = 16, seed: int = 0) -> torch.Tensor:
    """A seeded uniform random image."""
    return torch.rand(size, size, generator=torch.Generator().manual_seed(seed))


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
    X = stripes().reshape((1, 1, 6, 8))
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
    X, Y = stripes().reshape(1, 1, 6, 8), correlate(stripes(), BOOK_K).reshape(1, 1, 6, 7)
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


@pytest.mark.parametrize("loss", ["sum", "mean"])
def test_landscape_agrees_with_direct_loss(loss: str) -> None:
    X = random_image(9, seed=4)
    for K in ([[0.5, -2.0]], [[1.5], [0.25]]):
        Y = correlate(X, K)
        w1, w2, Z = loss_landscape(X, Y, (-3, 3), (-2.5, 2.5), 41, loss=loss)
        assert w1.shape == w2.shape == (41,) and Z.shape == (41, 41)
        for i, j in [(0, 0), (7, 30), (20, 20), (40, 3), (40, 40)]:
            k = torch.tensor([w1[j], w2[i]], dtype=torch.float64).reshape(np.shape(K))
            direct = squared_error(correlate(X.double(), k), Y.double(), loss).item()
            assert Z[i, j] == pytest.approx(direct, rel=1e-5, abs=1e-9)
        i, j = np.unravel_index(np.argmin(Z), Z.shape)
        assert [w1[j], w2[i]] == pytest.approx(np.ravel(K), abs=0.16)


def test_trainer_landscape_and_its_refusals() -> None:
    t = book()
    w1, w2, Z = t.landscape((-1, 2), (-2, 1), 31)
    assert Z[np.argmin(np.abs(w2 - -1.0)), np.argmin(np.abs(w1 - 1.0))] == pytest.approx(0.0, abs=1e-9)
    with pytest.raises(ConvLabError) as e:
        Trainer(sample("checkerboard"), preset("sobel_x")).landscape((-1, 1), (-1, 1))
    assert e.value.key == "err_landscape_kernel"
    for bad in [(1, 1), (2, 1), (0, float("nan")), (0, 1, 2), 5, "ab"]:
        with pytest.raises(ConvLabError) as e:
            t.landscape(bad, (-1, 1))
        assert e.value.key == "err_landscape_range"
    for bad in [1, 10_001, 2.5]:
        with pytest.raises(ConvLabError) as e:
            t.landscape((-1, 1), (-1, 1), bad)
        assert e.value.key == "err_landscape_resolution"


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


def brute_force_lambda_max(X: torch.Tensor, kernel_shape: tuple[int, int], loss: str, fit_shape=None,
                           padding: int = 0, stride: int = 1, dilation: int = 1) -> float:
    """The largest eigenvalue of the loss's Hessian by autograd, on the Trainer's loss (any target: H does not
    depend on it)."""
    x = X.double().reshape(1, 1, *X.shape)

    def conv(w: torch.Tensor) -> torch.Tensor:
        return F.conv2d(x, w.reshape(1, 1, *kernel_shape), padding=padding, stride=stride, dilation=dilation)

    y_full = conv(torch.rand(*kernel_shape, dtype=torch.float64, generator=torch.Generator().manual_seed(1)))
    fit = fit_shape or tuple(y_full.shape[-2:])
    y = crop_to(y_full, fit)

    def f(w: torch.Tensor) -> torch.Tensor:
        return squared_error(crop_to(conv(w), fit), y, loss)

    H = torch.autograd.functional.hessian(f, torch.zeros(kernel_shape[0] * kernel_shape[1], dtype=torch.float64))
    return float(torch.linalg.eigvalsh(H)[-1])


@pytest.mark.parametrize("loss", ["sum", "mean"])
@pytest.mark.parametrize("kernel_shape,fit_shape,conv", [
    ((1, 2), None, {}),
    ((3, 3), None, {}),
    ((2, 3), (3, 4), {}),  # a learned kernel of another size than the target: the centred crop is compared
    ((3, 2), (4, 5), {"padding": 1, "dilation": (2, 1)}),
    ((3, 2), None, {"padding": 1, "stride": 2, "dilation": 2}),
])
def test_stable_lr_matches_the_brute_force_hessian(loss: str, kernel_shape, fit_shape, conv: dict) -> None:
    X = random_image(9, seed=5)
    want = brute_force_lambda_max(X, kernel_shape, loss, fit_shape, **conv)
    got = plain_sgd_limit(X, kernel_shape, loss, fit_shape=fit_shape, **conv)
    assert got.lambda_max == pytest.approx(want, rel=1e-10)
    assert got.lr_limit == pytest.approx(2 / want, rel=1e-10)


@pytest.mark.parametrize("shape,dilation,fit", [((5, 4), (1, 2), (20, 17)), ((15, 15), (1, 1), None),
                                                ((1, 7), (3, 1), None), ((4, 1), (2, 1), (9, 30))])
def test_the_banded_sum_equals_the_plain_product_of_windows(shape, dilation, fit) -> None:
    """Stride 1 (the Trainer's) sums A^T A without building A: the same numbers as A^T A built from every window."""
    X = random_image(40, seed=9)[:, :37]
    G, n = window_gram(X, shape, fit_shape=fit, dilation=dilation)
    span = ((shape[0] - 1) * dilation[0] + 1, (shape[1] - 1) * dilation[1] + 1)
    V = np.lib.stride_tricks.sliding_window_view(X.double().numpy(), span)[:, :, ::dilation[0], ::dilation[1]]
    if fit is not None:
        top, left = (V.shape[0] - fit[0]) // 2, (V.shape[1] - fit[1]) // 2
        V = V[top : top + fit[0], left : left + fit[1]]
    A = V.reshape(-1, shape[0] * shape[1])
    assert n == len(A) and np.allclose(G, A.T @ A, rtol=1e-12, atol=0)


def test_trainer_stability_is_its_own_problem() -> None:
    """The Trainer's learned shape and compared region (here 2x2 learned for a 3x3 target: a crop) are used."""
    X = random_image(10, seed=2)
    t = Trainer(X, preset("sobel_x"), kernel_shape=(2, 2), loss="mean")
    want = brute_force_lambda_max(X, (2, 2), "mean", t.fit_shape)
    assert t.fit_shape == (8, 8) and t.stability().lambda_max == pytest.approx(want, rel=1e-10)
    assert t.stability("sum").lambda_max == pytest.approx(want * 64, rel=1e-10)


def test_the_books_example_is_stable_below_one_thirtieth() -> None:
    """Stripes 6x8, a 1x2 kernel, the sum loss: lambda_max = 60, so plain descent is stable for lr < 2/60: the
    book's 3e-2 converges; 0.05 and 0.1 blow up (at steps 13 and 6, as in the notebook); the bound is sharp."""
    limit = book().stability()
    assert limit.lambda_max == pytest.approx(60.0, rel=1e-12) and 3e-2 < limit.lr_limit < 5e-2
    assert limit.stable(3e-2) and not limit.stable(5e-2) and not limit.stable(0.1)
    for lr, step in ((5e-2, 13), (0.1, 6)):
        t = Trainer(stripes(), BOOK_K, lr=lr)
        t.step(200)
        assert t.diverged and t.stop_params["step"] == step
    for lr, diverges in ((3e-2, False), (0.99 * limit.lr_limit, False), (1.01 * limit.lr_limit, True)):
        t = Trainer(stripes(), BOOK_K, lr=lr)
        t.step(3000)
        assert t.diverged == diverges, lr
        if not diverges:
            assert t.history[-1].loss < 1e-3 * t.history[0].loss


def test_largest_stable_picks_the_largest_offered_rate_below_the_limit() -> None:
    limit = book().stability()  # 0.0333...
    assert largest_stable([1e-3, 1e-2, 2e-2, 3e-2, 5e-2, 0.1], limit) == 3e-2
    assert largest_stable([5e-2, 0.1], limit) is None


def test_photo_with_the_sum_loss_has_no_offered_stable_rate_but_the_mean_has() -> None:
    """The photo (256x256, Gaussian blur 3x3): the sum grows with 254 x 254 cells, so its limit is below every
    offered rate; the mean's limit is that times 64516, and its largest offered rate below it converges."""
    t = Trainer(sample("photo"), preset("gaussian_blur"))
    total, mean = t.stability(), t.stability("mean")
    assert total.lr_limit < 1e-5 and mean.lr_limit == pytest.approx(total.lr_limit * 254 * 254, rel=1e-9)
    pick = largest_stable([1e-5, 1e-3, 0.1, 0.2, 0.3, 0.5, 1.0], mean)
    assert pick is not None and pick < mean.lr_limit
    t = Trainer(sample("photo"), preset("gaussian_blur"), loss="mean", lr=pick)
    t.step(100)
    assert not t.diverged and t.history[-1].loss < 1e-2 * t.history[0].loss


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
