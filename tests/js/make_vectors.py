"""Golden vectors for static/kernel_preview.js and static/canvas_preview.js, computed by convcore (and ui's encoding):
python tests/js/make_vectors.py OUT.json."""

from __future__ import annotations

import base64
import io
import json
import sys
from itertools import product
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: convcore lives two folders up
    sys.path.insert(0, str(ROOT))

from convcore import engine, kernels, window  # noqa: E402
from convcore.drawing import drawing_plane, working_size  # noqa: E402
from convcore.images import transform  # noqa: E402
from convcore.errors import ConvLabError  # noqa: E402
from convcore.plots import figures

# Cells as typed. The preview must give Python's verdict on plain ones (ASCII, no "_" once stripped); on the others
# (Unicode digits, "1_000", a byte-order mark) it may leave the cell to the server, never read another number.
CELLS = ["0", "1", "-2", "3.25", "+.5", "-.5", "5.", "1e3", "1E-3", "-0", "+0.0", "007", "1e-50", "1e6", "-1e6",
         "1000000.5", "1e7", "-2e6", " 2 ", "\t3\n", "\xa04\u3000", "\x1c5\x85", "\ufeff1", "1,5", "1,000", ",",
         "nan", "NaN", "inf", "-Infinity", "abc", "1x", "0x10", "1e", "e3", ".", "+", "--1", "1 2", "", "   ",
         "1_000", ".5_5", "1__0", "_1", "\uff11\uff12", "\u0663"]
GRIDS = [[["1", "2", "3"], ["4", "5", "6"]], [["0.5"], ["-1e2"]], [["1", "2"], ["3", "1,5"]], [["1", ""], ["3", "4"]]]
ACTION_KERNELS = [[[1, 2, 3], [4, 5, 6]], [[0.5, -1.25], [2, 0.125], [3, -4]], [[1, -1]], [[0, 0], [0, 0]],
                  [[0.1, 0.2], [-0.3, 0]], [[1e6, 0.1, -1e6]], kernels.PRESETS["gaussian_blur"],
                  kernels.PRESETS["box_blur"], kernels.PRESETS["sobel_x"]]
ACTIONS = {"transpose": kernels.transpose, "flip": kernels.flip, "normalize": kernels.normalize}
WIDTHS = sorted({figures.label_width(side) for side in range(1, 64)})  # every width a cell gives its number
NUMBERS = [0.0, -0.0, 1.0, -7.0, 123456.0, 1e6, 1e-7, 3.58e-07, 0.00392, -3.67, 0.5, 1 / 3, -2 / 3,
           float(np.float32(1 / 3)), float(np.float32(0.1)), 12.345, -0.0625, 1.125, -1.125, 2.375, 0.3125, 0.03125,
           100.5, 126.5, 999.5, 9.995, 1234.5, 99999.9, 0.0001, 9.9996e-05, 1e-4 / 3, 0.125, 0.625, -0.125, 0.005,
           0.015, 0.994, 0.995, 0.999, 10.5, 100.25, -10.5, 3.14159, 2.5e-3]


def error_key(call) -> tuple[object, str | None]:
    """call()'s result and None, or None and the key of the ConvLabError it raised."""
    try:
        return call(), None
    except ConvLabError as error:
        return None, error.key


def kernel_json(K) -> dict:
    """A kernel as the JS twin holds it: rows, cols and its float32 values row by row."""
    K = np.asarray(K, dtype=np.float32)
    return {"rows": K.shape[0], "cols": K.shape[1], "values": [float(v) for v in K.ravel()]}


def parse_vectors() -> dict:
    """Python's verdict on single cells and on whole grids."""
    top = float(np.nextafter(kernels.MAX_ABS_VALUE, np.inf))  # the first number over the limit
    cells = []
    for text in [*CELLS, repr(kernels.MAX_ABS_VALUE), repr(top), repr(-top)]:
        value, error = error_key(lambda: kernels.parse_cell(text, 0, 0))
        plain = text.strip().isascii() and "_" not in text
        cells.append({"text": text, "value": value, "error": error, "plain": plain})
    grids = []
    for grid in GRIDS:
        K, error = error_key(lambda: kernels.parse_kernel(grid))
        grids.append({"cells": grid, "kernel": None if K is None else kernel_json(K), "error": error})
    return {"cells": cells, "grids": grids}


def action_vectors() -> list[dict]:
    """The kernel buttons (transpose, flip, normalize) on a few kernels, as convcore.kernels does them."""
    rng = np.random.default_rng(16)
    big = (rng.standard_normal((15, 15)) * 10.0 ** rng.integers(-2, 3, (15, 15))).astype(np.float32)
    out = []
    for K in [*ACTION_KERNELS, big]:
        K = kernels.validate_kernel(K)
        for action, change in ACTIONS.items():
            result, error = error_key(lambda: change(K))
            out.append({"kernel": kernel_json(K), "action": action,
                        "result": None if result is None else kernel_json(result), "error": error})
    return out


def correlate_case(X, K, padding, stride, dilation, flip) -> dict:
    """One Y as the server computes it; X (C, H, W) reaches the browser as its channel mean, Y = C x that mean's Y."""
    X = np.asarray(X, dtype=np.float32)
    settings = window.Settings(padding, stride, dilation, flip)
    shape = window.shape_of(X, K, settings)
    Y, error = error_key(lambda: window.channel_outputs(engine.as_tensor(X, "X"), K, settings)[1])
    grey = X.mean(axis=0) if X.ndim == 3 else X  # as ui/kernel_preview.input_data sends it
    return {"x": [float(v) for v in grey.ravel()], "h": grey.shape[0], "w": grey.shape[1],
            "times": X.shape[0] if X.ndim == 3 else 1, "kernel": kernel_json(K), "padding": list(padding),
            "stride": list(stride), "dilation": list(dilation), "flip": flip, "shape": list(shape.shape),
            "y": None if Y is None else np.asarray(Y, dtype=np.float64).tolist(), "error": error}


def correlate_vectors() -> list[dict]:
    """Output sizes and Y over a grid of padding, stride, dilation and flip, and cases with no output."""
    rng = np.random.default_rng(3)
    X = rng.integers(-4, 10, (5, 6)).astype(np.float32)
    K23 = np.array([[1, 2, -3], [0.5, -1, 4]], dtype=np.float32)
    K32 = np.array([[0.25, -2], [3, 1], [-1, 0.5]], dtype=np.float32)
    out = []
    for K, p, s, d, flip in product([K23, K32], [(0, 0), (1, 2)], [(1, 1), (2, 3)], [(1, 1), (2, 1)], [False, True]):
        out.append(correlate_case(X, K, p, s, d, flip))
    colour = rng.integers(0, 256, (3, 6, 7)).astype(np.float32)  # a shared kernel over three channels
    out.append(correlate_case(colour, K23, (1, 1), (1, 1), (1, 1), False))
    out.append(correlate_case(colour, kernels.preset("gaussian_blur"), (1, 1), (2, 2), (1, 2), True))
    out.append(correlate_case(rng.random((12, 12)), kernels.preset("sobel_x"), (0, 0), (3, 3), (2, 2), False))
    for shape, K, p, s, d in [((2, 5), K32, (0, 0), (1, 1), (1, 1)), ((5, 2), K23, (0, 0), (1, 1), (1, 1)),
                              ((5, 6), K23, (0, 0), (1, 1), (1, 3)), ((3, 6), K32, (0, 0), (2, 1), (2, 1)),
                              ((2, 2), K32, (0, 0), (2, 2), (3, 3)), ((4, 4), K23, (1, 0), (1, 1), (4, 4))]:
        out.append(correlate_case(X[: shape[0], : shape[1]], K, p, s, d, False))
    return out


def text_vectors() -> list[dict]:
    """Number text as the cells of each size write it (figures.fitted_number at each label width)."""
    return [{"value": v, "labels": {str(w): figures.fitted_number(v, w) for w in WIDTHS}} for v in NUMBERS]


def png_vectors() -> list[dict]:
    """Y drawn as a picture (figures.png_uri) on a symmetric scale, its pixels read back as RGB."""
    rng = np.random.default_rng(7)
    out = []
    for Y in [np.linspace(-3, 3, 35).reshape(5, 7), rng.standard_normal((6, 9)).astype(np.float32),
              np.zeros((2, 3)), np.array([[0.0, 1.0, -1.0, 0.5, -0.5, 1 / 255, -1 / 255]])]:
        Y = np.asarray(Y, dtype=np.float64)
        scale, zmin, zmax = figures.colour_range(Y, True)
        uri = figures.png_uri(Y, scale, zmin, zmax)
        image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")
        out.append({"y": Y.tolist(), "zmin": zmin, "zmax": zmax, "rgb": np.asarray(image).ravel().tolist()})
    return out


def drawing_vectors() -> dict:
    """Canvas pixels as X (convcore.drawing.drawing_plane, transformed, its channels' mean as the browser gets it)."""
    rng = np.random.default_rng(11)
    odd = rng.integers(0, 256, (37, 29, 4), dtype=np.uint8)  # any alpha, an odd shape: boxes of unequal sizes
    strokes = np.zeros((128, 128, 4), dtype=np.uint8)
    strokes[..., 3] = 255
    strokes[30:45, 10:115, :3] = rng.integers(0, 256, (15, 105, 1), dtype=np.uint8)  # white to grey, anti-aliased
    ways = list(product(("none", "transpose", "rot90"), (False, True)))
    cases = [(0, side, *way) for side in (3, 10, 29, 37, 50) for way in ways]
    cases += [(1, side, *way) for side in (7, 16, 48) for way in ways]
    cases += [(1, side, *way) for side in (100, 128, 150) for way in (("none", False), ("rot90", True))]
    canvases = (odd, strokes)
    out = []
    for index, side, xform, color in cases:
        rgba = canvases[index]
        X = np.asarray(transform(drawing_plane(rgba, side, color), xform))
        grey = X.mean(axis=0) if X.ndim == 3 else X  # as ui/kernel_preview.input_data sends it (transformed)
        out.append({"canvas_index": index, "canvas": {"size": list(working_size(*rgba.shape[:2], side)),
                                                      "xform": xform, "color": color},
                    "h": grey.shape[0], "w": grey.shape[1], "x": [float(v) for v in grey.ravel()]})
    pixels = [{"ph": c.shape[0], "pw": c.shape[1], "data": base64.b64encode(c.tobytes()).decode("ascii")}
              for c in canvases]
    return {"canvases": pixels, "cases": out}


def input_vectors() -> dict:
    """X as it travels to the browser (ui.components.kernel_preview.encoded: float32, 16 or 8 bits) and the float32
    values the page must read back; X transformed (convcore.images.transform) as the page transforms it."""
    from ui.components.kernel_preview import encoded  # imports streamlit: only when vectors are made

    rng = np.random.default_rng(5)
    inputs = []
    for X in [rng.standard_normal((5, 7)), rng.random((48, 48)) * 3 - 1, rng.random((60, 70)),
              np.full((50, 50), 0.25), rng.random((256, 256)), rng.random((257, 256)) * 10]:
        meta, payload = encoded(X)
        q = np.frombuffer(payload, dtype={"f4": "<f4", "u2": "<u2", "u1": "u1"}[meta["dtype"]])
        values = q if meta["dtype"] == "f4" else meta["lo"] + q.astype(np.float64) * meta["step"]  # as JS: doubles
        inputs.append({"meta": meta, "bytes": base64.b64encode(payload).decode("ascii"),
                       "values": base64.b64encode(values.astype("<f4").tobytes()).decode("ascii")})
    transforms = []
    for shape, xform in product([(3, 5), (4, 4), (1, 6), (6, 1)], ("none", "transpose", "rot90")):
        X = np.asarray(transform(np.arange(np.prod(shape), dtype=np.float32).reshape(shape), xform))
        transforms.append({"h": shape[0], "w": shape[1], "xform": xform, "shape": list(X.shape),
                           "x": [float(v) for v in X.ravel()]})
    return {"inputs": inputs, "transforms": transforms}


def vectors() -> dict:
    """Every vector, keyed by the JS twin it checks."""
    lut = figures.colour_lut(figures.DIVERGING).ravel().tolist()
    return {"max_abs_value": kernels.MAX_ABS_VALUE, "parse": parse_vectors(), "actions": action_vectors(),
            "correlate": correlate_vectors(), "text": text_vectors(), "png": {"lut": lut, "cases": png_vectors()},
            "drawing": drawing_vectors(), "inputs": input_vectors()}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/js/make_vectors.py OUT.json")
    Path(sys.argv[1]).write_text(json.dumps(vectors(), allow_nan=False))
