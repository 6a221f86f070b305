"""The app's websocket routed through the test (Playwright's route_web_socket), to order a race between two requests
the page sends: the server's answers to the first are held back until the page has sent the second, which then goes
out with the widget values the page had before the first was answered (Streamlit sends every widget's value with
every request)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, WebSocketRoute
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM = re.compile(r"/_stcore/stream$")


def rerun_kind(message: str | bytes) -> str | None:
    """"fragment" or "app" for a page's request to run (BackMsg rerun_script), else None."""
    if isinstance(message, str):
        return None
    back = BackMsg.FromString(message)
    if back.WhichOneof("type") != "rerun_script":
        return None
    return "fragment" if back.rerun_script.fragment_id else "app"


def finishes_a_run(message: str | bytes) -> bool:
    """Whether a server's message ends a run (ForwardMsg script_finished)."""
    return not isinstance(message, str) and ForwardMsg.FromString(message).WhichOneof("type") == "script_finished"


class AnswerGate:
    """Passes every message both ways until `hold` is called; then the page's next request goes to the server at once,
    its answer is held back, and the request after it waits until the server has finished the first one: only then
    do both go on (the second to the server, the held answer to the page). `requests`: the kinds of requests the page
    sent while holding, in order."""

    def __init__(self, page: Page) -> None:
        self.page_side: WebSocketRoute | None = None
        self.server_side: WebSocketRoute | None = None
        self.holding = False
        self.requests: list[str] = []
        self.answers: list[str | bytes] = []  # held for the page
        self.second: str | bytes | None = None  # the page's second request, held until the first is finished
        self.first_finished = False
        page.route_web_socket(STREAM, self.connect)

    def connect(self, page_side: WebSocketRoute) -> None:
        """A (re)connection of the page: through the test to the server."""
        self.page_side, self.server_side = page_side, page_side.connect_to_server()
        page_side.on_message(self.from_page)
        self.server_side.on_message(self.from_server)

    def hold(self) -> None:
        """From now on, hold back the answers to the page's next request until it has sent the one after."""
        self.holding, self.requests, self.answers, self.second, self.first_finished = True, [], [], None, False

    @property
    def released(self) -> bool:
        """Whether the held request and answers have gone on."""
        return not self.holding and len(self.requests) >= 2

    def from_page(self, message: str | bytes) -> None:
        """A message from the page: the second request while holding waits for the first one's end."""
        kind = rerun_kind(message) if self.holding else None
        if kind is not None:
            self.requests.append(kind)
            if len(self.requests) == 2:
                self.second = message
                self.release_when_finished()
                return
        self.server_side.send(message)

    def from_server(self, message: str | bytes) -> None:
        """A message from the server: held while holding, once the page's first request has gone out."""
        if not self.holding or not self.requests:
            self.page_side.send(message)
            return
        self.answers.append(message)
        self.first_finished = self.first_finished or finishes_a_run(message)
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
