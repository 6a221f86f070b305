"""Tests for convcore.identifiability: rank(A) and the null space of A^T A. The stripes determine a 1x2 kernel but
only the column sums of a 3x3 one; a 3x3 kernel learned from them differs from the target by a null-space part."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from convcore.engine import correlate
from convcore.identifiability import combination_text, identifiability, readable_basis
from convcore.images import sample, stripes
from convcore.kernels import preset
from convcore.training import Trainer

pytestmark = pytest.mark.usefixtures("one_thread")


def test_the_stripes_determine_a_1x2_kernel() -> None:
    found = identifiability(stripes(), (1, 2))
    assert found.identifiable and found.rank == 2 and found.null_space.shape == (0, 2)


def test_the_stripes_determine_only_the_column_sums_of_a_3x3_kernel() -> None:
    found = identifiability(stripes(), (3, 3))
    assert not found.identifiable and found.rank == 3 and found.weights == 9
    assert found.null_space.shape == (6, 9) and found.row_space.shape == (3, 9)
    sums = readable_basis(found.row_space)
    np.testing.assert_allclose(sums, [[1, 0, 0, 1, 0, 0, 1, 0, 0], [0, 1, 0, 0, 1, 0, 0, 1, 0],
                                      [0, 0, 1, 0, 0, 1, 0, 0, 1]], atol=1e-9)
    assert [combination_text(r, (3, 3)) for r in sums] == ["w[0,0] + w[1,0] + w[2,0]", "w[0,1] + w[1,1] + w[2,1]",
                                                           "w[0,2] + w[1,2] + w[2,2]"]
    unseen = readable_basis(found.null_space)
    assert combination_text(unseen[0], (3, 3)) == "w[0,0] - w[2,0]"
    for d in unseen:  # moving the kernel along a null direction leaves Y as it was
        K = torch.tensor(preset("sobel_x"))
        moved = K + 0.7 * torch.tensor(d, dtype=torch.float32).reshape(3, 3)
        torch.testing.assert_close(correlate(stripes(), moved), correlate(stripes(), K), atol=1e-5, rtol=0)


@pytest.mark.parametrize("shape, rank", [((2, 2), 2), ((1, 3), 3), ((2, 1), 1)])
def test_stripes_rank_by_kernel_shape(shape, rank: int) -> None:
    assert identifiability(stripes(), shape).rank == rank


def test_a_richer_image_determines_a_3x3_kernel() -> None:
    assert identifiability(sample("checkerboard"), (3, 3)).identifiable
    assert identifiability(sample("letter"), (3, 3)).identifiable
    assert not identifiability(sample("checkerboard"), (15, 15)).identifiable  # 4 windows for 225 weights


def test_learned_minus_target_lies_in_the_null_space() -> None:
    target = preset("sobel_x")
    trainer = Trainer(stripes(), target, kernel_shape=(3, 3), seed=0, optimizer="plain", loss="sum", lr=0.01)
    assert trainer.stability().stable(0.01)
    trainer.step(400)
    assert not trainer.done and trainer.history[-1].loss < 1e-8
    found = identifiability(trainer.X, trainer.kernel_shape, trainer.fit_shape)
    D = np.asarray(trainer.weights) - np.asarray(target)
    assert np.abs(D).max() > 0.1  # the learned kernel is not the target ...
    row, null = found.split(D)
    assert np.linalg.norm(row) < 1e-4 * np.linalg.norm(D)  # ... yet orthogonal to the row space
    np.testing.assert_allclose(row + null, D, atol=1e-12)
    assert found.null_fraction(D) == pytest.approx(1.0, abs=1e-6)
    # what gradient descent cannot move: the starting weights' null part
    start = trainer.initial[0, 0].double().numpy() - np.asarray(target)
    np.testing.assert_allclose(found.split(start)[1], null, atol=1e-5)


def test_settings_and_edge_cases() -> None:
    assert identifiability(stripes(), (1, 2), padding=1).identifiable
    assert identifiability(stripes(), (3, 3), stride=2).rank == 2  # columns 0-2, 2-4 (all zeros), 4-6
    blank = identifiability(torch.zeros(5, 5), (2, 2))
    assert blank.rank == 0 and blank.null_space.shape == (4, 4)
    assert blank.null_fraction(np.ones((2, 2))) == pytest.approx(1.0) and blank.null_fraction(np.zeros((2, 2))) == 0
    with pytest.raises(ValueError):
        blank.split(np.ones(3))
    assert combination_text([0, 0], (1, 2)) == "0" and combination_text([-0.5, 2], (1, 2)) == "-0.5·w[0,0] + 2·w[0,1]"
