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


def record(url: str) -> list[str]:
    """The same-origin GET paths headless Chromium loads for a first visit to Explore, until Y is drawn."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS

    system = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    paths: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(headless=True, args=CHROMIUM_ARGS,
                                    executable_path=system if os.path.exists(system) else None)
        page = browser.new_page()
        page.on("request", lambda r: paths.append(r.url[len(url):]) if r.method == "GET" and r.url.startswith(url)
                and not r.url[len(url):].startswith(SKIP) else None)
        page.goto(f"{url}/explore?lang=en", timeout=120_000)
        page.locator(".st-key-ex_y_chart .main-svg").first.wait_for(timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        browser.close()
    return list(dict.fromkeys(paths))


def recorded(url: str) -> list[str]:
    """record() in a separate process (Playwright's sync API and gevent do not share a process)."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.load.arrive", url], capture_output=True, text=True,
                         check=True, timeout=300, env={**os.environ, "LOCUST_SKIP_MONKEY_PATCH": "1"})
    return json.loads(out.stdout)


def fetch(url: str, timeout: float) -> int:
    """GET one file on its own connection, as compressed as the server sends it; its size in bytes."""
    import requests

    with requests.get(url, headers={"Accept-Encoding": "gzip, deflate", "Connection": "close"}, stream=True,
                      timeout=timeout) as reply:
        if reply.status_code != 200:
            raise checks.CheckFailed(f"{url} answered HTTP {reply.status_code}")
        return len(reply.raw.read(decode_content=False))


class ArrivingStudent(Student):
    """Opens Explore once with an empty cache: every recorded file (CONNECTIONS at a time), then the page."""

    kind, page_name = "arrive", "explore"
    paths: list[str] = []  # set by run.py from recorded()

    @task
    def arrive(self) -> None:
        self.timed("first visit", self.first_visit)
        TALLY.arrived += 1
        raise StopUser()

    def first_visit(self) -> None:
        """All files, then the websocket's first run; the page works when it shows a right Y."""
        from gevent.pool import Pool

        base = self.base_url()
        Pool(CONNECTIONS).map(lambda path: fetch(base + path, SETTINGS.timeout), self.paths)
        self.tab = Tab(base, SETTINGS.timeout)
        checks.explore_answer(self.tab.open("explore", "lang=en"), self.tab.page)


if __name__ == "__main__":
    print(json.dumps(record(sys.argv[1].rstrip("/"))))
