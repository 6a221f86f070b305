"""Streamlit's widgets look their own key up in session state without building all of it (docs/upstream.md,
"`SessionState.filtered_state` presents every component's state for each widget call").

`number_input`, `selectbox`, `slider`, `radio` and the text and date widgets ask `get_session_state().filtered_state`
whether their key holds None: Streamlit builds the whole user-visible state for that, running the presenter of every
components-v2 element on the page. Explore draws 9 such widgets per kernel edit beside 9 components, Train's Pause
more: about an eighth of the server's work for an edit went there. Here those widget modules get a view of the same
session state whose `filtered_state` answers for one key at a time, with the same values (presented, under the same
lock); everything else goes to Streamlit's own object. And `key in session_state`, which Streamlit answers by reading
the value and presenting it (every components-v2 element's registration asks it twice: ~3% of an edit's work), looks
the key up without presenting (the presenter never raises, so the answer is the same). Installed once per process by
app.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from streamlit.elements.widgets import number_input, radio, selectbox, slider, text_widgets, time_widgets
from streamlit.runtime.state import SafeSessionState, get_session_state
from streamlit.runtime.state.common import is_element_id, is_keyed_element_id
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX, SessionState

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


def holds(state: SessionState, key: str) -> bool:
    """`key in state` (a user key or a widget id) as Streamlit's `__getitem__` would answer it, without presenting the
    value: `apply_presenter` catches every error, so only the lookup can raise KeyError."""
    id_keys = state._key_id_mapper.id_key_mapping
    widget_id = state._get_widget_id(key)
    if widget_id in id_keys and widget_id == key:
        key = id_keys[widget_id]
    try:
        state._getitem(widget_id, key)
    except KeyError:
        return False
    return True


def held(keys: Iterable[str]) -> dict[str, Any]:
    """The values `st.session_state[key]` gives for those of `keys` it holds, read under one lock: the pages' kept
    widgets are a few dozen keys a run, most of them absent, and each read through `st.session_state` goes through
    three layers and builds an error message for a missing key."""
    safe = get_session_state()
    safe._yield_callback()  # as each read through st.session_state: a Pause or a newer edit can stop this run here
    with safe._lock:
        state = safe._state
        return {key: state[key] for key in keys if holds(state, key)}


def value(key: str, default: Any = None) -> Any:
    """`st.session_state.get(key, default)`, read the same way as `held`."""
    return held((key,)).get(key, default)


def user_keys() -> list[str]:
    """The keys `iter(st.session_state)` gives, without presenting every value (Streamlit builds the whole state)."""
    safe = get_session_state()
    safe._yield_callback()
    with safe._lock:
        state = safe._state
        id_keys = state._key_id_mapper.id_key_mapping
        return [id_keys.get(k, k) for k in state._keys() if isinstance(k, str)
                and not k.startswith(STREAMLIT_INTERNAL_KEY_PREFIX)
                and (not is_element_id(k) or (is_keyed_element_id(k) and k in id_keys))]


def install() -> None:
    """Once per process (again: nothing)."""
    wrap_once(SessionState, "__contains__", lambda original: lambda self, key: holds(self, key), "_convlab_holds")
    for module in WIDGET_MODULES:
        wrap_once(module, "get_session_state", lambda original: lambda: WidgetView(original()), "_convlab_one_key")
