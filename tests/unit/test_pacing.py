"""The pacer: how many steps to train between two chart frames, on a fake clock."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from convcore import pacing


@dataclass
class Clock:
    now: float = 0.0

    def __call__(self) -> float:
        return self.now


class FakeTrainer:
    """Steps that take a fixed time on a fake clock."""

    def __init__(self, clock: Clock, step_seconds: float, diverge_at: int | None = None) -> None:
        self.clock, self.step_seconds, self.diverge_at = clock, step_seconds, diverge_at
        self.steps_taken, self.done = 0, False

    def step(self, n: int = 1) -> list[int]:
        self.clock.now += self.step_seconds
        if self.diverge_at is not None and self.steps_taken + 1 >= self.diverge_at:
            self.done = True
            return []
        self.steps_taken += 1
        return [self.steps_taken]


def frames(pacer: pacing.Pacer, trainer: FakeTrainer, clock: Clock, n: int, draw_seconds: float,
           goal: int = 10**9) -> list[int]:
    """Run n frames, each followed by `draw_seconds` outside training; steps per frame."""
    counts = []
    for _ in range(n):
        counts.append(len(pacer.run(trainer, goal, clock)))
        clock.now += draw_seconds
    return counts


def test_pacer_fast_steps_train_for_the_budget_then_draw():
    clock = Clock()
    tr = FakeTrainer(clock, 0.001)
    pacer = pacing.Pacer()
    counts = frames(pacer, tr, clock, 5, draw_seconds=0.03)
    per_frame = round(pacer.budget_min / 0.001)  # 30 ms of drawing asks for 45 ms of training: less than the least
    assert per_frame == 50 and counts == [per_frame] * 5  # 50 ms of 1 ms steps: the chart is drawn every 50 steps


def test_pacer_keeps_training_at_least_its_share_when_drawing_is_slow():
    clock = Clock()
    tr, pacer = FakeTrainer(clock, 0.001), pacing.Pacer()
    frames(pacer, tr, clock, 40, draw_seconds=0.2)
    train_share = pacer.last_train / (pacer.last_train + 0.2)
    assert train_share >= pacer.share - 0.02
    assert pacer.budget <= pacer.budget_max
    assert pacer.wall_rate == pytest.approx(tr.steps_taken / clock.now, rel=0.1)
    assert pacer.fps == pytest.approx(1 / (pacer.last_train + 0.2), rel=0.05)


def test_pacer_budget_is_capped_so_frames_keep_coming():
    clock = Clock()
    pacer = pacing.Pacer()
    frames(pacer, FakeTrainer(clock, 0.001), clock, 30, draw_seconds=1.5)
    assert pacer.budget == pacer.budget_max


def test_pacer_takes_at_least_one_step_never_passes_the_goal_and_stops_on_divergence():
    clock = Clock()
    slow = FakeTrainer(clock, 0.5)
    assert frames(pacing.Pacer(), slow, clock, 3, 0.01) == [1, 1, 1]
    fast = FakeTrainer(clock, 0.001)
    assert sum(frames(pacing.Pacer(), fast, clock, 5, 0.01, goal=75)) == 75 and fast.steps_taken == 75
    bad = FakeTrainer(clock, 0.001, diverge_at=30)
    assert frames(pacing.Pacer(), bad, clock, 3, 0.01) == [29, 0, 0] and bad.done


def test_pacer_a_pause_is_not_a_slow_frame():
    clock = Clock()
    pacer, tr = pacing.Pacer(), FakeTrainer(clock, 0.001)
    frames(pacer, tr, clock, 5, 0.02)
    budget, fps = pacer.budget, pacer.fps
    clock.now += 30.0  # paused for half a minute without resume()
    frames(pacer, tr, clock, 1, 0.02)
    assert pacer.budget == budget and pacer.fps == pytest.approx(fps)


def test_pacer_ends_the_slice_when_the_user_is_waiting():
    clock = Clock()
    tr = FakeTrainer(clock, 0.001)
    pressed_at = 12  # a click arrives after 12 steps of a 70-step slice
    records = pacing.Pacer().run(tr, 10**9, clock, interrupted=lambda: tr.steps_taken >= pressed_at)
    assert len(records) == pressed_at


def test_allowance_starts_with_a_burst_then_refills_at_its_rate():
    allowance = pacing.Allowance(rate=10, burst=2.0)
    assert allowance.available(0.0) == 20  # full: two seconds' worth
    allowance.spend(20)
    assert allowance.available(0.0) == 0
    assert allowance.available(0.55) == 5  # 10 a second
    allowance.spend(5)
    assert allowance.available(100.0) == 20  # a long wait refills no more than the burst


def test_pacer_never_trains_past_the_allowance_and_says_when_it_held_training_back():
    clock = Clock()
    tr, pacer = FakeTrainer(clock, 0.0001), pacing.Pacer()
    allowance = pacing.Allowance(rate=50, burst=1.0)
    for _ in range(100):  # 100 frames of 0.07 s: 7 s, fast steps that would fill 50 ms each (500 a frame)
        pacer.run(tr, 10**9, clock, allowance=allowance)
        clock.now += 0.07
    assert 50 * 7 - 2 <= tr.steps_taken <= 50 * 7 + 50 + 1  # the rate, plus at most a second's worth at first
    assert pacer.capped
    unlimited = FakeTrainer(Clock(), 0.0001)
    free = pacing.Pacer()
    free.run(unlimited, 10**9, unlimited.clock)
    assert not free.capped and unlimited.steps_taken > 400


def test_pacer_is_not_capped_when_the_goal_ends_the_slice():
    clock = Clock()
    tr, pacer = FakeTrainer(clock, 0.0001), pacing.Pacer()
    pacer.run(tr, 10, clock, allowance=pacing.Allowance(rate=10, burst=1.0))
    assert tr.steps_taken == 10 and not pacer.capped


def test_frame_interval_doubles_until_every_live_session_fits_the_servers_frames():
    fps = 40
    assert pacing.frame_interval(1, 0.07, fps) == pacing.frame_interval(2, 0.07, fps) == 0.07  # 14 and 28 a second
    assert pacing.frame_interval(3, 0.07, fps) == pytest.approx(0.14)
    assert pacing.frame_interval(20, 0.07, fps) == pytest.approx(0.56)  # 20 / 0.56 = 36 frames a second
    for n in range(1, 40):
        interval = pacing.frame_interval(n, 0.07, fps)
        assert n / interval <= fps
    assert pacing.frame_interval(10_000, 0.07, fps) == pytest.approx(1.12)  # never slower than `slowest` (1.2 s)


def test_live_crowd_counts_sessions_with_a_recent_frame():
    crowd = pacing.LiveCrowd(stale_after=3.0)
    assert crowd.beat("a", 0.0) == 1
    assert crowd.beat("b", 1.0) == 2
    assert crowd.beat("a", 2.0) == 2  # the same session twice is one
    assert crowd.count(3.5) == 2
    assert crowd.count(4.5) == 1  # b's last frame is 3.5 s old: it left (a closed tab says nothing)
    crowd.leave("a")
    assert crowd.count(4.5) == 0
    assert crowd.beat("c", 10.0) == 1  # stale sessions are dropped


def test_live_frames_keep_to_the_rate_even_with_a_full_burst():
    allowance = pacing.Allowance(rate=10, burst=5.0)
    taken = 0
    for k in range(20):  # 2 s of frames every 0.1 s, with 50 steps of burst in the bucket
        n = allowance.available(k * 0.1, live=True)
        allowance.spend(n)
        taken += n
    assert taken <= 10 + 20 + 1  # a second's worth at first, then 10 a second: not the 50 of the burst
    assert allowance.available(2.0) >= 40  # the burst is still there for Run to the end


def test_wall_rate_is_steady_when_the_limit_gives_frames_one_step_or_none():
    clock = Clock()
    tr, pacer = FakeTrainer(clock, 0.0001), pacing.Pacer()
    allowance = pacing.Allowance(rate=3, burst=1.0)
    rates = []
    for k in range(200):  # uneven frames (0.04 s, 0.24 s, ...): 3 steps a second is a step every few frames
        pacer.run(tr, 10**9, clock, allowance=allowance)
        clock.now += 0.04 if k % 2 else 0.24
        rates.append(pacer.wall_rate)
    assert tr.steps_taken / clock.now == pytest.approx(3, rel=0.05)
    assert all(1 <= r <= 5 for r in rates[100:]), rates[100:]  # an average of steps/gap swung 0.9 to 8.4 here


def test_a_very_slow_allowance_still_gives_whole_steps():
    allowance = pacing.Allowance(rate=0.1, burst=5.0)  # half a step's worth of burst: must not starve
    assert allowance.available(0.0, live=True) == 1
    allowance.spend(1)
    assert allowance.available(5.0, live=True) == 0
    assert allowance.available(10.0, live=True) == 1  # one step every 10 s


def test_a_step_spent_before_any_frame_takes_one_step_not_the_burst():
    allowance = pacing.Allowance(rate=10, burst=5.0)
    allowance.spend(1)  # Step once, first thing in the session
    assert allowance.available(0.0) == 49


def test_pacer_with_a_frame_period_trains_for_the_time_frames_leave():
    clock = Clock()
    tr, pacer = FakeTrainer(clock, 0.001), pacing.Pacer(frame_period=0.1)
    frames(pacer, tr, clock, 60, draw_seconds=0.02)
    assert pacer.budget == pytest.approx(0.08, abs=0.004)  # 20 ms of drawing: 80 ms of training, a frame each 0.1 s
    assert pacer.fps == pytest.approx(10, rel=0.05)
    frames(pacer, tr, clock, 60, draw_seconds=0.1)  # drawing slows down: never under 60% training (the share)
    assert pacer.budget == pytest.approx(0.15, abs=0.005)


class CountingTrainer:
    """A trainer that only counts steps (and is done after `done_at`)."""

    def __init__(self, done_at: int = 10**9, clock: list[float] | None = None, seconds_per_step: float = 0.0) -> None:
        self.steps_taken, self.done_at, self.clock, self.seconds_per_step = 0, done_at, clock, seconds_per_step

    @property
    def done(self) -> bool:
        return self.steps_taken >= self.done_at

    def step(self, n: int) -> None:
        self.steps_taken = min(self.steps_taken + n, self.done_at)
        if self.clock is not None:
            self.clock[0] += n * self.seconds_per_step


def test_a_burst_trains_to_the_goal_within_the_allowance_and_spends_it() -> None:
    allowance = pacing.Allowance(rate=100.0)  # 500 steps at once (5 s worth)
    trainer = CountingTrainer()
    assert pacing.train_burst(trainer, 300, allowance, seconds=5.0, clock=lambda: 0.0) == 300
    assert trainer.steps_taken == 300 and allowance.available(0.0) == pytest.approx(200)
    assert pacing.train_burst(trainer, 1000, allowance, seconds=5.0, clock=lambda: 0.0) == 200  # what is left
    assert trainer.steps_taken == 500


def test_a_burst_stops_at_its_deadline_and_when_training_is_done() -> None:
    now = [0.0]
    slow = CountingTrainer(clock=now, seconds_per_step=0.01)  # 100 steps a second
    taken = pacing.train_burst(slow, 10_000, pacing.Allowance(rate=10_000.0), seconds=2.0, clock=lambda: now[0])
    assert 200 <= taken <= 300  # checked between blocks of at most 100 steps
    done = CountingTrainer(done_at=42)
    assert pacing.train_burst(done, 1000, pacing.Allowance(rate=1000.0), seconds=5.0, clock=lambda: 0.0) == 42


@pytest.mark.parametrize("since,expected", [(0.0, None), (0.29, None), (0.3, 4), (2.0, 4)])
def test_play_moves_one_cell_once_the_interval_has_nearly_passed(since: float, expected) -> None:
    assert pacing.next_play_position(3, 12, since_last=since, interval=0.5) == expected


def test_play_ends_at_the_last_cell() -> None:
    assert pacing.next_play_position(11, 12, since_last=1.0, interval=0.5) == 12  # == cells: the play is over


def test_user_runs_say_when_another_session_is_being_answered():
    from convcore.pacing import UserRuns

    runs = UserRuns(expire=0.5)
    assert not runs.others("a", 10.0)
    runs.begin("a", 10.0)
    assert not runs.others("a", 10.1), "a session's own run does not stop its training"
    assert runs.others("b", 10.1)
    runs.end("a")
    assert not runs.others("b", 10.2)


def test_a_user_run_that_never_ended_stops_counting_after_expire():
    from convcore.pacing import UserRuns

    runs = UserRuns(expire=0.5)
    runs.begin("a", 10.0)
    assert runs.others("b", 10.5)
    assert not runs.others("b", 10.51)
    runs.begin("a", 11.0)  # its next run
    assert runs.others("b", 11.2)
