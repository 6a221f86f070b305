"""Two app replicas behind nginx rendered from deploy/nginx/convlab.conf.template: sticky sessions, WebSockets, static
files from disk, and a replica stopped."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, WebSocket, expect

from deploy import serve_class
from tests.e2e.conftest import free_port, start_server, stop_server, wait_healthy
from tests.helpers.browser import assert_no_exception

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KO, EN = "ConvLab에 오신 것을 환영합니다", "Welcome to ConvLab"
WAIT = 60_000  # ms: two replicas, nginx and Chromium share two cores with whatever else runs
LONG = "public, max-age=31536000, immutable"
LOG_FORMAT = "log_format test '$cookie_test_ctx $status \"$request\" upstream=$upstream_addr';"


def render_config(tmp: Path, listen: int, port_a: int, port_b: int) -> Path:
    """The shipped template rendered as `make serve-class` renders it (deploy/serve_class.py), with the test's
    ports, its access log and every nginx path inside tmp; returns the main nginx.conf."""
    site = tmp / "convlab.conf"
    site.write_text(serve_class.render([f"127.0.0.1:{port_a}", f"127.0.0.1:{port_b}"], listen=f"127.0.0.1:{listen}",
                                       access_log=f"{tmp}/access.log test"))
    return serve_class.main_config(tmp, site, extra_http=LOG_FORMAT, workers="1")


@dataclass
class Visitor:
    """One browser context and what it saw: the replica that served its page, its WebSockets, its session ids."""

    context: BrowserContext
    page: Page
    replica: str = ""
    sockets: list[WebSocket] = field(default_factory=list)
    sessions: list[str] = field(default_factory=list)

    def watch(self, ws: WebSocket) -> None:
        """Keep a WebSocket and read the session id from each NewSession message it receives."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.sockets.append(ws)

        def on_frame(payload: bytes | str) -> None:
            if isinstance(payload, bytes):
                msg = ForwardMsg.FromString(payload)
                if msg.WhichOneof("type") == "new_session" and msg.new_session.initialize.session_id:
                    self.sessions.append(msg.new_session.initialize.session_id)

        ws.on("framereceived", on_frame)


def open_visitor(browser: Browser, base: str, name: str, pin: str | None) -> Visitor:
    """A new context (tagged by a cookie for the access log), optionally pinned to a replica by cookie, on the home page."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    cookies = [{"name": "test_ctx", "value": name, "url": base}]
    if pin:
        cookies.append({"name": "convlab_replica", "value": pin, "url": base})
    context.add_cookies(cookies)
    visitor = Visitor(context, context.new_page())
    visitor.page.on("websocket", visitor.watch)
    response = visitor.page.goto(base + "/?lang=ko")
    assert response is not None and response.ok
    visitor.replica = response.headers.get("x-convlab-replica", "")
    expect(visitor.page.get_by_role("heading", name=KO)).to_be_visible(timeout=WAIT)
    return visitor


def switch_language(page: Page, to: str) -> None:
    """Click the sidebar language switch; the heading can only change through the WebSocket."""
    label, heading = ("English", EN) if to == "en" else ("한국어", KO)
    page.get_by_role("radio", name=label).or_(page.get_by_role("button", name=label)).first.click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=WAIT)
    assert_no_exception(page)


def route_cookie(context: BrowserContext) -> str:
    """The convlab_replica cookie nginx gave this context."""
    return next((c["value"] for c in context.cookies() if c["name"] == "convlab_replica"), "")


def read_log(path: Path) -> list[tuple[str, str, str, str]]:
    """(context, status, request, last upstream address) for each access-log line."""
    rows = []
    for line in path.read_text().splitlines():
        m = re.match(r'(\S+) (\d+) "([^"]*)" upstream=(.*)$', line)
        assert m, line
        rows.append((m[1], m[2], m[3], m[4].split(", ")[-1]))
    return rows


def is_static(request: str) -> bool:
    """Whether an access-log request line asks for a file nginx serves from disk."""
    path = request.split()[1] if len(request.split()) > 1 else ""
    return path.startswith(("/static/", "/app/static/")) or path == "/favicon.png"


def check_static_files(base: str, page: Page) -> None:
    """A hashed frontend bundle of the page and the app's Plotly.js come from nginx with a year's Cache-Control."""
    from ui.components.live_chart import PLOTLY_JS, PLOTLY_JS_URL

    bundle = page.evaluate("document.querySelector('script[type=module][src*=\"static/js/\"]').src")
    assert re.search(r"/static/js/index\.[\w-]+\.js$", bundle), bundle
    with urllib.request.urlopen(bundle, timeout=30) as r:
        assert r.status == 200 and r.headers["Cache-Control"] == LONG, dict(r.headers)
        assert r.headers["Content-Type"] == "application/javascript" and "Set-Cookie" not in r.headers
        assert r.read() == (serve_class.streamlit_static_dir() / "static" / "js" / bundle.rsplit("/", 1)[1]).read_bytes()
    with urllib.request.urlopen(f"{base}/{PLOTLY_JS_URL}", timeout=30) as r:
        assert r.status == 200 and r.headers["Cache-Control"] == LONG, dict(r.headers)
        assert r.read() == PLOTLY_JS.read_bytes()


def test_sticky_sessions_websockets_and_failover(browser: Browser, tmp_path: Path) -> None:
    binary = serve_class.nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed: `apt-get install nginx` (Debian) to run the replica test")
    port_a, port_b, listen = free_port(), free_port(), free_port()
    addr = {"r1": f"127.0.0.1:{port_a}", "r2": f"127.0.0.1:{port_b}"}
    base = f"http://127.0.0.1:{listen}"
    conf = render_config(tmp_path, listen, port_a, port_b)
    check = subprocess.run(serve_class.nginx_cmd(binary, tmp_path, conf, "-t"), capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr

    replicas = {name: start_server(port, log_path=tmp_path / f"streamlit-{name}.log")
                for name, port in (("r1", port_a), ("r2", port_b))}
    nginx: subprocess.Popen | None = None
    visitors: list[Visitor] = []
    try:
        for name, proc in replicas.items():
            wait_healthy("http://" + addr[name], proc)
        nginx = subprocess.Popen(serve_class.nginx_cmd(binary, tmp_path, conf), stdout=subprocess.DEVNULL,
                                 stderr=open(tmp_path / "nginx.stderr", "wb"), start_new_session=True)
        wait_healthy(base, nginx, timeout=30, headers={"Cookie": "convlab_replica=r1"})  # pinned: round robin untouched

        # A new visitor is placed by nginx, which pins it with a cookie; the second is pinned to the other replica.
        one = open_visitor(browser, base, "one", pin=None)
        assert one.replica in addr and route_cookie(one.context) == one.replica
        other = "r2" if one.replica == "r1" else "r1"
        two = open_visitor(browser, base, "two", pin=other)
        visitors = [one, two]
        assert two.replica == other and route_cookie(two.context) == other

        # WebSockets pass: the language switch re-runs the script on the server and the heading changes.
        for v in visitors:
            switch_language(v.page, "en")
            assert len(v.sockets) == 1 and not v.sockets[0].is_closed()
            assert len(set(v.sessions)) == 1, v.sessions
        assert one.sessions[0] != two.sessions[0]
        check_static_files(base, one.page)
        first_session = {id(v): v.sessions[0] for v in visitors}

        # Stop visitor one's replica: its WebSocket drops and the page reconnects through nginx to the survivor.
        with one.page.expect_websocket(timeout=WAIT):
            with one.sockets[0].expect_event("close", timeout=WAIT):
                stop_server(replicas[one.replica])

        # Visitor two never noticed: same WebSocket, same server session, still interactive.
        switch_language(two.page, "ko")
        assert len(two.sockets) == 1 and not two.sockets[0].is_closed()
        assert set(two.sessions) == {first_session[id(two)]}

        # Visitor one lost its session; nginx re-pinned it to the survivor, where a reload starts a fresh, working one.
        # (Without the reload, Streamlit's reconnect into a server that never saw the session renders the page
        # without app.py's navigation: a Streamlit behaviour on any server restart, not the proxy's.)
        assert route_cookie(one.context) == other
        one.page.reload()
        expect(one.page.get_by_role("heading", name=EN)).to_be_visible(timeout=WAIT)
        switch_language(one.page, "ko")
        assert one.sessions[-1] not in (first_session[id(one)], first_session[id(two)])
        assert not one.sockets[-1].is_closed()
        assert len(two.sockets) == 1 and not two.sockets[0].is_closed()
    finally:
        for v in visitors:
            v.context.close()  # closes the WebSockets, so nginx logs them
        if nginx is not None and nginx.poll() is None:
            os.killpg(nginx.pid, signal.SIGQUIT)
            try:
                nginx.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(nginx.pid, signal.SIGKILL)
                nginx.wait()
        for proc in replicas.values():
            stop_server(proc)

    # The access log, per context: every request went to its replica; WebSockets were upgraded (101) through nginx.
    rows = read_log(tmp_path / "access.log")
    static = [(ctx, status, req, up) for ctx, status, req, up in rows if is_static(req)]
    served_two = {up for ctx, _, req, up in rows if ctx == "two" and not is_static(req)}
    assert served_two == {addr[other]}, served_two
    # The frontend's bundles (the browsers') and app/static files (check_static_files') were read from disk by nginx:
    # no app process saw them.
    assert {ctx for ctx, _, req, _ in static if "/static/js/" in req} >= {"one", "two"}
    assert any("/app/static/vendor/plotly-cartesian.min.js?v=" in req for _, _, req, _ in static)
    assert all(up == "-" and status in ("200", "304") for _, status, _, up in static), static
    sockets_one = [up for ctx, status, req, up in rows if ctx == "one" and status == "101"]
    sockets_two = [up for ctx, status, req, up in rows if ctx == "two" and status == "101"]
    assert sockets_two == [addr[other]]
    assert sockets_one[0] == addr[one.replica] and sockets_one[-1] == addr[other], sockets_one
    assert all("/_stcore/stream" in req for ctx, status, req, _ in rows if status == "101")
