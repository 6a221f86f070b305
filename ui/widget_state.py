"""Streamlit's widgets look their own key up in session state without building all of it (docs/upstream.md,
"`SessionState.filtered_state` presents every component's state for each widget call").

`number_input`, `selectbox`, `slider`, `radio` and the text and date widgets ask `get_session_state().filtered_state`
whether their key holds None: Streamlit builds the whole user-visible state for that, running the presenter of every
components-v2 element on the page. Explore draws 9 such widgets per kernel edit beside 9 components, Train's Pause
more: about an eighth of the server's work for an edit went there. Here those widget modules get a view of the same
session state whose `filtered_state` answers for one key at a time, with the same values (presented, under the same
lock); everything else goes to Streamlit's own object. Installed once per process by app.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from streamlit.elements.widgets import number_input, radio, selectbox, slider, text_widgets, time_widgets
from streamlit.runtime.state import SafeSessionState
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX

from ui.patching import wrap_once

WIDGET_MODULES = (number_input, radio, selectbox, slider, text_widgets, time_widgets)


class OneKeyState(Mapping):
    """Session state as a widget checks its key: `key in state` and `state[key]`, one key at a time."""

    def __init__(self, safe: SafeSessionState) -> None:
        self._safe = safe

    def __getitem__(self, key: str) -> Any:  # `key in state` too (Mapping's: a KeyError here is False)
        if not isinstance(key, str) or key.startswith(STREAMLIT_INTERNAL_KEY_PREFIX):
            raise KeyError(key)
        with self._safe._lock:
            return self._safe._state[key]

    def _whole(self) -> dict[str, Any]:
        """The whole state, as Streamlit builds it (iteration only)."""
        return self._safe.filtered_state

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


class WidgetView:
    """What the widget modules get as session state: `filtered_state` one key at a time, the rest Streamlit's."""

    def __init__(self, safe: SafeSessionState) -> None:
        self._safe = safe

    @property
    def filtered_state(self) -> OneKeyState:
        return OneKeyState(self._safe)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._safe, name)


def install() -> None:
    """Once per process (again: nothing)."""
    for module in WIDGET_MODULES:
        wrap_once(module, "get_session_state", lambda original: lambda: WidgetView(original()), "_convlab_one_key")
