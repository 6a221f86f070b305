"""Browser-test fixtures: a Streamlit server on a free port and headless Chromium for Playwright."""

from __future__ import annotations

import os
import re
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

ROOT = Path(__file__).resolve().parents[2]
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


def start_server(port: int, env: dict[str, str] | None = None, log_path: Path | None = None) -> subprocess.Popen:
    """Start `streamlit run app.py` headless on localhost:port."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT,
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


def wait_app_idle(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished the current run (no running indicator) and the app has content."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] [data-testid=\"stElementContainer\"]').length > 0",
        timeout=timeout,
    )


def steps_shown(page) -> int:
    """The step count in the progress bar."""
    text = page.locator('[data-testid="stProgress"]').inner_text()
    return int(re.search(r"(\d[\d,]*)\s*/", text).group(1).replace(",", ""))


def assert_no_exception(page) -> None:
    """The must-not-happen check: no Streamlit exception box on the page."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


# Whether every Plotly chart on the page is drawn at its current size, and whether the page's layout held still
# since the previous animation frame (called once per frame; `token` names one wait, so a wait never compares with
# an earlier one's frame). No element may still be loading its code (Streamlit shows a skeleton meanwhile), and a
# live chart's component (its CSS names .convlab-live-chart) must have been handed its figure. The live charts
# (static/live_chart/) tell exactly: the page-wide draw queue has nothing waiting or being drawn, and each chart
# shows its latest figure, at its host's width (at least MIN_WIDTH there, 150 px, Streamlit's minimum chart width),
# with no subframes still to show. Any other Plotly chart must have its layout and SVG. Then the boxes of the plots,
# of the main block (which moves when its container scrolls) and of an open popover must be the ones of the previous
# frame, and no finite CSS animation or transition may be running.
CHARTS_SETTLED = """(token) => {
  const MIN_WIDTH = 150;
  const queue = window.__convlab?.drawQueue;
  let ready = !queue || (!queue.busy && queue.waiting.size === 0);
  if (document.querySelector('[data-testid="stSkeleton"]')) ready = false;
  for (const component of document.querySelectorAll('[data-testid="stBidiComponentRegular"]')) {
    const live = Array.from(component.querySelectorAll('style')).some((s) => s.textContent.includes('.convlab-live-chart'));
    const div = component.querySelector('.convlab-live-chart');
    if (live && !(div && div.parentElement.__convlab?.liveChart)) ready = false;
  }
  for (const div of document.querySelectorAll('.convlab-live-chart')) {
    const state = div.parentElement && div.parentElement.__convlab?.liveChart;
    if (!state || !state.alive) continue;
    const width = Math.max(state.host.getBoundingClientRect().width, MIN_WIDTH);
    if (state.drawing || state.drawn !== state.latest || state.width !== width || (state.subframes || []).length)
      ready = false;
  }
  const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
  if (plots.some((gd) => !gd._fullLayout || !gd.querySelector('.main-svg'))) ready = false;
  if (document.getAnimations().some((a) => a.playState === 'running' && a.effect &&
                                            a.effect.getComputedTiming().iterations !== Infinity)) ready = false;
  const box = (e) => { if (!e) return null; const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; };
  const sig = JSON.stringify([ready, plots.map((gd) => box(gd.querySelector('.main-svg'))),
    box(document.querySelector('[data-testid="stMainBlockContainer"]')),
    box(document.querySelector('[data-testid="stPopoverBody"]'))]);
  const last = window.__e2eChartsSettled;
  window.__e2eChartsSettled = {token, sig};
  return ready && last !== undefined && last.token === token && last.sig === sig;
}"""


def wait_charts_settled(page, timeout: float = 30_000) -> None:
    """Wait until the page's charts are drawn at their current size and its layout holds still (see CHARTS_SETTLED):
    for a screenshot, or a click placed from a chart's axes, after a figure or the window's size changed."""
    page.wait_for_function(CHARTS_SETTLED, arg=f"{time.monotonic_ns()}", polling="raf", timeout=timeout)


# The server's script runs as the page receives them, from its websocket's ForwardMsgs (read by field number, as
# protobuf writes them: 4 new_session starts a run, 6 script_finished ends one with its status). A run that ends
# FINISHED_EARLY_FOR_RERUN (2) is followed by another (a page's st.rerun, or a click while a run was going on).
# Installed before the page loads (an init script); the app's own socket is unchanged.
TRACK_RUNS = """(() => {
  if (window.__e2eRuns) return;
  const runs = (window.__e2eRuns = {finished: 0, running: false});
  const varint = (bytes, at) => {
    let value = 0, scale = 1, byte;
    do { byte = bytes[at.i++]; value += (byte & 127) * scale; scale *= 128; } while (byte & 128);
    return value;
  };
  const read = (data) => {
    if (!(data instanceof ArrayBuffer)) return;
    const bytes = new Uint8Array(data), at = {i: 0};
    while (at.i < bytes.length) {
      const tag = varint(bytes, at), field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) {
        const value = varint(bytes, at);
        if (field === 6) { runs.finished++; runs.running = value === 2; }
      } else if (wire === 2) {
        const length = varint(bytes, at);
        if (field === 4) runs.running = true;
        at.i += length;
      } else if (wire === 1) at.i += 8;
      else if (wire === 5) at.i += 4;
      else return;
    }
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (String(args[0]).includes("/_stcore/stream")) this.addEventListener("message", (event) => read(event.data));
    }
  };
})();"""
# The server has finished its last run (none going on, none to follow) and Streamlit shows it so
# (data-test-script-state, set once its page has taken the run in), in this animation frame and the one before:
# Streamlit draws what the run sent in a task of its own after the message, which then falls between the two frames.
RUNS_DONE = """(token) => {
  const runs = window.__e2eRuns, app = document.querySelector('[data-testid="stApp"]');
  const done = runs.finished > 0 && !runs.running && app && app.dataset.testScriptState === "notRunning";
  const last = window.__e2eRunsDone;
  window.__e2eRunsDone = {token, done, finished: runs.finished};
  return done && last !== undefined && last.token === token && last.done && last.finished === runs.finished;
}"""


def wait_runs_done(page, timeout: float = 30_000) -> None:
    """Wait until the server's runs for this page are over (see RUNS_DONE; TRACK_RUNS was installed before the page loaded).

    Unlike wait_app_idle, this sees runs under half a second (Streamlit shows its running indicator after 500 ms)
    and the moment between a run that stopped for a rerun and the rerun."""
    page.wait_for_function(RUNS_DONE, arg=f"{time.monotonic_ns()}", polling="raf", timeout=timeout)
