"""Time the SM BR(K+ -> mu+ nu mu+ mu-) to 1 % statistical precision (target: under 60 s, issue 7), and the
throughput of the generated |M|^2 kernel and of the phase-space generator.

Run: python benchmarks/bench_k3munu.py
"""

import time

from kaonlib import k3munu, phasespace
from kaonlib._kernels import k3munu as kernel
from kaonlib.inputs import F_K, M_K, M_MU


def time_to_precision(target=0.01, start=2_000):
    """Double the sample until the relative standard error is below ``target``; total wall time."""
    begin = time.perf_counter()
    n = start
    while True:
        value, error = k3munu.branching_ratio(n, rng=n)
        if error / value < target:
            return time.perf_counter() - begin, n, value, error
        n *= 2


if __name__ == "__main__":
    seconds, n, value, error = time_to_precision()
    print(f"BR(K -> mu nu mu mu) = {value:.4e} +- {error:.1e} ({100 * error / value:.2f} %) from {n} events in "
          f"{seconds:.2f} s (target < 60 s, ratio {seconds / 60:.3f})")
    start = time.perf_counter()
    momenta, _ = phasespace.generate(M_K, k3munu.MASSES, 1_000_000, rng=1)
    generator_time = time.perf_counter() - start
    invariants = k3munu.invariants(momenta)
    start = time.perf_counter()
    kernel.squared_amplitude(invariants, M_K, M_MU, F_K, 0.096, 0.042, 0.0)
    kernel_time = time.perf_counter() - start
    print(f"1e6 events: phase space {generator_time:.2f} s, compiled |M|^2 {kernel_time:.2f} s "
          f"({kernel_time:.2f} us per point)")
