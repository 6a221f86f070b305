"""A small Streamlit client: one browser tab without a browser (HTTP for cookies and uploads, one websocket).

It opens a page with a query string, follows runs to `script_finished`, fires the auto-rerun timers as the browser
does (without waiting for runs), asks for a live chart's next frame as the chart does (benchmarks/load/asks.py), and
sends widget changes as full or fragment reruns. Blocking sockets: under
Locust they are gevent's. `websocket-client` and `requests` are imported when a tab opens, so page.py and checks.py
(and their tests) need neither.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.load.asks import frame_trigger
from benchmarks.load.page import EARLY, FINISHED, FRAGMENT_FINISHED, UNSEEN_END, Page, ProtocolError, Run, answer

XSRF_COOKIE = "_streamlit_xsrf"
TIMEOUT = 60.0  # seconds an answer may take before it counts as an error


def seen(runs: list[Run]) -> str:
    """What ended meanwhile, for an error message: '2 whole-page runs cut short, 14 fragment runs'."""
    whole = [r for r in runs if not r.is_fragment]
    cut = sum(r.status == EARLY for r in whole)
    return f"{len(whole)} whole-page runs ({cut} cut short), {len(runs) - len(whole)} fragment runs ended meanwhile"


def timeline(runs: list[Run], running: Run | None, since: float, scope: str) -> str:
    """Each run seen, for an error message: when it started (ms from the request), what ran (page, the request's
    fragment, another fragment) and how it ended: '-40 other:early, +35 scope:unseen, +90 other:ok; running: none'."""
    def what(run: Run) -> str:
        if not run.is_fragment:
            return "page"
        return "scope" if scope and scope in run.fragment_ids else "other"

    ends = {FINISHED: "ok", FRAGMENT_FINISHED: "ok", EARLY: "early", UNSEEN_END: "unseen"}
    parts = [f"{(run.started - since) * 1000:+.0f} {what(run)}:{ends.get(run.status, run.status)}" for run in runs]
    now = "none" if running is None else f"{(running.started - since) * 1000:+.0f} {what(running)}"
    return f"{', '.join(parts) or 'no runs'}; running: {now}"


class Tab:
    """One browser tab on one server: `open` a page, then `change` widgets, `watch` live runs, `upload` files."""

    def __init__(self, base_url: str, timeout: float = TIMEOUT) -> None:
        self.base_url, self.timeout = base_url.rstrip("/"), timeout
        self.page: Page | None = None
        self.http: Any = None
        self.ws: Any = None
        self.sent_bytes = 0
        self.received_bytes = 0
        self.log: list[Run] = []  # every run that finished while this tab waited, interrupted ones included

    # ---- connection ----

    def open(self, page_name: str, query_string: str = "lang=en") -> list[Run]:
        """Load a page as a fresh tab (new cookies, new session) and wait until its run has finished."""
        import requests
        import websocket

        self.close()
        self.http = requests.Session()
        self.http.get(f"{self.base_url}/_stcore/health", timeout=self.timeout).raise_for_status()
        self.http.get(f"{self.base_url}/_stcore/host-config", timeout=self.timeout).raise_for_status()
        xsrf = self.xsrf()
        ws_url = "ws" + self.base_url[len("http"):] + "/_stcore/stream"
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)  # nginx's sticky one too
        self.ws = websocket.create_connection(ws_url, subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
                                              cookie=cookies or None, timeout=self.timeout)
        self.page = Page(page_name, query_string)
        self.send(self.page.rerun())
        return self.until_done()

    def xsrf(self) -> str:
        """The XSRF cookie's value ('' when protection is off)."""
        return self.http.cookies.get(XSRF_COOKIE, "") if self.http is not None else ""

    def close(self) -> None:
        """Close the websocket and the HTTP session."""
        if self.ws is not None:
            try:
                self.ws.close()
            except OSError:
                pass
        if self.http is not None:
            self.http.close()
        self.ws = self.http = None

    def send(self, msg: BackMsg) -> None:
        """Send one BackMsg."""
        import websocket

        data = msg.SerializeToString()
        self.sent_bytes += len(data)
        self.ws.send(data, opcode=websocket.ABNF.OPCODE_BINARY)

    # ---- receiving ----

    def receive(self, deadline: float) -> Run | None:
        """Take one message (firing due timers while waiting); the run it finished, if any. TimeoutError past
        `deadline`."""
        import websocket

        while True:
            now = time.monotonic()
            for fragment_id in self.page.due_timers(now):
                self.send(self.page.rerun(fragment_id=fragment_id, auto=True))
            for ask in self.page.asks.due(now):  # a chart that asks for its next frame (it drew the last at once)
                self.send(self.page.rerun((frame_trigger(ask),), fragment_id=ask.fragment_id))
            if now >= deadline:
                raise TimeoutError("no answer in time")
            wake = min(deadline, self.page.next_due() or deadline)
            self.ws.settimeout(max(wake - now, 0.001))
            try:
                data = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            if not isinstance(data, bytes):
                raise ProtocolError(f"text frame from the server: {data[:80]!r}")
            self.received_bytes += len(data)
            run = self.page.apply(ForwardMsg.FromString(data), time.monotonic(), len(data))
            if run is not None:
                self.log.append(run)
            return run

    def until_done(self, timeout: float | None = None, whole: bool = False, since: float = 0.0,
                   scope: str = "") -> list[Run]:
        """Runs until one that answers a request sent at `since` has finished (page.answer: uninterrupted; with
        `whole`, a whole-page run; with `scope`, a fragment id, a whole-page run or one of that fragment); all the runs
        seen, that one last. (A run that ended unseen is only known when the next one starts, maybe after a click: it
        is not the click's answer.)"""
        deadline = time.monotonic() + (timeout or self.timeout)
        runs: list[Run] = []
        while True:
            try:
                run = self.receive(deadline)
            except TimeoutError:
                what = timeline(runs[-8:], self.page.run, since, scope)
                raise TimeoutError(f"no {'whole-page ' if whole else ''}run finished in time; {seen(runs)} ({what}; "
                                   f"session {self.page.session_id[:8]}, at {since:.3f}, monotonic)") from None
            if run is not None:
                runs.append(run)
            answered = answer(runs, self.page.run, since=since, whole=whole, scope=scope)
            if answered is not None:
                return answered

    def watch(self, seconds: float) -> list[Run]:
        """Receive for `seconds` (timers keep firing); the runs that finished meanwhile."""
        deadline, runs = time.monotonic() + seconds, []
        while True:
            try:
                run = self.receive(deadline)
            except TimeoutError:
                return runs
            if run is not None:
                runs.append(run)

    # ---- acting ----

    def change(self, *states: WidgetState, whole: bool = False, timeout: float | None = None) -> list[Run]:
        """Send widget changes as the browser does (in their fragment's rerun when they are in one) and wait for the
        answer: the runs until one of the page or of that fragment finished (`whole`: until a whole-page run
        finished)."""
        fragments = {self.page.fragment_of_id(s.id) for s in states}
        fragment_id = fragments.pop() if len(fragments) == 1 else ""
        sent = time.monotonic()
        self.send(self.page.rerun(states, fragment_id=fragment_id))
        return self.until_done(timeout, whole=whole, since=sent, scope=fragment_id)

    def goto(self, page: str, query_string: str = "lang=en") -> list[Run]:
        """Go to another page of the app (a page link) and wait for its run."""
        sent = time.monotonic()
        self.send(self.page.rerun(page=page, query_string=query_string))
        return self.until_done(whole=True, since=sent)

    def upload(self, key: str, name: str, data: bytes, mime: str = "image/png") -> list[Run]:
        """Put a file into the uploader with this key as the browser does: ask for a URL, PUT it there with the
        X-Xsrftoken header, then rerun with the file's state."""
        wid = self.page.widget_id(key)
        request_id = uuid.uuid4().hex
        msg = BackMsg()
        msg.file_urls_request.request_id = request_id
        msg.file_urls_request.file_names.append(name)
        msg.file_urls_request.session_id = self.page.session_id
        self.send(msg)
        deadline = time.monotonic() + self.timeout
        while request_id not in self.page.file_urls:
            self.receive(deadline)
        answer = self.page.file_urls.pop(request_id)
        if answer.error_msg or not answer.file_urls:
            raise ProtocolError(f"no upload URL: {answer.error_msg}")
        urls = answer.file_urls[0]
        reply = self.http.put(self.base_url + urls.upload_url, files={"file": (name, data, mime)},
                              headers={"X-Xsrftoken": self.xsrf()}, timeout=self.timeout)
        if reply.status_code != 204:
            raise ProtocolError(f"upload refused: HTTP {reply.status_code} {reply.text[:80]}")
        state = WidgetState(id=wid)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(data), urls.file_id
        info.file_urls.CopyFrom(urls)
        return self.change(state, whole=True)
