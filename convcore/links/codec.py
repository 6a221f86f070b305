"""Page settings <-> URL query strings: compact encodings, and parsing that never raises."""

from __future__ import annotations

import base64
import zlib
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

from convcore import kernels

MAX_VALUE_CHARS = 4096  # a query value longer than this is refused (tampered or oversized link)
DRAWING_MAX_SIDE = 32


def encode_kernel(K: np.ndarray) -> str:
    """'1,-1;0,2': rows separated by ';', values by ','."""
    return ";".join(",".join(f"{float(v):.6g}" for v in row) for row in np.asarray(K, dtype=np.float32))


def decode_kernel(text: str) -> np.ndarray:
    """The kernel of encode_kernel, validated like a user's grid (KernelError when bad)."""
    return kernels.parse_kernel([row.split(",") for row in text.split(";")])


def encode_drawing(X: np.ndarray) -> str:
    """A small grey drawing (up to 32x32) as 'HxW.' + base64 of its zlib-compressed 8-bit pixels."""
    X = np.asarray(X, dtype=np.float32)
    if X.ndim != 2 or max(X.shape) > DRAWING_MAX_SIDE:
        raise ValueError("only grey drawings up to 32x32 fit in a link")
    pixels = np.clip(np.round(X * 255), 0, 255).astype(np.uint8)
    blob = base64.urlsafe_b64encode(zlib.compress(pixels.tobytes(), 9)).decode("ascii").rstrip("=")
    return f"{X.shape[0]}x{X.shape[1]}.{blob}"


def decode_drawing(text: str) -> np.ndarray:
    """The drawing of encode_drawing, as float32 in [0, 1] (ValueError when bad)."""
    size, blob = text.split(".", 1)
    rows, cols = (int(v) for v in size.split("x"))
    if not (1 <= rows <= DRAWING_MAX_SIDE and 1 <= cols <= DRAWING_MAX_SIDE):
        raise ValueError("drawing size out of range")
    raw = zlib.decompressobj().decompress(base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4)), rows * cols + 1)
    if len(raw) != rows * cols:
        raise ValueError("drawing data does not match its size")
    return np.frombuffer(raw, dtype=np.uint8).reshape(rows, cols).astype(np.float32) / 255.0


@dataclass(frozen=True)
class Field:
    """One setting kept in the URL: how to read it from text, write it as text, and its default."""

    default: Any
    parse: Callable[[str], Any]
    show: Callable[[Any], str] = str


def integer(low: int, high: int) -> Callable[[str], int]:
    """A parser for an integer within [low, high]."""
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(f"{value} outside [{low}, {high}]")
        return value
    return parse


def number(low: float, high: float) -> Callable[[str], float]:
    """A parser for a finite float within [low, high]."""
    def parse(text: str) -> float:
        value = float(text)
        if not low <= value <= high:  # also refuses nan
            raise ValueError(f"{value} outside [{low}, {high}]")
        return value
    return parse


def choice(options: list[str] | tuple[str, ...]) -> Callable[[str], str]:
    """A parser for one of the given options."""
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(f"{text!r} is not one of {options}")
        return text
    return parse


def flag(text: str) -> bool:
    """'1'/'true'/'on' or '0'/'false'/'off'."""
    lowered = text.lower()
    if lowered in ("1", "true", "on", "yes"):
        return True
    if lowered in ("0", "false", "off", "no"):
        return False
    raise ValueError(f"{text!r} is not a yes/no value")


def show_flag(value: bool) -> str:
    """A flag as '1' or '0'."""
    return "1" if value else "0"


def read(query: Mapping[str, Any], schema: Mapping[str, Field]) -> tuple[dict[str, Any], list[str]]:
    """Values of the schema's fields from a query mapping, and the names that were bad and fell back to defaults."""
    values, bad = {}, []
    for name, field in schema.items():
        raw = query.get(name)
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        if raw is None:
            values[name] = field.default
            continue
        try:
            if len(str(raw)) > MAX_VALUE_CHARS:
                raise ValueError("too long")
            values[name] = field.parse(str(raw))
        except (ValueError, TypeError, ArithmeticError, zlib.error):
            values[name] = field.default
            bad.append(name)
    return values, bad


def write(values: Mapping[str, Any], schema: Mapping[str, Field]) -> dict[str, str]:
    """The query entries for values that differ from their defaults (short links)."""
    out = {}
    for name, field in schema.items():
        if name in values and values[name] is not None and not equal(values[name], field.default):
            out[name] = field.show(values[name])
    return out


def equal(a: Any, b: Any) -> bool:
    """Equality that also works for numpy arrays."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return a is not None and b is not None and np.array_equal(np.asarray(a), np.asarray(b))
    return a == b
