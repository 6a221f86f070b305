"""Explore's kernel preview: the browser redraws Y from X and a typed kernel at once, before the server answers.

A kernel edit costs Streamlit a rerun of the whole lab fragment (about 50 elements, 150 to 200 ms in the browser
here); the preview shows the new Y within a frame or two, and the server's own figure replaces it when the rerun
arrives. Three parts meet in the browser:
- `publish_input` (drawn outside the fragment: sent with full runs, never with an edit's rerun) hands the browser X:
  the mean over channels (a shared kernel gives Y = channels x correlate(mean X, K)) and the diverging colour table;
- `spec` (in the Y chart's data) says how Y was made: padding, stride, dilation, flip, shapes, which X and which grid;
- the kernel grid (static/kernel_grid.js) asks for a preview when it sends an edit, or when a preset of the same
  shape is picked in the preset box (ui.widgets.kernel_editor.preset_cells); static/kernel_preview.js computes
  Y as the server does and static/live_chart/ draws it.
Inputs above PREVIEW_MAX_PIXELS get no preview (X would cost too many bytes); their edits wait for the server.
The same component hands the browser the samples (ui/components/sample_preview.py): a sample picked in the sample box
redraws X (the X chart's `input_spec`) and Y at once.

A stroke on the drawing canvas is previewed the same way (static/canvas_preview.js): when X is a drawing's, `canvas`
(in the Y chart's spec, and the X chart's own) says how X was made from the canvas pixels (convcore.drawing, exact), and
the page redoes it from the canvas on mouse-up, then Y with the kernel the spec carries.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import numpy as np
import streamlit as st

from convcore.memo import Once
from convcore.plots import figures
from ui.components.data import plain
from ui.components.modules import file_version

PREVIEW_MAX_PIXELS = 512 * 512
EXACT_MAX_PIXELS = 48 * 48  # up to this size X goes as float32, exactly (Y's numbers are shown); larger, as
FINE_MAX_PIXELS = 256 * 256  # 16 bits over its range up to this size, 8 bits above (a colour step at most)
STATIC = Path(__file__).resolve().parents[2] / "static"
MODULE_JS, PNG_JS, CANVAS_JS = STATIC / "kernel_preview.js", STATIC / "palette_png.js", STATIC / "canvas_preview.js"
# The version of kernel_preview.js and of palette_png.js, which it imports with the same version
MODULE_VERSION = file_version(MODULE_JS, PNG_JS)
MODULE_URL = f"app/static/kernel_preview.js?v={MODULE_VERSION}"
CANVAS_URL = f"app/static/canvas_preview.js?v={file_version(CANVAS_JS)}"
INPUT_COMPONENT = "convlab.preview_input"
INPUT_JS = """const bytesOf = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
export default function ({data}) {
  const ns = (window.__convlab ??= {});
  if (!data) return;
  if ("samples" in data || typeof data.objects === "string") {  // the samples (ui/components/sample_preview.py)
    const offer = data.objects ? JSON.parse(data.objects).samples : null;
    for (const entry of Object.values(offer ? offer.entries : {})) if (entry.bdata) entry.bytes = bytesOf(entry.bdata);
    ns.sampleOffer = offer;
    return;
  }
  const inputs = (ns.previewInputs ??= {});
  if (!data.id || inputs[data.id]) return;
  for (const id of Object.keys(inputs).slice(0, -3)) delete inputs[id];  // the last few inputs are enough
  const {h, w, channels, lut, dtype, lo, step} = data;  // values: decoded at first use (static/live_chart/preview.js)
  inputs[data.id] = {h, w, channels, lut, dtype, lo, step, bytes: bytesOf(data.bdata)};
}
"""
SAMPLES_CSS = ".st-key-preview_samples { display: none; }"  # the samples' element takes no room at the page's end
_component = Once(lambda: st.components.v2.component(INPUT_COMPONENT, js=INPUT_JS, css=SAMPLES_CSS,
                                                    isolate_styles=False))


def input_id(X: np.ndarray) -> str:
    """A short digest of X: the Y chart names the input it was computed from."""
    X = np.ascontiguousarray(X, dtype=np.float32)
    return hashlib.blake2b(X.tobytes() + str(X.shape).encode(), digest_size=8).hexdigest()


def encoded(grey: np.ndarray) -> tuple[dict, bytes]:
    """Grey X (H, W) as it travels: (h, w, dtype, lo, step; the bytes): float32, else 16 or 8 bits over its range."""
    grey = np.asarray(grey, dtype=np.float32)
    meta = {"h": grey.shape[0], "w": grey.shape[1]}
    if grey.size <= EXACT_MAX_PIXELS:
        return {**meta, "dtype": "f4"}, grey.astype("<f4").tobytes()
    levels, dtype = (65535, "u2") if grey.size <= FINE_MAX_PIXELS else (255, "u1")
    lo, hi = float(grey.min()), float(grey.max())
    step = (hi - lo) / levels or 1.0
    payload = np.round((grey - lo) / step).astype(f"<{dtype}").tobytes()
    return {**meta, "dtype": dtype, "lo": lo, "step": step}, payload


def input_data(X: np.ndarray) -> dict | None:
    """What the browser needs of X (H, W) or (C, H, W), or None when X is too large to preview."""
    X = np.asarray(X, dtype=np.float32)
    grey = X.mean(axis=0) if X.ndim == 3 else X
    if grey.size > PREVIEW_MAX_PIXELS:
        return None
    meta, payload = encoded(grey)
    return {"id": input_id(X), **meta, "channels": X.shape[0] if X.ndim == 3 else 1,
            "lut": figures.colour_lut(figures.DIVERGING).ravel().tolist(),
            "bdata": base64.b64encode(payload).decode("ascii")}


def publish_input(X: np.ndarray | None) -> None:
    """Hand X to the browser for previews (draw it outside the fragment that edits the kernel)."""
    data = input_data(X) if X is not None else None
    if data is None:
        return
    input_component()(key="preview_input", data=plain(data), width="stretch", height=0)


def input_component():
    """The component that hands the browser X and the samples (registered once per process)."""
    return _component.get()


def spec(X: np.ndarray, K: np.ndarray, Y_shape: tuple[int, int], settings, grid: str,
         canvas: dict | None = None) -> dict | None:
    """How Y was made, for the browser to redo it with an edited kernel (or a new stroke, with `canvas`); None when
    it cannot (no preview)."""
    if np.ndim(K) != 2 or np.shape(X)[-2] * np.shape(X)[-1] > PREVIEW_MAX_PIXELS:
        return None
    made = {"grid": grid, "input": input_id(X), "module": MODULE_URL, "k": list(np.shape(K)), "y": list(Y_shape),
            "padding": list(settings.padding), "stride": list(settings.stride), "dilation": list(settings.dilation),
            "flip": bool(settings.flip), "kernel": [float(v) for v in np.asarray(K, dtype=np.float32).ravel()]}
    return {**made, "canvas": canvas} if canvas else made


def canvas_spec(picked, xform: str) -> dict | None:
    """How the picked image's X came from the canvas (its pixels' shape, X's size before `xform`, colour), or None
    when X is no drawing's (ui.widgets.image_input.PickedImage.pixels)."""
    size = np.shape(picked.X)[-2:] if picked is not None else (0, 0)
    if picked is None or picked.pixels is None or size[0] * size[1] > PREVIEW_MAX_PIXELS:
        return None
    return {"module": CANVAS_URL, "pixels": list(np.shape(picked.pixels)[:2]), "size": [int(n) for n in size],
            "xform": xform, "color": np.ndim(picked.X) == 3}


def input_spec(X: np.ndarray, canvas: dict | None) -> dict | None:
    """The X chart's preview of a grey X (a stroke's, with `canvas`, or a sample's): its shape, a picture's colours."""
    if np.ndim(X) != 2 or np.size(X) > PREVIEW_MAX_PIXELS:
        return None
    made = {"module": MODULE_URL, "role": "x", "x": [int(n) for n in np.shape(X)]}
    if canvas:
        made["canvas"] = canvas
    if max(np.shape(X)) >= figures.IMAGE_MIN_SIDE:
        made["lut"] = figures.colour_lut("gray").ravel().tolist()
    return made
