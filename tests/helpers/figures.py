"""Read Plotly figures out of an AppTest, whichever element drew them.

A chart is either an `st.plotly_chart` element (its figure in `proto.spec`) or ConvLab's live chart component
(ui/components/live_chart.py, in place: a `bidi_component` element whose JSON data carries the figure). Both keep
the chart's key at the end of the element id.
"""

from __future__ import annotations

import base64
import json

import numpy as np

from ui.components.data import unpacked
from ui.components.live_chart import COMPONENT_NAME


def chart_elements(at) -> dict[str, object]:
    """The Plotly chart elements of the app by key (plotly_chart and live chart components)."""
    found = {el.proto.id.rsplit("-", 1)[-1]: el for el in at.get("plotly_chart")}
    for el in at.get("bidi_component"):
        if el.proto.component_name == COMPONENT_NAME:
            found[el.proto.id.rsplit("-", 1)[-1]] = el
    return found


def live_data(el) -> dict:
    """The data a live chart component was given: {"figure": JSON string, "config", "height", "theme", "src"}."""
    return unpacked(json.loads(el.proto.json))


def figure_of(el) -> dict:
    """The Plotly figure (as JSON) of a chart element of either kind."""
    if el.type == "plotly_chart":
        return json.loads(el.proto.spec)
    return json.loads(live_data(el)["figure"])


def chart_figure(at, key: str) -> dict:
    """The figure of the chart whose key is `key`."""
    elements = chart_elements(at)
    if key not in elements:
        raise AssertionError(f"no chart {key}; charts: {sorted(elements)}")
    return figure_of(elements[key])


def chart_keys(at) -> set[str]:
    """The keys of the Plotly charts on the page."""
    return set(chart_elements(at))


def plotly_array(value) -> np.ndarray:
    """A Plotly JSON array (plain list or base64 typed-array blob) as numpy."""
    if isinstance(value, dict) and "bdata" in value:
        a = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        return a.reshape([int(n) for n in str(shape).split(",")]) if shape else a
    return np.asarray(value)
