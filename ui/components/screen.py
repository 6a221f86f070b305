"""Whether the page is read on a narrow screen (a phone): a small components-v2 element (static/screen.js) that
draws nothing and reports the width class, so that pages can stack the panels of their combined charts as Streamlit
stacks columns. A wide screen, the first guess, never costs a rerun.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from convcore.memo import Once

COMPONENT_NAME = "convlab.screen"
KEY = "screen"
NARROW_PX = 640  # Streamlit stacks st.columns below this width
JS = (Path(__file__).resolve().parents[2] / "static" / "screen.js").read_text(encoding="utf-8")
CSS = f".st-key-{KEY} {{ display: none; }}"  # takes no room
_component = Once(lambda: st.components.v2.component(COMPONENT_NAME, js=JS, css=CSS, isolate_styles=False))


def narrow() -> bool:
    """Whether the browser said its screen is narrower than NARROW_PX."""
    value = st.session_state.get(KEY)
    return bool(value.get("narrow")) if hasattr(value, "get") else False


def screen() -> None:
    """Ask the browser for its width class (once per run, before the page draws its charts)."""
    _component.get()(key=KEY, data={"narrow": narrow(), "below": NARROW_PX}, width="stretch", height=0,
                     on_narrow_change=lambda: None)
