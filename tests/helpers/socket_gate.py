"""The app's websocket routed through the test (Playwright's route_web_socket), to force an order of events that a
real page meets by chance:
- AnswerGate: a click's request, and the one that follows it before the click's answer has reached the page (a
  stroke's drawing, which the canvas sends 200 ms after the mouse is lifted). Streamlit sends every widget's value
  with every request: the second carries the page's inputs as they were before the click was answered.
- FirstRunLost: a first run the page never sees (cut short by the page's next request, its messages dropped)."""

from __future__ import annotations

import re
import time
from typing import Callable

from playwright.sync_api import Page, WebSocketRoute
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM = re.compile(r"/_stcore/stream$")


def rerun_request(message: str | bytes) -> BackMsg | None:
    """The page's request to run (BackMsg rerun_script), or None for any other message."""
    if isinstance(message, str):
        return None
    back = BackMsg.FromString(message)
    return back if back.WhichOneof("type") == "rerun_script" else None


def forward(message: str | bytes) -> ForwardMsg | None:
    """A server's message as Streamlit's ForwardMsg (None for a text frame)."""
    return None if isinstance(message, str) else ForwardMsg.FromString(message)


def forward_type(message: str | bytes) -> str | None:
    """What a server's message is: "new_session" (a run starts), "delta", "script_finished" (a run ends), ..."""
    msg = forward(message)
    return None if msg is None else msg.WhichOneof("type")


def draws_a_title(message: str | bytes) -> bool:
    """Whether a server's message draws a page's title (a delta with a heading): the page has read its link."""
    msg = forward(message)
    return (msg is not None and msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element"
            and msg.delta.new_element.WhichOneof("type") == "heading")


def wait_until(page: Page, condition: Callable[[], bool], timeout: float = 30) -> None:
    """Wait until condition() holds (a state of the relay, which only moves while Playwright waits): polled while
    the page's events are handled."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the relay never reached the state waited for"
        page.wait_for_timeout(10)


class Relay:
    """The page's websocket, through the test to the server: subclasses say what passes (from_page, from_server)."""

    def __init__(self, page: Page) -> None:
        self.page_side: WebSocketRoute | None = None
        self.server_side: WebSocketRoute | None = None
        page.route_web_socket(STREAM, self.connect)

    def connect(self, page_side: WebSocketRoute) -> None:
        """A (re)connection of the page: through the test to the server."""
        self.page_side, self.server_side = page_side, page_side.connect_to_server()
        page_side.on_message(self.from_page)
        self.server_side.on_message(self.from_server)

    def from_page(self, message: str | bytes) -> None:
        """A message from the page."""
        raise NotImplementedError

    def from_server(self, message: str | bytes) -> None:
        """A message from the server."""
        raise NotImplementedError


class AnswerGate(Relay):
    """Passes every message both ways, until `hold`: then of the page's next two requests, the first goes to the
    server and its answer is held back; the second waits until the server has finished the first, goes, and the held
    answer follows it to the page. With `merge`, the first waits instead and both go as one request, the second's
    values with the first's fragment: what Streamlit's browser sends for two changes made in the same moment.
    `requests`: the kinds of the requests the page sent while holding, "fragment" or "app"."""

    def __init__(self, page: Page) -> None:
        self.holding, self.merge = False, False
        self.requests: list[str] = []
        self.first: BackMsg | None = None  # the first request, waiting to go with the second (merge)
        self.second: bytes | None = None  # the second request, waiting for the first's end
        self.answers: list[str | bytes] = []  # held for the page
        self.first_finished = False
        super().__init__(page)

    def hold(self, merge: bool = False) -> None:
        """Order the page's next two requests (see the class's docstring)."""
        self.holding, self.merge, self.requests, self.answers = True, merge, [], []
        self.first, self.second, self.first_finished = None, None, False

    def from_page(self, message: str | bytes) -> None:
        """A message from the page; while holding, its next two requests are ordered."""
        request = rerun_request(message) if self.holding else None
        if request is None:
            self.server_side.send(message)
            return
        self.requests.append("fragment" if request.rerun_script.fragment_id else "app")
        if len(self.requests) == 1 and self.merge:
            self.first = request
        elif len(self.requests) == 1:
            self.server_side.send(message)
        elif self.merge:
            request.rerun_script.fragment_id = self.first.rerun_script.fragment_id
            self.holding = False
            self.server_side.send(request.SerializeToString())
        else:
            self.second = message
            self.release_when_finished()

    def from_server(self, message: str | bytes) -> None:
        """A message from the server: held while the first request's answer is to wait for the second request."""
        if not self.holding or self.merge or not self.requests:
            self.page_side.send(message)
            return
        self.answers.append(message)
        self.first_finished = self.first_finished or forward_type(message) == "script_finished"
        self.release_when_finished()

    def release_when_finished(self) -> None:
        """Once the server has finished the first request and the page has sent the second: send the second, then
        hand the page what was held, and pass everything again."""
        if self.second is None or not self.first_finished:
            return
        self.holding = False
        self.server_side.send(self.second)
        for answer in self.answers:
            self.page_side.send(answer)
        self.answers, self.second = [], None


class FirstRunLost(Relay):
    """The page never sees its first run: once that run has drawn the page's title (it has read the link and set
    the widgets from it), the page's first request is sent again, which cuts the run short, and what the server sent
    before the second run starts is dropped. What happens when a phone's width, reported as soon as the page draws,
    or a quick tap cuts a first run short, or Streamlit drops a run's last messages as the next one starts. Call
    before the page opens. `starts`: how many runs the server has started (the page sees the second and later)."""

    def __init__(self, page: Page) -> None:
        self.first: bytes | None = None  # the page's first request, to be sent again
        self.sent_again, self.starts = False, 0
        super().__init__(page)

    def from_page(self, message: str | bytes) -> None:
        """Every message goes to the server; the first request is kept to be sent again."""
        if self.first is None and rerun_request(message) is not None:
            self.first = message
        self.server_side.send(message)

    def from_server(self, message: str | bytes) -> None:
        """Dropped until the second run starts, then passed; the first request goes again when the title comes."""
        if not self.sent_again and draws_a_title(message):
            self.sent_again = True
            self.server_side.send(self.first)
        if self.starts < 2 and forward_type(message) == "new_session":
            self.starts += 1
        if self.starts >= 2:
            self.page_side.send(message)


class AnswerHold(Relay):
    """Passes every message both ways, until `hold`: then the server's messages wait in the test until `release`
    (the page sees a run's answer late, as on a slow network, while the student goes on). `finished`: a run ended
    among the held messages."""

    def __init__(self, page: Page) -> None:
        self.holding, self.finished = False, False
        self.held: list[str | bytes] = []
        super().__init__(page)

    def hold(self) -> None:
        """Keep the server's next messages from the page."""
        self.holding, self.finished, self.held = True, False, []

    def release(self) -> None:
        """Hand the page what was held, and pass everything again."""
        self.holding = False
        for message in self.held:
            self.page_side.send(message)
        self.held = []

    def from_page(self, message: str | bytes) -> None:
        """Every message of the page goes to the server."""
        self.server_side.send(message)

    def from_server(self, message: str | bytes) -> None:
        """Passed, or held while holding."""
        if not self.holding:
            self.page_side.send(message)
            return
        self.held.append(message)
        self.finished = self.finished or forward_type(message) == "script_finished"
