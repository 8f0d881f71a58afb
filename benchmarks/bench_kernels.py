"""Compiled kernels vs the generic route (issue: codegen). Run: python benchmarks/bench_kernels.py

1. Width per mass: kaonlib.width vs scipy.integrate.dblquad over a sympy.lambdify'd |M|^2, both asked for
   relative tolerance 1e-9; prints times, the ratio and the relative difference of the two results.
2. |M|^2 on 1e6 Dalitz points: kaonlib.msq (check=False and with the region check) vs
   sympy.lambdify(..., "numpy") of the same expression.
"""

import sys
import time
from pathlib import Path

import numpy as np
import sympy
from scipy import integrate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import kaonlib  # noqa: E402
from amplitudes import derive  # noqa: E402
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu, m_X, s12, s23  # noqa: E402
from kaonlib import inputs  # noqa: E402


def lambdified(name, module):
    d = derive(name)
    values = {G_F: inputs.G_F, V_us: inputs.V_US, f_K: inputs.F_K, d.model.coupling: 1}
    return sympy.lambdify((s12, s23, m_K, m_mu, m_X), d.squared_amplitude.subs(values), module)


def best_time(func, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def bench_width(name, mass):
    f = lambdified(name, "math")
    mk, mmu = inputs.M_K, inputs.M_MU
    lo_hi = [sympy.lambdify(s12, lim.subs({m_K: mk, m_mu: mmu, m_X: mass}), "math")
             for lim in kaonlib_limits()]

    def generic():
        value, _ = integrate.dblquad(lambda t, s: f(s, t, mk, mmu, mass), mass**2, (mk - mmu) ** 2,
                                     lo_hi[0], lo_hi[1], epsabs=0, epsrel=1e-9)
        return value / (256 * np.pi**3 * mk**3)

    t_generic, ref = best_time(generic, 1)
    t_kernel, ours = best_time(lambda: kaonlib.width(name, mass), 50)
    print(f"width {name:7s} m_X = {mass:5.3f} GeV: dblquad {t_generic:8.3f} s, kernel {t_kernel * 1e6:7.1f} us, "
          f"ratio {t_generic / t_kernel:9.0f}x (target >= 1000x), |rel diff| {abs(ours / ref - 1):.1e}")


def kaonlib_limits():
    from amplitudes.kinematics import dalitz_s23_limits

    return dalitz_s23_limits(m_K, (0, m_X, m_mu), s12)


def bench_msq(name, mass=0.1, n=1_000_000):
    rng = np.random.default_rng(1)
    s12v = mass**2 + rng.random(n) * ((inputs.M_K - inputs.M_MU) ** 2 - mass**2)
    lo, hi = kaonlib.processes.kmunu.s23_limits(s12v, mass)
    s23v = lo + rng.random(n) * (hi - lo)
    f = lambdified(name, "numpy")
    t_numpy, ref = best_time(lambda: f(s12v, s23v, inputs.M_K, inputs.M_MU, mass), 3)
    t_fast, ours = best_time(lambda: kaonlib.msq(name, s12v, s23v, m_X=mass, check=False), 3)
    t_checked, _ = best_time(lambda: kaonlib.msq(name, s12v, s23v, m_X=mass), 3)
    print(f"msq   {name:7s} on 1e6 points: lambdify-numpy {t_numpy * 1e3:6.1f} ms, kernel {t_fast * 1e3:5.1f} ms "
          f"(ratio {t_numpy / t_fast:5.1f}x, target >= 5x), with region check {t_checked * 1e3:5.1f} ms "
          f"(ratio {t_numpy / t_checked:4.1f}x); max |rel diff| {np.max(np.abs(ours / ref - 1)):.1e}")


if __name__ == "__main__":
    for name in ("vector", "scalar"):
        for mass in (0.01, 0.1, 0.3):
            bench_width(name, mass)
    for name in ("vector", "scalar"):
        bench_msq(name)
