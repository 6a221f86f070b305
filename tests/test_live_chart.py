"""ui.live_chart: a live chart keeps its element id while its figure changes (so the browser updates it in place)."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest


def two_charts() -> None:
    """A live chart and a plain one, both drawing the run counter as data."""
    import streamlit as st

    from ui.live_chart import live_plotly_chart

    st.session_state.n = st.session_state.get("n", 0) + 1
    fig = {"data": [{"type": "scatter", "y": list(range(st.session_state.n))}], "layout": {"height": 200}}
    live_plotly_chart(fig, key="live")
    st.plotly_chart(fig, key="plain")


def ids_and_points(at: AppTest) -> dict[str, tuple[str, int]]:
    """Chart key -> (element id, number of points in its spec)."""
    return {el.proto.id.rsplit("-", 1)[-1]: (el.proto.id, len(json.loads(el.proto.spec)["data"][0]["y"]))
            for el in at.get("plotly_chart")}


def test_live_chart_id_ignores_the_figure() -> None:
    at = AppTest.from_function(two_charts, default_timeout=30)
    at.run()
    first = ids_and_points(at)
    at.run()
    second = ids_and_points(at)
    assert first["live"][1] == 1 and second["live"][1] == 2  # the new figure was sent
    assert first["live"][0] == second["live"][0]
    assert first["plain"][0] != second["plain"][0]  # Streamlit's default: a new figure is a new element
    assert not at.exception
