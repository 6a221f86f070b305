"""The address bar: a settings change on the same page replaces the browser's history entry (static/address_bar.js),
so Back leaves the page in one press. A components-v2 element that draws nothing, drawn by app.py on every page."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from convcore.memo import Once

COMPONENT_NAME = "convlab.address_bar"
KEY = "address_bar"
JS = (Path(__file__).resolve().parents[2] / "static" / "address_bar.js").read_text(encoding="utf-8")
CSS = f".st-key-{KEY} {{ display: none; }}"  # takes no room
_component = Once(lambda: st.components.v2.component(COMPONENT_NAME, js=JS, css=CSS, isolate_styles=False))


def address_bar() -> None:
    """Install the history rule in this browser page (once; later runs change nothing)."""
    _component.get()(key=KEY, data={}, width="stretch", height=0)
