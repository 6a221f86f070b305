"""The app servers a load run starts (tests/e2e/conftest.py's start_server, on free ports) and what /proc says of
them: CPU seconds and resident memory, each process with its children."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Protocol

from tests.e2e.conftest import free_port, start_server, stop_server, wait_healthy

NGINX_WAIT = 30.0  # seconds for nginx to answer on its port
IDLE_WINDOW, IDLE_BUSY, IDLE_MOST = 0.5, 0.1, 60.0  # servers idle: under 0.1 of a core over 0.5 s, waited 60 s at most

TICKS = os.sysconf("SC_CLK_TCK")


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (from /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) a process and its children have used so far."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            continue
    return total / TICKS


def rss_bytes(pid: int) -> int:
    """Resident bytes of a process and its children."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total


@dataclass
class Server:
    """One app process: its URL, its process and its log."""

    url: str
    proc: subprocess.Popen
    log: Path

    def cpu(self) -> float:
        """CPU seconds used so far."""
        return cpu_seconds(self.proc.pid)

    def rss(self) -> int:
        """Resident bytes now."""
        return rss_bytes(self.proc.pid)

    def tracebacks(self) -> int:
        """How many tracebacks the server has logged."""
        return self.log.read_text(errors="replace").count("Traceback") if self.log.exists() else 0


@contextmanager
def servers(count: int, env: dict[str, str] | None = None) -> Iterator[list[Server]]:
    """`count` fresh app servers on free ports for the block, stopped after it."""
    folder = Path(tempfile.mkdtemp(prefix="convlab-load-"))
    started: list[Server] = []
    try:
        for n in range(count):
            port = free_port()
            log = folder / f"server{n}.log"
            started.append(Server(f"http://127.0.0.1:{port}", start_server(port, env=env, log_path=log), log))
        for server in started:
            wait_healthy(server.url, server.proc)
        yield started
    finally:
        for server in started:
            stop_server(server.proc)


class PeakMemory:
    """Samples the servers' summed RSS every `every` seconds in a thread (a greenlet under gevent); keeps the peak."""

    def __init__(self, group: list[Server], every: float = 0.5) -> None:
        self.group, self.every, self.peak = group, every, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, sum(s.rss() for s in self.group))
            self.done.wait(self.every)

    def __enter__(self) -> "PeakMemory":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()


@contextmanager
def behind_nginx(group: list[Server]) -> Iterator[str]:
    """nginx in front of the servers as `make serve-class` runs it (deploy/serve_class.py: sticky sessions, static
    files from disk); its URL for the block, stopped after it."""
    import signal

    from deploy import serve_class

    binary = serve_class.nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed")
    run_dir = Path(tempfile.mkdtemp(prefix="convlab-load-nginx-"))
    port = free_port()
    site = run_dir / "convlab.conf"
    site.write_text(serve_class.render([s.url.removeprefix("http://") for s in group], listen=f"127.0.0.1:{port}",
                                       access_log=f"{run_dir}/access.log convlab"))
    serve_class.prepare_static()
    proc = subprocess.Popen(serve_class.nginx_cmd(binary, run_dir, serve_class.main_config(run_dir, site)),
                            stdin=subprocess.DEVNULL, stderr=open(run_dir / "nginx.stderr", "wb"),
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        serve_class.wait_healthy(url, proc, NGINX_WAIT)  # the apps' health, through nginx
        yield url
    finally:
        serve_class.stop([proc], signal.SIGQUIT)


class UsesCpu(Protocol):
    """What waiting for idle servers needs of one: its CPU seconds so far."""

    def cpu(self) -> float: ...


def wait_idle(group: list[UsesCpu], window: float = IDLE_WINDOW, busy: float = IDLE_BUSY, most: float = IDLE_MOST,
              clock: Callable[[], float] = time.monotonic, pause: Callable[[float], None] = time.sleep) -> bool:
    """Wait until the servers together use under `busy` of a core over `window` seconds: what a first visit started
    in the background (app.py's import of torch, ~2.7 s of CPU a process) is over, and a class's measures do not pay
    for it. At most `most` seconds; False when they never went idle."""
    deadline = clock() + most
    while clock() < deadline:
        before, start = sum(s.cpu() for s in group), clock()
        pause(window)
        if sum(s.cpu() for s in group) - before < busy * (clock() - start):
            return True
    return False
