"""Where make load's "server CPU per edit" goes: one Explore student's cycle, one tab at a time, its server CPU by part.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_cycle.py [--cycles 16] [--bare 300] [ROOT [OTHER_ROOT]]

An edit60 student opens Explore, uploads a picture (the source switched to Upload, then the file), edits (a preset
one edit in three, else a typed cell) and now and then goes to the Lesson and back. make load divides all the servers'
CPU by the edits, so the page runs in between count too. This runs that cycle (open, upload, 9 edits, lesson and
back: 10 counted edits, as make load counts the upload) on a quiet server and prints the CPU of each part, and of
the cycle per counted edit. With two checkouts it runs both servers at once, cycles alternating (an A/B that the
machine's drift over minutes does not tilt). `--bare N` also times N runs of a bare Streamlit fragment (a button and
a line of text): what any run costs before it draws anything of ConvLab's.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load.page import click_state, json_state, label_state  # noqa: E402
from benchmarks.load.protocol import Tab  # noqa: E402
from benchmarks.load.server import cpu_seconds  # noqa: E402
from benchmarks.load.students import picture  # noqa: E402
from convcore import kernels  # noqa: E402
from tests.e2e.conftest import free_port, start_server, stop_server, wait_healthy  # noqa: E402
from ui.text import t  # noqa: E402

EDITS = 9  # edits in a cycle, besides the upload (make load counts it as an edit)
PARTS = ("open", "upload", f"{EDITS} edits", "lesson and back")
BARE_APP = '''
import streamlit as st

@st.fragment
def part():
    st.button("go", key="go")
    st.markdown("a line")

part()
'''


class Student:
    """One tab's cycle on a server (`pid`: its process, for CPU), the part's CPU recorded by name."""

    def __init__(self, url: str, pid: int, seed: int) -> None:
        self.url, self.pid, self.rng = url, pid, random.Random(seed)
        self.cpu: dict[str, list[float]] = {name: [] for name in PARTS}

    def part(self, name: str, action) -> None:
        """Run `action`, adding its server CPU (seconds) to part `name`."""
        before = cpu_seconds(self.pid)
        action()
        self.cpu[name].append(cpu_seconds(self.pid) - before)

    def cycle(self, n: int) -> None:
        """Open, upload, edit, visit the lesson and come back; the tab closed after."""
        tab = Tab(self.url)
        self.part("open", lambda: tab.open("explore", "lang=en"))
        self.part("upload", lambda: self.upload(tab, n))
        self.part(f"{EDITS} edits", lambda: [self.edit(tab, i + n) for i in range(EDITS)])
        self.part("lesson and back", lambda: (tab.goto("lesson", "lang=en"), tab.goto("explore", "lang=en")))
        tab.close()

    @staticmethod
    def upload(tab: Tab, n: int) -> None:
        """The source switched to Upload, then a small grey picture uploaded (as make load's students do)."""
        tab.change(label_state(tab.page.widget_id("ex_source"), t("image_source_upload", "en")), whole=True)
        data, _ = picture(n)
        tab.upload("ex_file", f"student_{n}.png", data)

    def edit(self, tab: Tab, i: int) -> None:
        """A preset one edit in three, else a number typed into a kernel cell."""
        page = tab.page
        if i % 3 == 2:
            name = sorted(kernels.PRESETS)[i % len(kernels.PRESETS)]
            tab.change(label_state(page.widget_id("exk_preset"), t(f"kernel_{name}", "en")))
            return
        cells = [list(row) for row in page.component_data("exk_grid")["cells"]]
        cells[i % len(cells)][i % len(cells[0])] = str(self.rng.choice([-3, -1, 0.5, 2, 4]) + i % 7)
        edit = {"edit": {"cells": cells, "n": page.component_data("exk_grid")["seen"] + 1}}
        tab.change(json_state(page.widget_id("exk_grid"), edit))

    def report(self, name: str) -> None:
        """Each part's mean CPU and the cycle's CPU per counted edit."""
        means = {part: statistics.mean(values) * 1000 for part, values in self.cpu.items()}
        cycle = sum(means.values())
        print(f"{name}: " + ", ".join(f"{part} {ms:.1f} ms" for part, ms in means.items()) +
              f"; the cycle {cycle:.0f} ms = {cycle / (EDITS + 1):.1f} ms per counted edit, "
              f"an edit alone {means[f'{EDITS} edits'] / EDITS:.1f} ms ({len(self.cpu['open'])} cycles)")


def bare_cost(runs: int) -> float:
    """Server CPU (ms) of one run of a bare fragment (a button, a line of text), with ConvLab's server settings."""
    with tempfile.TemporaryDirectory() as folder:
        app = Path(folder) / "bare.py"
        app.write_text(BARE_APP)
        port = free_port()
        command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
                   "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--runner.postScriptGC", "false",
                   "--server.enableXsrfProtection", "false"]
        process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process)
            tab = Tab(url)
            tab.open("")
            for _ in range(20):
                tab.change(click_state(tab.page.widget_id("go")))
            before = cpu_seconds(process.pid)
            for _ in range(runs):
                tab.change(click_state(tab.page.widget_id("go")))
            return (cpu_seconds(process.pid) - before) / runs * 1000
        finally:
            process.terminate()
            process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="*", type=Path, help="checkouts to serve (default: this one)")
    parser.add_argument("--cycles", type=int, default=16)
    parser.add_argument("--bare", type=int, default=0, help="also time this many runs of a bare fragment")
    args = parser.parse_args()
    roots = args.roots or [ROOT]
    servers, students = [], []
    try:
        for root in roots:
            port = free_port()
            process = start_server(port, root=root)
            servers.append(process)
            wait_healthy(f"http://127.0.0.1:{port}", process)
            keeper = Tab(f"http://127.0.0.1:{port}")  # a class: the server keeps its scripts compiled
            keeper.open("home")
            students.append(Student(f"http://127.0.0.1:{port}", process.pid, seed=1))
        for student in students:  # warm: imports, first visits, caches
            student.cycle(100)
            student.cycle(101)
            student.cpu = {name: [] for name in PARTS}
        for n in range(args.cycles):
            for student in students if n % 2 == 0 else students[::-1]:
                student.cycle(n)
        for root, student in zip(roots, students):
            student.report(str(root))
    finally:
        for process in servers:
            stop_server(process)
    if args.bare:
        print(f"a bare fragment's run: {bare_cost(args.bare):.1f} ms of server CPU ({args.bare} runs)")


if __name__ == "__main__":
    main()
