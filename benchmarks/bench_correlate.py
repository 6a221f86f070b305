"""Benchmark the correlation engine against the book's loop and SciPy.

Run from the repository root:

    .venv/bin/python benchmarks/bench_correlate.py          # full run (a few minutes)
    .venv/bin/python benchmarks/bench_correlate.py --quick  # one pass, fewer rounds (about 5x faster)

Methods are timed in interleaved rounds (each round runs every method once, in rotating order)
and each method's best round is kept, so a burst of load from other processes hurts all methods
alike. The torch methods are warmed up first, get extra rounds while they fit in a time budget,
and are timed again in later passes over all cases, so every cell gets chances at a quiet moment
on a shared machine. torch.set_num_threads is left at its default.

Targets (issue 2):
  * auto / min(direct, fft) <= 1.3 at every single-channel size (auto picks the faster method);
  * scipy / auto >= 2 at 1024x1024 with an 11x11 kernel.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from typing import Callable, Optional

import numpy as np
import torch
from scipy import signal

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from convcore.engine import as_batched, choose_method, corr2d, correlate, output_shape  # noqa: E402

AUTO_TARGET = 1.3
SCIPY_TARGET = 2.0
SCIPY_CASE = "1024x1024/11x11"
LOOP_MAX_SIDE = 256  # the book's Python double loop only runs at small sizes
COLD_OK = {"corr2d", "scipy"}  # timed without a warm-up call

# (label, X shape, K shape); the last case is multi-channel, for information only.
CASES = [
    ("64x64/3x3", (64, 64), (3, 3)),
    ("256x256/3x3", (256, 256), (3, 3)),
    ("1024x1024/3x3", (1024, 1024), (3, 3)),
    ("1024x1024/11x11", (1024, 1024), (11, 11)),
    ("2048x2048/31x31", (2048, 2048), (31, 31)),
    ("3x512x512/(4,3,5,5)", (3, 512, 512), (4, 3, 5, 5)),
]


def scipy_correlate(X: np.ndarray, K: np.ndarray) -> np.ndarray:
    """scipy.signal.correlate2d(mode='valid'), summed over input channels for multi-channel cases."""
    if X.ndim == 2:
        return signal.correlate2d(X, K, mode="valid")
    return np.stack([sum(signal.correlate2d(X[c], K[o, c], mode="valid") for c in range(X.shape[0]))
                     for o in range(K.shape[0])])


def time_methods(methods: dict[str, Callable[[], object]], rounds: dict[str, int],
                 budget_s: float) -> tuple[dict[str, float], dict[str, int]]:
    """Best wall-clock seconds per method, and the rounds each got.

    Each torch method gets a warm-up call, whose time sets its number of rounds: at least
    rounds[name], more while they fit in budget_s (at most 200), so cheap calls get many chances
    to land in a quiet moment. Rounds are interleaved, every round in a rotated order. The
    pure-Python loop and SciPy have no plans or thread pools to warm, can take seconds a call at
    the big sizes, and run exactly rounds[name] times without a warm-up.
    """
    rounds = dict(rounds)
    for name, fn in methods.items():
        if name not in COLD_OK:
            t0 = time.perf_counter()
            fn()
            rounds[name] = max(rounds[name], min(200, int(budget_s / max(time.perf_counter() - t0, 1e-6))))
    best = {name: float("inf") for name in methods}
    names = list(methods)
    for r in range(max(rounds.values())):
        for name in names[r % len(names):] + names[: r % len(names)]:
            if r < rounds[name]:
                t0 = time.perf_counter()
                methods[name]()
                best[name] = min(best[name], time.perf_counter() - t0)
    return best, rounds


def fmt_ms(seconds: Optional[float]) -> str:
    """Milliseconds with three significant-ish digits, or n/a."""
    if seconds is None:
        return "n/a"
    ms = seconds * 1e3
    return f"{ms:.3f}" if ms < 1 else f"{ms:.2f}" if ms < 100 else f"{ms:.0f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and one pass (noisier, ~5x faster)")
    parser.add_argument("--repeats", type=int, default=None, help="least timed rounds of each torch method")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds per torch method, case and pass that extra rounds may fill")
    parser.add_argument("--passes", type=int, default=None,
                        help="passes over all cases; the torch methods keep their best time over all passes")
    args = parser.parse_args()
    repeats = args.repeats or (5 if args.quick else 15)
    budget = args.budget if args.budget is not None else (0.5 if args.quick else 1.5)
    passes = args.passes or (1 if args.quick else 3)

    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, cpus {os.cpu_count()}, "
          f"{platform.machine()}, python {platform.python_version()}")
    print(f"times in ms, best of interleaved rounds: torch methods warmed up, at least {repeats} rounds "
          f"(2048 direct: 3), more while they fit in {budget:g} s,\nbest over {passes} pass{'es' if passes > 1 else ''} "
          f"spread in time; the loop and SciPy fewer rounds, one pass, no warm-up")

    gen = torch.Generator().manual_seed(0)
    data = []
    for label, xs, ks in CASES:
        X = torch.rand(xs, generator=gen)
        K = torch.randn(ks, generator=gen)
        x, k = as_batched(X, K)
        shape = output_shape(x.shape[-2], x.shape[-1], k.shape[-2], k.shape[-1])
        data.append((label, X, K, shape, choose_method(shape, k.shape[1], k.shape[0]), {}))

    for p in range(passes):
        for label, X, K, shape, picks, best in data:
            Xn, Kn = X.numpy(), K.numpy()
            work = shape.height * shape.width * K.numel()  # multiply-adds of the direct method
            methods: dict[str, Callable[[], object]] = {
                "direct": lambda: correlate(X, K, method="direct"),
                "fft": lambda: correlate(X, K, method="fft"),
                "auto": lambda: correlate(X, K, method="auto"),
            }
            rounds = {"direct": repeats if work < 1e9 else 3, "fft": repeats, "auto": repeats}
            if p == 0:
                methods["scipy"] = lambda: scipy_correlate(Xn, Kn)
                rounds["scipy"] = 1 if work > 1e8 else max(1, repeats // 3)
                if X.dim() == 2 and max(X.shape) <= LOOP_MAX_SIDE:
                    methods["corr2d"] = lambda: corr2d(X, K)
                    rounds["corr2d"] = 1 if max(X.shape) > 64 else max(1, repeats // 3)
            t, _ = time_methods(methods, rounds, budget)
            for name, seconds in t.items():
                best[name] = min(best.get(name, float("inf")), seconds)
        if passes > 1:
            print(f"pass {p + 1}/{passes} done", flush=True)

    header = (f"{'case':<21} {'corr2d':>8} {'scipy':>8} {'direct':>8} {'fft':>8} {'auto':>8} "
              f"{'picks':>6} {'auto/min':>8} {'scipy/auto':>10}  {'max|fft-dir|':>12}")
    print()
    print(header)
    print("-" * len(header))
    failures: list[str] = []
    scipy_line = ""
    for label, X, K, shape, picks, t in data:
        direct_y = correlate(X, K, method="direct")
        fft_y = correlate(X, K, method="fft")
        diff = (fft_y - direct_y).abs().max().item()
        tol = 1e-4 * K.abs().sum().item() * X.abs().max().item()
        ref = torch.from_numpy(np.asarray(scipy_correlate(X.numpy(), K.numpy()), dtype=np.float32))
        if not (diff <= tol and torch.allclose(direct_y, ref, atol=tol)):
            failures.append(f"{label}: results disagree (max|fft-direct| = {diff:.2e}, tolerance {tol:.2e})")

        auto_ratio = t["auto"] / min(t["direct"], t["fft"])
        scipy_ratio = t["scipy"] / t["auto"]
        print(f"{label:<21} {fmt_ms(t.get('corr2d')):>8} {fmt_ms(t['scipy']):>8} {fmt_ms(t['direct']):>8} "
              f"{fmt_ms(t['fft']):>8} {fmt_ms(t['auto']):>8} {picks:>6} {auto_ratio:>8.2f} {scipy_ratio:>10.1f}  "
              f"{diff:>12.1e}")
        if X.dim() == 2 and auto_ratio > AUTO_TARGET:  # the multi-channel row is for information only
            failures.append(f"{label}: auto/min(direct, fft) = {auto_ratio:.2f} > {AUTO_TARGET}")
        if label == SCIPY_CASE:
            scipy_line = f"scipy / auto at {SCIPY_CASE} = {scipy_ratio:.1f} (target >= {SCIPY_TARGET:g})"
            if scipy_ratio < SCIPY_TARGET:
                failures.append(f"{label}: scipy/auto = {scipy_ratio:.1f} < {SCIPY_TARGET}")

    print()
    auto_fails = [f for f in failures if "auto/min" in f]
    print(f"{'PASS' if not auto_fails else 'FAIL'}: auto / min(direct, fft) <= {AUTO_TARGET} at every "
          f"single-channel size")
    print(f"{'FAIL' if any('scipy/auto' in f for f in failures) else 'PASS'}: {scipy_line}")
    agree_fails = [f for f in failures if "disagree" in f]
    print(f"{'PASS' if not agree_fails else 'FAIL'}: fft, direct and scipy agree within 1e-4 * sum|K| * max|X|")
    for f in failures:
        print("  " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
