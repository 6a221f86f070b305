"""What a browser tab holds of a Streamlit page: its runs, the message cache, elements by delta path, widget states.

Pure (no sockets, no clock of its own): protocol.py feeds it the ForwardMsgs it receives and sends the BackMsgs it
builds; the tests feed it fabricated ones. Facts it follows: STACK_NOTES.md in the shared folder beside the
repository, "Load without browsers".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.load.asks import Asks, next_of
from benchmarks.load.cache import MessageCache, ProtocolError  # noqa: F401  (ProtocolError: the harness's error)
from ui.components.data import unpacked

FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
FRAGMENT_FINISHED = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
# A run whose script_finished never came: the next run started (a browser keeps what it drew). Streamlit 1.67 drops a
# runner's last events when a request reaches it between the end of its run and its shutdown (a new runner takes
# over and the old one's events are ignored); seen about once in 50 Train clicks of a loaded server.
UNSEEN_END = -1
# A fragment's run whose end Streamlit marked "ended early" though it had finished: the next run, of another fragment,
# started before that end was sent, and Streamlit rewrote it (ForwardMsgQueue.clear: Train's Pause with a live
# frame's ask in flight). Every element it drew was sent, but those of the next run's fragment (that run draws them).
SENT_BEFORE_NEXT = -2
Path = tuple[int, ...]


def element_id(el: Element) -> str:
    """The id of a widget or keyed element ('' for elements without one)."""
    kind = el.WhichOneof("type")
    if kind is None:
        return ""
    inner = getattr(el, kind)
    return inner.id if "id" in inner.DESCRIPTOR.fields_by_name else ""


def has_key(wid: str, key: str) -> bool:
    """Whether a widget id (`$$ID-<hash>-<key>`) ends with this user key."""
    return wid.endswith("-" + key)


@dataclass
class Run:
    """One script run as received: its id, its fragments (none: the whole page), its messages and how it ended."""

    run_id: str
    fragment_ids: tuple[str, ...]
    messages: list[ForwardMsg] = field(default_factory=list)
    status: int | None = None  # script_finished's status; None: not finished
    nbytes: int = 0  # bytes of the frames received for this run
    started: float = 0.0  # when its new_session arrived (the tab's clock)

    @property
    def is_fragment(self) -> bool:
        """Whether only fragments ran."""
        return bool(self.fragment_ids)

    @property
    def succeeded(self) -> bool:
        """Whether the run finished (not interrupted, not a compile error)."""
        return self.status in (FINISHED, FRAGMENT_FINISHED, UNSEEN_END, SENT_BEFORE_NEXT)

    def elements(self) -> Iterator[Element]:
        """The elements this run sent, in order."""
        for msg in self.messages:
            if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
                yield msg.delta.new_element

    def element(self, key: str) -> Element | None:
        """The last element this run sent whose id ends with this key."""
        found = [el for el in self.elements() if has_key(element_id(el), key)]
        return found[-1] if found else None

    def auto_reruns(self) -> list[str]:
        """The fragments this run asked to rerun: on a timer, or by a chart that asks for its next frame."""
        return [m.auto_rerun.fragment_id for m in self.messages if m.WhichOneof("type") == "auto_rerun"] + [
            m.delta.fragment_id for m in self.messages if m.WhichOneof("type") == "delta"
            and m.delta.WhichOneof("type") == "new_element" and next_of(m.delta.new_element) is not None]


def answer(runs: list[Run], started: Run | None, *, since: float, whole: bool = False,
           scope: str = "") -> list[Run] | None:
    """The runs seen so far with the one that answers a request sent at `since` last, or None while none does yet.

    The answer is the first run started since then that finished uninterrupted: a whole-page run with `whole`; with
    `scope` (the fragment of the widget changed), a whole-page run or one of that fragment, not another fragment's
    (a live chart's frame). A run of `scope` marked "ended early" answers too once the next run to start (finished or
    `started`, in progress) is another fragment's: Streamlit marked its end so (SENT_BEFORE_NEXT); a run of `scope`
    or of the whole page after it would have been the answer instead."""
    def answers(run: Run) -> bool:
        return not run.is_fragment or (not whole and (not scope or scope in run.fragment_ids))

    early = None
    for run in runs:
        if run.started < since:
            continue
        if early is not None and run.is_fragment and not answers(run):
            break  # the next run is another fragment's: the early end was Streamlit's rewrite
        if run.status != EARLY and answers(run):
            return runs
        early = run if run.status == EARLY and run.is_fragment and scope and answers(run) else None
    else:
        if early is None or started is None or not started.is_fragment or answers(started):
            return None
    early.status = SENT_BEFORE_NEXT
    return [*[run for run in runs if run is not early], early]


@dataclass
class Timer:
    """A fragment's auto-rerun timer: every `interval` seconds from when it was set, without waiting for runs."""

    interval: float
    due: float


class Page:
    """One tab's view of the app: elements, widget states, pages, query string, timers and the run in progress."""

    all_unseen_ends = 0  # every tab's runs that ended without their script_finished, for the report

    def __init__(self, page_name: str, query_string: str) -> None:
        self.page_name, self.query_string = page_name, query_string
        self.cache = MessageCache()
        self.elements: dict[Path, Element] = {}
        self.fragments: dict[Path, str] = {}  # delta path -> the fragment that drew it
        self.drawn: dict[Path, int] = {}  # delta path -> when it was last drawn (a count of elements)
        self.draws = 0
        self.states: dict[str, WidgetState] = {}  # what the tab sends with every rerun
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.session_id = ""
        self.run: Run | None = None
        self.touched: set[Path] = set()  # paths the run in progress drew
        self.timers: dict[str, Timer] = {}
        self.asks = Asks()  # charts that ask for their next frame (Train's, while training runs)
        self.unseen_ends = 0  # runs that ended without their script_finished (UNSEEN_END)
        self.file_urls: dict[str, Any] = {}  # request id -> FileURLsResponse

    # ---- receiving ----

    def apply(self, raw: ForwardMsg, now: float, nbytes: int = 0) -> Run | None:
        """Take one received message; returns the run it finished, if any."""
        msg = self.cache.resolve(raw)
        kind = msg.WhichOneof("type")
        ended = None
        if kind == "new_session":
            ended = self.end_unseen()
            self.start_run(msg, now)
        elif kind == "delta":
            self.take_delta(msg, now)
        elif kind == "script_finished":
            return self.finish_run(msg, nbytes)
        elif kind == "auto_rerun":
            self.timers[msg.auto_rerun.fragment_id] = Timer(msg.auto_rerun.interval, now + msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fid in msg.stop_auto_rerun.fragment_ids:
                self.timers.pop(fid, None)
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            self.page_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "file_urls_response":
            self.file_urls[msg.file_urls_response.response_id] = msg.file_urls_response
        if self.run is not None:
            self.run.nbytes += nbytes
            if kind != "new_session":
                self.run.messages.append(msg)
        return ended

    def end_unseen(self) -> Run | None:
        """A run started while the last one had not said it finished: that one ended unseen (see UNSEEN_END)."""
        run = self.run
        if run is None:
            return None
        self.run, run.status = None, UNSEEN_END
        self.unseen_ends += 1
        Page.all_unseen_ends += 1
        self.cache.finish_run()
        return run

    def start_run(self, msg: ForwardMsg, now: float) -> None:
        """A run started: a whole-page run stops every timer (the browser clears them)."""
        fragments = tuple(msg.metadata.run.fragment_ids)
        self.run = Run(msg.metadata.run.script_run_id, fragments, [msg], started=now)
        self.touched = set()
        if msg.new_session.initialize.session_id:
            self.session_id = msg.new_session.initialize.session_id
        if not fragments:
            self.timers.clear()

    def take_delta(self, msg: ForwardMsg, now: float = 0.0) -> None:
        """An element or block drawn at its delta path (a chart that asks for its next frame: asked for)."""
        path = tuple(msg.metadata.delta_path)
        self.touched.add(path)
        if msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            self.elements[path] = el
            self.fragments[path] = msg.delta.fragment_id
            self.draws += 1
            self.drawn[path] = self.draws
            if el.WhichOneof("type") == "bidi_component":
                self.asks.offer(element_id(el), el, msg.delta.fragment_id, now)

    def finish_run(self, msg: ForwardMsg, nbytes: int = 0) -> Run:
        """The run ended: a finished whole-page run drops what it did not draw, and widget states of gone widgets."""
        run = self.run or Run(msg.metadata.run.script_run_id, tuple(msg.metadata.run.fragment_ids))
        run.messages.append(msg)
        run.nbytes += nbytes
        run.status = msg.script_finished
        self.run = None
        if run.status != EARLY:
            self.cache.finish_run()
        if run.status == FINISHED:
            self.keep(lambda path: path in self.touched)
            shown = {element_id(el) for el in self.elements.values()}
            self.states = {wid: s for wid, s in self.states.items() if wid in shown}
            self.asks.keep_only(shown)
        elif run.status == FRAGMENT_FINISHED:
            self.keep(lambda path: path in self.touched or self.fragments[path] not in run.fragment_ids)
        return run

    def keep(self, wanted: Callable[[Path], bool]) -> None:
        """Forget the elements at the paths not wanted (what a finished run no longer draws)."""
        for path in [p for p in self.elements if not wanted(p)]:
            del self.elements[path], self.fragments[path], self.drawn[path]

    # ---- looking things up ----

    def find(self, key: str) -> tuple[Path, Element] | None:
        """The element on the page whose id ends with this key (a widget or a keyed chart; the last drawn if several),
        with its path."""
        found = [path for path, el in self.elements.items() if has_key(element_id(el), key)]
        if not found:
            return None
        path = max(found, key=self.drawn.__getitem__)
        return path, self.elements[path]

    def widget_id(self, key: str) -> str:
        """The id of the widget with this key (ProtocolError when the page does not show it)."""
        found = self.find(key)
        if found is None:
            raise ProtocolError(f"no widget with key {key!r} on the page")
        return element_id(found[1])

    def fragment_of_id(self, wid: str) -> str:
        """The fragment that drew the widget with this id ('' when none: the whole page reruns)."""
        for path, el in self.elements.items():
            if element_id(el) == wid:
                return self.fragments.get(path, "")
        return ""

    def shows(self, key: str) -> bool:
        """Whether the page shows an element with this key."""
        return self.find(key) is not None

    def component_data(self, key: str) -> dict:
        """The JSON data of the components-v2 element with this key (kernel grid, live chart)."""
        found = self.find(key)
        if found is None or found[1].WhichOneof("type") != "bidi_component":
            raise ProtocolError(f"no component with key {key!r} on the page")
        return unpacked(json.loads(found[1].bidi_component.json))

    def due_timers(self, now: float) -> list[str]:
        """The fragments whose timer has fired by `now` (each timer then waits one interval more)."""
        fired = []
        for fid, timer in self.timers.items():
            if timer.due <= now:
                fired.append(fid)
                timer.due = max(timer.due + timer.interval, now)
        return fired

    def next_due(self) -> float | None:
        """When the next timer fires or the next chart asks (None: neither)."""
        return min((t for t in (*(t.due for t in self.timers.values()), self.asks.next_due()) if t is not None),
                   default=None)

    # ---- sending ----

    def rerun(self, changes: tuple[WidgetState, ...] = (), fragment_id: str = "", page: str | None = None,
              query_string: str | None = None, auto: bool = False) -> BackMsg:
        """A rerun_script BackMsg with every widget state the tab holds (triggers once); `page`: another page."""
        triggers = [s for s in changes if s.WhichOneof("value") in ("trigger_value", "string_trigger_value",
                                                                    "json_trigger_value")]
        for state in changes:
            if state not in triggers:
                self.states[state.id] = state
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string if query_string is None else query_string
        if page is not None:
            rerun.page_script_hash = self.pages[page]
        elif self.page_hash:
            rerun.page_script_hash = self.page_hash
        else:
            rerun.page_name = self.page_name
        rerun.widget_states.widgets.extend([*self.states.values(), *triggers])
        rerun.fragment_id = fragment_id
        rerun.is_auto_rerun = auto
        rerun.cached_message_hashes.extend(self.cache.hashes())
        context = rerun.context_info
        context.timezone, context.timezone_offset, context.locale = "UTC", 0, "en-US"
        context.is_embedded, context.color_scheme = False, "light"
        return msg


# ---- widget states, as the browser sends them ----

def json_state(wid: str, value: Any) -> WidgetState:
    """A components-v2 element's state (e.g. the kernel grid's {"edit": {...}})."""
    return WidgetState(id=wid, json_value=json.dumps(value))


def labels_state(wid: str, labels: list[str]) -> WidgetState:
    """A segmented control's or select slider's choice, by the labels shown."""
    state = WidgetState(id=wid)
    state.string_array_value.data.extend(labels)
    return state


def label_state(wid: str, label: str) -> WidgetState:
    """A selectbox's or radio's choice, by the label shown."""
    return WidgetState(id=wid, string_value=label)


def number_state(wid: str, value: float) -> WidgetState:
    """A number input's value (int_value for integers)."""
    return WidgetState(id=wid, int_value=value) if isinstance(value, int) else WidgetState(id=wid, double_value=value)


def click_state(wid: str) -> WidgetState:
    """A button press (sent once)."""
    return WidgetState(id=wid, trigger_value=True)
