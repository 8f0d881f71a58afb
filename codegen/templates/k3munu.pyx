"""SM K+(P) -> l+(k1) nu(q) l'+(k2) l'-(k3) kernels, l, l' in {e, mu}: inner bremsstrahlung plus the
structure-dependent form factors F_V, F_A, R through a virtual photon (amplitudes/k3munu.py). ``distinct``:
l != l' (lepton masses m_l, m_lp); ``identical``: l = l' (mass m_l), antisymmetrised in the two l+.

Reduced quantity: sum|M|^2 / (e^4 G_F^2 V_us^2) in GeV^2 (sum|M|^2 itself is GeV^-2 for a 1 -> 4 decay);
invariants in GeV^2, masses and f_K in GeV, form factors dimensionless. k3.q follows from P^2 = m_K^2.
"""

import numpy as np


cdef double msq_distinct(double k1_k2, double k1_k3, double k1_q, double k2_k3, double k2_q, double m_K,
                         double m_l, double m_lp, double f_K, double F_V, double F_A, double R) noexcept nogil:
$distinct_propagators
$distinct_body


cdef double msq_identical(double k1_k2, double k1_k3, double k1_q, double k2_k3, double k2_q, double m_K,
                          double m_l, double f_K, double F_V, double F_A, double R) noexcept nogil:
$identical_propagators
$identical_body


def check_columns(double[:, ::1] invariants):
    if invariants.shape[1] != 5:
        raise ValueError("invariants must have five columns: k1.k2, k1.k3, k1.q, k2.k3, k2.q")


def distinct(double[:, ::1] invariants, double m_K, double m_l, double m_lp, double f_K, double F_V, double F_A,
             double R):
    """sum|M|^2 / (e^4 G_F^2 V_us^2) (GeV^2) for l != l' at n points; ``invariants`` has the columns k1.k2,
    k1.k3, k1.q, k2.k3, k2.q (GeV^2)."""
    check_columns(invariants)
    cdef Py_ssize_t i, n = invariants.shape[0]
    out = np.empty(n)
    cdef double[::1] result = out
    with nogil:
        for i in range(n):
            result[i] = msq_distinct(invariants[i, 0], invariants[i, 1], invariants[i, 2], invariants[i, 3],
                                     invariants[i, 4], m_K, m_l, m_lp, f_K, F_V, F_A, R)
    return out


def identical(double[:, ::1] invariants, double m_K, double m_l, double f_K, double F_V, double F_A, double R):
    """sum|M|^2 / (e^4 G_F^2 V_us^2) (GeV^2) for l = l' at n points (columns as :func:`distinct`)."""
    check_columns(invariants)
    cdef Py_ssize_t i, n = invariants.shape[0]
    out = np.empty(n)
    cdef double[::1] result = out
    with nogil:
        for i in range(n):
            result[i] = msq_identical(invariants[i, 0], invariants[i, 1], invariants[i, 2], invariants[i, 3],
                                      invariants[i, 4], m_K, m_l, f_K, F_V, F_A, R)
    return out
