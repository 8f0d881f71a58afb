"""Time the SM K+ -> l+ nu l'+ l'- Monte Carlo per mode (issue 12 targets): microseconds per weighted event, all
included (phase space, invariants, compiled |M|^2, cuts; target <= 0.5 us), and the wall time to reach 0.3 %
statistical precision on the branching ratio (target < 5 s), printed as ratios to the targets.

Run: python benchmarks/bench_four_lepton.py
"""

import time

from kaonlib.processes import k3munu

EVENT_TARGET = 0.5e-6  # s per weighted event
PRECISION, TIME_TARGET = 0.003, 5.0  # relative error, s


def per_event(mode, n=1_000_000):
    start = time.perf_counter()
    k3munu.simulate(n, mode=mode, rng=1)
    return (time.perf_counter() - start) / n


def time_to_precision(mode, start=50_000):
    """Double the sample until the relative standard error is below PRECISION; total wall time."""
    begin = time.perf_counter()
    n = start
    while True:
        value, error = k3munu.branching_ratio(n, rng=n, mode=mode)
        if error / value < PRECISION:
            return time.perf_counter() - begin, n, value, error
        n *= 2


if __name__ == "__main__":
    for mode in k3munu.MODES:
        seconds_per_event = per_event(mode)
        seconds, n, value, error = time_to_precision(mode)
        print(f"{mode:12s} {1e6 * seconds_per_event:.2f} us/event (ratio {seconds_per_event / EVENT_TARGET:.2f}); "
              f"BR = {value:.4e} +- {100 * error / value:.2f} % from {n} events in {seconds:.2f} s "
              f"(ratio {seconds / TIME_TARGET:.2f})")
