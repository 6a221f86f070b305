"""A run's messages reach the socket in a few turns of Streamlit's event loop, not one or more turns each.

Streamlit 1.67 hands every message of a run (an Explore edit sends ~38, a Pause 49) from the script's thread to the
event loop with its own wake-up (`AppSession._on_scriptrunner_event` -> `call_soon_threadsafe`), and its runtime
sends a session's queued messages one per loop turn (`await asyncio.sleep(0)` after each). Every wake-up and every
turn gives the interpreter lock away (a system call); when 20 students' training shares the process, getting it back
can take milliseconds each time. Profiled under 40 trainers (benchmarks/README.md, stop 32): a Pause's run ended
89 ms (p50; p95 307) before its end was handed to the socket. Here:
- the script's events go to the loop in batches: the first of a batch wakes the loop, those that come before the
  loop takes them join it (same order, each handled as Streamlit would);
- the runtime's yield after each message yields only every `YIELD_EVERY` messages (the browser's send queue holds
  500; other sessions' requests still get their turn between flushes);
- a message queued on the loop itself (all of a batch's) is told to the runtime directly: Streamlit wakes the loop
  through its own socket for each (`Runtime._enqueued_some_message` -> `call_soon_threadsafe`), from the loop too.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from types import ModuleType
from typing import Any, Awaitable, Callable

from streamlit.runtime import runtime as runtime_module
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.runtime import Runtime

from ui.patching import wrap_once

_LOGGER = logging.getLogger(__name__)
YIELD_EVERY = 32  # messages sent in one loop turn at most


class EventBatch:
    """A session's script events waiting for the event loop, in the order they were sent (thread safe)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.events: list[tuple[Any, Any, tuple, dict]] = []  # not empty: the loop has been woken to take them

    def add(self, sender: Any, event: Any, args: tuple, kwargs: dict) -> bool:
        """Add an event; True when the loop must be woken for it (it is the first of a new batch)."""
        with self.lock:
            first = not self.events
            self.events.append((sender, event, args, kwargs))
            return first

    def take(self) -> list[tuple[Any, Any, tuple, dict]]:
        """All events waiting, oldest first; the next event starts a new batch."""
        with self.lock:
            events, self.events = self.events, []
            return events


def batch_of(session: AppSession) -> EventBatch:
    """The session's batch (made on its first event; `setdefault` is atomic, script threads may race)."""
    return session.__dict__.get("_convlab_batch") or session.__dict__.setdefault("_convlab_batch", EventBatch())


def handle_batch(session: AppSession) -> None:
    """On the event loop: handle the waiting events in order (one that fails is logged, the rest still handled)."""
    for sender, event, args, kwargs in batch_of(session).take():
        try:
            session._handle_scriptrunner_event_on_event_loop(sender, event, *args, **kwargs)
        except Exception:
            _LOGGER.exception("A script event failed on the event loop.")


def batching(on_event: Callable[..., None]) -> Callable[..., None]:
    """Streamlit's `AppSession._on_scriptrunner_event`, waking the event loop once per batch of events."""

    def on_script_event(self: AppSession, sender: Any, event: Any, *args: Any, **kwargs: Any) -> None:
        if batch_of(self).add(sender, event, args, kwargs):
            self._call_soon_on_event_loop(lambda: handle_batch(self))

    return on_script_event


def telling_directly(init: Callable[..., None]) -> Callable[..., None]:
    """Streamlit's `AppSession.__init__`, the session then telling its runtime of a message queued on the loop
    directly (see `told_directly`)."""

    def __init__(self: AppSession, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        self._message_enqueued_callback = told_directly(self._message_enqueued_callback)

    return __init__


def told_directly(callback: Callable[[], None] | None) -> Callable[[], None] | None:
    """The runtime's `_enqueued_some_message` (that bound method; any other callback is kept): on the event loop,
    the runtime's flag is set there and then; from another thread, the loop is woken as before."""
    if getattr(callback, "__func__", None) is not Runtime._enqueued_some_message:
        return callback
    runtime = callback.__self__

    def enqueued_some_message() -> None:
        objs = runtime._get_async_objs()
        if running_loop() is objs.eventloop:
            objs.need_send_data.set()
        else:
            callback()

    return enqueued_some_message


def running_loop() -> asyncio.AbstractEventLoop | None:
    """This thread's running event loop, if any."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class FewerTurns(ModuleType):
    """The runtime's view of asyncio: `sleep(0)`, its yield after each message sent, yields every `every` calls."""

    def __init__(self, every: int) -> None:
        super().__init__("asyncio")
        self.every = every
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    def sleep(self, delay: float, result: Any = None) -> Awaitable[Any]:
        """asyncio.sleep, except that most `sleep(0)` return without giving the loop away."""
        if delay == 0:
            self.calls += 1
            if self.calls % self.every:
                return at_once(result)
        return asyncio.sleep(delay, result)


async def at_once(result: Any = None) -> Any:
    """An awaitable that returns `result` without suspending."""
    return result


def install() -> None:
    """Once per process (again: nothing). A session's events are batched from its next script runner on, and sessions
    made from now on tell the runtime of their messages directly from the loop."""
    wrap_once(AppSession, "_on_scriptrunner_event", batching, "_convlab_batched")
    wrap_once(AppSession, "__init__", telling_directly, "_convlab_telling_directly")
    if not isinstance(runtime_module.asyncio, FewerTurns):
        runtime_module.asyncio = FewerTurns(YIELD_EVERY)
