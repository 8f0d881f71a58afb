"""SM K+(P) -> mu+(k1) nu(q) mu+(k2) mu-(k3) kernel: inner bremsstrahlung plus the structure-dependent form
factors F_V, F_A, R through a virtual photon, antisymmetrised in the two mu+ (amplitudes/k3munu.py).

Reduced quantity: sum|M|^2 / (e^4 G_F^2 V_us^2) in GeV^2 (sum|M|^2 itself is GeV^-2 for a 1 -> 4 decay);
invariants in GeV^2, masses and f_K in GeV, form factors dimensionless. k3.q follows from P^2 = m_K^2.
"""

import numpy as np


cdef double msq_reduced(double k1_k2, double k1_k3, double k1_q, double k2_k3, double k2_q, double m_K,
                        double m_mu, double f_K, double F_V, double F_A, double R) noexcept nogil:
$propagators
$msq_body


def squared_amplitude(double[:, ::1] invariants, double m_K, double m_mu, double f_K, double F_V, double F_A,
                      double R):
    """sum|M|^2 / (e^4 G_F^2 V_us^2) (GeV^2) at n points; ``invariants`` has the columns k1.k2, k1.k3, k1.q, k2.k3,
    k2.q (GeV^2)."""
    if invariants.shape[1] != 5:
        raise ValueError("invariants must have five columns: k1.k2, k1.k3, k1.q, k2.k3, k2.q")
    cdef Py_ssize_t i, n = invariants.shape[0]
    out = np.empty(n)
    cdef double[::1] result = out
    with nogil:
        for i in range(n):
            result[i] = msq_reduced(invariants[i, 0], invariants[i, 1], invariants[i, 2], invariants[i, 3],
                                    invariants[i, 4], m_K, m_mu, f_K, F_V, F_A, R)
    return out
