"""convcore.compose: array figures side by side in one figure, each panel keeping its data, outlines and title."""

from __future__ import annotations

import numpy as np

from convcore import compose, figures
from tests.test_charts import values


def test_three_panels_in_one_row():
    window = figures.array_figure(np.array([[0.0, 1.0]]), "Window", symmetric=False, boxes=(((0, 0, 0, 1), "red"),))
    kernel = figures.array_figure(np.array([[1.0, -1.0]]), "Kernel")
    products = figures.array_figure(np.array([[0.0, -1.0]]), "Products")
    fig = compose.side_by_side([window, kernel, products]).to_dict()
    data, layout = fig["data"], fig["layout"]
    assert [(d["xaxis"], d["yaxis"]) for d in data] == [("x", "y"), ("x2", "y2"), ("x3", "y3")]
    assert [values(d["z"]).tolist() for d in data] == [[[0, 1]], [[1, -1]], [[0, -1]]]
    domains = [layout[f"xaxis{s}"]["domain"] for s in ("", "2", "3")]
    assert all(a < b for a, b in domains) and all(b1 < a2 for (_, b1), (a2, _) in zip(domains, domains[1:]))
    for d, (_, right) in zip(data, domains):  # each colour bar right after its own panel
        assert right < d["colorbar"]["x"] < right + compose.COLOUR_BAR_ROOM
    assert [layout[f"yaxis{s}"]["scaleanchor"] for s in ("", "2", "3")] == ["x", "x2", "x3"]  # square cells kept
    assert layout["yaxis2"]["range"][0] > layout["yaxis2"]["range"][1]  # row 0 at the top, as in each panel
    assert [(s["xref"], s["yref"]) for s in layout["shapes"]] == [("x", "y")]  # the window's outline stays on it
    assert [a["text"] for a in layout["annotations"]] == ["<b>Window</b>", "<b>Kernel</b>", "<b>Products</b>"]
    assert "title" not in layout or not layout["title"].get("text")
