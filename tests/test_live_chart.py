"""ui.live_chart: a redrawn chart carries its new figure (Streamlit's own id, which follows the spec)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest


def growing_chart() -> None:
    """A live chart drawing the run counter as data."""
    import streamlit as st

    from ui.live_chart import live_plotly_chart

    st.session_state.n = st.session_state.get("n", 0) + 1
    fig = {"data": [{"type": "scatter", "y": list(range(st.session_state.n))}], "layout": {"height": 200}}
    live_plotly_chart(fig, key="live")


def test_live_chart_sends_each_new_figure_as_a_new_element() -> None:
    at = AppTest.from_function(growing_chart, default_timeout=30)
    at.run()
    first = at.get("plotly_chart")[0].proto
    at.run()
    second = at.get("plotly_chart")[0].proto
    assert len(json.loads(first.spec)["data"][0]["y"]) == 1 and len(json.loads(second.spec)["data"][0]["y"]) == 2
    assert first.id != second.id  # a stable id makes the browser keep the first figure (checked in Chromium)
    assert not at.exception


def test_selectable_charts_are_refused() -> None:
    from ui.live_chart import live_plotly_chart

    with pytest.raises(ValueError):
        live_plotly_chart({}, "k", on_select="rerun")
