"""Plotly charts that are redrawn often (the Train page's live charts, Explore's display charts).

`st.plotly_chart` derives a chart's element id from its whole JSON spec, and the browser uses that id as the
chart's identity: every new figure unmounts the chart and plots it afresh (Plotly.newPlot), so a chart redrawn
ten times a second can blink. Keeping the id stable (leaving the spec out of it) was tried and measured in
headless Chromium: Streamlit's frontend then keeps the figure it first received for that id and ignores the new
ones (the live loss line stayed empty), so this wrapper keeps Streamlit's own id. It is the one place to change
when Streamlit offers an in-place update.
"""

from __future__ import annotations

from typing import Any

import streamlit as st


def live_plotly_chart(fig: Any, key: str, **kwargs: Any) -> Any:
    """`st.plotly_chart` for a display chart that is redrawn often (no selections)."""
    if "on_select" in kwargs:
        raise ValueError("live charts are for display; a selectable chart needs st.plotly_chart")
    return st.plotly_chart(fig, key=key, **kwargs)
