"""Which kernels X can tell apart: Y = A k with A's rows X's windows, so only k's part in the row space of A is
determined by X and Y; the null space of A^T A holds the combinations of weights that change nothing in Y."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from convcore.engine import ArrayLike, IntPair, as_pair
from convcore.loss_surface import window_gram

RANK_RTOL = 1e-5  # a singular value of A below this fraction of the largest counts as zero (float32 data: such a
                  # direction is lost in rounding, and gradient descent would take ~1e10 times longer along it)
ROUND = 1e-9  # entries of a readable basis closer than this to 0 are written as 0


@dataclass(frozen=True)
class Identifiability:
    """rank(A) for a kernel shape, an orthonormal basis of the row space (determined) and of the null space."""

    kernel_shape: tuple[int, int]
    rank: int
    row_space: np.ndarray  # (rank, kh*kw), orthonormal rows: the combinations X and Y determine
    null_space: np.ndarray  # (kh*kw - rank, kh*kw), orthonormal rows: the ones that leave Y unchanged
    singular_values: np.ndarray  # of A, largest first

    @property
    def weights(self) -> int:
        """kh * kw."""
        return self.kernel_shape[0] * self.kernel_shape[1]

    @property
    def identifiable(self) -> bool:
        """Whether X determines every weight (rank(A) = kh * kw)."""
        return self.rank == self.weights

    def split(self, D: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """A kernel-shaped D as its row-space part and its null-space part (D = both summed)."""
        d = np.asarray(D, dtype=np.float64).reshape(-1)
        if d.size != self.weights:
            raise ValueError(f"expected {self.weights} weights, got {d.size}")
        row = self.row_space.T @ (self.row_space @ d)
        return row.reshape(self.kernel_shape), (d - row).reshape(self.kernel_shape)

    def null_fraction(self, D: ArrayLike) -> float:
        """||null part of D|| / ||D|| (1: D changes nothing in Y; 0 for D = 0)."""
        row, null = self.split(D)
        total = float(np.linalg.norm(row) ** 2 + np.linalg.norm(null) ** 2)
        return float(np.linalg.norm(null) / np.sqrt(total)) if total > 0 else 0.0


def identifiability(X: ArrayLike, kernel_shape: IntPair, fit_shape: Optional[IntPair] = None, padding: IntPair = 0,
                    stride: IntPair = 1, dilation: IntPair = 1) -> Identifiability:
    """rank(A) and the row and null spaces of A^T A for X and this kernel shape (window_gram's settings)."""
    shape = as_pair(kernel_shape, "kernel_shape")
    G, _ = window_gram(X, shape, fit_shape, padding, stride, dilation)
    eigenvalues, vectors = np.linalg.eigh(G)  # ascending; G = A^T A is symmetric positive semi-definite
    singular = np.sqrt(np.clip(eigenvalues[::-1], 0.0, None))
    vectors = vectors[:, ::-1]
    top = singular[0] if singular.size else 0.0
    rank = int(np.count_nonzero(singular > RANK_RTOL * top)) if top > 0 else 0
    return Identifiability(shape, rank, vectors[:, :rank].T.copy(), vectors[:, rank:].T.copy(), singular)


def readable_basis(B: np.ndarray) -> np.ndarray:
    """The same span as B's rows in reduced row echelon form: each row led by a 1 at a weight of its own, so that
    simple combinations read simply (for the stripes: the column sums, or w[0,b] - w[2,b])."""
    R = np.array(B, dtype=np.float64)
    rows, cols = R.shape
    lead = 0
    for r in range(rows):
        while lead < cols and np.all(np.abs(R[r:, lead]) < 1e-8):
            lead += 1
        if lead == cols:
            break
        pivot = r + int(np.argmax(np.abs(R[r:, lead])))
        R[[r, pivot]] = R[[pivot, r]]
        R[r] /= R[r, lead]
        for other in range(rows):
            if other != r:
                R[other] -= R[other, lead] * R[r]
        lead += 1
    R[np.abs(R) < ROUND] = 0.0
    return R + 0.0


def combination_text(coefficients: ArrayLike, kernel_shape: tuple[int, int]) -> str:
    """A combination of weights as text, named as the charts name them: 'w[0,0] + w[1,0] + w[2,0]', 'w[0,0] -
    0.5·w[2,1]'."""
    from convcore.plots.train_charts import weight_name  # (the charts' names: one way to write a weight)

    c = np.asarray(coefficients, dtype=np.float64).reshape(kernel_shape)
    text = ""
    for (i, j), v in np.ndenumerate(c):
        if abs(v) < ROUND:
            continue
        size = abs(v)
        term = weight_name(i, j) if abs(size - 1) < 1e-6 else f"{size:.3g}·{weight_name(i, j)}"
        text += (" - " if v < 0 else " + ") + term if text else ("-" if v < 0 else "") + term
    return text or "0"
