"""Symbolic preparation of the dark-dipole K -> pi Q Qbar kernels (build time).

The kernels use the reduced |M|^2 = sum|M|^2 / ((g_M/Lambda)^2 F(0)^2 e_D^2), F(0) = c_T f_T(0)/(M_K + M_pi).
It is rewritten, and the rewriting checked symbolically, in the variables
    lam = lambda(m_K^2, s, m_pi^2)  (product form in the kernel)   and
    d = t - u = 2t - (m_K^2 + 2 m_Q^2 + m_pi^2 - s),
where it must read 2 (lam - d^2): it vanishes where the pion is at rest (lam -> 0) without cancellations.
At fixed s, d runs over [-B, B] with B = beta sqrt(lam), beta^2 = 1 - 4 m_Q^2/s, and dt = dd/2, so
    int dt |M|^2_reduced = 2 lam B - (2/3) B^3.
f_T(s)/f_T(0) and the Sommerfeld-Fermi factor multiply dGamma/ds in the template.
"""

import sympy

from amplitudes import kpiqq
from amplitudes.kinematics import kallen_masses

lam, d, beta = sympy.symbols("lam d beta", positive=True)


def reduced_squared_amplitude():
    expr = sympy.cancel(kpiqq.squared_amplitude() / ((kpiqq.g_M / kpiqq.Lam) ** 2 * kpiqq.F**2 * kpiqq.e_D**2))
    if not expr.free_symbols <= {kpiqq.s, kpiqq.t, kpiqq.m_K, kpiqq.m_pi, kpiqq.m_Q}:
        raise ValueError("the dark-dipole |M|^2 is not (g_M F e_D / Lambda)^2 times a function of s and t")
    return expr


def in_natural_variables(reduced):
    """The reduced |M|^2 as a polynomial in (lam, d); raises unless it equals the input identically."""
    s, t, m_K, m_pi, m_Q = kpiqq.s, kpiqq.t, kpiqq.m_K, kpiqq.m_pi, kpiqq.m_Q
    candidate = 2 * (lam - d**2)
    back = candidate.subs({lam: kallen_masses(m_K**2, sympy.sqrt(s), m_pi),
                           d: 2 * t - (m_K**2 + 2 * m_Q**2 + m_pi**2 - s)})
    if sympy.expand(back - reduced) != 0:
        raise ValueError("the dark-dipole |M|^2 is no longer 2 (lambda - (t - u)^2): update codegen/kpiqq.py")
    return candidate


def t_integral(natural):
    """int dt over the Dalitz range at fixed s: (1/2) int_{-B}^{B} dd, B = beta sqrt(lam)."""
    bound = beta * sympy.sqrt(lam)
    return sympy.factor(sympy.integrate(natural, (d, -bound, bound)) / 2)
