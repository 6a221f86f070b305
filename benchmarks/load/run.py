"""`make load`: start the app, run the issue's scenarios with Locust students (no browsers), print one table.

    .venv/bin/python -m benchmarks.load.run [--scenario edit60,train40,mixed,arrive40,lesson20] [--students N]
        [--seconds 60] [--servers 1] [--nginx] [--timeout 30] [--strict]

Each scenario gets fresh servers (`--servers` processes, students spread over them), warmed by one visit to each
page its students use (`--nginx`: behind nginx as `make serve-class` runs it); students join over 5 s (arrivals: at once), act for `--seconds`, then stop starting actions;
answers in flight are waited for. `--students N` runs N students in the scenario's proportions.
"""

from __future__ import annotations

import locust  # noqa: F401  (first: gevent patches the standard library before anything else is imported)

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass

import gevent
import torch
from locust.env import Environment
from locust.log import setup_logging

from benchmarks.load import arrive, students
from benchmarks.load.arrive import ArrivingStudent
from benchmarks.load.page import Page
from benchmarks.load.protocol import Tab
from benchmarks.load.report import Row, Timings, goal_row, table, timed_row
from benchmarks.load.server import PeakMemory, Server, behind_nginx, servers, wait_idle
from benchmarks.load.students import EDITS, ExploreStudent, LessonStudent, Student, TrainStudent

RAMP_SECONDS = 5.0
GOAL_EDIT_P95, GOAL_PAUSE_P95, GOAL_ARRIVE_P95 = 1.0, 0.5, 3.0
GOAL_FPS, GOAL_DELIVERED, GOAL_CPU_MS, GOAL_RSS_MIB = 3.0, 0.9, 15.0, 1536


@dataclass
class Scenario:
    """A class on the server: how many students of each kind, and which goals apply."""

    name: str
    title: str
    classes: dict[type[Student], int]


SCENARIOS = {s.name: s for s in (
    Scenario("edit60", "60 students editing", {ExploreStudent: 60}),
    Scenario("train40", "40 students training", {TrainStudent: 40}),
    Scenario("mixed", "40 editing + 20 training", {ExploreStudent: 40, TrainStudent: 20}),
    Scenario("arrive40", "40 arriving with empty caches", {ArrivingStudent: 40}),
    Scenario("lesson20", "20 students walking the lesson", {LessonStudent: 20}),
)}


def scaled(classes: dict[type[Student], int], total: int | None) -> dict[type[Student], int]:
    """The scenario's counts, or `total` students in the same proportions (at least one of each kind)."""
    if total is None:
        return classes
    whole = sum(classes.values())
    return {cls: max(1, round(total * n / whole)) for cls, n in classes.items()}


def warm(group: list[Server], classes: dict[type[Student], int]) -> None:
    """One visit to each page the students use, on each server (the first run pays for imports), then until the
    servers are idle (the background import of torch the first page starts)."""
    for server in group:
        for page, query in {(cls.page_name, cls.query) for cls in classes}:
            tab = Tab(server.url, timeout=120)
            tab.open(page, query)
            tab.close()
    if not wait_idle(group):
        print("warning: the servers were still busy a minute after the warm-up visits", file=sys.stderr)


def run_scenario(scenario: Scenario, counts: dict[type[Student], int], args: argparse.Namespace) -> list[Row]:
    """Start the servers, run the students, and measure; the scenario's rows of the table."""
    students.reset()
    Page.all_unseen_ends = 0
    timings = Timings()
    with servers(args.servers) as group, (behind_nginx(group) if args.nginx else nullcontext(None)) as front:
        if ArrivingStudent in counts:
            ArrivingStudent.paths = arrive.recorded(front or group[0].url)  # the recording visit warms the server
        warm(group, counts)
        classes = [type(cls.__name__, (cls,), {"fixed_count": n}) for cls, n in counts.items()]
        env = Environment(user_classes=classes, host=front or ",".join(s.url for s in group))
        env.events.request.add_listener(timings.on_request)
        runner = env.create_local_runner()
        total = sum(counts.values())
        load_before, cpu_before, start = os.getloadavg()[0], sum(s.cpu() for s in group), time.monotonic()
        own_before = time.process_time()
        students.SETTINGS.stop_at = start + args.seconds
        students.SETTINGS.timeout = args.timeout
        chromium = beside(front or group[0].url, args) if ExploreStudent in counts and args.browsers else None
        with PeakMemory(group) as memory:
            runner.start(total, spawn_rate=total if ArrivingStudent in counts else max(total / RAMP_SECONDS, 1))
            while time.monotonic() < students.SETTINGS.stop_at and students.TALLY.arrived < total:
                gevent.sleep(0.2)  # arrivals end when everyone has arrived
            deadline = time.monotonic() + args.timeout + 15  # answers and live watches in flight
            while runner.user_count and time.monotonic() < deadline:
                gevent.sleep(0.2)
            elapsed, cpu = time.monotonic() - start, sum(s.cpu() for s in group) - cpu_before
            own = time.process_time() - own_before
            runner.quit()
        load_after = os.getloadavg()[0]
        tracebacks = sum(s.tracebacks() for s in group)
        seen_in_chromium = chromium_times(chromium)
    name = scenario.name
    apart = (*EDITS, "first visit")  # in goal rows of their own
    rows = [timed_row(name, action, times, timings.errors[action])
            for action, times in sorted(timings.seconds.items()) if action not in apart]
    rows += [timed_row(name, action, [], errors) for action, errors in timings.errors.items()
             if action not in timings.seconds and action not in apart]
    rows += measures(name, counts, timings, elapsed, cpu, memory.peak)
    if seen_in_chromium is not None:
        ms, errors = seen_in_chromium
        rows.append(timed_row(name, f"edit in Chromium, typed -> server's Y drawn ({args.browsers} pages)",
                              [m / 1000 for m in ms], len(errors), GOAL_EDIT_P95))
    rows.append(goal_row(name, "server tracebacks", tracebacks, str(tracebacks), "0", lambda v: v == 0))
    rows.append(goal_row(name, "students' own CPU (this process)", own, f"{own:.1f} s, {own / elapsed:.0%} of a core", ""))
    rows.append(goal_row(name, "load average (1 min)", load_after, f"{load_before:.1f} -> {load_after:.1f}", ""))
    for message, n in timings.messages.most_common(5):
        print(f"  {name} error x{n}: {message}", file=sys.stderr)
    return rows


def beside(url: str, args: argparse.Namespace) -> subprocess.Popen:
    """`--browsers` real Chromium pages editing on Explore for the run's length (benchmarks/load/browsers.py)."""
    return subprocess.Popen([sys.executable, "-m", "benchmarks.load.browsers", url, "--sessions", str(args.browsers),
                             "--seconds", str(args.seconds)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, env={**os.environ, "LOCUST_SKIP_MONKEY_PATCH": "1"})


def chromium_times(proc: subprocess.Popen | None) -> tuple[list[float], list[str]] | None:
    """The Chromium pages' edit times (ms) and errors, once they are done (None: none ran)."""
    if proc is None:
        return None
    out, _ = proc.communicate(timeout=600)
    try:
        found = json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return [], [f"the Chromium pages printed no result (exit {proc.returncode})"]
    return found["ms"], found["errors"]


def measures(name: str, counts: dict[type[Student], int], timings: Timings, elapsed: float, cpu: float,
             peak: int) -> list[Row]:
    """The goal rows of a scenario: edits, frames, Pause latency, arrivals, CPU per edit, memory."""
    rows = []
    edits, edit_errors = timings.of(EDITS)
    if ExploreStudent in counts:
        rows.append(timed_row(name, "edits (preset, random, typed, upload)", edits, edit_errors, GOAL_EDIT_P95))
        rows.append(goal_row(name, "edits/s", len(edits) / elapsed, f"{len(edits) / elapsed:.1f}", ""))
    if set(counts) == {ExploreStudent} and edits:
        ms = cpu / len(edits) * 1000
        rows.append(goal_row(name, "server CPU per edit", ms, f"{ms:.1f} ms ({cpu:.1f} s)", f"< {GOAL_CPU_MS:g} ms",
                             lambda v: v < GOAL_CPU_MS))
    if TrainStudent in counts:
        rows += train_rows(name, timings)
    if ArrivingStudent in counts:
        times, errors = timings.of(("first visit",))
        rows.append(timed_row(name, f"first visit ({len(ArrivingStudent.paths)} files + page)", times, errors,
                              GOAL_ARRIVE_P95))
    if LessonStudent in counts:
        times, errors = timings.of(("next step", "run step 6", "go to explore", "go to lesson"))
        rows.append(goal_row(name, "lesson actions with errors", errors, f"{errors} of {len(times) + errors}", "0",
                             lambda v: v == 0))
    mib = peak / 2**20
    rows.append(goal_row(name, "server RSS peak", mib, f"{mib:.0f} MiB", f"< {GOAL_RSS_MIB} MiB",
                         lambda v: v < GOAL_RSS_MIB))
    return rows


def train_rows(name: str, timings: Timings) -> list[Row]:
    """Frames per trainer, frames delivered of those computed, Pause/Resume latency."""
    tally = students.TALLY
    rates = [tally.seen_live[n] / tally.watched[n] for n in tally.watched if tally.watched[n]]
    low = min(rates) if rates else None
    text = f"min {min(rates):.1f}, median {statistics.median(rates):.1f}" if rates else ""
    computed, delivered = sum(tally.computed.values()), sum(tally.delivered.values())
    share = delivered / computed if computed else None
    times, errors = timings.of(("pause", "resume"))
    return [goal_row(name, "frames/s delivered per trainer", low, text, f">= {GOAL_FPS:g} each",
                     lambda v: v >= GOAL_FPS),
            goal_row(name, "frames delivered / computed", share, f"{delivered} / {computed} ({share or 0:.0%})",
                     f">= {GOAL_DELIVERED:.0%}", lambda v: v >= GOAL_DELIVERED),
            timed_row(name, "pause / resume", times, errors, GOAL_PAUSE_P95),
            goal_row(name, "live ticks run after Pause", sum(tally.after_stop.values()),
                     str(sum(tally.after_stop.values())), ""),
            goal_row(name, "runs that ended unseen", Page.all_unseen_ends, str(Page.all_unseen_ends), "")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", default=",".join(SCENARIOS), help="comma-separated: " + ", ".join(SCENARIOS))
    parser.add_argument("--students", type=int, help="students per scenario (the scenario's proportions)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long students act")
    parser.add_argument("--servers", type=int, default=1, help="app processes (students spread over them)")
    parser.add_argument("--browsers", type=int, default=2,
                        help="real Chromium pages editing beside the students (scenarios with editors; 0: none)")
    parser.add_argument("--nginx", action="store_true",
                        help="students go through nginx as `make serve-class` runs it (sticky, static files from disk)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds an answer may take before it fails")
    parser.add_argument("--strict", action="store_true", help="exit status 1 when a goal fails")
    args = parser.parse_args()
    setup_logging("WARNING")
    torch.set_num_threads(1)  # the checks' correlations are tiny; the server needs the cores
    rows: list[Row] = []
    for name in args.scenario.split(","):
        scenario = SCENARIOS[name.strip()]
        counts = scaled(scenario.classes, args.students)
        print(f"{name}: {scenario.title} ({', '.join(f'{n} {c.kind}' for c, n in counts.items())}), "
              f"{args.seconds:g} s on {args.servers} server(s)...", file=sys.stderr, flush=True)
        rows += run_scenario(scenario, counts, args)
    print(table(rows))
    return 1 if args.strict and any(r.passed is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
