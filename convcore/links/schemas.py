"""What each page keeps in its link: the query-string schemas (names, parsers, defaults) built on convcore.links.codec."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from convcore import kernels, pacing
from convcore.limits import LIMITS
from convcore.links.addresses import PRESENTER
from convcore.links.codec import Field, choice, decode_drawing, decode_kernel, encode_drawing, encode_kernel, flag
from convcore.links.codec import DRAWING_MAX_SIDE, equal, integer, show_flag  # noqa: F401 (re-exported)

SOURCES = ("sample", "upload", "draw")
SIDE_RANGE = (3, 512)
PAIR_LIMITS = {"padding": (0, 8, 0), "stride": (1, 8, 1), "dilation": (1, 6, 1)}  # min, max, default
MODES = ("correlation", "convolution")
CHANNEL_MODES = ("shared", "each")
EXPLORE_SPEEDS = tuple(pacing.PLAY_SECONDS)
TRAIN_SPEEDS = tuple(pacing.TRAIN_STEPS_PER_FRAME)
CELL_MAX = 4095
MAX_OUTPUTS = 4  # output channels on Explore


def pair(low: int, high: int) -> Callable[[str], tuple[int, ...]]:
    """A parser for '2' (rows and columns alike) or '2,1' (rows, columns), each within [low, high]."""
    one = integer(low, high)

    def parse(text: str) -> tuple[int, ...]:
        parts = text.split(",")
        if len(parts) not in (1, 2):
            raise ValueError("one or two numbers")
        return tuple(one(p) for p in parts)
    return parse


def show_pair(value: Sequence[int]) -> str:
    """(2,) -> '2', (2, 1) -> '2,1'."""
    return ",".join(str(int(v)) for v in value)


def size(low: int, high: int) -> Callable[[str], tuple[int, int]]:
    """A parser for 'RxC' with both sides within [low, high]."""
    one = integer(low, high)

    def parse(text: str) -> tuple[int, int]:
        rows, cols = text.lower().split("x")
        return one(rows), one(cols)
    return parse


def show_size(value: Sequence[int]) -> str:
    """(3, 2) -> '3x2'."""
    return f"{int(value[0])}x{int(value[1])}"


def nearest_option(options: Sequence[float]) -> Callable[[str], float]:
    """A parser for a number that must be one of `options` (within 0.1%): the option itself."""
    def parse(text: str) -> float:
        value = float(text)
        for option in options:
            if abs(value - option) <= 1e-3 * abs(option):
                return option
        raise ValueError(f"{value} is not an offered value")
    return parse


# The names of convcore.images.SAMPLES (checked by a test): importing that module imports torch, which the
# home page must not wait for.
SAMPLE_NAMES = ("stripes", "example_3x3", "checkerboard", "diagonal", "letter", "photo", "photo_rgb")
X_TRANSFORMS = ("none", "transpose", "rot90")  # convcore.images.TRANSFORMS (checked by the same test)


def kernel_or_preset(text: str):
    """A kernel from its values ('1,-1;0,2') or from a preset's name ('sobel_x', as the Lesson's links write)."""
    return kernels.preset(text) if text in kernels.PRESETS else decode_kernel(text)


def image_fields() -> dict[str, Field]:
    """The picked image: source, sample, a small drawing, colour and working resolution."""
    return {
        "src": Field("sample", choice(SOURCES)),
        "sample": Field(SAMPLE_NAMES[0], choice(SAMPLE_NAMES)),
        "draw": Field(None, decode_drawing, encode_drawing),
        "color": Field(False, flag, show_flag),
        "side": Field(None, integer(*SIDE_RANGE)),
    }


def kernel_fields(prefix: str = "") -> dict[str, Field]:
    """A kernel editor: a preset name, or the values of a custom kernel."""
    return {
        f"{prefix}preset": Field("edge_book", choice((*kernels.PRESETS, "custom"))),
        f"{prefix}kernel": Field(None, kernel_or_preset, encode_kernel),
    }


def explore_schema() -> dict[str, Field]:
    """Everything the Explore page shows, as query fields."""
    fields = {**image_fields(), "xform": Field("none", choice(X_TRANSFORMS)), **kernel_fields(),
              "chmode": Field("shared", choice(CHANNEL_MODES)),
              "kernel_g": Field(None, decode_kernel, encode_kernel),
              "kernel_b": Field(None, decode_kernel, encode_kernel),
              "outputs": Field(1, integer(1, MAX_OUTPUTS))}
    for o in range(2, MAX_OUTPUTS + 1):
        for suffix in ("", "_g", "_b"):
            fields[f"kernel_o{o}{suffix}"] = Field(None, decode_kernel, encode_kernel)
    for name, (low, high, default) in PAIR_LIMITS.items():
        fields[name] = Field((default,), pair(low, high), show_pair)
    fields.update({
        "mode": Field("correlation", choice(MODES)),
        "row": Field(0, integer(0, CELL_MAX)),
        "col": Field(0, integer(0, CELL_MAX)),
        "speed": Field("normal", choice(EXPLORE_SPEEDS)),
    })
    return fields


def train_schema(learning_rates: Sequence[float], default_lr: float, max_steps: int, optimizers: Sequence[str],
                 losses: Sequence[str], devices: Sequence[str]) -> dict[str, Field]:
    """Everything the Train page's settings hold, as query fields (the options come from the page)."""
    return {
        **image_fields(), **kernel_fields(),
        "size": Field(None, size(1, LIMITS.max_kernel_side), show_size),
        "lr": Field(default_lr, nearest_option(learning_rates), lambda v: f"{v:g}"),
        "steps": Field(min(100, max_steps), integer(1, max_steps)),
        "speed": Field("medium", choice(TRAIN_SPEEDS)),
        "opt": Field(optimizers[0], choice(tuple(optimizers))),
        "loss": Field(losses[0], choice(tuple(losses))),
        "seed": Field(0, integer(0, 2**31 - 1)),
        "device": Field(devices[0], choice(tuple(devices))),
        "log": Field(False, flag, show_flag),
        # The steps a run had taken (absent: none), so that a reload can say where training was and train there
        # again; and whether the learning rate changed during that run (then the replay may end elsewhere).
        "at": Field(None, integer(1, max_steps)),
        "lrmix": Field(False, flag, show_flag),
    }


def challenge_schema(ids: Sequence[str]) -> dict[str, Field]:
    """The Challenge page's link: which challenge (its id only: the answer is never in a link)."""
    return {"challenge": Field(ids[0], choice(tuple(ids)))}


APP_SCHEMA = {PRESENTER: Field(False, flag, show_flag)}


def kernel_link(K, preset: str) -> dict:
    """The link values of a kernel editor: the preset name when it is one, else the values."""
    if preset != "custom":
        return {"preset": preset}
    return {"preset": None, "kernel": K}  # the reader matches a preset from the values


def kernel_from_link(values: dict, prefix: str = "") -> tuple:
    """(kernel, preset) a link asks for, or (None, None) when it names neither."""
    K, name = values.get(f"{prefix}kernel"), values.get(f"{prefix}preset")
    if K is not None:
        return K, kernels.match_preset(K) or "custom"
    if name and name != "custom":
        return kernels.preset(name), name
    return None, None


def lesson_query(lang: str, X: Any, K: Any) -> dict[str, str]:
    """The query that opens Explore or Train on the Lesson's image and kernel (when they are built-in ones)."""
    from convcore.images import stripes  # torch: not for the home page, which imports this module

    query = {"lang": lang}
    if equal(np.asarray(X, dtype=np.float32), stripes().numpy()):
        query["sample"] = "stripes"
    name = kernels.match_preset(np.asarray(K, dtype=np.float32))
    if name:
        query["kernel"] = name  # a preset's name, which kernel_or_preset reads
    return query
