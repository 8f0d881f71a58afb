"""Scaling on Dask (issue 15), everything measured in this run:
* a fixed scan (kaonlib.scan, 320 points in 32 chunks) serially and on LocalClusters of 1 and 2 worker processes:
  parallel efficiency T(1 worker) / (2 T(2 workers));
* the per-task overhead: N trivial tasks through the scheduler on the 1-worker cluster (wall time / N), and the
  scan's extra time on 1 worker over the serial run, per chunk;
* the four-lepton Monte Carlo (kaonlib.processes.k3munu.produce, chunks of CHUNK_EVENTS events summarised on the
  workers) per event, serially and on 1 and 2 workers: the inputs of the README projection for 1e10 events.
Clusters are started and warmed up (kaonlib imported on every worker) before timing. The machine's load is printed:
on a shared machine the efficiency is a lower bound.

Run: python benchmarks/bench_scale.py
"""

import math
import os
import tempfile
import time

from kaonlib import execution, scan
from kaonlib.processes import k3munu

SPEC = {"models": ["vector", "scalar"], "masses": {"geomspace": ["1MeV", "350MeV", 80]}, "couplings": [1e-3],
        "inputs": {"kappa": [0.0, 1e-3]}, "outputs": ["branching_ratio", "gm2", "reach"], "chunk_size": 10}
TRIVIAL_TASKS = 500
EVENTS = 1_000_000  # per four-lepton mode timed (10 chunks)
REPEATS = 2  # each time is the best of REPEATS runs (the machine may be shared)
MODES = ("mu-nu-e-e", "mu-nu-mu-mu")


def timed(function):
    """(best wall time of REPEATS calls, the last result)."""
    best = math.inf
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def fresh_scan(runner):
    """The whole scan, in a new parts folder (nothing to resume)."""
    with tempfile.TemporaryDirectory() as folder:
        return scan.run(SPEC, os.path.join(folder, "parts"), runner)


def scan_time(runner):
    return timed(lambda: fresh_scan(runner))


def production_time(mode, runner):
    seconds, _ = timed(lambda: k3munu.produce(EVENTS, k3munu.Sample.branching_ratio, rng=1, mode=mode,
                                              executor=runner))
    return seconds / EVENTS


def warm_up(runner):
    """Import kaonlib and build the caches on every worker (twice as many small tasks as workers)."""
    k3munu.produce(2 * runner.workers * 1000, k3munu.Sample.branching_ratio, rng=0, executor=runner)
    with tempfile.TemporaryDirectory() as folder:
        scan.run(SPEC | {"masses": [0.01, 0.1]}, os.path.join(folder, "parts"), runner)


if __name__ == "__main__":
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    serial_scan, reference = scan_time(None)
    serial_events = {mode: production_time(mode, None) for mode in MODES}
    chunks = math.ceil(len(reference) / SPEC["chunk_size"])
    results = {}
    for workers in (1, 2):
        with execution.executor(workers=workers) as runner:
            warm_up(runner)
            seconds, rows = scan_time(runner)
            assert rows == reference, "the scan on Dask differs from the serial one"
            overhead = None
            if workers == 1:
                overhead, _ = timed(lambda: runner.map(math.sqrt, range(TRIVIAL_TASKS)))
                overhead /= TRIVIAL_TASKS
            results[workers] = (seconds, {mode: production_time(mode, runner) for mode in MODES}, overhead)
    (one, events_one, task_overhead), (two, events_two, _) = results[1], results[2]
    print(f"scan of {len(reference)} points in {chunks} chunks: serial {serial_scan:.2f} s, 1 worker {one:.2f} s, "
          f"2 workers {two:.2f} s; parallel efficiency T1/(2 T2) = {one / (2 * two):.2f}")
    print(f"per-task overhead: {1e3 * task_overhead:.2f} ms for a trivial task (round trip on 1 worker); "
          f"{1e3 * (one - serial_scan) / chunks:.2f} ms per scan chunk (1 worker vs serial)")
    for mode in MODES:
        print(f"four-lepton {mode}: {1e6 * serial_events[mode]:.2f} us/event serial, "
              f"{1e6 * events_one[mode]:.2f} on 1 worker, {1e6 * events_two[mode]:.2f} wall on 2 workers "
              f"(efficiency {events_one[mode] / (2 * events_two[mode]):.2f}; chunks of {k3munu.CHUNK_EVENTS})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
