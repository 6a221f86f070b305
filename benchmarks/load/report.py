"""The load run's table: one row per measure, with its goal and PASS/FAIL where the issue sets one."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass
class Timings:
    """Every reported action by name: response times of the good ones, errors and their messages."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    messages: Counter = field(default_factory=Counter)

    def on_request(self, name: str, response_time: float, exception: Exception | None = None, **_: object) -> None:
        """Locust's `request` event."""
        if exception is None:
            self.seconds[name].append(response_time / 1000)
        else:
            self.errors[name] += 1
            self.messages[f"{name}: {type(exception).__name__}: {str(exception)[:140]}"] += 1

    def of(self, names: tuple[str, ...]) -> tuple[list[float], int]:
        """The good times and the error count of these actions together."""
        return [s for n in names for s in self.seconds.get(n, [])], sum(self.errors[n] for n in names)


@dataclass
class Row:
    """One line of the table."""

    scenario: str
    measure: str
    times: list[float] | None = None  # for p50 / p95 / max
    value: str = ""
    goal: str = ""
    passed: bool | None = None  # None: no goal


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (numpy's linear interpolation)."""
    return float(np.percentile(values, q)) if values else float("nan")


def timed_row(scenario: str, measure: str, times: list[float], errors: int, goal_p95: float | None = None) -> Row:
    """p50/p95/max of an action, its count and errors; PASS when p95 is under the goal and nothing failed."""
    value = f"{len(times)} ok, {errors} errors"
    if goal_p95 is None:
        return Row(scenario, measure, times, value)
    passed = bool(times) and errors == 0 and percentile(times, 95) < goal_p95
    return Row(scenario, measure, times, value, f"p95 < {goal_p95:g} s, 0 errors", passed)


def goal_row(scenario: str, measure: str, value: float | None, text: str, goal: str,
             test: Callable[[float], bool] | None = None) -> Row:
    """A single figure, with a goal when `test` is given (no figure: FAIL)."""
    passed = None if test is None else (value is not None and test(value))
    return Row(scenario, measure, None, text if value is not None else "n/a", goal, passed)


def seconds_text(value: float) -> str:
    """A time for the table: ms under a second."""
    return "-" if value != value else f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(rows: list[Row]) -> str:
    """The rows as a fixed-width table."""
    head = ("scenario", "measure", "p50", "p95", "max", "value", "goal", "result")
    lines = []
    for r in rows:
        stats = [seconds_text(percentile(r.times, q)) for q in (50, 95, 100)] if r.times is not None else ["", "", ""]
        verdict = "" if r.passed is None else "PASS" if r.passed else "FAIL"
        lines.append((r.scenario, r.measure, *stats, r.value, r.goal, verdict))
    widths = [max(len(str(line[i])) for line in [head, *lines]) for i in range(len(head))]

    def fmt(line: tuple) -> str:
        """Text columns to the left, the three times to the right."""
        cells = (str(c).rjust(w) if 2 <= i <= 4 else str(c).ljust(w) for i, (c, w) in enumerate(zip(line, widths)))
        return "  ".join(cells).rstrip()

    return "\n".join([fmt(head), "-" * (sum(widths) + 2 * (len(widths) - 1)), *map(fmt, lines)])
