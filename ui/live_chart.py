"""Plotly charts that redraw in place: an element id from the key, not from the figure.

`st.plotly_chart` derives a chart's element id from its whole JSON spec (even with a `key`), and the browser
uses that id as the chart's identity: every new figure unmounts the chart and plots it afresh, so a chart
redrawn ten times a second blinks (briefly blank) and loses its zoom. Streamlit's own chart component updates
a mounted chart with `Plotly.react` when only its props change, so with an id that stays the same the live
charts are updated in place. Only for display charts: selections (on_select) keep Streamlit's default.
"""

from __future__ import annotations

import threading
from typing import Any

import streamlit as st
import streamlit.elements.plotly_chart as plotly_chart_module

_flags = threading.local()  # each session's script runs on its own thread


def _install() -> None:
    """Wrap Streamlit's id function (once per process) to leave out the spec while a live chart is drawn."""
    original = plotly_chart_module.compute_and_register_element_id
    if getattr(original, "_convlab_live", False):
        return

    def element_id(element_type: str, **kwargs: Any) -> str:
        """Streamlit's id, without the figure's spec when the calling thread draws a live chart."""
        if getattr(_flags, "live", False):
            kwargs.pop("plotly_spec", None)
        return original(element_type, **kwargs)

    element_id._convlab_live = True  # type: ignore[attr-defined]
    plotly_chart_module.compute_and_register_element_id = element_id


def live_plotly_chart(fig: Any, key: str, **kwargs: Any) -> Any:
    """`st.plotly_chart` whose identity is its key (and options), so a new figure updates the chart in place."""
    if "on_select" in kwargs:
        raise ValueError("live charts are for display; a selectable chart needs st.plotly_chart")
    _install()
    _flags.live = True
    try:
        return st.plotly_chart(fig, key=key, **kwargs)
    finally:
        _flags.live = False
