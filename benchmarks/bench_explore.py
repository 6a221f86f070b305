"""Explore page speed and payload at 512x512: rerun time after a kernel edit, and the size of every Plotly figure.

Run: .venv/bin/python benchmarks/bench_explore.py [--reps 7]
Prints figures; asserts nothing (speed is measured here, never in unit tests).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRESETS = ["sobel_x", "laplacian", "gaussian_blur", "sharpen"]


def page_at(sample: str, color: bool):
    """An AppTest on the Explore page with a sample at 512 px."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("views/explore.py").run()
    at.selectbox(key="ex_sample").set_value(sample).run()
    if color:
        at.toggle(key="ex_color").set_value(True).run()
    at.slider(key=f"ex_side_sample_{sample}").set_value(512).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


PAGE_SECONDS: list[float] = []


def time_page_runs() -> None:
    """Record how long each page script takes inside the app (StreamlitPage.run), server side, no AppTest."""
    from streamlit.navigation.page import StreamlitPage

    original = StreamlitPage.run

    def timed(self) -> None:
        start = time.perf_counter()
        try:
            original(self)
        finally:
            PAGE_SECONDS.append(time.perf_counter() - start)

    StreamlitPage.run = timed  # type: ignore[method-assign]


def time_kernel_edits(at, reps: int) -> tuple[list[float], list[float]]:
    """Seconds per rerun after choosing another kernel preset (a kernel edit): AppTest round trip, page script."""
    times, page = [], []
    for r in range(reps):
        at.selectbox(key="exk_preset").set_value(PRESETS[r % len(PRESETS)])
        PAGE_SECONDS.clear()
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        page.append(sum(PAGE_SECONDS))
        assert not at.exception, [e.value for e in at.exception]
    return times, page


def figure_sizes(at) -> dict[str, int]:
    """Bytes of each chart's figure JSON as sent to the browser (st.plotly_chart or the in-place live chart)."""
    from tests.helpers.figures import chart_elements, live_data

    sizes = {}
    for key, el in chart_elements(at).items():
        sizes[key] = len((el.proto.spec if el.type == "plotly_chart" else live_data(el)["figure"]).encode())
    return sizes


def time_convcore(color: bool, reps: int) -> dict[str, float]:
    """Median milliseconds of the page's convcore calls at 512x512 (engine, window maths, figures, JSON)."""
    import numpy as np

    from convcore import kernels, window
    from convcore.plots import figures
    from convcore.images import photo, resize_long_side

    X = resize_long_side(photo(color=color), 512)
    K = kernels.preset("sobel_x")
    settings = window.Settings()
    steps = {
        "correlate (all channels)": lambda: window.channel_outputs(X, K, settings),
        "products of one cell": lambda: window.products(X.numpy(), K, 100, 100, settings),
    }
    _, Y = window.channel_outputs(X, K, settings)
    Yn = Y.numpy()
    steps["figure Y (build)"] = lambda: figures.array_figure(Yn, "Y", selectable=True)
    fig = figures.array_figure(Yn, "Y", selectable=True)
    steps["figure Y (to_json)"] = lambda: fig.to_json()
    steps["figure K (build + json)"] = lambda: figures.array_figure(K, "K").to_json()
    out = {}
    for name, call in steps.items():
        call()
        samples = []
        for _ in range(reps):
            start = time.perf_counter()
            call()
            samples.append(time.perf_counter() - start)
        out[name] = statistics.median(samples) * 1000
    return out


def compile_ms(reps: int) -> float:
    """Median ms to compile views/explore.py with Streamlit's magic pass: AppTest pays it on every run,
    a live server once (its script cache keeps the bytecode)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        ScriptCache().get_bytecode(str(ROOT / "views" / "explore.py"))
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    time_page_runs()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (other processes slow every figure)")
    for sample, color in (("photo", False), ("photo_rgb", True)):
        label = f"{sample} {'RGB' if color else 'grey'} 512x512"
        at = page_at(sample, color)
        times, page = time_kernel_edits(at, args.reps)
        sizes = figure_sizes(at)
        print(f"\n== {label}")
        ms, page_ms = [x * 1000 for x in times], [x * 1000 for x in page]
        print(f"page script after a kernel edit (server side, {args.reps} reps): median {statistics.median(page_ms):.0f} ms,"
              f" min {min(page_ms):.0f} ms, max {max(page_ms):.0f} ms")
        print(f"full rerun after a kernel edit (AppTest run, {args.reps} reps): median {statistics.median(ms):.0f} ms,"
              f" min {min(ms):.0f} ms, max {max(ms):.0f} ms")
        print(f"Plotly figures: {len(sizes)}, largest {max(sizes.values()) / 1024:.0f} KiB,"
              f" total {sum(sizes.values()) / 1024:.0f} KiB")
        for key, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
            print(f"  {key:<20} {size / 1024:8.1f} KiB")
        print(f"  of which compiling the page source (AppTest only, a live server caches it): {compile_ms(args.reps):.0f} ms")
        print("convcore calls (median ms):")
        for name, ms in time_convcore(color, args.reps).items():
            print(f"  {name:<26} {ms:8.1f}")


if __name__ == "__main__":
    main()
