"""ui/widget_state: Streamlit's widgets look their own key up one at a time (app.py installs it); they must see what
Streamlit's whole `filtered_state` would have shown them, on the app's real pages."""

from __future__ import annotations

import pytest
from streamlit.elements.widgets import number_input
from streamlit.runtime.state import session_state as session_state_module
from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX, SessionState
from streamlit.testing.v1 import AppTest

from ui import widget_state
from ui.component_state import WriteThrough
from ui.widget_state import OneKeyState


def assert_same_as_whole(at) -> None:
    """Every key of the session's whole state, and a few that are not there, read the same through one key."""
    safe = at.session_state._state
    whole = safe.filtered_state
    view = OneKeyState(safe)
    assert len(whole) > 20
    for key, value in whole.items():
        assert key in view, key
        assert view[key] is value or view[key] == value, key
    for absent in ("no_such_key", f"{STREAMLIT_INTERNAL_KEY_PREFIX}_x", 3):
        assert absent not in view
    with pytest.raises(KeyError):
        view["no_such_key"]
    assert set(view) == set(whole) and len(view) == len(whole)


@pytest.mark.parametrize("page", ["views/explore.py", "views/train.py", "views/challenge.py"])
def test_one_key_reads_what_the_whole_state_holds_on_each_page(app_page, page: str) -> None:
    at = app_page(page)
    assert not at.exception
    assert number_input.get_session_state._convlab_one_key  # app.py installed it
    assert_same_as_whole(at)


def looked_up(state: SessionState, key: str) -> bool:
    """Whether Streamlit's own `state[key]` finds the key (what its `key in state` answered)."""
    try:
        SessionState.__getitem__(state, key)
    except KeyError:
        return False
    return True


@pytest.mark.parametrize("page", ["views/explore.py", "views/train.py"])
def test_key_in_state_answers_as_the_lookup_without_presenting(app_page, page: str, monkeypatch) -> None:
    """`key in session_state` (asked twice by every component's registration) finds what `state[key]` finds, user
    keys and widget ids, and presents nothing to answer."""
    state = app_page(page).session_state._state._state
    ids = list(state._new_widget_state.states)
    keys = [*state._new_session_state, *ids, *(state._key_id_mapper.get_key_from_id(i) for i in ids
                                             if i in state._key_id_mapper.id_key_mapping), "no_such_key", "$$ID-x"]
    expected = {key: looked_up(state, key) for key in keys}
    assert sum(expected.values()) > 20 and not expected["no_such_key"]
    presented = []
    present = session_state_module.apply_presenter
    monkeypatch.setattr(session_state_module, "apply_presenter",
                        lambda state, widget_id, value: presented.append(widget_id) or present(state, widget_id, value))
    assert {key: key in state for key in keys} == expected
    assert presented == []


@pytest.mark.parametrize("page, keys", [("views/explore.py", ("exk_grid", "ex_y_chart", "ex_x_chart", "ex_panels")),
                                        ("views/train.py", ("tr_charts",))])
def test_components_state_is_presented_in_one_class_on_each_page(app_page, page: str, keys: tuple[str, ...]) -> None:
    """app.py installs ui/component_state: each component's state, read twice, is one class (Streamlit made a new
    class for every read)."""
    safe = app_page(page).session_state._state
    for key in keys:
        assert type(safe[key]) is type(safe[key]) is WriteThrough, key


def test_a_number_input_whose_key_holds_none_is_empty_and_others_keep_their_values() -> None:
    """What the widgets look their key up for: a key set to None empties the box, whatever its default."""

    def script() -> None:
        import streamlit as st

        from ui import widget_state

        widget_state.install()
        st.session_state.setdefault("empty", None)
        st.session_state.setdefault("set", 7)
        st.number_input("empty", value=3, key="empty")
        st.number_input("set", value=3, key="set")
        st.slider("slide", 0, 10, key="slide")

    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.exception
    assert at.number_input(key="empty").value is None
    assert at.number_input(key="set").value == 7
    at.session_state["empty"] = 5
    at.session_state["slide"] = 4
    at.run()
    assert at.number_input(key="empty").value == 5 and at.slider(key="slide").value == 4


def test_install_twice_wraps_once() -> None:
    widget_state.install()
    first = number_input.get_session_state
    widget_state.install()
    assert number_input.get_session_state is first


@pytest.mark.parametrize("page", ["views/explore.py", "views/train.py", "views/lesson.py"])
def test_held_and_user_keys_read_what_session_state_gives(app_page, page: str, monkeypatch) -> None:
    """The kept widgets' one-lock reads (ui/state.py): `held` gives `state[key]` for the keys it holds, `user_keys`
    the keys `iter(state)` gives, `value` what `.get` gives; none presents a component's state to list the keys."""
    safe = app_page(page).session_state._state
    monkeypatch.setattr(widget_state, "get_session_state", lambda: safe)
    whole = safe.filtered_state
    assert len(whole) > 20
    assert sorted(widget_state.user_keys()) == sorted(whole)
    asked = [*whole, "no_such_key", f"{STREAMLIT_INTERNAL_KEY_PREFIX}_x"]
    got = widget_state.held(asked)
    assert got.keys() == whole.keys() and all(got[key] is whole[key] or got[key] == whole[key] for key in whole)
    assert widget_state.value("lang") == whole["lang"] and widget_state.value("no_such_key", 5) == 5
    presented = []
    present = session_state_module.apply_presenter
    monkeypatch.setattr(session_state_module, "apply_presenter",
                        lambda state, widget_id, value: presented.append(widget_id) or present(state, widget_id, value))
    widget_state.user_keys()
    assert presented == []


def test_held_and_user_keys_are_places_where_a_run_can_be_stopped(monkeypatch) -> None:
    """Each read through st.session_state lets Streamlit stop the run there (a Pause, a newer edit): `lang()` and the
    kept widgets read through `held` a hundred times a run, so they must too (without, train40's Pause/Resume p50 went
    176 -> 255 ms in an A/B)."""
    from streamlit.runtime.scriptrunner_utils.exceptions import StopException
    from streamlit.runtime.state import SafeSessionState

    asked = []

    def stop_here() -> None:
        asked.append(True)
        raise StopException()

    state = SessionState()
    state["lang"] = "ko"
    monkeypatch.setattr(widget_state, "get_session_state", lambda: SafeSessionState(state, stop_here))
    for read in (lambda: widget_state.held(["lang"]), widget_state.user_keys, lambda: widget_state.value("lang")):
        with pytest.raises(StopException):
            read()
    assert len(asked) == 3
