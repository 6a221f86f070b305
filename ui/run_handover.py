"""A run's last messages reach the browser even when the next request finds its runner shutting down.

Streamlit 1.67 sends a fragment's request (Train's Pause, the live chart's ask for a frame) to the session's script
runner; a runner that has just finished its script refuses it, and the session starts a new runner. The old runner's
last events (its last elements, its end) are still waiting on the event loop, and the session ignores them, since
they no longer come from its current runner (docs/upstream.md: "a run's last events are dropped"). A Pause answered
that way stopped training and never showed: the buttons stayed as they were. Here the session takes those events as
its current runner's: they were all sent before the runner refused, so they come before the new run's start. Still
ignored: the old runner's SHUTDOWN (it would let the new runner go) and anything it sends once the new run has
started (out of order). A runner the session stops on purpose (a whole page's request) stays unheard, as before: its
run is superseded.
"""

from __future__ import annotations

from typing import Any, Callable

from streamlit import config
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.scriptrunner import ScriptRunnerEvent

from ui.patching import wrap_once


def asks_runner(client_state: Any) -> bool:
    """Whether Streamlit hands this request to the running script runner (else it stops it and starts another)."""
    fragment = client_state is not None and bool(client_state.fragment_id)
    return fragment or not config.get_option("runner.fastReruns")


def remembering(request_rerun: Callable[[AppSession, Any], None]) -> Callable[[AppSession, Any], None]:
    """Streamlit's `AppSession.request_rerun`, remembering a runner that refused the request (it was shutting down)."""

    def request(self: AppSession, client_state: Any) -> None:
        old = self._scriptrunner
        request_rerun(self, client_state)
        if old is not None and self._scriptrunner is not old and asks_runner(client_state):
            self._convlab_retiring = old

    return request


def hearing(handle: Callable[..., None]) -> Callable[..., None]:
    """Streamlit's `AppSession._handle_scriptrunner_event_on_event_loop`, taking a retiring runner's events (all
    but its SHUTDOWN) as the current runner's until the current runner's run starts (later ones stay ignored)."""

    def on_event(self: AppSession, sender: Any, event: ScriptRunnerEvent, *args: Any, **kwargs: Any) -> None:
        retiring = getattr(self, "_convlab_retiring", None)
        if retiring is not None and sender is self._scriptrunner and event == ScriptRunnerEvent.SCRIPT_STARTED:
            self._convlab_retiring = None  # the new run has begun: anything older would now come out of order
        elif sender is not None and sender is retiring and sender is not self._scriptrunner:
            if event == ScriptRunnerEvent.SHUTDOWN:
                self._convlab_retiring = None
                return
            if self._scriptrunner is not None:
                sender = self._scriptrunner
        handle(self, sender, event, *args, **kwargs)

    return on_event


def install() -> None:
    """Once per process (again: nothing). Sessions already open use it from their next request."""
    wrap_once(AppSession, "request_rerun", remembering, "_convlab_handover")
    wrap_once(AppSession, "_handle_scriptrunner_event_on_event_loop", hearing, "_convlab_handover")
