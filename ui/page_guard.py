"""A fragment's request from a page the student has just left is dropped, not run.

Train's live chart asks for its next frame by itself (and Explore's Play and the Lesson tick on a timer); such an ask
sent in the moment the student clicks another page reaches the server right after the menu's rerun. Streamlit 1.67
runs it once the new page is drawn: a run of the old page's fragment, announced to the browser as the old page's run,
and the browser, now on the new page, empties it (an empty page under the sidebar, found by walking Train -> Explore;
docs/upstream.md). The ask is the old page's; leaving the page has answered it.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from streamlit.runtime.app_session import AppSession

from ui.patching import wrap_once

_LOGGER = logging.getLogger(__name__)


def stale(fragment_page: str, page_now: str) -> bool:
    """Whether a fragment's request names a page other than the session's page now (unknown pages are no reason)."""
    return bool(fragment_page) and bool(page_now) and fragment_page != page_now


def guarded(request_rerun: Callable[[AppSession, Any], None]) -> Callable[[AppSession, Any], None]:
    """Streamlit's `AppSession.request_rerun`, dropping a fragment's request from a page the session has left.

    The session's page now: the page the latest whole-page request named (a menu click, Back, a language switch),
    else the page of the latest run that started (Streamlit's own client state)."""

    def request(self: AppSession, client_state: Any) -> None:
        if client_state is not None:
            page = client_state.page_script_hash
            if not client_state.fragment_id:
                self._convlab_page = page
            elif stale(page, getattr(self, "_convlab_page", "") or self._client_state.page_script_hash):
                _LOGGER.info("Dropped a request of fragment %s from a page the browser has left.",
                             client_state.fragment_id)
                return
        request_rerun(self, client_state)

    return request


def install() -> None:
    """Once per process (again: nothing). Sessions already open use it from their next request."""
    wrap_once(AppSession, "request_rerun", guarded, "_convlab_page_guard")
