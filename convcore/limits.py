"""Server limits (image size, kernel size, training budget, threads) read from CONVLAB_* environment variables."""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from typing import Mapping, Union

log = logging.getLogger(__name__)

Number = Union[int, float]


@dataclass(frozen=True, slots=True)
class Spec:
    """How one limit is read: its variable, the range it must fall in, and what it means."""

    env: str
    low: Number
    high: Number
    meaning: str


@dataclass(frozen=True, slots=True)
class Limits:
    """What one server lets each session do; defaults suit a small shared server (2 cores, a class at once)."""

    max_image_pixels: int = 25_000_000
    max_upload_bytes: int = 8 * 1024 * 1024
    max_image_side: int = 512
    max_kernel_side: int = 15
    max_training_steps: int = 10_000
    training_steps_per_second: float = 100.0
    live_frames_per_second: float = 100.0
    torch_threads: int = 1


DEFAULTS = Limits()

SPECS: dict[str, Spec] = {
    "max_image_pixels": Spec("CONVLAB_MAX_IMAGE_PIXELS", 1, 200_000_000,
                             "decoded pixels an upload may have before it is refused as too large (a bomb guard)"),
    "max_upload_bytes": Spec("CONVLAB_MAX_UPLOAD_BYTES", 1, 200 * 1024 * 1024,
                             "bytes an uploaded file may have; keep Streamlit's `server.maxUploadSize` (MB) in step"),
    "max_image_side": Spec("CONVLAB_MAX_IMAGE_SIDE", 8, 4096,
                           "long side, in pixels, that photos are shrunk to before any convolution"),
    "max_kernel_side": Spec("CONVLAB_MAX_KERNEL_SIDE", 1, 64, "rows and columns a kernel may have"),
    "max_training_steps": Spec("CONVLAB_MAX_TRAINING_STEPS", 1, 1_000_000,
                               "updates one training run may take (bounds its time and its history in memory)"),
    "training_steps_per_second": Spec("CONVLAB_TRAINING_STEPS_PER_SECOND", 0.1, 10_000.0,
                                      "training updates per second for one session, on average (bursts of 5 s worth)"),
    "live_frames_per_second": Spec("CONVLAB_LIVE_FRAMES_PER_SECOND", 1.0, 1000.0,
                                   "live chart frames a second for all sessions training at once; with more of them, "
                                   "each one's chart updates less often (never more than 14 a second)"),
    "torch_threads": Spec("CONVLAB_TORCH_THREADS", 1, 64,
                          "threads each torch computation may use (`torch.set_num_threads`, set once per process)"),
}


def parse_value(raw: str, spec: Spec, default: Number) -> Number:
    """The value of one variable, as the type of its default; ValueError when it is not a number in range."""
    text = raw.strip()
    value: Number = int(text) if isinstance(default, int) else float(text)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("not a finite number")
    if not spec.low <= value <= spec.high:
        raise ValueError(f"outside {format_value(spec.low)}..{format_value(spec.high)}")
    return value


def load_limits(env: Mapping[str, str] = os.environ) -> Limits:
    """Limits from CONVLAB_* variables in env; a bad or out-of-range value keeps its default, with a warning."""
    values: dict[str, Number] = {}
    for name, spec in SPECS.items():
        raw = env.get(spec.env)
        if raw is None or not raw.strip():
            continue
        try:
            values[name] = parse_value(raw, spec, getattr(DEFAULTS, name))
        except ValueError as e:
            log.warning("%s=%r ignored (%s): using the default %s", spec.env, raw[:40], e, getattr(DEFAULTS, name))
    return Limits(**values)


def format_value(value: Number) -> str:
    """A default as it would be written in the environment: 8388608, 50, 0.5."""
    return str(value) if isinstance(value, int) else f"{value:g}"


def readme_table() -> str:
    """The Markdown table of variables, defaults and meanings that README.md shows."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, spec in SPECS.items():
        rows.append(f"| `{spec.env}` | {format_value(getattr(DEFAULTS, name))} | {spec.meaning} |")
    return "\n".join(rows)



LIMITS = load_limits()  # read once per server process
