"""ui/component_state: a component's state is presented as Streamlit presents it, without a new class each time."""

from __future__ import annotations

import copy

import pytest
from streamlit.components.v2 import presentation
from streamlit.components.v2.bidi_component import main as bidi_main
from streamlit.runtime.state.common import WidgetMetadata
from streamlit.runtime.state.session_state import SessionState

from ui import component_state
from ui.component_state import make_presenter

AGGREGATOR, COMPONENT = "$$ID-agg-events", "$$ID-comp"


def session(payloads: object = None, trigger_type: str | None = "json_trigger_value") -> SessionState:
    """A session state whose trigger aggregator (of `trigger_type`, None: none) holds `payloads`."""
    state = SessionState()
    if trigger_type is not None:
        state._new_widget_state.widget_metadata[AGGREGATOR] = WidgetMetadata(
            id=AGGREGATOR, deserializer=lambda v: v, serializer=lambda v: v, value_type=trigger_type)
        if payloads is not None:
            state._new_widget_state.set_from_value(AGGREGATOR, payloads)
    return state


CASES = [
    ({"cells": [["1"]], "seen": 2}, None, "json_trigger_value"),
    ({"click": {"x": 1}}, [{"event": "frame", "value": 3}, {"event": "edit", "value": {"n": 1}}, "junk"], "json_trigger_value"),
    ({"a": 1}, {"event": "frame", "value": 4}, "json_trigger_value"),
    ({"frame": "base wins"}, [{"event": "frame", "value": 5}, {"event": 7, "value": 1}], "json_trigger_value"),
    ({"a": 1}, [{"event": "frame", "value": 3}], "json_value"),  # not a trigger aggregator: as it is
    ({"a": 1}, None, None),  # no aggregator
    ("not a dict", [{"event": "frame", "value": 3}], "json_trigger_value"),
    (None, None, "json_trigger_value"),
]


@pytest.mark.parametrize("base, payloads, trigger_type", CASES)
def test_presented_as_streamlit_presents(base, payloads, trigger_type) -> None:
    state = session(payloads, trigger_type)
    ours = make_presenter(AGGREGATOR, COMPONENT)(base, state)
    theirs = presentation.make_bidi_component_presenter(AGGREGATOR, COMPONENT)(base, state)
    assert ours == theirs and isinstance(ours, dict) == isinstance(theirs, dict)
    assert (type(ours) is component_state.WriteThrough) == (type(theirs).__name__ == "_WriteThrough")


def test_writes_go_through_to_the_stored_state_as_streamlits_do() -> None:
    for make in (make_presenter, presentation.make_bidi_component_presenter):
        state = session([{"event": "frame", "value": 1}])
        shown = make(AGGREGATOR, COMPONENT, {"edit", "frame"})(
            {"edit": {"n": 1}}, state)
        assert shown.edit == {"n": 1} and shown.frame == 1 and shown.missing is None
        shown["edit"] = {"n": 2}
        shown.frame = 9
        shown["other"] = 1  # not an allowed key: ignored
        assert dict(shown) == {"edit": {"n": 2}, "frame": 9}
        assert state._new_widget_state[COMPONENT] == {"edit": {"n": 2}, "frame": 9}
        del shown["frame"]
        assert state._new_widget_state[COMPONENT] == {"edit": {"n": 2}}
        assert copy.deepcopy(shown) is shown


def test_every_presentation_is_of_one_class() -> None:
    """Streamlit's defines a class per call (~28 objects in cycles each, left to the cycle collector)."""
    component_state.install()
    present = bidi_main.make_bidi_component_presenter(AGGREGATOR, COMPONENT)
    state = session([{"event": "frame", "value": 1}])
    first, second = present({"a": 1}, state), present({"a": 2}, state)
    assert type(first) is type(second) is component_state.WriteThrough


def test_install_twice_wraps_once() -> None:
    component_state.install()
    first = bidi_main.make_bidi_component_presenter
    component_state.install()
    assert bidi_main.make_bidi_component_presenter is first
