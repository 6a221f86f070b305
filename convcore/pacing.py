"""Pacing live training: how many steps to train between two chart frames (no Streamlit)."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional, Protocol

PLAY_SECONDS = {"slow": 1.0, "normal": 0.5, "fast": 0.2}  # Explore's Play: seconds per output cell
TRAIN_STEPS_PER_FRAME = {"slow": 1, "medium": 5, "fast": None}  # Train: steps per chart frame; None: as many as fit
PLAY_EARLY = 0.6  # Play's timer may fire a little early: a tick from this share of the interval on moves the window
BURST_BLOCK = 100  # a burst checks its deadline and its allowance every this many steps at most
BURST_SECONDS = 5.0  # a session may spend this many seconds' worth of its steps at once (Train's "Run to the end")


@dataclass
class Allowance:
    """A session's training steps: at most `rate` a second on average, in bursts of at most `burst` seconds' worth
    (a token bucket, full at first: "Run to the end" may spend a burst at once). Live frames also keep to the rate
    over any second (a second, small bucket), so the steps/s they show is the rate, not a burst."""

    rate: float
    burst: float = BURST_SECONDS
    tokens: Optional[float] = None  # None: full
    pace: Optional[float] = None  # the live frames' bucket: at most one second's worth (None: full)
    last: Optional[float] = None

    def capacity(self) -> float:
        """The most steps the bucket holds (a slow rate, 0.1 a second, still gets whole steps)."""
        return max(self.rate * self.burst, 1.0)

    def pace_capacity(self) -> float:
        """The most steps the live frames' bucket holds: one second's worth, at least one step."""
        return max(self.rate, 1.0)

    def fill(self) -> None:
        """Both buckets full, the first time."""
        if self.tokens is None:
            self.tokens = self.capacity()
        if self.pace is None:
            self.pace = self.pace_capacity()

    def available(self, now: float, live: bool = False) -> int:
        """Whole steps that may be taken now (by a live frame: no faster than the rate over the last second)."""
        self.fill()
        if self.last is not None:
            refill = self.rate * max(now - self.last, 0.0)
            self.tokens = min(self.capacity(), self.tokens + refill)
            self.pace = min(self.pace_capacity(), self.pace + refill)
        self.last = now
        return max(int(min(self.tokens, self.pace) if live else self.tokens), 0)

    def spend(self, steps: int) -> None:
        """Take `steps` from the buckets."""
        self.fill()
        self.tokens -= steps
        self.pace = max(self.pace - steps, 0.0)


@dataclass
class Pacer:
    """Runs a time-budgeted slice of steps per frame so that drawing takes at most about half the time.

    Each frame: train for `budget` seconds (at least one step), then the caller draws. The budget grows when the
    time outside training (drawing, sending, the timer) grows, so training keeps at least `share` of the
    wall-clock time: with fast steps this is the "draw every k steps" rule, k = steps per frame. With a
    `frame_period`, the budget also follows the frames: longer while they come faster than that, shorter (down to
    the share) while they come slower; training gets the time the frames leave.
    """

    budget_min: float = 0.05
    budget_max: float = 0.3  # frames at least about 3 times a second even when drawing is slow
    share: float = 0.6
    frame_period: Optional[float] = None
    smoothing: float = 0.3
    pause_gap: float = 2.0  # more time than this outside training between frames is a pause, not drawing
    budget: float = 0.05  # the first frame's (budget_min)
    capped: bool = False  # the last frame stopped because the allowance ran out (the server's steps/s limit)
    last_start: Optional[float] = None
    last_train: float = 0.0
    last_steps: int = 0
    overhead: Optional[float] = None
    frame_gap: Optional[float] = None  # EMA seconds between frames
    frame_steps: Optional[float] = None  # EMA steps a frame
    train_seconds: float = 0.0
    train_steps: int = 0
    frames: int = 0
    log: list[tuple[float, int, float]] = field(default_factory=list)  # (frame start, steps, train seconds)

    def ema(self, old: Optional[float], new: float) -> float:
        """Exponential moving average."""
        return new if old is None else (1 - self.smoothing) * old + self.smoothing * new

    def resume(self) -> None:
        """Forget the last frame time (after a pause or a reset), keep the budget."""
        self.last_start = None

    def run(self, trainer, target_steps: int, clock: Callable[[], float] = time.perf_counter,
            interrupted: Callable[[], bool] = lambda: False, allowance: Optional[Allowance] = None) -> list:
        """Train up to the budget (at least one step, none when the allowance is spent) without passing
        target_steps, stopping early when `interrupted()` (the user pressed something); returns the records."""
        now = clock()
        gap = None if self.last_start is None else now - self.last_start
        if gap is not None and gap - self.last_train < self.pause_gap:
            self.overhead = self.ema(self.overhead, max(gap - self.last_train, 0.0))
            self.frame_gap = self.ema(self.frame_gap, gap)
            self.frame_steps = self.ema(self.frame_steps, self.last_steps)
            wanted = self.overhead * self.share / (1 - self.share)
            if self.frame_period is not None:  # at most 25% more or less a frame: the frame gap is an average
                wanted = max(wanted, self.budget * min(max(self.frame_period / self.frame_gap, 0.8), 1.25))
            self.budget = min(max(wanted, self.budget_min), self.budget_max)
        self.last_start = now
        deadline = now + self.budget
        allowed = None if allowance is None else allowance.available(now, live=True)
        records: list = []
        taken = 0
        while trainer.steps_taken < target_steps and not trainer.done and (allowed is None or taken < allowed):
            records += trainer.step(1)
            taken += 1
            if clock() >= deadline or interrupted():
                break
        self.capped = allowed is not None and taken >= allowed and trainer.steps_taken < target_steps
        if allowance is not None:
            allowance.spend(taken)
        self.last_train = clock() - now
        self.last_steps = len(records)
        self.train_seconds += self.last_train
        self.train_steps += len(records)
        self.frames += 1
        if len(self.log) < 100_000:
            self.log.append((now, len(records), self.last_train))
        return records

    @property
    def train_rate(self) -> Optional[float]:
        """Steps per second of training time alone (no drawing)."""
        return self.train_steps / self.train_seconds if self.train_seconds > 0 else None

    @property
    def wall_rate(self) -> Optional[float]:
        """Steps per wall-clock second, drawing included (averages of steps and of frame gaps: steady even when
        the server's limit gives a frame one step or none)."""
        return self.frame_steps / self.frame_gap if self.frame_steps is not None and self.frame_gap else None

    @property
    def fps(self) -> Optional[float]:
        """Frames per second (chart updates) while running."""
        return 1.0 / self.frame_gap if self.frame_gap else None


class LiveCrowd:
    """Which sessions of one server are training live right now (session ids and their last frame time, nothing
    else), so that each one's chart can slow down when many train at once; thread-safe."""

    def __init__(self, stale_after: float = 3.0) -> None:
        self.stale_after = stale_after
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def beat(self, session: str, now: float) -> int:
        """Note a live frame of `session`; returns how many sessions train live now (this one included)."""
        with self._lock:
            self._seen[session] = now
            for other, seen in list(self._seen.items()):
                if now - seen > self.stale_after:
                    del self._seen[other]
            return len(self._seen)

    def leave(self, session: str) -> None:
        """The session stopped training live."""
        with self._lock:
            self._seen.pop(session, None)

    def count(self, now: float) -> int:
        """Sessions that had a live frame within `stale_after` seconds."""
        with self._lock:
            return sum(now - seen <= self.stale_after for seen in self._seen.values())


class UserRuns:
    """Runs that answer a user (a click, an edit, a page opened) in progress on one server: session ids and when each
    began, nothing else, so that the other sessions' live training gives way to them; thread-safe. A run that never
    said it ended (stopped by an exception) counts for `expire` seconds at most."""

    def __init__(self, expire: float = 0.5) -> None:
        self.expire = expire
        self._began: dict[str, float] = {}
        self._lock = threading.Lock()

    def begin(self, session: str, now: float) -> bool:
        """A run answering `session`'s user begins; False when one already is (a fragment inside the page's run):
        then only the outer run's end counts."""
        with self._lock:
            if 0 <= now - self._began.get(session, -math.inf) <= self.expire:
                return False
            self._began[session] = now
            return True

    def end(self, session: str) -> None:
        """That run ended."""
        with self._lock:
            self._began.pop(session, None)

    def others(self, session: str, now: float) -> bool:
        """Whether a run answering another session's user is in progress (began within `expire` seconds)."""
        with self._lock:
            return any(other != session and 0 <= now - began <= self.expire for other, began in self._began.items())


def frame_interval(live_sessions: int, fastest: float, server_fps: float, slowest: float = 1.2) -> float:
    """Seconds between one session's chart frames: `fastest`, doubled until the server's frames for all live
    sessions fit in `server_fps` a second (steps of 2x, so it changes seldom), but never past `slowest`."""
    interval = fastest
    while max(live_sessions, 1) / interval > server_fps and interval * 2 <= slowest:
        interval *= 2
    return interval


class Steps(Protocol):
    """What a burst needs of a trainer."""

    steps_taken: int

    @property
    def done(self) -> bool: ...

    def step(self, n: int) -> object: ...


def train_burst(trainer: Steps, goal: int, allowance: Allowance, seconds: float, clock: Callable[[], float]) -> int:
    """Train toward `goal` without drawing, for at most `seconds` and what `allowance` has left; the steps taken."""
    now = clock()
    deadline, start = now + seconds, trainer.steps_taken
    stop = min(goal, start + allowance.available(now))
    while trainer.steps_taken < stop and not trainer.done and clock() < deadline:
        trainer.step(min(BURST_BLOCK, stop - trainer.steps_taken))
    allowance.spend(trainer.steps_taken - start)
    return trainer.steps_taken - start


def next_play_position(position: int, cells: int, since_last: float, interval: float) -> Optional[int]:
    """Explore's Play: the window's next position (`cells` once past the last cell), None until the interval passed."""
    if since_last < PLAY_EARLY * interval:
        return None
    return min(position + 1, cells)
