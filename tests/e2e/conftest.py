"""Browser-test fixtures: a Streamlit server on a free port and headless Chromium for Playwright.

The server's helpers here are also used by benchmarks/; what drives a page (waiting for the runs, widgets by key,
screenshots) is in tests/helpers/browser.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
# Every expect(...) waits up to TIMEOUT for its condition, as the explicit waits do. Playwright's default, 5 s, was
# the one bound not sized for CI, where the server, Chromium and pytest share two cores: a kernel grid's cells
# filled in after a page came back took longer than that once, with a second suite on the machine.
expect.set_options(timeout=TIMEOUT)
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60, headers: dict[str, str] | None = None) -> None:
    """Block until /_stcore/health answers ok, or fail if the server died or took too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(urllib.request.Request(url + "/_stcore/health", headers=headers or {}),
                                        timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not become healthy")


def start_server(port: int, env: dict[str, str] | None = None, log_path: Path | None = None,
                 root: Path = ROOT) -> subprocess.Popen:
    """Start `streamlit run app.py` headless on localhost:port (the app of `root`: a benchmark compares checkouts)."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(root / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL
    return subprocess.Popen(cmd, cwd=root, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM the server's process group and wait for it (it takes a few seconds)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="session")
def server_log(tmp_path_factory) -> Path:
    """Where the shared server writes its log (checked for tracebacks)."""
    return tmp_path_factory.mktemp("server") / "streamlit.log"


@contextmanager
def serving(env: dict[str, str] | None = None, log_path: Path | None = None) -> Iterator[str]:
    """A fresh app server on a free port for the duration of the block; yields its base URL."""
    port = free_port()
    proc = start_server(port, env=env, log_path=log_path)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def app_url(server_log: Path) -> Iterator[str]:
    """Base URL of one app server shared by the browser tests of this session."""
    with serving(log_path=server_log) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Headless Chromium flags that work offline as root; the system Chromium when present."""
    args = {**browser_type_launch_args, "headless": True, "args": CHROMIUM_ARGS}
    system = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    if os.path.exists(system):
        args["executable_path"] = system
    return args


# Asks the page for the live chart's counters and records (window.__convlab.stats, each plot div's
# __convlab.shown; static/live_chart/stats.js), which production pages do not keep. Set before any page script.
COUNTING = "(window.__convlab ??= {}).counting = true;"


@pytest.fixture
def context(context):
    """pytest-playwright's browser context, its pages counting (COUNTING): every e2e test's `page` comes from it."""
    context.add_init_script(COUNTING)
    return context


@pytest.fixture
def artifacts() -> Path:
    """Folder for screenshots a human looks at (ignored by git)."""
    path = ROOT / "artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="module")
def lesson_url(app_url: str, browser) -> str:
    """The shared server, after one visit to '/' (the server's first page pays for its warm-up, not these tests)."""
    warm = browser.new_page()
    warm.goto(app_url + "/")
    warm.wait_for_selector("h1", timeout=60_000)
    warm.close()
    return app_url
