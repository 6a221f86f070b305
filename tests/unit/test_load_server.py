"""The load harness waits for idle servers before it measures (benchmarks/load/server.wait_idle), on a fake clock."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.load.server import wait_idle


@dataclass
class FakeClock:
    """Seconds that pass only when the code under test pauses."""

    now: float = 0.0

    def pause(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Importing:
    """A server busy for `busy_until` seconds (one core: torch's import in the background), then nearly idle."""

    clock: FakeClock
    busy_until: float

    def cpu(self) -> float:
        t = self.clock.now
        return min(t, self.busy_until) + max(t - self.busy_until, 0.0) * 0.01


def test_the_measure_starts_once_the_background_import_is_over() -> None:
    clock = FakeClock()
    group = [Importing(clock, 3.0), Importing(clock, 1.0)]
    assert wait_idle(group, clock=lambda: clock.now, pause=clock.pause)
    assert 3.0 <= clock.now <= 4.0


def test_servers_that_never_go_idle_are_waited_for_at_most_the_limit() -> None:
    clock = FakeClock()
    assert not wait_idle([Importing(clock, 1e9)], most=10.0, clock=lambda: clock.now, pause=clock.pause)
    assert 10.0 <= clock.now <= 10.5


def test_idle_servers_are_not_waited_for() -> None:
    clock = FakeClock()
    assert wait_idle([Importing(clock, 0.0)], clock=lambda: clock.now, pause=clock.pause)
    assert clock.now == 0.5
