"""Driving a page in AppTest as the browser would: its charts' numbers, a grid edit, an upload, a widget's state, the
text and the messages."""

from __future__ import annotations

import json

import numpy as np

from tests.helpers.figures import chart_figure, plotly_array
from tests.helpers.images import band_png
from ui.components.kernel_grid import COMPONENT_NAME as GRID_NAME

EDGE_MAP = np.tile([0, 1, 0, 0, 0, -1, 0], (6, 1))  # the notebook's Y = corr2d(X, K) for the stripes
EXPLORE, TRAIN, HOME, LESSON = "views/explore.py", "views/train.py", "views/home.py", "views/lesson.py"


def figure(at, key: str) -> dict:
    """The Plotly figure of the chart with this key, as sent to the browser (st.plotly_chart or a live chart)."""
    return chart_figure(at, key)


def heat(at, key: str) -> np.ndarray:
    """The numbers of a small chart's heatmap."""
    return plotly_array(figure(at, key)["data"][0]["z"])


def panel(at, n: int) -> np.ndarray:
    """The numbers of the inspected cell's panel n (0 window, 1 kernel, 2 products), drawn as one chart."""
    return plotly_array(figure(at, "ex_panels")["data"][n]["z"])


def send(at, element, value: dict) -> None:
    """Rerun with `value` as this widget's state, exactly what the browser sends (runs its on_change)."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = element.proto.id
    state.string_value = json.dumps(value)
    at._run(states)


def kernel_grids(at) -> list:
    """The kernel grid elements of the page (ui/components/kernel_grid.py), in page order."""
    return [el for el in at.get("bidi_component") if el.proto.component_name == GRID_NAME]


def send_edit(at, edit: dict, grid: int = 0) -> None:
    """Rerun with `edit` (cells or action) as the grid's next edit, exactly what the browser sends."""
    element = kernel_grids(at)[grid]
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = element.proto.id
    state.json_value = json.dumps({"edit": {**edit, "n": json.loads(element.proto.json)["seen"] + 1}})
    at._run(states)


def edit_cell(at, row: int, col: int, text: str, grid: int = 0) -> None:
    """Type into one cell of a kernel grid and leave it: the browser sends every cell's text, counted."""
    cells = json.loads(kernel_grids(at)[grid].proto.json)["cells"]
    cells[row][col] = text
    send_edit(at, {"cells": cells}, grid)


def press(at, action: str, grid: int = 0) -> None:
    """Press a kernel grid button that the server carries out: transpose, flip or normalize."""
    send_edit(at, {"action": action}, grid)


def markdown(at) -> str:
    """All markdown and captions of the page, joined."""
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def captions(at) -> list[str]:
    """The texts of the captions."""
    return [c.value for c in at.caption]


def errors(at) -> list[str]:
    """The texts of the error boxes."""
    return [e.value for e in at.error]


def upload(at, key: str, name: str, data: bytes, mime: str = "image/png") -> None:
    """Put a file in the uploader with this key and rerun (what the browser does after an upload)."""
    at.file_uploader(key=key).set_value((name, data, mime)).run()


def explore_with_band(at) -> None:
    """On Explore: upload the band PNG and edit the kernel to [1, -2], the user's work a bad input must not lose."""
    at.radio(key="ex_source").set_value("upload").run()
    upload(at, "ex_file", "band.png", band_png())
    edit_cell(at, 0, 1, "-2")
    assert not at.exception and not at.error
