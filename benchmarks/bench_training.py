"""Steps per second of the bare Trainer: the notebook's setup and a 3x3 kernel on 64x64 and 256x256 images.

Run from the repository root: .venv/bin/python -m benchmarks.bench_training [--device cuda] [--steps 300] [--threads 1]
"""

from __future__ import annotations

import argparse
import time
from typing import Callable

import torch

from convcore.images import stripes
from convcore.kernels import preset
from convcore.training import Trainer, available_devices


def setups() -> dict[str, Callable[[str], Trainer]]:
    """Name -> a function that builds a fresh trainer on a device."""
    sobel = preset("sobel_x")
    g = torch.Generator().manual_seed(0)
    x64, x256 = torch.rand(64, 64, generator=g), torch.rand(256, 256, generator=g)
    return {
        "notebook 6x8, 1x2": lambda d: Trainer(stripes(), [[1.0, -1.0]], lr=3e-2, device=d),
        "64x64, 3x3 sobel": lambda d: Trainer(x64, sobel, optimizer="adam", lr=1e-2, device=d),
        "256x256, 3x3 sobel": lambda d: Trainer(x256, sobel, optimizer="adam", lr=1e-2, device=d),
    }


def rate(trainer: Trainer, steps: int, chunk: int) -> float:
    """Steps per second when stepping `steps` times in calls of step(chunk)."""
    trainer.step(min(chunk, 5))  # warm up
    trainer.reset()
    start = time.perf_counter()
    for _ in range(steps // chunk):
        trainer.step(chunk)
    return (steps // chunk) * chunk / (time.perf_counter() - start)


def main() -> None:
    """Print a table of steps per second for step(1) repeated and step(100)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--device", default="cpu", choices=available_devices())
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"device {args.device}, torch {torch.__version__}, {torch.get_num_threads()} threads, {args.steps} steps")
    print(f"{'setup':<22}{'step(1) x N /s':>16}{'step(100) /s':>16}")
    for name, build in setups().items():
        one, hundred = rate(build(args.device), args.steps, 1), rate(build(args.device), args.steps, 100)
        print(f"{name:<22}{one:>16,.0f}{hundred:>16,.0f}")


if __name__ == "__main__":
    main()
