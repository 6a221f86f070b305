"""Real Chromium pages beside a load run: a student's end-to-end time from a typed kernel cell (Enter) to the server's
new Y drawn in the browser (and to the browser's own preview of it), while the protocol clients load the server (they
render nothing, so they cannot time this).

    .venv/bin/python -m benchmarks.load.browsers URL [--sessions 2] [--seconds 60]   # prints JSON {"ms": [...], ...}

run.py starts it as a process of its own (Playwright's sync API and gevent do not share a process). The pages take
turns, each editing every 1 to 3 s, as a student thinks.
"""

from __future__ import annotations

import argparse
import json
import random
import time

from playwright.sync_api import sync_playwright

from benchmarks.bench_browser import TIMEOUT, baseline, browser, change_seen, open_explore, typed_edit, watch_frames
from tests.helpers.browser import TRACK_RUNS

SEL = ".st-key-ex_y_chart"
# Checked in the page at every animation frame after the edit (bench_browser.watch_frames): when Y first changed on
# screen, drawn (the browser's preview), and when the server's run for the edit was over and shown (a run finished
# since the edit, none going on, Streamlit idle).
SEEN = f"""() => {{
  const now = performance.now();
  if (window.__tPrev === null && {change_seen(SEL)}) window.__tPrev = now;
  const runs = window.__e2eRuns, app = document.querySelector('[data-testid="stApp"]');
  const done = runs.finished > window.__f0 && !runs.running && app && app.dataset.testScriptState === "notRunning";
  if (done && window.__tServer === null && window.__tPrev !== null) window.__tServer = now;
  return window.__tServer !== null;
}}"""

QUERY = "sample=stripes&preset=sobel_x"  # a 3x3 grid for typed_edit


def timed_edit(page, k: int) -> tuple[float, float]:
    """Type a cell (bench_browser's typed_edit); ms from the input to the preview, and to the server's Y shown.

    The page is brought to the front first, as a student's tab is: the pages share one window, and the one behind drew
    the server's answer about a second late (stop 35, a quiet machine: 10 of 23 edits at 975-1,103 ms, all on the page
    behind, the rest at 79-333 ms; 69-171 ms for both pages with this)."""
    page.bring_to_front()
    act = typed_edit(page, k)
    page.evaluate(f"() => {{ {baseline(SEL)} window.__f0 = window.__e2eRuns.finished;"
                  " window.__tInput = window.__tPrev = window.__tServer = null; }")
    watch_frames(page, SEEN)
    act()
    page.wait_for_function("() => window.__tServer !== null", timeout=TIMEOUT)
    return tuple(page.evaluate("() => [window.__tPrev - window.__tInput, window.__tServer - window.__tInput]"))


def run(url: str, sessions: int, seconds: float) -> dict:
    """Edit in `sessions` pages for `seconds`; the times (ms) to the server's Y and to the preview, and the errors."""
    previews, times, errors, rng = [], [], [], random.Random(7)
    with sync_playwright() as pw, browser(pw) as context:
        context.add_init_script(TRACK_RUNS)  # the server's runs, read from the websocket (wait_runs_done)
        pages = [context.new_page() for _ in range(sessions)]
        for page in pages:
            open_explore(page, url, QUERY)
        end, k = time.monotonic() + seconds, 0
        while time.monotonic() < end:
            page = pages[k % sessions]
            try:
                preview, server = timed_edit(page, k)
                previews.append(preview)
                times.append(server)
            except Exception as error:  # a timeout or a broken page is an error of the run, reported
                errors.append(f"{type(error).__name__}: {str(error)[:120]}")
            k += 1
            page.wait_for_timeout(rng.uniform(1000, 3000) / sessions)  # think time, shared by the pages
    return {"ms": times, "preview_ms": previews, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--sessions", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    print(json.dumps(run(args.url.rstrip("/"), args.sessions, args.seconds)))


if __name__ == "__main__":
    main()
