"""Presenter mode: larger text and figures for a projector, and the settings folded away: the page's main figure
starts on the first screen of a 1080p projector (the page's top padding and title made smaller for it)."""

from __future__ import annotations

import streamlit as st

from ui.shell import tr

KEY = "present"
FIGURE_SCALE = 1.5  # numbers in heatmaps, titles and chart lines
ROOT_FONT_PX = 24  # Streamlit sizes its text in rem: a larger root font enlarges all of it (default 16 px)
SIDEBAR_ZOOM = 0.72  # ... but the sidebar, which the audience need not read, stays about as it was
SIDEBAR_PX = round(300 / SIDEBAR_ZOOM)  # its width before the zoom: about 300 px on screen

CSS = f"""<style>
html {{ font-size: {ROOT_FONT_PX}px !important; }}
[data-testid="stMainBlockContainer"] {{ max-width: 100%; padding: 1rem 2rem 2rem 2rem; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2rem; padding-top: 0; }}
[data-testid="stSidebar"] {{ zoom: {SIDEBAR_ZOOM}; width: {SIDEBAR_PX}px !important; min-width: {SIDEBAR_PX}px !important; }}
</style>"""


def presenting() -> bool:
    """Whether presenter mode is on."""
    return bool(st.session_state.get(KEY, False))


def scale() -> float:
    """The figure scale to pass to convcore.plots.figures and convcore.plots.train_charts builders."""
    return FIGURE_SCALE if presenting() else 1.0


def apply() -> None:
    """Inject the presenter styles when the mode is on (app.py, every run)."""
    if presenting():
        st.html(CSS)


def controls_box(label_key: str = "present_controls", icon: str = ":material/tune:"):
    """Where a page puts the controls a demo does not need: folded away (under `label_key`) while presenting."""
    if presenting():
        return st.expander(tr(label_key), icon=icon, expanded=False)
    return st.container()
