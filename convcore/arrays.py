"""Plane: a numpy array that also answers the two tensor calls the pages make, so they run without torch."""

from __future__ import annotations

from typing import Any

import numpy as np


class Plane(np.ndarray):
    """A float32 numpy array (H, W)/(C, H, W)/(O, H, W) with torch's `.numpy()` and `.dim()`."""

    def numpy(self) -> np.ndarray:
        """The plain numpy array (a view, as torch's Tensor.numpy() shares memory)."""
        return self.view(np.ndarray)

    def dim(self) -> int:
        """The number of axes (torch's Tensor.dim())."""
        return self.ndim


def plane(A: Any) -> Plane:
    """A float32 Plane from an array, a nested list or a CPU tensor."""
    if hasattr(A, "detach"):  # a torch tensor: torch is loaded already
        A = A.detach().cpu().numpy()
    return np.ascontiguousarray(A, dtype=np.float32).view(Plane)
