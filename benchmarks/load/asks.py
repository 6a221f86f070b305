"""A live chart's asks for its next frame, made as static/live_chart/asks.js makes them: once per figure that
carries `next`, no sooner than `after` seconds since the last ask, again after RETRY seconds without a new figure.
Pure: page.py feeds it the elements it receives and the time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from streamlit.proto.Element_pb2 import Element
from streamlit.proto.WidgetStates_pb2 import WidgetState

from ui.components.data import unpacked

RETRY = 10.0  # asks.js's RETRY_MS


@dataclass
class Ask:
    """A chart's ask for the frame after `frame`, due at `due`, sent as a rerun of its fragment."""

    element_id: str
    fragment_id: str
    frame: int
    after: float
    due: float


def next_of(el: Element) -> dict | None:
    """The `next` a components-v2 element's data carries (Train's chart while training runs), or None."""
    if el.WhichOneof("type") != "bidi_component":
        return None
    try:
        data = unpacked(json.loads(el.bidi_component.json))
    except ValueError:
        return None
    found = data.get("next") if isinstance(data, dict) else None
    return found if isinstance(found, dict) and "frame" in found else None


def frame_trigger(ask: Ask) -> WidgetState:
    """The trigger the chart sends (components v2: one events widget per element, a list of {event, value})."""
    return WidgetState(id=f"$$STREAMLIT_INTERNAL_KEY_{ask.element_id}__events",
                       json_trigger_value=json.dumps([{"event": "frame", "value": ask.frame}]))


@dataclass
class Asks:
    """The charts of one tab that ask for frames: their pending ask, the frame last asked for, the last ask's time."""

    pending: dict[str, Ask] = field(default_factory=dict)
    asked: dict[str, int] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)

    def offer(self, element_id: str, el: Element, fragment_id: str, now: float) -> None:
        """A chart arrived (drawn at once: a tab draws nothing): ask for its next frame, or stop asking."""
        nxt = next_of(el)
        if nxt is None:
            self.pending.pop(element_id, None)
            return
        frame, after = int(nxt["frame"]), float(nxt.get("after", 0.0))
        if self.asked.get(element_id) == frame:
            return
        last = self.last.get(element_id)
        self.pending[element_id] = Ask(element_id, fragment_id, frame, after, now if last is None else max(now, last + after))

    def due(self, now: float) -> list[Ask]:
        """The asks to send now (each then waits RETRY for its answer, and is asked again without one)."""
        ready = [a for a in self.pending.values() if a.due <= now]
        for ask in ready:
            self.asked[ask.element_id], self.last[ask.element_id] = ask.frame, now
            ask.due = now + RETRY
        return ready

    def next_due(self) -> float | None:
        """When the next ask is due (None: none pending)."""
        return min((a.due for a in self.pending.values()), default=None)

    def keep_only(self, element_ids: set[str]) -> None:
        """Forget the asks of charts no longer on the page."""
        self.pending = {eid: a for eid, a in self.pending.items() if eid in element_ids}
