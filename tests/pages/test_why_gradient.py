"""AppTest: the gradient is a correlation. Train shows dL/dK at the current step beside the kernel (equal to
autograd's conv2d.weight.grad, with w - lr * grad for the plain update); Lesson step 6 spells out iteration 1 with
the notebook's numbers. Both languages."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from convcore.training import crop_to, squared_error
from tests.helpers.apptest import LESSON, captions, figure, heat, markdown
from tests.helpers.train_page import trainer
from ui.text import t


def autograd_grad(tr) -> np.ndarray:
    """conv2d.weight.grad of the trainer's loss at its current weights, computed apart from the page."""
    w = torch.tensor(tr.weights).reshape(1, 1, *tr.kernel_shape).requires_grad_(True)
    out = crop_to(F.conv2d(tr.X.reshape(1, 1, *tr.X.shape), w)[0, 0], tr.fit_shape)
    squared_error(out, crop_to(tr.Y, tr.fit_shape), tr.loss).backward()
    return w.grad[0, 0].numpy()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_train_shows_the_gradient_of_the_current_step(train_page, lang: str) -> None:
    at = train_page(lang)
    tr = trainer(at)
    assert t("train_grad_title", lang, step=0) in [h.value for h in at.subheader]
    np.testing.assert_allclose(heat(at, "trw_kernel"), tr.weights, atol=1e-6)
    np.testing.assert_allclose(heat(at, "trw_grad"), autograd_grad(tr), rtol=1e-4, atol=1e-5)
    assert np.abs(heat(at, "trw_grad")).max() > 1  # the seeded start is far from the target
    predicted = heat(at, "trw_next")
    np.testing.assert_allclose(predicted, np.asarray(tr.weights) - 0.03 * autograd_grad(tr), atol=1e-5)
    assert t("train_grad_caption_sum", lang) in captions(at)
    at.button(key="tr_once").click().run()
    assert not at.exception
    assert t("train_grad_title", lang, step=1) in [h.value for h in at.subheader]
    np.testing.assert_allclose(trainer(at).weights, predicted, atol=1e-5)  # the update was w - lr * grad
    np.testing.assert_allclose(heat(at, "trw_kernel"), predicted, atol=1e-5)
    np.testing.assert_allclose(heat(at, "trw_grad"), autograd_grad(trainer(at)), rtol=1e-4, atol=1e-5)
    assert t("train_grad_fig_kernel", lang, step=1) in figure(at, "trw_kernel")["layout"]["title"]["text"]


def test_train_gradient_follows_the_loss_and_the_optimizer(train_page) -> None:
    at = train_page("ko")
    at.radio(key="tr_loss").set_value("mean").run()
    tr = trainer(at)
    assert tr.loss == "mean"
    np.testing.assert_allclose(heat(at, "trw_grad"), autograd_grad(tr), rtol=1e-4, atol=1e-6)
    caption = t("train_grad_caption_mean", "ko", cells="42")
    assert caption in captions(at) and "N = 42로 나눕니다" in caption  # 42 (사십이) takes 로
    at.radio(key="tr_optimizer").set_value("adam").run()
    assert not at.exception
    with pytest.raises(AssertionError):
        figure(at, "trw_next")  # Adam's step is not w - lr * grad: no such panel
    assert t("train_grad_other_optimizer", "ko", optimizer=t("train_opt_adam", "ko")) in captions(at)


def test_train_gradient_is_near_zero_once_the_kernel_is_found(train_page) -> None:
    at = train_page("en", steps=60)
    first = np.abs(heat(at, "trw_grad")).max()
    at.button(key="tr_finish").click().run()
    for _ in range(40):
        if not at.session_state["tr_running"]:
            break
        at.run()
    at.run()
    assert trainer(at).steps_taken == 60 and not at.exception
    assert np.abs(heat(at, "trw_grad")).max() < 1e-2 * first


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_lesson_step6_spells_out_iteration_one(app_test, lang: str) -> None:
    at = app_test(lang, page=LESSON, step="6")
    assert not at.exception and not at.error
    assert t("lesson_grad_title", lang) in [h.value for h in at.subheader]
    codes = "\n".join(c.value for c in at.code)
    assert "tensor([[-0.6268, -1.2339,  0.0000,  0.0000,  0.0000,  0.6071, -0.6268]," in codes
    assert "grad = corr2d(X[0, 0], dY[0, 0])" in codes
    assert "tensor([[-29.8500,  -7.7580]])" in codes
    rows = t("lesson_grad_rows", lang)
    assert f"  {rows} 0-5: 1*(-1.254) + 1*(-2.468) + 1*(-1.254) = -4.975\n  = 6 * (-4.975) = -29.85" in codes
    assert "conv2d.weight.data[:] -= 0.03 * grad" in codes
    by_hand = "parameters: tensor([[[[ 0.6616, -0.1602]]]])"
    assert by_hand in codes
    np.testing.assert_allclose(heat(at, "lesson_grad6"), [[-29.85, -7.758]], atol=1e-3)
    assert heat(at, "lesson_residual6").shape == (6, 7)
    assert "16.061" in markdown(at)
    at.button(key="lesson_once").click().run()  # the loop's iteration 1 prints the same weights
    log = next(c.value for c in at.code if "iteration 1, loss" in c.value)
    assert log.splitlines()[1:3] == ["iteration 1, loss 16.061", by_hand]
