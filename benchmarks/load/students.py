"""Locust users, one per kind of student, each a Tab (protocol.py) on the app; every timed action is verified by
checks.py and reported through Locust's `request` event (a failed check is an error, never a fast answer).

Each user thinks 1-3 s between actions, drawn from its own random.Random (seeded by its number), and stops
starting actions at `STOP_AT` so that run.py can let answers in flight arrive before it counts.
"""

from __future__ import annotations

import io
import itertools
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
from locust import User, task
from locust.exception import StopUser
from PIL import Image

from benchmarks.load import checks
from benchmarks.load.page import Run, click_state, json_state, label_state
from benchmarks.load.protocol import Tab
from convcore import kernels
from ui.text import t

LANG = checks.LANG
EDITS = ("preset", "random", "typed cell", "upload")  # the Explore actions counted as edits
TRAIN_STEPS = 5000  # Train opens with this many steps asked for: live training outlasts any watch
PICTURE_SIDE = 24
_numbers = itertools.count()


@dataclass
class Settings:
    """What run.py sets before a run: when students stop starting actions, and how long an answer may take."""

    stop_at: float = float("inf")
    timeout: float = 30.0


@dataclass
class Tally:
    """What Locust's request statistics do not hold: live frames per trainer, arrivals."""

    computed: Counter = field(default_factory=Counter)  # live fragment runs started, per student
    delivered: Counter = field(default_factory=Counter)  # of those, frames received with a newer chart
    watched: Counter = field(default_factory=Counter)  # seconds spent watching live training
    seen_live: Counter = field(default_factory=Counter)  # frames delivered while watching
    after_stop: Counter = field(default_factory=Counter)  # live ticks run after training stopped (no new steps)
    arrived: int = 0

    def clear(self) -> None:
        """Forget a previous run's figures."""
        for counter in (self.computed, self.delivered, self.watched, self.seen_live, self.after_stop):
            counter.clear()
        self.arrived = 0


SETTINGS, TALLY = Settings(), Tally()


def reset() -> None:
    """Before a run: tallies cleared, students numbered (and seeded) from 0 again."""
    global _numbers
    _numbers = itertools.count()
    TALLY.clear()


def picture(seed: int, side: int = PICTURE_SIDE) -> tuple[bytes, np.ndarray]:
    """A grey PNG, different for each student (no shared decode cache), and the X it should become."""
    pixels = np.random.default_rng(seed).integers(0, 256, (side, side), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels, "L").save(buffer, format="PNG")
    return buffer.getvalue(), pixels / 255.0


class Student(User):
    """A student's tab on one of the servers (`host`: their URLs, comma-separated; students are spread over them)."""

    abstract = True
    kind, page_name, query = "student", "explore", "lang=en"

    def __init__(self, environment) -> None:
        super().__init__(environment)
        self.number = next(_numbers)
        self.rng = random.Random(self.number)
        self.tab: Tab | None = None

    def wait_time(self) -> float:
        """Thinking time between actions: 1 to 3 s from this student's own generator."""
        return self.rng.uniform(1.0, 3.0)

    def base_url(self) -> str:
        """The server this student uses."""
        hosts = self.host.split(",")
        return hosts[self.number % len(hosts)]

    def on_stop(self) -> None:
        if self.tab is not None:
            self.tab.close()

    def timed(self, name: str, action: Callable[[], object]) -> bool:
        """Run one action, timed and verified, and report it; after an error the tab is reopened next time."""
        if time.monotonic() >= SETTINGS.stop_at:
            raise StopUser()
        start, before = time.perf_counter(), self.tab.received_bytes if self.tab else 0
        error: Exception | None = None
        try:
            action()
        except Exception as exc:  # any failure of the server, the protocol or a check counts as an error
            error = exc
        received = (self.tab.received_bytes if self.tab else 0) - before
        self.environment.events.request.fire(request_type=self.kind, name=name, response_time=(time.perf_counter() - start) * 1000,
                                             response_length=received, exception=error, context={})
        if error is not None and self.tab is not None:
            self.tab.close()
            self.tab = None
        return error is None

    def ensure_open(self) -> bool:
        """Open this student's page when no tab is open (timed as 'open <page>')."""
        if self.tab is not None:
            return True
        tab = Tab(self.base_url(), SETTINGS.timeout)
        self.tab = tab
        return self.timed(f"open {self.page_name}", lambda: self.opened(tab.open(self.page_name, self.query)))

    def opened(self, runs: list[Run]) -> None:
        """Verify the page just opened (each kind knows its own)."""
        checks.finished(runs, whole=True)

    def visit(self, page: str, title_key: str, query: str = "lang=en") -> bool:
        """Move to another page of the app and verify its title."""
        return self.timed(f"go to {page}", lambda: checks.page_title(self.tab.goto(page, query), self.tab.page, title_key))


class ExploreStudent(Student):
    """Edits kernels on Explore: presets, Random, typed cells; uploads a small picture once; now and then visits the
    lesson and comes back."""

    kind, page_name = "explore", "explore"

    def on_start(self) -> None:
        self.uploaded, self.actions = False, 0

    def opened(self, runs: list[Run]) -> None:
        checks.explore_answer(runs, self.tab.page)

    @task
    def edit(self) -> None:
        if not self.ensure_open():
            return
        self.actions += 1
        if not self.uploaded:
            self.uploaded = self.timed("upload", self.upload)
        elif self.actions % 10 == 0:
            if self.visit("lesson", "lesson_title"):
                self.wait()
                self.visit("explore", "explore_title")
        else:
            name = self.rng.choice(("preset", "random", "typed cell"))
            self.timed(name, {"preset": self.preset, "random": self.random, "typed cell": self.typed}[name])

    def upload(self) -> None:
        """Switch the source to Upload, then upload this student's picture; X must be that picture."""
        tab = self.tab
        runs = tab.change(label_state(tab.page.widget_id("ex_source"), t("image_source_upload", LANG)), whole=True)
        checks.finished(runs, whole=True)
        data, pixels = picture(self.number)
        checks.explore_answer(tab.upload("ex_file", f"student_{self.number}.png", data), tab.page, picture=pixels)

    def preset(self) -> None:
        """Pick another preset; K must be its values."""
        name = self.rng.choice(list(kernels.PRESETS))
        runs = self.tab.change(label_state(self.tab.page.widget_id("exk_preset"), t(f"kernel_{name}", LANG)))
        checks.explore_answer(runs, self.tab.page, kernel=kernels.preset(name))

    def grid_edit(self, cells: list[list[str]]) -> None:
        """Send the kernel grid's cells as the browser does (counted edit); K must be those numbers."""
        page = self.tab.page
        edit = {"edit": {"cells": cells, "n": page.component_data("exk_grid")["seen"] + 1}}
        runs = self.tab.change(json_state(page.widget_id("exk_grid"), edit))
        checks.explore_answer(runs, page, kernel=np.array(cells, dtype=np.float64))

    def random(self) -> None:
        """The grid's Random button: integers from -2 to 2, never the kernel shown."""
        shown = self.tab.page.component_data("exk_grid")["cells"]
        cells = shown
        while cells == shown:
            cells = [[str(self.rng.randint(-2, 2)) for _ in row] for row in shown]
        self.grid_edit(cells)

    def typed(self) -> None:
        """Type a number into one cell."""
        cells = [list(row) for row in self.tab.page.component_data("exk_grid")["cells"]]
        i, j = self.rng.randrange(len(cells)), self.rng.randrange(len(cells[0]))
        cells[i][j] = str(self.rng.choice([-3, -1, 0.5, 2, 4]))
        self.grid_edit(cells)


class TrainStudent(Student):
    """Trains live on Train: Start, watch the frames, Pause, Resume, watch, Pause, Reset."""

    kind, page_name, query = "train", "train", f"lang=en&steps={TRAIN_STEPS}"

    def on_start(self) -> None:
        self.live, self.last_step = "", 0

    @task
    def train(self) -> None:
        if not self.ensure_open():
            return
        for name in ("start", "resume"):
            if not self.timed(name, lambda: self.press("tr_start", running=True)):
                return
            self.watch(self.rng.uniform(4.0, 8.0))
            if not self.timed("pause", lambda: self.press("tr_pause", running=False)):
                return
            self.wait()
        self.timed("reset", lambda: self.press("tr_reset", running=False))

    def press(self, key: str, running: bool) -> None:
        """Click a Train button; the page, or its run part, must answer with the right buttons (Pause while
        training)."""
        tab = self.tab
        runs = tab.change(click_state(tab.page.widget_id(key)))
        self.count_frames(runs[:-1])
        run = checks.train_buttons(runs, tab.page, running)
        self.live = (run.auto_reruns() or [self.live])[0]
        if tab.page.shows("tr_charts"):  # a live tick queued before the click may have taken the answer's chart away
            self.last_step = checks.loss_steps(checks.figure(tab.page, "tr_charts"))

    def watch(self, seconds: float) -> None:
        """Watch live training: frames delivered (verified newer) vs live runs computed."""
        delivered = self.count_frames(self.tab.watch(seconds))
        TALLY.watched[self.number] += seconds
        TALLY.seen_live[self.number] += delivered

    def count_frames(self, runs: list[Run]) -> int:
        """Count the live fragment's runs and the frames among them (a stale or broken frame is an error)."""
        delivered = 0
        for run in runs:
            if not self.live or self.live not in run.fragment_ids:
                continue
            fig = checks.frame_chart(run)
            if fig is not None and not checks.is_training(fig):
                TALLY.after_stop[self.number] += 1  # a tick that ran after Pause: no frame of training
                continue
            TALLY.computed[self.number] += 1
            if fig is None:
                continue
            start = time.perf_counter()
            try:
                self.last_step = checks.train_frame(run, self.last_step, fig)
            except checks.CheckFailed as error:
                self.environment.events.request.fire(request_type=self.kind, name="frame", response_time=0.0,
                                                     response_length=run.nbytes, exception=error, context={})
                continue
            delivered += 1
            TALLY.delivered[self.number] += 1
            self.environment.events.request.fire(request_type=self.kind, name="frame",
                                                 response_time=(time.perf_counter() - start) * 1000,
                                                 response_length=run.nbytes, exception=None, context={})
        return delivered


class LessonStudent(Student):
    """Walks the lesson step by step, trains step 6 to the end, then looks at Explore and starts over."""

    kind, page_name, query = "lesson", "lesson", "lang=en&step=1"
    ITERATIONS = 10  # step 6's default

    @task
    def walk(self) -> None:
        if not self.ensure_open():
            return
        for step in range(2, 8):
            if not self.timed("next step", lambda: self.next_step(step)):
                return
            if step == 6 and not self.timed("run step 6", self.run_step6):
                return
            self.wait()
        if self.visit("explore", "explore_title"):
            self.wait()
            self.visit("lesson", "lesson_title", "lang=en&step=1")

    def next_step(self, step: int) -> None:
        """Press Next; the lesson must show `step`."""
        tab = self.tab
        checks.lesson_step(tab.change(click_state(tab.page.widget_id("lesson_next_top")), whole=True), tab.page, step)

    def run_step6(self) -> None:
        """Press Play on step 6 and wait until it has trained every iteration (one a tick)."""
        tab = self.tab
        checks.finished(tab.change(click_state(tab.page.widget_id("lesson_play")), whole=True), whole=True)
        checks.lesson_trained(tab.until_done(whole=True), tab.page, self.ITERATIONS)
