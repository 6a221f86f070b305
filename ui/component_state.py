"""A components-v2 element's value in session state, presented without defining a class each time.

Streamlit 1.67 presents a component's state (its stored state with this run's trigger values merged in) through a
presenter that defines a dict subclass, `_WriteThrough`, on every call (components/v2/presentation.py). Explore's
kernel edit presents 27 times (each component's registration, each pass over session state, the state kept for the
next run), and each class is ~28 objects in reference cycles that only the cycle collector frees: 70,000 of the
75,000 cyclic objects 100 edits left (docs/upstream.md), so under a class's load the collector ran every few seconds
and held each server process ~0.1-0.3 s each time. Here the class is defined once, with the same behaviour (adapted
from Streamlit 1.67's `make_bidi_component_presenter`, Apache-2.0); app.py installs it once per process.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from streamlit.components.v2.bidi_component import main as bidi_main
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ui.patching import wrap_once

_LOGGER = logging.getLogger(__name__)


class WriteThrough(dict):
    """A component's presented state: `state.name` reads a key; setting or deleting a key
    (`st.session_state[key][name] = value`) updates the component's stored state too."""

    def __init__(self, data: dict[str, object], session_state: Any, component_id: str | None,
                 allowed: set[str] | None) -> None:
        super().__init__(data)
        self._session_state, self._component_id, self._allowed = session_state, component_id, allowed

    def __getattr__(self, name: str) -> object:
        return self.get(name)

    def __setattr__(self, name: str, value: object) -> None:
        if name.startswith("_"):
            super().__setattr__(name, value)
        else:
            self[name] = value

    def __deepcopy__(self, memo: dict[int, Any]) -> WriteThrough:
        memo[id(self)] = self  # a view of the stored state: not copied
        return self

    def __setitem__(self, name: str, value: object) -> None:
        self._check_modification(name)
        if self._allowed is not None and name not in self._allowed:
            return  # as Streamlit: a key the component has no callback for is ignored
        super().__setitem__(name, value)
        self._store()

    def __delitem__(self, name: str) -> None:
        self._check_modification(name)
        super().__delitem__(name)
        self._store()

    def _check_modification(self, name: str) -> None:
        """Streamlit's error for a change after the component was drawn in this run."""
        ctx = get_script_run_ctx()
        if ctx is None or self._component_id is None:
            return
        user_key = self._session_state._key_id_mapper.get_key_from_id(self._component_id)
        if self._component_id in ctx.shared.widget_ids_this_run or user_key in ctx.shared.form_ids_this_run:
            raise StreamlitAPIException(
                f"`st.session_state.{user_key}.{name}` cannot be modified after the component with key `{user_key}` "
                "is instantiated.", error_id="bidi-component-state-cannot-be-modified")

    def _store(self) -> None:
        """The component's stored state becomes this dict."""
        try:
            if self._component_id is not None:
                self._session_state._new_widget_state.set_from_value(self._component_id, dict(self))
        except Exception as error:
            _LOGGER.debug("Failed to persist CCv2 state update: %s", error)


def trigger_values(payloads: object) -> dict[str, object]:
    """{event: value} of the trigger aggregator's payloads (a list of them, or one)."""
    if isinstance(payloads, dict):
        payloads = [payloads]
    if not isinstance(payloads, list):
        return {}
    return {p["event"]: p.get("value") for p in payloads if isinstance(p, dict) and isinstance(p.get("event"), str)}


def make_presenter(aggregator_id: str, component_id: str | None = None,
                   allowed_state_keys: set[str] | None = None) -> Callable[[object, Any], object]:
    """Streamlit's `make_bidi_component_presenter`: the stored state (a dict) with the trigger values under it, as a
    WriteThrough; anything else, or a component without triggers, as it is."""

    def present(base_value: object, session_state: Any) -> object:
        if not isinstance(base_value, dict):
            return base_value
        try:
            widgets = session_state._new_widget_state
            meta = widgets.widget_metadata.get(aggregator_id)
            if meta is None or meta.value_type != "json_trigger_value":
                return base_value
            try:
                payloads = widgets[aggregator_id]
            except KeyError:
                payloads = None
            flat = trigger_values(payloads)
            flat.update(base_value)
            return WriteThrough(flat, session_state, component_id, allowed_state_keys)
        except Exception as error:
            _LOGGER.debug("Failed to merge trigger events into component state: %s", error, exc_info=error)
            return base_value

    return present


def install() -> None:
    """Once per process (again: nothing): components drawn from now on present their state with `make_presenter`."""
    wrap_once(bidi_main, "make_bidi_component_presenter",
              lambda original: lambda *args, **kwargs: make_presenter(*args, **kwargs), "_convlab_one_class")
