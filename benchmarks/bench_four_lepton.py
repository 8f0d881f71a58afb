"""Time the SM K+ -> l+ nu l'+ l'- Monte Carlo per mode (issue 12 targets): microseconds per weighted event, all
included (random numbers, phase space, invariants, compiled |M|^2, cuts, weights; target <= 0.5 us), and the wall
time to reach 0.3 % statistical precision on the branching ratio (target < 5 s), printed as ratios to the targets.

The machine's load average is printed first: on a shared machine the wall time per event can be several times the
CPU time, which is printed too (the best of three samples of 10^6 events each).

Run: python benchmarks/bench_four_lepton.py
"""

import os
import time

from kaonlib.processes import k3munu

EVENT_TARGET = 0.5e-6  # s per weighted event
PRECISION, TIME_TARGET = 0.003, 5.0  # relative error, s


def per_event(mode, n=1_000_000, repeats=3):
    """(wall, CPU) seconds per event of k3munu.simulate, the best of ``repeats`` samples."""
    timings = []
    for seed in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        k3munu.simulate(n, mode=mode, rng=seed)
        timings.append(((time.perf_counter() - wall) / n, (time.process_time() - cpu) / n))
    return min(timings)


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
    print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f} on {} cores".format(*os.getloadavg(), os.cpu_count()))
    for mode in k3munu.MODES:
        wall, cpu = per_event(mode)
        seconds, n, value, error = time_to_precision(mode)
        print(f"{mode:12s} {1e6 * wall:.3f} us/event wall (ratio {wall / EVENT_TARGET:.2f}), {1e6 * cpu:.3f} us CPU; "
              f"BR = {value:.4e} +- {100 * error / value:.2f} % from {n} events in {seconds:.2f} s "
              f"(ratio {seconds / TIME_TARGET:.2f})")
