"""Steps per second of the bare Trainer vs the Train page while it draws.

1. bare: Trainer.step(1) in a loop, nothing drawn.
2. page (server side): what the live fragment does per frame, without Streamlit: the Pacer's time-budgeted slice of
   steps, then the loss, weights and landscape figure (one, as the page draws it) built and serialised as the
   live chart sends it, with the frontend's run_every timer simulated (0.14 s: speed "fast" with weight lines,
   each frame shown in 2 pictures). Reports steps/s, frames/s and the slowdown vs bare.
The browser side (frames actually drawn, steps/s shown under the progress bar) is observed by
tests/e2e/test_train_browser.py, which prints the frames it counted and how fast Pause reacted.

Run from the repository root: .venv/bin/python -m benchmarks.bench_train_page [--seconds 5] [--threads 1]
"""

from __future__ import annotations

import argparse
import time

import torch

from convcore import pacing
from convcore.images import stripes
from convcore.kernels import preset
from convcore.plots import compose, landscape, train_charts
from convcore.training import Trainer
from ui.components.live_chart import figure_json

SUBFRAMES = 2  # views/train.py SUBFRAMES: speed "fast" with weight lines (both setups here) draws 2 pictures a frame
TICK = 0.07 * SUBFRAMES  # views/train.py TICK_SECONDS x SUBFRAMES
FRAME_PERIOD = 1 / 12 * SUBFRAMES  # views/train.py FRAME_PERIOD x SUBFRAMES


def setups() -> dict[str, callable]:
    """Name -> a fresh trainer."""
    g = torch.Generator().manual_seed(0)
    x64 = torch.rand(64, 64, generator=g)
    return {
        "notebook 6x8, 1x2 (landscape)": lambda: Trainer(stripes(), [[1.0, -1.0]], lr=1e-2, max_steps=10**7),
        "64x64, 3x3 sobel, adam": lambda: Trainer(x64, preset("sobel_x"), optimizer="adam", lr=1e-2, loss="mean",
                                                  max_steps=10**7),
    }


def bare(make, seconds: float) -> float:
    """Steps per second of step(1) repeated."""
    trainer = make()
    trainer.step(5)
    trainer.reset()
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        trainer.step(1)
    return trainer.steps_taken / (time.perf_counter() - start)


def draw(trainer: Trainer, goal: int = 10**7) -> int:
    """Build and serialise the frame's one figure (loss, weights, landscape) as the page does while training runs
    (pinned axes, live traces); returns the bytes."""
    target = trainer.K.numpy()
    weights = (train_charts.weights_figure(trainer.history, target, live_goal=goal) if train_charts.shows_lines(trainer.kernel_shape)
               else train_charts.kernel_compare_figure(trainer.weights, target))
    land = None
    if landscape.shows_landscape(trainer.kernel_shape):
        path = landscape.path_of(trainer.history, trainer.initial[0, 0].numpy())
        r1, r2 = landscape.landscape_range(path[0], path, target)
        w1, w2, Z = trainer.landscape(landscape.round_range(r1), landscape.round_range(r2), 41)
        land = landscape.landscape_figure(w1, w2, Z, path, target, live=True)
    fig = compose.training_charts(train_charts.loss_figure(trainer.history, live_goal=goal), weights, land)
    return len(figure_json(fig))


def page(make, seconds: float) -> dict[str, float]:
    """The fragment's loop driven by the TICK timer, as in the browser; returns rates and per-frame costs."""
    trainer, pacer = make(), pacing.Pacer(frame_period=FRAME_PERIOD)
    trainer.step(5)
    trainer.reset()
    start = time.perf_counter()
    next_tick, draw_seconds, sent = start, 0.0, 0
    while time.perf_counter() - start < seconds:
        now = time.perf_counter()
        if now < next_tick:
            time.sleep(next_tick - now)
        frame_start = time.perf_counter()
        pacer.run(trainer, 10**9)
        t0 = time.perf_counter()
        sent = draw(trainer)
        draw_seconds += time.perf_counter() - t0
        # The browser's setInterval keeps firing every TICK; a tick that fires during a frame queues one rerun that
        # starts as soon as the frame ends (Streamlit coalesces the requests), otherwise the next tick is awaited.
        end = time.perf_counter()
        ticks_passed = (end - start) // TICK
        next_tick = end if end - start - ticks_passed * TICK < end - frame_start else start + (ticks_passed + 1) * TICK
    wall = time.perf_counter() - start
    return {"steps/s": trainer.steps_taken / wall, "frames/s": pacer.frames / wall,
            "steps/frame": trainer.steps_taken / pacer.frames, "draw ms/frame": 1e3 * draw_seconds / pacer.frames,
            "kB/frame": sent / 1e3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.seconds:g} s per measurement")
    for name, make in setups().items():
        b = bare(make, args.seconds)
        p = page(make, args.seconds)
        print(f"{name}: bare {b:,.0f} steps/s | page {p['steps/s']:,.0f} steps/s ({b / p['steps/s']:.2f}x slower), "
              f"{p['frames/s']:.1f} frames/s, {p['steps/frame']:.0f} steps/frame, draw {p['draw ms/frame']:.1f} ms/frame, "
              f"{p['kB/frame']:.0f} kB/frame")


if __name__ == "__main__":
    main()
