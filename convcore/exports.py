"""Files to take away: arrays as CSV and PNG, a learned kernel as a PyTorch state dict, a link as a QR code."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import segno
from PIL import Image

from convcore.plots.figures import DIVERGING, as_numpy, colour_lut, colour_range

if TYPE_CHECKING:
    from convcore.training import Record, Trainer

PNG_MIN_SIDE = 256  # small arrays are enlarged (nearest neighbour) so each cell is visible


def array_csv(A) -> str:
    """A 2D array as CSV, one row per line, values exact enough to round-trip float32."""
    A = np.atleast_2d(as_numpy(A))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in A:
        writer.writerow([repr(float(v)) for v in row])
    return out.getvalue()


def read_csv(text: str) -> np.ndarray:
    """The array of array_csv (for tests and round trips)."""
    return np.array([[float(v) for v in row] for row in csv.reader(io.StringIO(text)) if row], dtype=np.float64)


def array_png(A, *, symmetric: bool = True, min_side: int = PNG_MIN_SIDE) -> bytes:
    """A 2D array as an RGB PNG in the app's colours (diverging around zero, or grey), cells enlarged to be seen."""
    A = np.atleast_2d(as_numpy(A))
    scale, lo, hi = colour_range(A, symmetric)
    index = np.clip((A - lo) / (hi - lo) * 255.0 + 0.5, 0, 255).astype(np.uint8)
    rgb = colour_lut(DIVERGING if symmetric else "gray")[index]
    factor = max(1, -(-min_side // max(A.shape)))
    rgb = np.repeat(np.repeat(rgb, factor, axis=0), factor, axis=1)
    buffer = io.BytesIO()
    Image.fromarray(rgb, "RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def kernel_state_dict(weights) -> bytes:
    """A learned (h, w) kernel as the state dict of nn.Conv2d(1, 1, (h, w), bias=False), saved with torch.save."""
    import torch  # lazily: the app shell imports this module, and the home page must not wait for torch

    W = torch.as_tensor(as_numpy(weights), dtype=torch.float32)
    buffer = io.BytesIO()
    torch.save({"weight": W.reshape(1, 1, *W.shape).clone()}, buffer)
    return buffer.getvalue()


def qr_png(text: str, scale: int = 5) -> bytes | None:
    """A QR code of `text` as PNG bytes, or None when the text is too long for a QR code."""
    try:
        qr = segno.make(text, error="m", micro=False)
    except segno.DataOverflowError:
        return None
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def finite_or_none(value: Any) -> Any:
    """Nested lists/dicts with every non-finite float replaced by None, so JSON stays standard."""
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [finite_or_none(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def history_csv(history: Sequence["Record"]) -> str:
    """The history as CSV: step, loss, w_0_0, w_0_1, ... (row-major), lr."""
    shape = (len(history[0].weights), len(history[0].weights[0])) if history else (0, 0)
    names = [f"w_{i}_{j}" for i in range(shape[0]) for j in range(shape[1])]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["step", "loss", *names, "lr"])
    for r in history:
        writer.writerow([r.step, repr(r.loss), *(repr(v) for row in r.weights for v in row), repr(r.lr)])
    return out.getvalue()


def kernel_json(trainer: "Trainer") -> str:
    """The learned kernel, the target kernel (null when Y was given), the initial kernel and the settings."""
    t = trainer
    data = {"learned": t.weights, "target": None if t.K is None else t.K.tolist(), "initial": t.initial[0, 0].tolist(),
            "steps": t.steps_taken, "final_loss": t.history[-1].loss if t.history else None,
            "diverged": t.diverged, "stop_reason": t.stop_reason, "settings": t.settings()}
    return json.dumps(finite_or_none(data), indent=2, allow_nan=False)
