"""Guess the kernel: graded challenges (X, a hidden kernel, the layer's settings), their scoring and step-by-step hints."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from convcore.engine import correlate, output_shape
from convcore.errors import ConvLabError

HINT_COST = 10  # points a hint takes off the score
SOLVED_TOLERANCE = 1e-3  # largest |your Y - target| that counts as equal, relative to max(1, max |target|)
LEVELS = (1, 2, 3)


def grid(text: str) -> np.ndarray:
    """A small integer picture written as rows of digits ('0110 / 1001'), as float32."""
    return np.array([[int(ch) for ch in line] for line in text.split()], dtype=np.float32)


STRIPES = np.ones((6, 8), dtype=np.float32)
STRIPES[:, 2:6] = 0  # the book's 6x8 image
HOUSE = grid("0000000 0003000 0032300 0321230 0211120 0210120 0000000")  # a little house, 7x7
FACE = grid("00000000 01100110 01100110 00000000 00022000 02000020 00222200 00000000")  # 8x8
STEPS = grid("1203 3021 0312 2130")  # 4x4
FIELD = grid("213021 102312 320103 031220 122031")  # 5x6
TILES = grid("004400 004400 440044 440044 004400 004400")  # 6x6
PIXELS = grid("042816 615042 280461 164208 426180 801624")  # 6x6: pooling adds up 2x2 blocks


@dataclass(frozen=True)
class Challenge:
    """One challenge: its id (all a link carries), level, input X, the hidden kernel and the layer's settings."""

    id: str
    level: int
    X: np.ndarray
    answer: np.ndarray
    padding: tuple[int, int] = (0, 0)
    stride: tuple[int, int] = (1, 1)
    dilation: tuple[int, int] = (1, 1)
    flip: bool = False  # the layer convolves: the typed kernel is turned by 180 degrees

    def apply(self, K: np.ndarray) -> np.ndarray:
        """Y for kernel K under this challenge's settings (ConvLabError when K does not fit X)."""
        Y = correlate(self.X, np.asarray(K, dtype=np.float32), padding=self.padding, stride=self.stride,
                      dilation=self.dilation, flip=self.flip)
        return Y.numpy()

    def output_size(self, K: np.ndarray) -> tuple[int, int] | None:
        """The (rows, columns) of Y for a kernel of K's shape, None when it does not fit X."""
        shape = output_shape(*self.X.shape, *np.shape(K), self.padding, self.stride, self.dilation)
        return (shape.height, shape.width) if shape.valid else None


def k(rows: Sequence[Sequence[float]]) -> np.ndarray:
    """A kernel as float32."""
    return np.array(rows, dtype=np.float32)


CHALLENGES: dict[str, Challenge] = {c.id: c for c in (
    Challenge("stripes", 1, STRIPES, k([[1, -1]])),
    Challenge("bright", 1, STEPS, k([[2]])),
    Challenge("lying", 1, np.ascontiguousarray(STRIPES.T), k([[1], [-1]])),
    Challenge("neighbours", 2, FIELD, k([[1, 1, 1]])),
    Challenge("tiles", 2, TILES, k([[0.25, 0.25], [0.25, 0.25]])),
    Challenge("move", 2, HOUSE, k([[0, 0, 0], [0, 0, 1], [0, 0, 0]]), padding=(1, 1)),
    Challenge("slant", 2, HOUSE, k([[1, 0], [0, -1]])),
    Challenge("halve", 2, PIXELS, k([[0.25, 0.25], [0.25, 0.25]]), stride=(2, 2)),
    Challenge("face", 3, FACE, k([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])),
    Challenge("gap", 3, FIELD, k([[-1, 1]]), dilation=(1, 2)),
    Challenge("turn", 3, FIELD, k([[1, 2, 3]]), flip=True),
    Challenge("house", 3, HOUSE, k([[0, 1, 0], [1, -4, 1], [0, 1, 0]])),
)}
IDS: tuple[str, ...] = tuple(CHALLENGES)


def get(challenge_id: str) -> Challenge:
    """The challenge with this id (the first one for an unknown id)."""
    return CHALLENGES.get(challenge_id, CHALLENGES[IDS[0]])


@lru_cache(maxsize=None)
def target(challenge_id: str) -> np.ndarray:
    """The Y the student must make: the hidden kernel applied to X."""
    ch = get(challenge_id)
    Y = ch.apply(ch.answer)
    Y.flags.writeable = False
    return Y


@dataclass(frozen=True)
class Result:
    """A guess checked: its Y, its difference to the target (None when the shapes differ), closeness and solved."""

    Y: np.ndarray
    difference: np.ndarray | None
    closeness: int  # 0 to 100: 100 - the difference's size in percent of the target's (both root mean squares)
    solved: bool


def check(challenge_id: str, K: np.ndarray) -> Result:
    """Apply the student's kernel and compare its Y with the target (ConvLabError when K does not fit X)."""
    ch, want = get(challenge_id), target(challenge_id)
    if ch.output_size(K) is None:
        shape = output_shape(*ch.X.shape, *np.shape(K), ch.padding, ch.stride, ch.dilation)
        raise ConvLabError("err_kernel_too_large", explain=shape.explain())
    Y = ch.apply(K)
    if Y.shape != want.shape:
        return Result(Y, None, 0, False)
    difference = Y - want
    solved = float(np.abs(difference).max()) <= SOLVED_TOLERANCE * max(1.0, float(np.abs(want).max()))
    return Result(Y, difference, 100 if solved else closeness(difference, want), solved)


def closeness(difference: np.ndarray, want: np.ndarray) -> int:
    """100 * (1 - rms(difference) / rms(target)), within 0 and 99 (100 is kept for a solved challenge)."""
    ratio = float(np.sqrt(np.mean(np.square(difference, dtype=np.float64))) /
                  max(np.sqrt(np.mean(np.square(want, dtype=np.float64))), 1e-12))
    return int(min(99, max(0, np.floor(100 * (1 - ratio)))))


def score(result_closeness: int, hints: int, revealed: bool = False) -> int:
    """Points out of 100: the closeness, less HINT_COST per hint taken; 0 once the answer was shown."""
    return 0 if revealed else max(0, result_closeness - HINT_COST * hints)


@dataclass(frozen=True)
class Hint:
    """One hint: the answer's shape (cell None), or one cell of the answer and its value."""

    shape: tuple[int, int]
    cell: tuple[int, int] | None = None
    value: float = 0.0


def next_hint(challenge_id: str, given: Sequence[Hint], guess: np.ndarray | None) -> Hint | None:
    """The hint after `given`: the shape, then the cell the guess has most wrong (another shape counts as zeros)."""
    # ties go to reading order; None once every cell is told
    answer = get(challenge_id).answer
    if not given:
        return Hint(answer.shape)
    told = {h.cell for h in given if h.cell is not None}
    guess = np.asarray(guess, dtype=np.float32) if guess is not None else None
    wrong = np.abs(answer - guess) if guess is not None and guess.shape == answer.shape else np.abs(answer)
    cells = [(i, j) for i in range(answer.shape[0]) for j in range(answer.shape[1]) if (i, j) not in told]
    if not cells:
        return None
    i, j = max(cells, key=lambda c: (wrong[c] > SOLVED_TOLERANCE, wrong[c], -c[0], -c[1]))
    return Hint(answer.shape, (i, j), float(answer[i, j]))


def hints_available(challenge_id: str) -> int:
    """How many hints a challenge has: its shape, then each cell."""
    return 1 + get(challenge_id).answer.size
