"""The Lesson's steps (section 6.2, cell by cell): their editable values, the notebook's defaults and reading them."""

from __future__ import annotations

import re
from typing import Any, Optional, Sequence

import numpy as np

from convcore import kernels
from convcore.errors import ConvLabError, KernelError

STEPS: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)
TRAIN_STEP = 6
MAX_SIDE_X = 8  # step 2: small enough that every sum can be read
MAX_SIDE_K = 4

# Every editable value of the page with the notebook's value; a step's reset restores the values it uses.
DEFAULTS: dict[str, Any] = {
    "n_h": 3, "n_w": 3, "k_h": 2, "k_w": 2,
    "x2": "[[0, 1, 2], [3, 4, 5], [6, 7, 8]]", "k2": "[[0, 1], [2, 3]]",
    "rows": 6, "cols": 8, "zeros": (2, 6),
    "k4": "[[1, -1]]",
    "init": "notebook", "seed": 0, "lr": 0.03, "iterations": 10,
}
STEP_VALUES: dict[int, tuple[str, ...]] = {
    1: ("n_h", "n_w", "k_h", "k_w"),
    2: ("x2", "k2"),
    3: ("rows", "cols", "zeros"),
    4: ("k4",),
    5: ("rows", "cols", "zeros", "k4"),
    6: ("rows", "cols", "zeros", "k4", "init", "seed", "lr", "iterations"),
    7: tuple(DEFAULTS),
}


def edited_steps(values: dict[str, Any]) -> list[int]:
    """The steps whose own values (a value belongs to the first step that uses it) differ from the notebook's."""
    owner = {name: min(step for step, names in STEP_VALUES.items() if name in names) for name in DEFAULTS}
    return sorted({owner[name] for name, default in DEFAULTS.items() if values.get(name, default) != default})


def parse_step(raw: Optional[str]) -> Optional[int]:
    """The step number in a `?step=` value, or None when it is not one of STEPS."""
    text = (raw or "").strip()
    return int(text) if text.isdigit() and int(text) in STEPS else None


def defaults_for(step: int) -> dict[str, Any]:
    """The notebook's values of everything `step` uses (what its reset button restores)."""
    return {name: DEFAULTS[name] for name in STEP_VALUES[step]}


def parse_matrix(text: str, name: str, max_side: int) -> np.ndarray:
    """A float32 matrix from '[[0, 1], [2, 3]]', '0 1; 2 3' or one row per line (never eval)."""
    body = text.strip()
    if body.startswith("[[") or body.startswith("["):
        body = re.sub(r"\]\s*,?\s*\[", ";", body).strip("[] \n\t")
    rows = [re.split(r"[,\s]+", row.strip()) for row in re.split(r"[;\n]", body) if row.strip()]
    if not rows:
        raise ConvLabError("err_lesson_blank", name=name)
    try:
        return kernels.parse_kernel(rows, max_side=max_side)
    except KernelError as error:
        detail = error.key.removeprefix("err_kernel_")
        raise ConvLabError(f"err_lesson_{detail}", name=name, **error.params) from None


def clamp_span(span: Sequence[int], cols: int) -> tuple[int, int]:
    """A (start, stop) column span kept inside 0..cols."""
    start, stop = (min(max(int(v), 0), cols) for v in span)
    return min(start, stop), max(start, stop)
