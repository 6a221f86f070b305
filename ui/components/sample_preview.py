"""Explore's sample preview: another sample picked in the sample box redraws X and Y in the browser at once.

A pick costs Streamlit a whole-page rerun (about 90 messages; 150 to 200 ms of the browser's main thread here). The
page's samples element (drawn last, with full runs only) tells the browser what X each sample would be in this session,
grey (the colour toggle off): the sample box's labels, the current sample and transform, and for each sample its grey
values as ui.components.kernel_preview.encoded makes them. At its own size (the resolution it starts at) a sample's
values are a static file (static/samples/, written by `python -m ui.components.sample_preview`, checked against the
server's own sample when the process first offers it): fetched once the sample box is opened, so a visit that never
opens it fetches nothing more. At a resolution of its own (its side slider moved) a sample travels inline up to
INLINE_MAX_SIDE; larger, its pick waits for the server. static/live_chart/picks.js catches the pick, preview.js redraws
X and Y: in their own figures when X keeps its size, else in the figures Y's chart carries for each size a pick can
give X (`sample_sizes`, ui/explore/charts.py); the server's figures then replace the preview.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from pathlib import Path

import numpy as np
import streamlit as st

from convcore.images import SAMPLES, long_side_size, resize_long_side, transformed_size
from convcore.memo import Once
from ui.components import kernel_preview
from ui.components.data import plain
from ui.shell import labels
from ui.widgets.image_input import first_side, sample_plane, side_key

log = logging.getLogger("convlab")

SAMPLE_DIR = kernel_preview.STATIC / "samples"
INLINE_MAX_SIDE = 48  # a sample at a resolution of its own goes inline up to 48 x 48 (exact float32, 9 kB at most)
ELEMENT_KEY = "preview_samples"


def sample_file(name: str, folder: Path = SAMPLE_DIR) -> Path:
    """Where sample `name`'s grey values at its own size are kept."""
    return folder / f"{name}.bin"


def own_size(name: str) -> tuple[dict, bytes]:
    """Sample `name` as it travels at the resolution it starts at, grey: (h, w, dtype, lo, step; the bytes)."""
    X = sample_plane(name, color=False)
    side = first_side("sample", max(X.shape))
    return kernel_preview.encoded(X if side == max(X.shape) else resize_long_side(X, side))


def write_files(folder: Path = SAMPLE_DIR) -> None:
    """(Re)write every sample's file (after a change to convcore.images)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SAMPLES:
        sample_file(name, folder).write_bytes(own_size(name)[1])


def _static_entries() -> dict[str, dict]:
    """Each sample at its own size: how to read it, its file's versioned URL; a file unlike the server's is left out."""
    entries = {}
    for name in SAMPLES:
        meta, payload = own_size(name)
        path = sample_file(name)
        if not path.is_file() or path.read_bytes() != payload:
            log.warning("sample preview: %s differs from the sample %r; run python -m ui.components.sample_preview",
                        path, name)
            continue
        version = hashlib.sha1(payload).hexdigest()[:12]
        entries[name] = {**meta, "url": f"app/static/samples/{path.name}?v={version}"}
    return entries


static_entries = Once(_static_entries)
first_sides = Once(lambda: {name: first_side("sample", max(sample_plane(name, color=False).shape)) for name in SAMPLES})


def offered_side(key: str, name: str) -> tuple[dict | None, int | None]:
    """How sample `name` travels in this session: (its static entry, None) at its own size, (None, its side) inline,
    (None, None) not at all (its file missing, or too large inline)."""
    first = first_sides.get()[name]
    side = st.session_state.get(side_key(key, "sample", name), first)
    if side == first:
        return static_entries.get().get(name), None
    return None, (side if side <= INLINE_MAX_SIDE else None)


def sample_entry(key: str, name: str) -> dict | None:
    """Sample `name` as this session would get it (grey, at its slider's resolution); None when too large inline."""
    entry, side = offered_side(key, name)
    if side is None:
        return entry
    meta, payload = kernel_preview.encoded(resize_long_side(sample_plane(name, color=False), side))
    return {**meta, "bdata": base64.b64encode(payload).decode("ascii")}


native_sizes = Once(lambda: {name: sample_plane(name, color=False).shape for name in SAMPLES})


def offered(key: str) -> bool:
    """Whether picker `key`'s sample picks can be previewed: its source is a sample, grey."""
    ss = st.session_state
    return ss.get(f"{key}_source", "sample") == "sample" and not ss.get(f"{key}_color")


def sample_sizes(key: str) -> set[tuple[int, int]]:
    """The sizes X can take by a pick in picker `key`'s sample box that the page can preview (its offer's samples at
    this session's resolutions, after the page's transform); none for another source or colour."""
    if not offered(key):
        return set()
    xform, sizes = st.session_state.get(f"{key}_xform", "none"), set()
    for name in SAMPLES:
        entry, side = offered_side(key, name)
        if entry is not None:
            sizes.add(transformed_size((entry["h"], entry["w"]), xform))
        elif side is not None:
            sizes.add(transformed_size(long_side_size(*native_sizes.get()[name], side), xform))
    return sizes


def offer(key: str) -> dict | None:
    """What the browser needs to preview a pick in picker `key`'s sample box; None for another source or colour."""
    ss = st.session_state
    if not offered(key):
        return None
    label = labels("sample_")
    entries = {name: entry for name in SAMPLES if (entry := sample_entry(key, name)) is not None}
    return {"box": f"{key}_sample", "current": ss.get(f"{key}_sample"), "xform": ss.get(f"{key}_xform", "none"),
            "names": {label(name): name for name in SAMPLES}, "entries": entries}


def publish_samples(key: str) -> None:
    """Hand the browser the samples of picker `key` (draw it last on the page: it runs with full runs only)."""
    data = plain({"samples": offer(key)})
    kernel_preview.input_component()(key=ELEMENT_KEY, data=data, width="stretch", height=0)


if __name__ == "__main__":
    write_files()
    print(f"wrote {len(SAMPLES)} sample files to {SAMPLE_DIR}")
