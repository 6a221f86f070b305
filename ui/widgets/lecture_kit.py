"""The code twin and the downloads of the pages (files are built only when opened or clicked)."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import streamlit as st

from convcore import codegen, exports
from ui.components.live_chart import live_plotly_chart
from ui.shell import row

CODE_KEY = "ex_code_open"
TO_IMAGE = {"displaylogo": False, "modeBarButtons": [["toImage"]],
            "toImageButtonOptions": {"format": "png", "scale": 2}}


def chart_config(name: str) -> dict:
    """Plotly config with only the modebar's 'download as PNG' button; the file is named after the chart."""
    return {**TO_IMAGE, "toImageButtonOptions": {**TO_IMAGE["toImageButtonOptions"], "filename": f"convlab_{name}"}}


def chart(fig, key: str, export: str | None = None, **kwargs) -> object:
    """A Plotly chart filling its column; with `export`, the mode bar offers only 'download as PNG'."""
    config = chart_config(export) if export else {"displayModeBar": False}
    if "on_select" in kwargs:  # a selection widget: a new figure must reset it (Streamlit's own id)
        return st.plotly_chart(fig, key=key, config=config, **kwargs)
    return live_plotly_chart(fig, key, config=config, **kwargs)  # drawn in place (Plotly.react): no remount


def download(label: str, data, file_name: str, mime: str, key: str, help: str | None = None) -> None:
    """A download button that does not rerun the page (data may be a callable: built on click)."""
    st.download_button(label, data, file_name=file_name, mime=mime, key=key, on_click="ignore",
                       icon=":material/download:", help=help)


def code_box(label: str, box_key: str):
    """The 'Show the code' expander (its state kept under `box_key`; opening it reruns the page)."""
    return st.expander(label, icon=":material/code:", key=box_key, on_change="rerun")


def code_twin(build: Callable[[], str], *, name: str, box_key: str, dl_prefix: str, label: str, caption: str,
              py_label: str, nb_label: str, nb_title: str, notes: Sequence[str] = ()) -> str | None:
    """The 'Show the code' expander: the script `build` writes (only while open), as .py and as a notebook."""
    return fill_code(code_box(label, box_key), build, name=name, dl_prefix=dl_prefix, caption=caption,
                     py_label=py_label, nb_label=nb_label, nb_title=nb_title, notes=notes)


def fill_code(box, build: Callable[[], str], *, name: str, dl_prefix: str, caption: str, py_label: str, nb_label: str,
              nb_title: str, notes: Sequence[str] = ()) -> str | None:
    """Into `box` (code_box's), while it is open: the script `build` writes, as .py and as a notebook."""
    if not box.open:
        return None
    code = build()
    with box:
        st.caption(caption)
        for note in notes:
            st.caption(note)
        st.code(codegen.shorten(code), language="python")
        py_col, nb_col, _ = st.columns([1, 1, 2])
        with py_col:
            download(py_label, code, f"convlab_{name}.py", "text/x-python", f"{dl_prefix}_dl_py")
        with nb_col:
            download(nb_label, lambda: codegen.notebook(code, nb_title), f"convlab_{name}.ipynb",
                     "application/x-ipynb+json", f"{dl_prefix}_dl_ipynb")
    return code


def explore_twin(box, X: np.ndarray, K: np.ndarray, settings, *, note: str | None = None, **labels: str) -> str | None:
    """Explore's code twin, into `box` (code_box's, under CODE_KEY): the state as the book's loop, F.conv2d and unfold
    + matmul."""
    return fill_code(box, lambda: codegen.explore_code(X, K, padding=tuple(settings.padding),
                                                       stride=tuple(settings.stride), dilation=tuple(settings.dilation),
                                                       flip=settings.flip),
                     name="explore", dl_prefix="ex", notes=[note] if note else [], **labels)


def colour_map_name(name: str) -> str:
    """The file name of an array's colour map: not the name of its chart's own PNG (chart_config), which has axes."""
    return f"convlab_{name}_colour_map.png"


def array_downloads(arrays: dict[str, tuple[np.ndarray, str, str]], key: str) -> None:
    """PNG and CSV buttons for each named array: {name: (array, png label, csv label)}."""
    with row():
        for name, (A, png_label, csv_label) in arrays.items():
            download(png_label, lambda A=A: exports.array_png(A), colour_map_name(name), "image/png", f"{key}_{name}_png")
            download(csv_label, lambda A=A: exports.array_csv(A), f"convlab_{name}.csv", "text/csv", f"{key}_{name}_csv")
