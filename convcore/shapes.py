"""The output-shape rule floor((n + 2p - d(k-1) - 1) / s) + 1 and the settings it reads (no torch)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

import numpy as np

from convcore.errors import ConvLabError

IntPair = Union[int, tuple[int, int]]


def as_pair(value: IntPair, name: str) -> tuple[int, int]:
    """Turn an int or an (int, int) pair into a pair of ints."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value), int(value)
    try:
        a, b = value  # type: ignore[misc]
    except (TypeError, ValueError):
        raise ConvLabError("err_param_pair", name=name, value=repr(value)) from None
    if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in (a, b)):
        raise ConvLabError("err_param_pair", name=name, value=repr(value))
    return int(a), int(b)


@dataclass(frozen=True)
class OutputShape:
    """Output size of a correlation along both axes, with the numbers that produced it."""

    n: tuple[int, int]
    k: tuple[int, int]
    padding: tuple[int, int]
    stride: tuple[int, int]
    dilation: tuple[int, int]

    def size(self, axis: int) -> int:
        """floor((n + 2p - d(k-1) - 1) / s) + 1 along one axis (0 rows, 1 columns)."""
        n, k, p, s, d = self.n[axis], self.k[axis], self.padding[axis], self.stride[axis], self.dilation[axis]
        return (n + 2 * p - d * (k - 1) - 1) // s + 1

    @property
    def height(self) -> int:
        """Output rows."""
        return self.size(0)

    @property
    def width(self) -> int:
        """Output columns."""
        return self.size(1)

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, columns)."""
        return self.height, self.width

    @property
    def valid(self) -> bool:
        """True when the kernel fits the padded input at least once."""
        return self.height >= 1 and self.width >= 1

    def unused(self, axis: int) -> int:
        """Trailing padded rows/columns that no window touches because the stride does not divide evenly."""
        if self.size(axis) < 1:
            return 0
        span = (self.size(axis) - 1) * self.stride[axis] + self.dilation[axis] * (self.k[axis] - 1) + 1
        return self.n[axis] + 2 * self.padding[axis] - span

    def formula(self, axis: int) -> str:
        """The formula with the user's numbers filled in, in its simplest readable form."""
        n, k, p, s, d = self.n[axis], self.k[axis], self.padding[axis], self.stride[axis], self.dilation[axis]
        if p == 0 and s == 1 and d == 1:
            return f"({n} - {k} + 1)"
        top = f"{n}"
        if p:
            top += f" + 2*{p}"
        top += f" - {d}*({k} - 1) - 1" if d != 1 else f" - ({k} - 1) - 1"
        if s == 1:
            return f"({top} + 1)"
        return f"(⌊({top}) / {s}⌋ + 1)"  # the floor brackets: read the same in any language

    def explain(self) -> str:
        """A one-line explanation such as '(6 - 1 + 1) x (8 - 2 + 1) = 6 x 7'."""
        return f"{self.formula(0)} x {self.formula(1)} = {self.height} x {self.width}"


def output_shape(
    H: int, W: int, h: int, w: int, padding: IntPair = 0, stride: IntPair = 1, dilation: IntPair = 1
) -> OutputShape:
    """Output shape by the book's rule floor((n + 2p - d(k-1) - 1) / s) + 1, checked for sense."""
    p, s, d = as_pair(padding, "padding"), as_pair(stride, "stride"), as_pair(dilation, "dilation")
    if min(s) < 1:
        raise ConvLabError("err_stride", value=min(s))
    if min(d) < 1:
        raise ConvLabError("err_dilation", value=min(d))
    if min(p) < 0:
        raise ConvLabError("err_padding", value=min(p))
    if min(H, W, h, w) < 1:
        raise ConvLabError("err_empty")
    return OutputShape((H, W), (h, w), p, s, d)
