"""Symbolic preparation of the K+ -> mu+ nu mu+ mu- kernel (build time).

The kernel evaluates the *reduced* sum|M|^2 / (e^4 G_F^2 V_us^2) of amplitudes/k3munu.py: a polynomial in the
five invariants (k1.k2, k1.k3, k1.q, k2.k3, k2.q), the five inverse propagators, f_K, F_V, F_A, R and the
masses. The propagators are computed first, from the same invariants.
"""

import sympy

from amplitudes import k3munu
from amplitudes.kmunugamma import F_A, F_V, R, e
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu

from .printer import cython_code

PARAMETERS = (m_K, m_mu, f_K, F_V, F_A, R)


def reduced_squared_amplitude():
    """sum|M|^2 / (e^4 G_F^2 V_us^2); raises if the derived expression does not factor that way."""
    reduced = sympy.expand(k3munu.squared_amplitude() / (e**4 * G_F**2 * V_us**2))
    allowed = set(k3munu.INVARIANTS) | set(k3munu.PROPAGATOR_SYMBOLS.values()) | set(PARAMETERS)
    if not reduced.free_symbols <= allowed:
        raise ValueError(f"K -> mu nu mu mu |M|^2 has unexpected symbols {reduced.free_symbols - allowed}")
    return reduced


def grouped_terms(reduced):
    """reduced as a list of terms structure x polynomial(invariants, masses), one per product of propagators,
    form factors and f_K: short statements for the compiler, and each structure multiplied once."""
    structure = sorted(k3munu.PROPAGATOR_SYMBOLS.values(), key=str) + [f_K, F_V, F_A, R]
    polynomial = sympy.Poly(reduced, *structure)
    return [sympy.Mul(*(g**n for g, n in zip(structure, monomial))) * coeff
            for monomial, coeff in sorted(polynomial.terms())]


def propagator_statements():
    """Cython statements computing each inverse propagator 1/(p^2 - m^2) from the invariants."""
    return "\n".join(f"    cdef double {symbol} = {cython_code(value)}"
                     for symbol, value in sorted(k3munu.propagator_values().items(), key=lambda kv: str(kv[0])))
