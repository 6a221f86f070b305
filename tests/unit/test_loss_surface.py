"""Tests for convcore.loss_surface: the loss landscape, and the Hessian's stable learning rate against brute force
and against the notebook."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from convcore.engine import correlate
from convcore.errors import ConvLabError
from convcore.images import sample, stripes
from convcore.kernels import preset
from convcore.loss_surface import largest_stable, loss_landscape, plain_sgd_limit, window_gram
from convcore.training import Trainer, crop_to, squared_error
from tests.helpers.training import BOOK_K, book, random_image

pytestmark = pytest.mark.usefixtures("one_thread")


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


def test_momentum_is_stable_below_two_times_one_plus_beta_over_lambda_max() -> None:
    """Heavy-ball momentum (torch's SGD momentum 0.9) on the book: stable below 2(1 + 0.9) / 60 = 0.0633, where
    plain descent already blew up at 0.05; the bound is sharp on both sides."""
    limit = book().stability()
    assert limit.momentum_limit(0.9) == pytest.approx(3.8 / 60, rel=1e-12)
    for lr, diverges in ((5e-2, False), (0.98 * limit.momentum_limit(0.9), False),
                         (1.02 * limit.momentum_limit(0.9), True), (0.1, True)):
        t = Trainer(stripes(), BOOK_K, optimizer="momentum", lr=lr)
        t.step(4000)
        assert t.diverged == diverges, lr
        if not diverges:
            assert t.history[-1].loss < 1e-3 * t.history[0].loss


def test_the_hessians_eigenvectors_are_the_ellipses_axes_and_the_zigzag_runs_along_the_steep_one() -> None:
    """The book's 1x2 kernel: H = 2 A^T A has eigenvalues 12 and 60 with eigenvectors (-1, 1) and (1, 1) (over
    root 2). At lr 0.03 the steps along the steep axis change sign every step (1 - 0.03 * 60 = -0.8: a zigzag);
    along the flat axis they keep their sign (1 - 0.03 * 12 = 0.64: a creep)."""
    t = book()
    limit = t.stability()
    assert limit.curvatures == pytest.approx((12.0, 60.0), rel=1e-12)
    G, n = window_gram(stripes(), (1, 2), fit_shape=t.fit_shape)
    H = 2.0 * G
    for k, lam in enumerate(limit.curvatures):
        d = limit.directions[:, k]
        assert np.allclose(H @ d, lam * d, atol=1e-9) and np.linalg.norm(d) == pytest.approx(1.0)
    t.step(8)
    W = np.array([t.initial.numpy().ravel()] + [np.ravel(r.weights) for r in t.history])
    flat, steep = (np.diff(W, axis=0) @ limit.directions).T
    assert (np.sign(steep[1:]) != np.sign(steep[:-1])).all()
    assert (np.sign(flat[1:]) == np.sign(flat[:-1])).all()


PROBLEMS = [  # (X, target kernel, learned shape, loss): the table the bound must predict
    ("stripes", [[1.0, -1.0]], (1, 2), "sum"),
    ("stripes", [[1.0, -1.0]], (1, 2), "mean"),
    ("checkerboard", [[1.0, 0.0], [0.0, -1.0]], (2, 2), "mean"),
    ("letter", [[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]], (3, 3), "sum"),
    ("letter", [[1.0, -1.0]], (2, 3), "mean"),  # another learned size: the compared cells are a crop
]


@pytest.mark.parametrize("name, K, shape, loss", PROBLEMS)
@pytest.mark.parametrize("factor, diverges", [(0.9, False), (1.1, True)])
def test_the_bound_predicts_divergence_for_a_table_of_problems(name, K, shape, loss, factor, diverges) -> None:
    """Plain descent at 0.9x the page's limit never blows up (and the loss falls); at 1.1x it does."""
    X = stripes() if name == "stripes" else sample(name)
    t = Trainer(X, K, kernel_shape=shape, loss=loss, seed=1)
    t.lr = factor * t.stability().lr_limit
    t.step(1500)
    assert t.diverged == diverges, (name, shape, loss, t.lr)
    if not diverges:
        assert t.history[-1].loss < t.history[0].loss
