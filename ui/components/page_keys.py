"""PageUp / PageDown (a lecturer's clicker) press Previous / Next even while a widget has focus: a small
components-v2 element (static/page_keys.js) that draws nothing.

Streamlit's `shortcut=` ignores every key while the focus is in an input, so a focused number box, toggle, radio or
slider swallowed the clicker; the element's listener presses the button there, except in text fields.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from convcore.memo import Once

COMPONENT_NAME = "convlab.page_keys"
KEY = "page_keys"
JS = (Path(__file__).resolve().parents[2] / "static" / "page_keys.js").read_text(encoding="utf-8")
CSS = f".st-key-{KEY} {{ display: none; }}"  # takes no room: the page's gap between elements would show
_component = Once(lambda: st.components.v2.component(COMPONENT_NAME, js=JS, css=CSS, isolate_styles=False))


def page_keys(prev_key: str, next_key: str) -> None:
    """Let PageUp / PageDown press the buttons keyed `prev_key` / `next_key` from any widget but a text field."""
    _component.get()(key=KEY, data={"prev": prev_key, "next": next_key}, width="stretch", height=0)
