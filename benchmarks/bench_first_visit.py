"""A first visit to Explore with an empty cache: the requests and bytes the browser fetches until Y is drawn.

Headless Chromium (a fresh profile each time) against a fresh `streamlit run app.py` of each checkout (`--compare`
adds checkouts, e.g. a worktree of an older commit); bytes are as transferred (compressed where the server
compresses). Prints, per checkout: all requests and bytes, the app's own files (app/static/) among them, Plotly.js
(transferred and as a file), and the floor: Streamlit's own frontend files. Asserts nothing.

    .venv/bin/python -m benchmarks.bench_first_visit [--compare ../wt-base]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.bench_browser import TIMEOUT, browser, checkout_name, goto_when_up, load, server, y_ready
from tests.e2e.conftest import ROOT

PLOTLY_GOAL = 3.5e6 / 2  # issue 20: "Plotly.js 3.5 MB, measured, then halved"


@dataclass
class Visit:
    """What one first visit fetched: (URL, bytes transferred, bytes of the body as a file) per request."""

    files: list[tuple[str, int, int]] = field(default_factory=list)

    def total(self, part: str = "") -> tuple[int, int]:
        """Requests and bytes transferred whose URL contains `part`."""
        rows = [f for f in self.files if part in f[0]]
        return len(rows), sum(f[1] for f in rows)


def first_visit(pw, root: Path) -> Visit:
    """Open Explore once with an empty cache and record every finished request until Y is drawn."""
    visit = Visit()
    with browser(pw) as context:
        page = context.new_page()

        def record(request) -> None:
            sizes = request.sizes()
            try:
                length = len(request.response().body()) if "plotly" in request.url.lower() else 0
            except Exception:  # noqa: BLE001 (a response without a body to read: only its transfer counts)
                length = 0
            visit.files.append((request.url, sizes.get("responseBodySize", 0), length))

        page.on("requestfinished", record)
        with server(healthy=False, root=root) as (url, _, started):
            goto_when_up(page, f"{url}/explore?lang=en", started)
            page.wait_for_function(y_ready(), timeout=TIMEOUT)
            page.wait_for_load_state("networkidle")
    return visit


def plotly_file(visit: Visit) -> tuple[int, int]:
    """Plotly.js as transferred and as a file (the one script whose name says plotly and is over 1 MB as a file)."""
    rows = [(sent, size) for url, sent, size in visit.files if "plotly" in url.lower() and max(sent, size) > 1e6]
    return rows[0] if rows else (0, 0)


def report(name: str, visit: Visit) -> None:
    """Print the visit's rows."""
    requests, sent = visit.total()
    own_requests, own_sent = visit.total("/app/static/")
    front_requests, front_sent = visit.total("/static/")
    plotly_sent, plotly_size = plotly_file(visit)
    front_requests -= own_requests
    front_sent -= own_sent
    print(f"| {name} | all | {requests} | {sent / 1e6:.2f} MB |")
    print(f"| {name} | the app's files (app/static/) | {own_requests} | {own_sent / 1e6:.2f} MB |")
    verdict = "PASS" if plotly_size and max(plotly_size, plotly_sent) <= PLOTLY_GOAL else "FAIL"
    print(f"| {name} | Plotly.js: sent / as a file (goal: a file of at most {PLOTLY_GOAL / 1e6:.2f} MB) | 1 | "
          f"{plotly_sent / 1e6:.2f} / {plotly_size / 1e6:.2f} MB {verdict} |")
    print(f"| {name} | Streamlit's own frontend (the floor) | {front_requests} | {front_sent / 1e6:.2f} MB |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, action="append", default=[], help="another checkout to measure")
    args = parser.parse_args()
    roots = [ROOT, *args.compare]
    with sync_playwright() as pw:
        visits = {root: first_visit(pw, root) for root in roots}
    print(f"\nfirst visit to Explore, empty cache [load {load():.1f}]\n")
    print("| checkout | files | requests | bytes |\n|---|---|---|---|")
    for root, visit in visits.items():
        report(checkout_name(root), visit)


if __name__ == "__main__":
    main()
