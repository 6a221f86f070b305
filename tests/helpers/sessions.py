"""Streamlit's own AppSession in unit tests: elements to send, what it queued for the browser, a loop to run on."""

from __future__ import annotations

import asyncio
import concurrent.futures
from typing import Any, Callable, Coroutine
from unittest.mock import MagicMock

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.script_data import ScriptData


def bare_session(enqueued: Callable[[], None] | None = None) -> AppSession:
    """Streamlit's own session with no browser and no script runner yet (call it on a running loop); `enqueued`: what
    it calls after queueing a message for the browser (the runtime's `_enqueued_some_message`)."""
    session = AppSession(script_data=ScriptData("app.py", False), uploaded_file_manager=MagicMock(),
                         script_cache=MagicMock(), message_enqueued_callback=enqueued, user_info={})
    session._script_event_loop.close()  # for a script runner's thread, which it never has (made again if it does)
    return session


def delta(text: str, place: int = 0) -> ForwardMsg:
    """A Markdown element's delta at a place of the page (Streamlit merges deltas queued for one place)."""
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = [0, place]
    msg.delta.new_element.markdown.body = text
    return msg


def texts(sent: list[ForwardMsg]) -> list[str]:
    """The Markdown of the deltas queued for the browser."""
    return [m.delta.new_element.markdown.body for m in sent if m.HasField("delta")]


def on_own_loop(steps: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    """Run the coroutine `steps()` on a loop of a thread of its own: AppSession needs a running loop, and a browser
    test before may have left Playwright's loop running on the main thread, where asyncio.run refuses."""
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, steps()).result()
