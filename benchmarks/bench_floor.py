"""The floor under a kernel edit: how fast Streamlit itself turns a click into a redrawn chart on this machine.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_floor.py [--reps 14] [--elements 0 30]

A tiny app (written to a temporary folder, served by `streamlit run`): a fragment with a button, a 6x8 heatmap drawn
by ConvLab's in-place chart, and N markdown elements before or after it, which the fragment sends again on every
click as Explore's fragment does. It prints the click-to-new-chart p50 for each N, in the same way as
bench_browser.py's kernel-edit measure: the floor any server-side page pays, and what each element sent costs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_browser import (CHROMIUM, INPUT_CLOCK, TIMEOUT, VIEWPORT, browser, pct,  # noqa: E402
                                      timed_change, y_ready)
from tests.e2e.conftest import free_port, stop_server, wait_healthy  # noqa: E402
from tests.helpers.browser import wait_app_idle  # noqa: E402

APP = '''
import os
import numpy as np
import streamlit as st
from convcore.plots import figures
from ui.components.live_chart import install_plotly_js, live_plotly_chart

install_plotly_js()
BEFORE, AFTER = int(os.environ["FLOOR_BEFORE"]), int(os.environ["FLOOR_AFTER"])


def lab():
    st.button("Random", key="exk_random")
    rng = np.random.default_rng()
    for i in range(BEFORE):
        st.markdown(f"before {i} **{rng.integers(9)}**")
    with st.container(key="ex_y_chart"):
        live_plotly_chart(figures.array_figure(rng.integers(-2, 3, (6, 8)).astype(np.float32), "Y"), key="y")
    for i in range(AFTER):
        st.markdown(f"after {i} **{rng.integers(9)}**")


st.title("floor")
st.fragment(lab)()
'''


def edit_times(folder: Path, before: int, after: int, reps: int) -> list[float]:
    """Milliseconds from a click to the new heatmap, reps times (3 warm-up clicks first)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FLOOR_BEFORE": str(before), "FLOOR_AFTER": str(after)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "floor_app.py", "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        with sync_playwright() as pw, browser(pw) as context:
            page = context.new_page()
            page.goto(url)
            page.wait_for_function(y_ready(), timeout=TIMEOUT)
            wait_app_idle(page, TIMEOUT)
            page.evaluate(INPUT_CLOCK)
            button = page.locator(".st-key-exk_random button").first
            times = [timed_change(page, button.click) for _ in range(reps + 3)]
            return times[3:]
    finally:
        stop_server(proc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=14)
    parser.add_argument("--elements", type=int, nargs="+", default=[0, 30])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "floor_app.py").write_text(APP)
        (folder / "static").symlink_to(ROOT / "static")  # Plotly.js and the chart's module, as app.py serves them
        shutil.copytree(ROOT / ".streamlit", folder / ".streamlit")
        print(f"Chromium {CHROMIUM}, viewport {VIEWPORT['width']}x{VIEWPORT['height']}, {args.reps} clicks each")
        print("| elements sent with the chart | click -> new chart p50 | p95 |\n|---|---|---|")
        for n in args.elements:
            for before, after, where in ((0, n, "after"), (n, 0, "before")) if n else ((0, 0, ""),):
                times = edit_times(folder, before, after, args.reps)
                label = f"{n} markdown {where} it" if n else "none (button and chart only)"
                print(f"| {label} | {statistics.median(times):.0f} ms | {pct(times, 0.95):.0f} ms |", flush=True)


if __name__ == "__main__":
    main()
