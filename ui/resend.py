"""Widgets the server drew that the browser never got: give them their values again, so the page shows them.

A value given to a widget through session state (a link's settings, a kept widget back on its page, a relabel after
a language switch) reaches the browser once, with the widget, in that run's messages. When a run is cut short by the
page's next request (a phone reports its width as soon as the page draws; a quick tap), Streamlit starts the next
run at once and drops what the first had not yet sent. The next run then draws the widget without a value (Streamlit
thinks the browser has it), and the browser shows the widget's default: a teacher's link showed the first sample
while X was the linked one. Streamlit restores a value this way only for widgets declared with `persist_state`, or
set before their first drawing; this does it for every widget on the page (docs/upstream.md).

Reads Streamlit's session state internals (1.67): the widgets the browser sent, the values the server holds.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

LAST_PAGE = "_resend_page"  # the page of the previous run
VALUE_TYPES = {"bool_value", "int_value", "double_value", "string_value", "double_array_value", "int_array_value",
               "string_array_value"}  # widgets whose value session state may set (not buttons, uploads, components)


def unseen_values(state: Any) -> dict[str, Any]:
    """The values, by key, of widgets the server holds a value for that differs from the widget's default, and that
    the browser's request did not carry (so it does not have them)."""
    sent = state._new_widget_state.states
    unseen = {}
    for key, widget_id in list(state._key_id_mapper._key_id_mapping.items()):
        if widget_id in sent or widget_id not in state._old_state or key in state._new_session_state:
            continue
        metadata = state.get_widget_metadata(widget_id)
        if metadata is None or metadata.value_type not in VALUE_TYPES:
            continue
        value = state._old_state[widget_id]
        try:
            default = metadata.deserializer(None)
        except Exception:  # a widget whose default cannot be made without the browser: leave it as it is
            continue
        if value != default:
            unseen[key] = value
    return unseen


def resend_unseen(page: str) -> None:
    """Before the page's widgets are drawn: give again the values of its widgets the browser does not have. Only on
    a run of the page the previous run drew (a request for another page carries the widgets of the page it leaves)."""
    ss = st.session_state
    if ss.get(LAST_PAGE) != page:
        ss[LAST_PAGE] = page
        return
    for key, value in unseen_values(get_script_run_ctx().session_state._state).items():
        ss[key] = value
