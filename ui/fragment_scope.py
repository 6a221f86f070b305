"""A fragment's run that also carries a change made outside the fragment becomes a run of the whole page.

Streamlit 1.67's browser sends the widget changes of one moment together, in one request scoped to the fragment of
the first of them (`WidgetStateManager.scheduleFlush`: `scheduledFragmentId ??= fragmentId`, so a change outside any
fragment, which has no fragment id, takes the fragment id of the other). A click on Train's Pause that falls in the
same moment as the live chart asking for its next frame reached the server as a run of the chart's fragment only:
Pause's callback ran, training stopped, but the buttons around the fragment were not drawn again and still said
Pause (`tests/e2e/test_train_browser.py`: 2 of about 25 runs with the browser slowed down; the click is lost for the
student). The same holds for any widget outside a fragment whose change shares a request with a fragment's.

At the start of each fragment's run (ui.shell.guarded), before it draws anything: if a widget outside the fragments
being run changed in this request, the whole page is run instead (st.rerun(scope="app")). Its callbacks have already
run, once, in this request; the page's run then shows their outcome. Reads Streamlit's widget states for this request
(`SessionState._new_widget_state`, `_old_state`), pinned at 1.67 (docs/upstream.md).
"""

from __future__ import annotations

from typing import Callable, Iterable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx


def fragment_run() -> bool:
    """Whether this run is a fragment's (a click or an edit inside one), not the whole page's."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx is not None and bool(ctx.fragment_ids_this_run)


def changed_outside() -> list[str]:
    """In a fragment's run: the widgets outside the fragments being run that this request changed (ids), else []."""
    ctx = get_script_run_ctx()
    if ctx is None or not ctx.fragment_ids_this_run:
        return []
    state = getattr(ctx.session_state, "_state", None)
    widgets = getattr(state, "_new_widget_state", None)
    if widgets is None or not hasattr(state, "_widget_changed"):
        return []  # not the Streamlit this was written for: leave the run as it is
    ancestors = getattr(ctx.fragment_storage, "_iter_ancestor_ids", lambda fragment_id: ())  # nesting, where known
    changed = {wid: metadata.fragment_id for wid, metadata in list(widgets.widget_metadata.items())
               if wid in widgets.states and state._widget_changed(wid)}
    return outside(changed, set(ctx.fragment_ids_this_run), ancestors)


def outside(changed: dict[str, str | None], running: set[str], ancestors: Callable[[str], Iterable[str]]) -> list[str]:
    """Of the changed widgets (id -> the fragment that drew it, None: none), those outside the fragments being run
    and outside every fragment nested in them (such a fragment is run again by its parent: Train's live chart, whose
    ask for a frame can share a request with a click on Pause in the run's part around it)."""
    def inside(fragment_id: str | None) -> bool:
        return fragment_id is not None and (fragment_id in running or any(a in running for a in ancestors(fragment_id)))

    return [wid for wid, fragment_id in changed.items() if not inside(fragment_id)]


def rerun_page_if_changed_outside() -> None:
    """Run the whole page instead of this fragment when this request also changed a widget outside it."""
    if changed_outside():
        st.rerun(scope="app")
