"""The image picker shared by the pages: a sample, an upload or a drawing, at a working resolution."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from convcore.arrays import Plane, plane
from convcore.drawing import drawing_plane
from convcore.errors import ImageError
from convcore.images import SAMPLES, load_image, resize_long_side, sample
from convcore.limits import LIMITS
from convcore.links.codec import DRAWING_MAX_SIDE
from ui.fragment_scope import fragment_run
from ui.shell import callback, labels, show_error, tr

UPLOAD_TYPES = ["png", "jpg", "jpeg", "gif", "bmp", "webp"]
CANVAS_SIZE = 256
DRAW_DEFAULT_SIDE = 16
SIDE_MIN, SIDE_MAX = 3, 512


@dataclass
class PickedImage:
    """The chosen input X and where it came from."""

    X: Plane  # (H, W) or (3, H, W) float32, with torch's .numpy() and .dim()
    source: str  # "sample", "upload" or "draw"
    name: str  # sample name, file name, or "drawing"
    default_side: int = 0  # the working resolution the picker starts at for this image
    pixels: np.ndarray | None = None  # a drawing's canvas RGBA (H, W, 4) bytes: X at any resolution comes from them


@st.cache_data(max_entries=64, show_spinner=False)
def cached_sample(name: str) -> Plane:
    """A sample image (same for everyone, so shared across sessions)."""
    return sample(name)


@st.cache_data(max_entries=32, show_spinner=False)
def cached_decode(data: bytes, color: bool) -> Plane:
    """Decode an upload; keyed on the bytes themselves, so one user's file never appears for another."""
    return load_image(data, color=color)


def as_colour(X: np.ndarray) -> Plane:
    """A grey (H, W) image as three equal channels (3, H, W)."""
    return plane(np.broadcast_to(X, (3, *X.shape)))


def sample_plane(name: str, color: bool) -> Plane:
    """A built-in sample as the picker gives it at its own size: grey (H, W), or colour (3, H, W)."""
    X = cached_sample(name)
    if color and X.ndim == 2:
        X = as_colour(X)
    if not color and X.ndim == 3:
        X = X.mean(axis=0)
    return X


def pick_sample(key: str, color: bool) -> PickedImage:
    """Choose a built-in sample."""
    names = list(SAMPLES)
    name = st.selectbox(tr("image_sample"), names, format_func=labels("sample_"), key=f"{key}_sample")
    return PickedImage(sample_plane(name, color), "sample", name)


def upload_limit_mb() -> str:
    """The largest upload in MB as Streamlit's message writes it: ConvLab's cap or Streamlit's, the smaller."""
    mb = min(LIMITS.max_upload_bytes / 2**20, float(st.get_option("server.maxUploadSize")))
    return f"{mb:.1f}"


def pick_upload(key: str, color: bool) -> PickedImage | None:
    """Upload a file; a bad file shows a message and the previous upload stays."""
    mb = upload_limit_mb()
    file = st.file_uploader(tr("image_upload"), type=UPLOAD_TYPES, key=f"{key}_file", help=tr("image_upload_help", mb=mb))
    st.caption(tr("image_upload_limit", mb=mb))  # Streamlit's own over-the-cap message is English only
    last_key = f"{key}_last_upload"
    if file is not None:
        try:
            X = cached_decode(file.getvalue(), color)
            st.session_state[last_key] = PickedImage(X, "upload", file.name)
        except ImageError as error:
            show_error(error)
            if last_key in st.session_state:
                st.caption(tr("image_kept_previous"))
    picked = st.session_state.get(last_key)
    if picked is None:
        st.info(tr("image_upload_prompt"), icon=":material/upload:")
        return None
    if (picked.X.ndim == 3) != color:  # colour toggled after upload: redecode from what we kept
        X = picked.X.mean(axis=0) if picked.X.ndim == 3 else as_colour(picked.X)
        picked = PickedImage(X, picked.source, picked.name)
    return picked


def blank_canvas() -> np.ndarray:
    """The canvas's pixels before any stroke: opaque black."""
    rgba = np.zeros((CANVAS_SIZE, CANVAS_SIZE, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    return rgba


@callback
def redraw_page_for_drawing() -> None:
    """The canvas sent a drawing (its on_change): the drawing is the page's X, so the whole page runs. Streamlit's
    browser sends two changes made in the same moment as one request, the rerun of the fragment of either: a click on
    Explore's Y as a stroke's drawing went out ran Y's fragment only, and the page kept the picture before the
    stroke. A fragment's run is cut short here for the page's."""
    if fragment_run():
        st.rerun(scope="app")


def pick_drawing(key: str, color: bool) -> PickedImage | None:
    """Draw with the mouse: white strokes on black, a brush size, and an eraser."""
    from streamlit_drawable_canvas import st_canvas  # only importable inside a running app

    brush_col, mode_col = st.columns(2)
    brush = brush_col.slider(tr("draw_brush"), 2, 60, 18, key=f"{key}_brush")
    erase = mode_col.toggle(tr("draw_erase"), key=f"{key}_erase")
    st.space("small")  # the canvas toolbar floats just above the canvas: keep it off the widgets above
    kept_key, initial_key = f"{key}_kept_drawing", f"{key}_canvas_initial"
    if f"{key}_canvas" not in st.session_state:  # (re)mounted, e.g. back from another page: show the last strokes
        st.session_state[initial_key] = st.session_state.get(kept_key, (None, None))[0]
    result = st_canvas(
        stroke_width=brush,
        stroke_color="#000000" if erase else "#ffffff",
        background_color="#000000",
        height=CANVAS_SIZE,
        width=CANVAS_SIZE,
        drawing_mode="freedraw",
        initial_drawing=st.session_state.get(initial_key),  # the same all along one mounting (a change redraws)
        return_image_data=True,
        key=f"{key}_canvas",
        on_change=redraw_page_for_drawing,
    )
    st.caption(tr("draw_help"))
    rgba = result.image_data
    linked = st.session_state.get(f"{key}_link_drawing")
    if linked is not None:  # a drawing that came with the link, until the user draws something
        if rgba is None or not np.asarray(rgba)[..., :3].any():
            st.caption(tr("draw_from_link"))
            X = plane(linked)
            return PickedImage(as_colour(X) if color else X, "draw", "drawing")
        del st.session_state[f"{key}_link_drawing"]
    if rgba is None and kept_key in st.session_state:  # not drawn on since it was mounted: the kept drawing
        rgba = st.session_state[kept_key][1]
    elif rgba is not None:
        st.session_state[kept_key] = (result.json_data, np.asarray(rgba))
    rgba = blank_canvas() if rgba is None else np.asarray(rgba)  # nothing drawn yet: the black canvas as shown
    return PickedImage(drawing_plane(rgba, max(rgba.shape[:2]), color), "draw", "drawing", pixels=rgba)


def image_input(key: str, *, allow_color: bool = True) -> PickedImage | None:
    """The full picker: source, colour, working resolution. Returns None until there is an image."""
    sources = ["sample", "upload", "draw"]
    source = st.radio(tr("image_source"), sources, format_func=labels("image_source_"), horizontal=True,
                      key=f"{key}_source")
    color = allow_color and st.toggle(tr("image_color"), key=f"{key}_color", help=tr("image_color_help"))
    picked = {"sample": pick_sample, "upload": pick_upload, "draw": pick_drawing}[source](key, color)
    if picked is None:
        return None
    native = max(picked.X.shape[-2:])
    default_side = first_side(source, native)
    side = st.slider(tr("image_side"), SIDE_MIN, SIDE_MAX, default_side, key=side_key(key, source, picked.name),
                     help=tr("image_side_help"))
    if side != native:  # a drawing from its canvas pixels (static/canvas_preview.js redoes it exactly in the page)
        X = drawing_plane(picked.pixels, side, color) if picked.pixels is not None else resize_long_side(picked.X, side)
        picked = PickedImage(X, picked.source, picked.name, pixels=picked.pixels)
    picked.default_side = default_side
    H, W = picked.X.shape[-2:]
    st.caption(tr("image_shape", h=H, w=W, c=picked.X.shape[0] if picked.X.ndim == 3 else 1))
    return picked


def first_side(source: str, native: int) -> int:
    """The working resolution an image starts at: a drawing's default, else its own long side up to SIDE_MAX."""
    return DRAW_DEFAULT_SIDE if source == "draw" else min(native, SIDE_MAX)


def side_key(key: str, source: str, name: str) -> str:
    """The resolution slider's key: one per image, so each image keeps its own resolution."""
    return f"{key}_side_{source}_{name}"


def seed_from_link(key: str, values: dict, *, allow_color: bool = True) -> None:
    """Set the picker's widgets from a link's values (call before they are drawn)."""
    ss = st.session_state
    ss[f"{key}_source"], ss[f"{key}_sample"] = values["src"], values["sample"]
    if allow_color:
        ss[f"{key}_color"] = values["color"]
    if values["draw"] is not None:
        ss[f"{key}_link_drawing"] = values["draw"]
    if values["side"] is not None and values["src"] != "upload":
        ss[side_key(key, values["src"], values["sample"] if values["src"] == "sample" else "drawing")] = values["side"]


def link_values(key: str, picked: PickedImage | None) -> dict:
    """The picker's state as link values (a drawing shrunk to fit a link; an upload cannot be carried)."""
    ss = st.session_state
    values = {"src": ss.get(f"{key}_source", "sample"), "sample": ss.get(f"{key}_sample"),
              "color": bool(ss.get(f"{key}_color", False))}
    if picked is None:
        return values
    side = int(max(picked.X.shape[-2:]))
    values["side"] = side if side != picked.default_side else None
    if picked.source == "draw":
        X = picked.X.mean(axis=0) if picked.X.ndim == 3 else picked.X
        if side > DRAWING_MAX_SIDE:
            X = resize_long_side(X, DRAWING_MAX_SIDE)
        values["draw"] = np.asarray(X) if bool(X.any()) else None
    return values
