"""Verifying each timed action from the messages received: a wrong or missing answer raises CheckFailed, which the
students count as an error (never as a fast answer)."""

from __future__ import annotations

import json

import numpy as np

from benchmarks.load.page import Page, Run
from convcore.engine import correlate
from convcore.plots.train_charts import LIVE_UID
from tests.helpers.figures import plotly_array
from ui.text import t

LANG = "en"
ERROR_ALERT = 1  # Alert.Format.ERROR: ConvLab's error box (ui.shell.show_error)


class CheckFailed(AssertionError):
    """A timed action's answer was wrong or missing."""


def finished(runs: list[Run], whole: bool = False) -> Run:
    """The run that answered (the last one): it must have finished, be a whole-page run when `whole`, and show no
    error or exception."""
    if not runs or not runs[-1].succeeded:
        raise CheckFailed("the answer's run did not finish (no script_finished)")
    run = runs[-1]
    if whole and run.is_fragment:
        raise CheckFailed("a fragment run answered where the whole page had to rerun")
    for el in run.elements():
        kind = el.WhichOneof("type")
        if kind == "exception" or (kind == "alert" and el.alert.format == ERROR_ALERT):
            raise CheckFailed(f"the page shows an error: {(el.alert.body if kind == 'alert' else el.exception.message)[:120]}")
    return run


def figure(page: Page, key: str) -> dict:
    """The Plotly figure of the chart with this key as the page shows it (a live chart or st.plotly_chart)."""
    found = page.find(key)
    if found is None:
        raise CheckFailed(f"the page shows no chart {key}")
    el = found[1]
    if el.WhichOneof("type") == "plotly_chart":
        return json.loads(el.plotly_chart.spec)
    return json.loads(json.loads(el.bidi_component.json)["figure"])


def heat(page: Page, key: str) -> np.ndarray:
    """The numbers of an array chart (its last heatmap: the one with exact values, also for large arrays)."""
    traces = [tr for tr in figure(page, key)["data"] if tr.get("type") == "heatmap"]
    if not traces:
        raise CheckFailed(f"chart {key} has no heatmap")
    return np.asarray(plotly_array(traces[-1]["z"]), dtype=np.float64)


def same(a: np.ndarray, b: np.ndarray, tolerance: float) -> bool:
    """Equal shapes and values within `tolerance`."""
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tolerance))


def explore_answer(runs: list[Run], page: Page, kernel: np.ndarray | None = None,
                   picture: np.ndarray | None = None) -> np.ndarray:
    """An Explore edit's answer: the run sent a new Y, K is the kernel asked for (when given), X the picture
    uploaded (when given), and Y equals the correlation of the X and K the page shows. Returns Y."""
    run = finished(runs)
    if run.element("ex_y_chart") is None:
        raise CheckFailed("the run sent no new Y")
    X, K, Y = heat(page, "ex_x_chart"), heat(page, "ex_k_chart"), heat(page, "ex_y_chart")
    if kernel is not None and not same(K, np.asarray(kernel, dtype=np.float64), 1e-6):
        raise CheckFailed(f"K shown is {K.tolist()}, not the kernel asked for {np.asarray(kernel).tolist()}")
    if picture is not None and not same(X, picture, 2e-3):
        raise CheckFailed(f"X shown ({X.shape}) is not the picture uploaded ({picture.shape})")
    expected = correlate(X, K).numpy().astype(np.float64)
    if not same(Y, expected, 1e-4 * (np.abs(K).sum() * max(np.abs(X).max(), 1.0) + 1.0)):
        raise CheckFailed(f"Y shown ({Y.shape}) is not corr2d(X, K) ({expected.shape})")
    return Y


def loss_line(fig: dict) -> dict:
    """The loss trace of a Train chart."""
    for trace in fig.get("data", []):
        if str(trace.get("uid", "")).endswith("loss") and trace.get("x") is not None:
            return trace
    raise CheckFailed("the Train chart has no loss line")


def loss_steps(fig: dict) -> int:
    """The last step on a Train chart's loss line (0 when it has none)."""
    x = plotly_array(loss_line(fig)["x"])
    return int(np.max(x)) if x.size else 0


def frame_chart(run: Run) -> dict | None:
    """The Train chart a live fragment run sent (None: its frame was dropped)."""
    el = run.element("tr_charts")
    return None if el is None else json.loads(json.loads(el.bidi_component.json)["figure"])


def is_training(fig: dict) -> bool:
    """Whether a Train chart was drawn while training ran (its loss line live), not by a tick after it stopped."""
    return str(loss_line(fig).get("uid", "")).startswith(LIVE_UID)


def train_frame(run: Run, last_step: int, fig: dict | None = None) -> int:
    """A delivered live frame: its run ended (a run cut short by the next one still delivered what it sent) and its
    chart (`fig`: frame_chart(run), when already read), drawn while training, has a loss line with more steps than
    `last_step`; returns them."""
    if run.status is None:
        raise CheckFailed("the frame's run did not finish (no script_finished)")
    fig = fig or frame_chart(run)
    if fig is None:
        raise CheckFailed("the frame carried no chart")
    steps = loss_steps(fig)
    if not is_training(fig) or steps <= last_step:
        raise CheckFailed(f"stale frame: the loss line ends at step {steps}, the last frame at {last_step}")
    return steps


def train_buttons(runs: list[Run], page: Page, running: bool) -> Run:
    """After Start/Resume (`running`) or Pause: a finished run that drew the buttons (the whole page's, or its run
    part's; not a live frame's) offering Pause (Start/Resume disabled, and live frames asked for), or Pause
    disabled."""
    run = finished(runs)
    if run.element("tr_once") is None:
        raise CheckFailed("the answer did not draw the buttons (a live frame's run answered the click)")
    offered = {key for key in ("tr_start", "tr_pause") if enabled(page, key)}
    if (offered != {"tr_pause"}) if running else ("tr_pause" in offered):
        raise CheckFailed(f"the page offers {' and '.join(sorted(offered)) or 'neither'} "
                          f"{'while training' if running else 'paused'}")
    if running != bool(run.auto_reruns()):
        raise CheckFailed("live frames " + ("not asked for" if running else "still asked for"))
    return run


def enabled(page: Page, key: str) -> bool:
    """Whether the page shows the button with this key, enabled."""
    found = page.find(key)
    return found is not None and found[1].WhichOneof("type") == "button" and not found[1].button.disabled


def headings(page: Page) -> list[str]:
    """The texts of the page's titles and headers."""
    return [el.heading.body for el in page.elements.values() if el.WhichOneof("type") == "heading"]


def page_title(runs: list[Run], page: Page, title_key: str) -> None:
    """After moving to a page: a finished whole-page run with that page's title."""
    finished(runs, whole=True)
    if t(title_key, LANG) not in headings(page):
        raise CheckFailed(f"the page's title is not {t(title_key, LANG)!r}")


def lesson_step(runs: list[Run], page: Page, step: int) -> None:
    """After Next: a finished whole-page run showing step `step`'s header."""
    finished(runs, whole=True)
    header = f"{step}. {t(f'lesson_s{step}_title', LANG)}"
    if header not in headings(page):
        raise CheckFailed(f"the lesson does not show {header!r}")


def lesson_trained(runs: list[Run], page: Page, iterations: int) -> None:
    """Step 6 trained to the end: Play shown again and the chart's loss line at every iteration."""
    finished(runs, whole=True)
    if not page.shows("lesson_play") or page.shows("lesson_pause"):
        raise CheckFailed("step 6 still shows Pause")
    loss = figure(page, "lesson_train_chart")["data"][0]
    if plotly_array(loss["x"]).tolist() != list(range(1, iterations + 1)):
        raise CheckFailed(f"the loss line does not show iterations 1 to {iterations}")
