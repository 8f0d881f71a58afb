"""Symbolic preparation of the K+ -> l+ nu l'+ l'- kernels (build time), one per kind of process
(amplitudes/k3munu.py): distinct leptons (masses m_l, m_lp) and identical leptons (mass m_l).

Each kernel evaluates the *reduced* sum|M|^2 / (e^4 G_F^2 V_us^2): a polynomial in the five invariants
(k1.k2, k1.k3, k1.q, k2.k3, k2.q), the inverse propagators, f_K, F_V, F_A, R and the masses. The propagators
are computed first, from the same invariants.
"""

import sympy

from amplitudes import k3munu
from amplitudes.kmunugamma import F_A, F_V, R, e
from amplitudes.symbols import G_F, V_us, f_K, m_K

from .printer import cython_code

FORM_FACTORS = (f_K, F_V, F_A, R)


def parameters(identical):
    """Kernel arguments after the invariants, in order."""
    masses = (m_K, k3munu.m_l) if identical else (m_K, k3munu.m_l, k3munu.m_lp)
    return masses + FORM_FACTORS


def reduced_squared_amplitude(identical):
    """sum|M|^2 / (e^4 G_F^2 V_us^2); raises if the derived expression does not factor that way."""
    reduced = sympy.expand(k3munu.squared_amplitude(identical) / (e**4 * G_F**2 * V_us**2))
    process = k3munu.PROCESSES[identical]
    allowed = set(k3munu.INDEPENDENT) | set(process.symbols.values()) | set(parameters(identical))
    if not reduced.free_symbols <= allowed:
        raise ValueError(f"K -> l nu l l |M|^2 has unexpected symbols {reduced.free_symbols - allowed}")
    return reduced


def grouped_terms(reduced, identical):
    """reduced as a list of terms structure x polynomial(invariants, masses), one per product of propagators,
    form factors and f_K: short statements for the compiler, and each structure multiplied once."""
    structure = sorted(k3munu.PROCESSES[identical].symbols.values(), key=str) + list(FORM_FACTORS)
    polynomial = sympy.Poly(reduced, *structure)
    return [sympy.Mul(*(g**n for g, n in zip(structure, monomial))) * coeff
            for monomial, coeff in sorted(polynomial.terms())]


def propagator_statements(identical):
    """Cython statements computing each inverse propagator 1/(p^2 - m^2) from the invariants."""
    values = k3munu.PROCESSES[identical].propagator_values()
    return "\n".join(f"    cdef double {symbol} = {cython_code(value)}"
                     for symbol, value in sorted(values.items(), key=lambda kv: str(kv[0])))
