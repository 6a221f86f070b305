"""Guess the kernel: every challenge's answer makes the Y its story describes, X determines that answer, the score and
the hints behave as the page says, and a challenge's link holds its id and nothing of the kernel."""

from __future__ import annotations

import re

import numpy as np
import pytest

from convcore import challenges, kernels
from convcore.challenges import Hint
from convcore.errors import ConvLabError
from convcore.identifiability import identifiability
from convcore.links import challenge_schema, codec
from tests.helpers.apptest import EDGE_MAP


def pad_right(A: np.ndarray) -> np.ndarray:
    """A with a column of zeros on its right."""
    return np.hstack([A, np.zeros((A.shape[0], 1), dtype=A.dtype)])


# What each challenge's Y is, written with slices of X (not with the engine that computes the page's target).
EXPECTED = {
    "stripes": lambda X: X[:, :-1] - X[:, 1:],
    "bright": lambda X: 2 * X,
    "lying": lambda X: X[:-1] - X[1:],
    "neighbours": lambda X: X[:, :-2] + X[:, 1:-1] + X[:, 2:],
    "tiles": lambda X: (X[:-1, :-1] + X[:-1, 1:] + X[1:, :-1] + X[1:, 1:]) / 4,
    "move": lambda X: pad_right(X[:, 1:]),  # the picture moves one cell to the left
    "slant": lambda X: X[:-1, :-1] - X[1:, 1:],
    "halve": lambda X: X.reshape(X.shape[0] // 2, 2, X.shape[1] // 2, 2).mean(axis=(1, 3)),
    "face": lambda X: (X[:-2, 2:] - X[:-2, :-2]) + 2 * (X[1:-1, 2:] - X[1:-1, :-2]) + (X[2:, 2:] - X[2:, :-2]),
    "gap": lambda X: X[:, 2:] - X[:, :-2],
    "turn": lambda X: 3 * X[:, :-2] + 2 * X[:, 1:-1] + X[:, 2:],  # K = [1, 2, 3] turned around
    "house": lambda X: X[:-2, 1:-1] + X[2:, 1:-1] + X[1:-1, :-2] + X[1:-1, 2:] - 4 * X[1:-1, 1:-1],
}


def test_ten_or_more_graded_challenges_of_every_kind() -> None:
    chs = [challenges.get(i) for i in challenges.IDS]
    assert len(chs) >= 10 and set(EXPECTED) == set(challenges.IDS)
    levels = [c.level for c in chs]
    assert levels == sorted(levels) and set(levels) == set(challenges.LEVELS)  # easiest first, every level used
    named = {kernels.match_preset(c.answer) for c in chs}
    assert {"edge_book", "edge_book_t", "sobel_x"} <= named  # the book's edge, its transpose, Sobel
    assert any(np.count_nonzero(c.answer) == 1 and c.answer.max() == 1 and c.answer[1, 1] == 0 for c in chs)  # a shift
    assert any(np.all(c.answer == c.answer.flat[0]) and np.isclose(c.answer.sum(), 1) and c.answer.size > 1
               for c in chs)  # a blur
    assert any(c.answer.shape == (1, 3) for c in chs)
    assert any(max(c.dilation) > 1 for c in chs) and any(max(c.stride) > 1 for c in chs)
    assert [c.id for c in chs if c.flip] == ["turn"]
    assert all(max(c.X.shape) <= 10 for c in chs)  # every number is written in its cell, on a projector too


@pytest.mark.parametrize("challenge_id", challenges.IDS)
def test_the_answer_makes_the_y_its_story_describes(challenge_id: str) -> None:
    ch = challenges.get(challenge_id)
    want = EXPECTED[challenge_id](ch.X.astype(np.float64))
    np.testing.assert_allclose(challenges.target(challenge_id), want, atol=1e-5)
    assert np.abs(want).max() > 0  # a target of zeros would be solved by any kernel
    result = challenges.check(challenge_id, ch.answer)
    assert result.solved and result.closeness == 100 and np.abs(result.difference).max() == 0


def test_the_first_challenge_is_the_book_s_edge_map() -> None:
    np.testing.assert_array_equal(challenges.target("stripes"), EDGE_MAP)


@pytest.mark.parametrize("challenge_id", challenges.IDS)
def test_x_determines_the_answer_so_a_solved_kernel_is_the_answer(challenge_id: str) -> None:
    """rank(A) is full for every X: no other kernel of the answer's shape makes the target, and every cell counts."""
    ch = challenges.get(challenge_id)
    assert identifiability(ch.X, ch.answer.shape, padding=ch.padding, stride=ch.stride,
                           dilation=ch.dilation).identifiable
    for i, j in np.ndindex(ch.answer.shape):
        nudged = ch.answer.copy()
        nudged[i, j] += 0.5
        assert not challenges.check(challenge_id, nudged).solved, (i, j)


def test_the_trap_is_a_trap() -> None:
    """Read as a cross-correlation, Y asks for [3, 2, 1]: typed in a convolution layer it is turned into [1, 2, 3]."""
    ch = challenges.get("turn")
    reading = kernels.flip(ch.answer)
    assert not challenges.check("turn", reading).solved
    np.testing.assert_allclose(challenges.target("turn"), np.asarray(ch.X[:, :-2] * 3 + ch.X[:, 1:-1] * 2 + ch.X[:, 2:]))
    assert challenges.check("turn", reading).closeness < 80


def test_closeness_and_score() -> None:
    answer = challenges.get("face").answer
    assert challenges.check("face", np.zeros_like(answer)).closeness == 0
    assert challenges.check("face", answer / 2).closeness == 50
    assert challenges.check("face", -answer).closeness == 0
    assert challenges.check("face", answer * 0.99).closeness == 99  # close is not solved: 100 is kept for that
    assert challenges.check("face", answer + 1e-5).solved  # typed decimals a rounding away count
    other = challenges.check("face", np.ones((2, 2)))
    assert other.difference is None and other.closeness == 0 and not other.solved and other.Y.shape == (7, 7)
    with pytest.raises(ConvLabError) as error:
        challenges.check("bright", np.ones((5, 5)))  # larger than its 4x4 X
    assert error.value.key == "err_kernel_too_large"
    assert challenges.score(100, 0) == 100 and challenges.score(100, 2) == 100 - 2 * challenges.HINT_COST
    assert challenges.score(15, 3) == 0 and challenges.score(100, 0, revealed=True) == 0


def test_hints_start_with_the_shape_then_tell_the_cell_most_wrong() -> None:
    answer = challenges.get("face").answer  # [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
    first = challenges.next_hint("face", [], None)
    assert first == Hint((3, 3))
    assert challenges.next_hint("face", [first], np.zeros((1, 1))) == Hint((3, 3), (1, 0), -2.0)  # largest |K|
    guess = answer.copy()
    guess[2, 2] = 5.0
    assert challenges.next_hint("face", [first], guess) == Hint((3, 3), (2, 2), 1.0)  # the one the guess has wrong
    given = [first]
    while (hint := challenges.next_hint("face", given, np.zeros((3, 3)))) is not None:
        assert hint.cell not in {h.cell for h in given}
        given.append(hint)
    assert len(given) == challenges.hints_available("face") == 10
    assert {h.cell: h.value for h in given[1:]} == {(i, j): answer[i, j] for i, j in np.ndindex(3, 3)}


@pytest.mark.parametrize("challenge_id", challenges.IDS)
def test_a_challenge_s_link_holds_its_id_and_no_kernel_number(challenge_id: str) -> None:
    schema = challenge_schema(challenges.IDS)
    query = codec.write({"challenge": challenge_id}, schema)
    assert set(query) <= {"challenge"} and not re.search(r"\d", "".join(query.values()))
    assert not any(part in challenge_id for name in kernels.PRESETS for part in name.split("_") if len(part) > 1)
    assert codec.read(query, schema) == ({"challenge": challenge_id}, [])


def test_a_link_with_an_unknown_challenge_opens_the_first() -> None:
    schema = challenge_schema(challenges.IDS)
    assert codec.read({"challenge": "1,-1"}, schema) == ({"challenge": challenges.IDS[0]}, ["challenge"])
    assert challenges.get("nope").id == challenges.IDS[0]
