"""Students arriving with empty caches: every file a first visit loads (recorded once from headless Chromium), then
the page's websocket, until Explore answers with a right Y.

    .venv/bin/python -m benchmarks.load.arrive URL   # prints the recorded paths as JSON (run.py does this itself)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from locust import task
from locust.exception import StopUser

from benchmarks.load import checks
from benchmarks.load.protocol import Tab
from benchmarks.load.students import SETTINGS, TALLY, Student

CONNECTIONS = 6  # a browser's connections to one host (HTTP/1.1)
SKIP = ("/_stcore/stream", "/_stcore/health", "/_stcore/host-config")  # the websocket and what Tab.open asks itself


def record(url: str) -> list[tuple[str, int]]:
    """The same-origin GET paths headless Chromium loads for a first visit to Explore, until Y is drawn, with the
    status each got (the frontend probes a few paths that answer 404)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS

    system = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    paths: list[tuple[str, int]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, args=CHROMIUM_ARGS,
                                    executable_path=system if os.path.exists(system) else None)
        page = browser.new_page()
        page.on("response", lambda r: paths.append((r.url[len(url):], r.status)) if r.request.method == "GET"
                and r.url.startswith(url) and not r.url[len(url):].startswith(SKIP) else None)
        page.goto(f"{url}/explore?lang=en", timeout=120_000)
        page.locator(".st-key-ex_y_chart .main-svg").first.wait_for(timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        browser.close()
    return list(dict.fromkeys(paths))


def recorded(url: str) -> list[tuple[str, int]]:
    """record() in a separate process (Playwright's sync API and gevent do not share a process)."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.load.arrive", url], capture_output=True, text=True,
                         check=True, timeout=300, env={**os.environ, "LOCUST_SKIP_MONKEY_PATCH": "1"})
    return [(path, status) for path, status in json.loads(out.stdout)]


def fetch_all(base: str, paths: list[str], timeout: float) -> list[int]:
    """GET every path as a browser does (CONNECTIONS at a time, kept alive, compressed), by one curl process: a
    Python client fetching 40 first visits at once (5,000 files) spent 8 s of its own CPU and measured itself. The
    status of each, in order."""
    config = "".join(f'url = "{base}{path}"\noutput = "/dev/null"\n' for path in paths)
    out = subprocess.run(["curl", "--silent", "--parallel", "--parallel-max", str(CONNECTIONS), "--max-time",
                          str(timeout), "--header", "Accept-Encoding: gzip, deflate", "--write-out",
                          "%{url_effective} %{http_code}\n", "--config", "-"],
                         input=config, capture_output=True, text=True, timeout=timeout + 5)
    got = dict(line.rsplit(" ", 1) for line in out.stdout.splitlines() if " " in line)
    return [int(got.get(base + path, "0")) for path in paths]


def fetch(url: str, timeout: float) -> tuple[int, int]:
    """GET one file on its own connection, as compressed as the server sends it: its status and size in bytes."""
    import requests

    with requests.get(url, headers={"Accept-Encoding": "gzip, deflate", "Connection": "close"}, stream=True,
                      timeout=timeout) as reply:
        return reply.status_code, len(reply.raw.read(decode_content=False))


class ArrivingStudent(Student):
    """Opens Explore once with an empty cache: every recorded file (CONNECTIONS at a time, by curl where installed),
    then the page."""

    kind, page_name = "arrive", "explore"
    paths: list[tuple[str, int]] = []  # set by run.py from recorded(): each path and the status Chromium got

    @task
    def arrive(self) -> None:
        self.timed("first visit", self.first_visit)
        TALLY.arrived += 1
        raise StopUser()

    def first_visit(self) -> None:
        """All files, then the websocket's first run; the page works when it shows a right Y."""
        from gevent.pool import Pool

        base = self.base_url()
        if shutil.which("curl"):
            answers = fetch_all(base, [path for path, _ in self.paths], SETTINGS.timeout)
        else:
            answers = [got for got, _ in Pool(CONNECTIONS).map(lambda path: fetch(base + path[0], SETTINGS.timeout),
                                                             self.paths)]
        for (path, status), got in zip(self.paths, answers):
            if got != status:
                raise checks.CheckFailed(f"{path} answered HTTP {got}, Chromium got {status}")
        self.tab = Tab(base, SETTINGS.timeout)
        checks.explore_answer(self.tab.open("explore", "lang=en"), self.tab.page)


if __name__ == "__main__":
    print(json.dumps(record(sys.argv[1].rstrip("/"))))
