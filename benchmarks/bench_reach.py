"""Time a 200-mass invisible reach curve (likelihood and cut and count) for one model; target < 5 s.

Run: python benchmarks/bench_reach.py
"""

import time

from kaonlib.na62 import InvisibleSearch
from kaonlib.reach import default_masses, invisible_reach

if __name__ == "__main__":
    search = InvisibleSearch()
    search.background_events()  # build the default background once (cached), as any session does
    for model in ("vector", "scalar"):
        start = time.perf_counter()
        rows = invisible_reach(model, default_masses(200), search)
        seconds = time.perf_counter() - start
        print(f"reach {model}: 200 masses in {seconds:.2f} s (target < 5 s, ratio {seconds / 5:.2f}); "
              f"alpha at 10 MeV ~ {rows[67]['alpha_likelihood']:.2e}")
