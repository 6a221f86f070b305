"""Driving the Train page in AppTest: its session's Trainer, the live chart's panels, a run to its end, a clock.

AppTest never ticks a fragment's run_every timer: each at.run() trains one live frame's slice of steps.
"""

from __future__ import annotations

import numpy as np

from tests.helpers.figures import chart_figure, plotly_array

MAX_RUNS = 40
LIVE_CHART = "tr_charts"  # loss, weights and landscape, one figure


def decode(value) -> np.ndarray:
    """A Plotly array from a chart spec: a list (as float64), or Plotly's {"dtype", "bdata", "shape"} base64 blob."""
    if isinstance(value, dict) and "bdata" in value:
        return plotly_array(value)
    return np.asarray(value, dtype=np.float64)


def panel(at, name: str) -> list[dict]:
    """The traces of one panel ("loss", "weights" or "landscape") of the live training chart."""
    return [d for d in chart_figure(at, LIVE_CHART)["data"] if d.get("meta") == name]


def trainer(at):
    """The session's Trainer."""
    return at.session_state["tr_trainer"]


def run_until_stopped(at) -> int:
    """Rerun (one live frame each) until training stops; returns the number of reruns."""
    for n in range(1, MAX_RUNS + 1):
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        if not at.session_state["tr_running"]:
            return n
    raise AssertionError(f"still running after {MAX_RUNS} reruns at step {trainer(at).steps_taken}")


class FakeClock:
    """A clock that moves only when the test says (ui.shell.CLOCK)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
