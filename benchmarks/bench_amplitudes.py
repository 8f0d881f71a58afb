"""Timings of the symbolic layer (issue: symbolic amplitude engine). Run: python benchmarks/bench_amplitudes.py

Prints the wall time of (1) deriving and checking the vector and scalar models from cold caches and
(2) one 10-gamma trace with gamma5 and a mass, from a cold trace cache, against the targets.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from amplitudes.checks import massless_muon_limit, ratio_to_published  # noqa: E402
from amplitudes.dirac import GAMMA5, slash  # noqa: E402
from amplitudes.kmunu import derive, ward_residual  # noqa: E402
from amplitudes.lorentz import Momentum  # noqa: E402
from amplitudes.trace import trace, trace_with_g5, trace_word  # noqa: E402


def derive_and_check():
    for name in ("vector", "scalar"):
        derive(name)
        massless_muon_limit(name)
        ratio_to_published(name)
    ward_residual("vector")


def ten_gamma_trace():
    p = [Momentum.named(n) for n in "abcdefghij"]
    chain = slash(p[0]) * (slash(p[1]) + 3)
    for mom in p[2:]:
        chain = chain * slash(mom)
    return trace(chain * GAMMA5)


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


if __name__ == "__main__":
    seconds, _ = timed(derive_and_check)
    print(f"derive + check vector and scalar: {seconds:.2f} s (target < 60 s, ratio {seconds / 60:.3f})")
    trace_word.cache_clear()
    trace_with_g5.cache_clear()
    seconds, result = timed(ten_gamma_trace)
    print(f"10-gamma trace with gamma5: {seconds:.3f} s, {len(result)} terms (target < 2 s, ratio {seconds / 2:.3f})")
