"""A run's messages reach the event loop in batches and the socket in few loop turns (ui/batched_delivery.py).

Streamlit's own AppSession with a stand-in script runner: a script thread sends events while the loop is busy; the
loop must be woken once for them and handle them all, in order, as Streamlit would one by one."""

from __future__ import annotations

import asyncio
import itertools
import threading
from types import SimpleNamespace
from typing import Callable

from streamlit.runtime import runtime as runtime_module
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.runtime import Runtime
from streamlit.runtime.scriptrunner import ScriptRunnerEvent

from tests.helpers.sessions import bare_session, delta, on_own_loop, texts
from ui import batched_delivery
from ui.batched_delivery import FewerTurns

PLACES = itertools.count()  # each element sent at a place of its own


def script_sends(session: AppSession, runner: object, bodies: list[str]) -> None:
    """A script thread sends these elements while the loop waits for it (the loop cannot take any meanwhile)."""
    thread = threading.Thread(target=lambda: [session._on_scriptrunner_event(
        runner, ScriptRunnerEvent.ENQUEUE_FORWARD_MSG, forward_msg=delta(body, next(PLACES))) for body in bodies])
    thread.start()
    thread.join()


async def until_handled(session: AppSession) -> None:
    """Give the loop turns until the session's batch is empty (a bounded wait on the condition)."""
    for _ in range(100):
        if not batched_delivery.batch_of(session).events:
            return
        await asyncio.sleep(0)
    raise AssertionError("the loop never took the batch")


def session_walk(sends: list[list[str]], fail_on: str = "") -> tuple[list[str], int]:
    """A session receiving each list of elements from its script thread, the loop taking them after each; returns
    the elements queued for the browser and how often the loop was woken. `fail_on`: an element whose handling
    raises (a bug in Streamlit's handling of one event)."""
    batched_delivery.install()

    async def steps() -> tuple[list[str], int]:
        session = bare_session()
        runner = SimpleNamespace(request_rerun=lambda data: True, request_stop=lambda: None)
        session._scriptrunner = runner
        wakes = []
        call_soon = session._call_soon_on_event_loop
        session._call_soon_on_event_loop = lambda callback: (wakes.append(1), call_soon(callback))
        if fail_on:
            handle = session._handle_scriptrunner_event_on_event_loop

            def failing(sender, event, *args, **kwargs):
                if texts([kwargs["forward_msg"]]) == [fail_on]:
                    raise ValueError(fail_on)
                handle(sender, event, *args, **kwargs)

            session._handle_scriptrunner_event_on_event_loop = failing
        for bodies in sends:
            script_sends(session, runner, bodies)
            await until_handled(session)
        return texts(session.flush_browser_queue()), len(wakes)

    return on_own_loop(steps)


def test_a_runs_messages_wake_the_loop_once_and_arrive_in_order() -> None:
    bodies = [f"element {i}" for i in range(10)]
    sent, wakes = session_walk([bodies])
    assert sent == bodies
    assert wakes == 1  # Streamlit alone: 10, one per message


def test_a_message_after_the_loop_took_the_batch_wakes_it_again() -> None:
    """No message is left waiting for a wake-up that already happened."""
    sent, wakes = session_walk([["a", "b", "c"], ["d"], ["e", "f"]])
    assert sent == ["a", "b", "c", "d", "e", "f"]
    assert wakes == 3


def test_one_failing_event_does_not_lose_the_rest_of_its_batch() -> None:
    sent, _ = session_walk([["a", "broken", "c"]], fail_on="broken")
    assert sent == ["a", "c"]


def loop_turns_given_away(sleep: Callable, calls: int) -> int:
    """How many turns another task got while one task awaited `sleep(0)` this many times."""

    async def steps() -> int:
        turns = 0

        async def other() -> None:
            nonlocal turns
            while True:
                turns += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(other())
        await asyncio.sleep(0)  # the other task starts
        turns = 0
        for _ in range(calls):
            await sleep(0)
        task.cancel()
        return turns

    return on_own_loop(steps)


def test_the_runtime_gives_the_loop_away_every_few_messages_not_after_each() -> None:
    assert loop_turns_given_away(asyncio.sleep, 8) == 8
    assert loop_turns_given_away(FewerTurns(4).sleep, 8) == 2


def test_the_runtime_sees_the_rest_of_asyncio_unchanged() -> None:
    batched_delivery.install()
    fewer = runtime_module.asyncio
    assert isinstance(fewer, FewerTurns)
    assert (fewer.wait, fewer.Event, fewer.create_task) == (asyncio.wait, asyncio.Event, asyncio.create_task)
    assert on_own_loop(lambda: fewer.sleep(0.001, "later")) == "later"


def test_installed_once_whatever_the_number_of_runs() -> None:
    batched_delivery.install()
    on_event, fewer = AppSession._on_scriptrunner_event, runtime_module.asyncio
    for _ in range(3):
        batched_delivery.install()
    assert (AppSession._on_scriptrunner_event, runtime_module.asyncio) == (on_event, fewer)


class RuntimeFlag:
    """Streamlit's Runtime's own `_enqueued_some_message`, on what it reads: the loop and its "need send data" flag;
    counts the wake-ups through the loop's socket (`call_soon_threadsafe`)."""

    _enqueued_some_message = Runtime._enqueued_some_message

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.objs = SimpleNamespace(eventloop=loop, need_send_data=asyncio.Event())
        self.wakes = 0
        call_soon_threadsafe = loop.call_soon_threadsafe

        def counted(*args, **kwargs):
            self.wakes += 1
            return call_soon_threadsafe(*args, **kwargs)

        loop.call_soon_threadsafe = counted

    def _get_async_objs(self) -> SimpleNamespace:
        return self.objs


def runtime_told(where: str, count: int) -> tuple[bool, int, list[str]]:
    """A session made after install queues `count` messages on the loop or on another thread; returns whether the
    runtime's flag is set once the loop had a turn, the wake-ups, and what the browser gets."""
    batched_delivery.install()

    async def steps() -> tuple[bool, int, list[str]]:
        runtime = RuntimeFlag(asyncio.get_running_loop())
        session = bare_session(runtime._enqueued_some_message)
        messages = [delta(f"m{i}", next(PLACES)) for i in range(count)]
        if where == "loop":
            for msg in messages:
                session._enqueue_forward_msg(msg)
        else:
            thread = threading.Thread(target=lambda: [session._enqueue_forward_msg(msg) for msg in messages])
            thread.start()
            thread.join()
        await asyncio.sleep(0)
        return runtime.objs.need_send_data.is_set(), runtime.wakes, texts(session.flush_browser_queue())

    return on_own_loop(steps)


def test_messages_queued_on_the_loop_tell_the_runtime_without_waking_it_through_its_socket() -> None:
    told, wakes, sent = runtime_told("loop", 10)
    assert told and sent == [f"m{i}" for i in range(10)]
    assert wakes == 0  # Streamlit alone: 10, one write to the loop's own socket per message


def test_a_message_queued_on_another_thread_still_wakes_the_loop() -> None:
    told, wakes, sent = runtime_told("thread", 3)
    assert told and sent == ["m0", "m1", "m2"]
    assert wakes == 3


def test_a_session_with_another_callback_keeps_it() -> None:
    batched_delivery.install()
    calls = []

    async def steps() -> None:
        bare_session(lambda: calls.append(1))._enqueue_forward_msg(delta("x"))

    on_own_loop(steps)
    assert calls == [1]
