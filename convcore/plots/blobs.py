"""A figure dict's numpy arrays as Plotly's typed-array blobs: what plotly's `convert_to_base64` does, at a fraction of
its cost (it asks narwhals about every array: 9% of a loaded server's interpreter time while 20 students trained)."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np
from _plotly_utils.basevalidators import is_homogeneous_array
from _plotly_utils.utils import to_typed_array_spec

SHORT_TYPES = {"int8": "i1", "uint8": "u1", "int16": "i2", "uint16": "u2", "int32": "i4", "uint32": "u4",
               "float32": "f4", "float64": "f8"}  # plotly.js's typed arrays
SKIPPED_KEYS = frozenset(("geojson", "layer", "layers", "range"))  # left as they are, as plotly does
SCALARS = (str, int, float, type(None))  # never arrays (a bool is an int)
CONTAINERS = (dict, list, tuple)  # walked for the arrays in their dicts
NARROWER = {"int64": (np.int8, np.int16, np.int32), "uint64": (np.uint8, np.uint16, np.uint32)}


def narrowed(A: np.ndarray) -> np.ndarray:
    """A 64-bit integer array in the smallest integer type that holds it (plotly.js has no 64-bit integers)."""
    low, high = A.min(), A.max()
    for dtype in NARROWER.get(str(A.dtype), ()):
        info = np.iinfo(dtype)
        if info.min <= low and high <= info.max:
            return A.astype(dtype)
    return A


def blob(A: np.ndarray) -> Any:
    """Plotly's typed-array spec of A ({dtype, bdata, shape}), or A itself where plotly.js has no such type."""
    if A.size == 0:
        return A
    A = narrowed(A) if str(A.dtype) in NARROWER else A
    short = SHORT_TYPES.get(str(A.dtype))
    if short is None:
        return A
    spec = {"dtype": short, "bdata": base64.b64encode(np.ascontiguousarray(A)).decode("ascii")}
    if A.ndim > 1:
        spec["shape"] = str(A.shape)[1:-1]
    return spec


def array_like(value: Any) -> bool:
    """Whether plotly could take `value` for an array (numpy can make one of it; a number or text cannot)."""
    return hasattr(value, "__array__") or hasattr(value, "__array_interface__")


def arrays_as_blobs(obj: Any) -> None:
    """Turn the arrays that are values of `obj`'s dicts (at any depth) into blobs, in place, as plotly's
    convert_to_base64 does (an array that is an item of a list stays, as there). Numbers and text are passed over
    without a look: a figure's cell texts are hundreds of them."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(value, SCALARS) or key in SKIPPED_KEYS:
                continue
            if isinstance(value, np.ndarray):
                obj[key] = blob(value)
            elif isinstance(value, CONTAINERS):
                arrays_as_blobs(value)
            elif array_like(value) and is_homogeneous_array(value):
                obj[key] = to_typed_array_spec(value)  # another kind of array (a tensor): plotly's own way
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            if isinstance(value, CONTAINERS):
                arrays_as_blobs(value)
