"""SM K+(P) -> l+(k1) nu(q) l'+(k2) l'-(k3) kernels, l, l' in {e, mu}: inner bremsstrahlung plus the
structure-dependent form factors F_V, F_A, R through a virtual photon (amplitudes/k3munu.py). ``distinct``:
l != l' (lepton masses m_l, m_lp); ``identical``: l = l' (mass m_l), antisymmetrised in the two l+.

Reduced quantity: sum|M|^2 / (e^4 G_F^2 V_us^2) in GeV^2 (sum|M|^2 itself is GeV^-2 for a 1 -> 4 decay);
invariants in GeV^2, masses and f_K in GeV, form factors dimensionless. k3.q follows from P^2 = m_K^2.
It is evaluated as a Laurent polynomial in the propagator denominators d_i (codegen/k3munu.py): the
coefficients, polynomials in the masses and form factors, once per call (``coefficients_*``), then per point
only the Horner scheme (``msq_*``).
"""

cimport cython
import numpy as np

include "_four_body.pxi"

cdef enum:
    MAX_COEFFICIENTS = $max_size  # distinct: $distinct_size, identical: $identical_size


cdef void coefficients_distinct(double* c, double m_K, double m_l, double m_lp, double f_K, double F_V, double F_A,
                                double R) noexcept nogil:
$distinct_coefficients


cdef double msq_distinct(const double* c, double k1_k2, double k1_k3, double k1_q, double k2_k3, double k2_q,
                         double m_K, double m_l, double m_lp) noexcept nogil:
$distinct_body


cdef void coefficients_identical(double* c, double m_K, double m_l, double f_K, double F_V, double F_A,
                                 double R) noexcept nogil:
$identical_coefficients


cdef double msq_identical(const double* c, double k1_k2, double k1_k3, double k1_q, double k2_k3, double k2_q,
                          double m_K, double m_l) noexcept nogil:
$identical_body


@cython.final
cdef class Kernel:
    """The reduced |M|^2 of one kind (identical or distinct leptons) at fixed masses and form factors: the
    coefficients are computed here, once."""
    cdef double c[MAX_COEFFICIENTS]
    cdef bint identical
    cdef double m_K, m_l, m_lp

    def __init__(self, bint identical, double m_K, double m_l, double m_lp, double f_K, double F_V, double F_A,
                 double R):
        self.identical, self.m_K, self.m_l, self.m_lp = identical, m_K, m_l, m_lp
        if identical:
            coefficients_identical(self.c, m_K, m_l, f_K, F_V, F_A, R)
        else:
            coefficients_distinct(self.c, m_K, m_l, m_lp, f_K, F_V, F_A, R)

    cdef inline double at(self, const double* x) noexcept nogil:
        """At the invariants x[0..4] = k1.k2, k1.k3, k1.q, k2.k3, k2.q; a rounding-level negative value (where
        the terms cancel, at the edge of phase space) is 0, as for the model kernels."""
        cdef double value
        if self.identical:
            value = msq_identical(self.c, x[0], x[1], x[2], x[3], x[4], self.m_K, self.m_l)
        else:
            value = msq_distinct(self.c, x[0], x[1], x[2], x[3], x[4], self.m_K, self.m_l, self.m_lp)
        return 0.0 if value < 0 else value

    def evaluate(self, double[:, ::1] invariants):
        """At n points: ``invariants`` has the columns k1.k2, k1.k3, k1.q, k2.k3, k2.q (GeV^2)."""
        if invariants.shape[1] != 5:
            raise ValueError("invariants must have five columns: k1.k2, k1.k3, k1.q, k2.k3, k2.q")
        cdef Py_ssize_t i, n = invariants.shape[0]
        out = np.empty(n)
        cdef double[::1] result = out
        with nogil:
            for i in range(n):
                result[i] = self.at(&invariants[i, 0])
        return out

    def weighted_events(self, double[:, ::1] uniforms, double cut, double scale):
        """Phase space, |M|^2 and cuts in one loop: momenta (n, 4, 4) (k1, q, k2, k3) and the weights
        scale x reduced |M|^2 x phase-space weight, zero unless every l'+ l'- pair has a mass above ``cut`` (GeV).
        Uniforms (n, 8) in [0, 1) drive _four_body.pxi, t from max(4 m_l'^2, cut^2) up. For identical leptons the
        two pairs' photon poles are sampled as two channels, the generated event or the one with k1 and k2
        exchanged (u7 < 1/2 or not; 2 u7 mod 1 is the last azimuth), weighted by 1/(mean of the two densities)."""
        if uniforms.shape[1] != 8:
            raise ValueError("uniforms must have eight columns")
        cdef double m1 = self.m_l, m2 = self.m_l if self.identical else self.m_lp, M = self.m_K
        cdef double t_low = max(4 * m2 * m2, cut * cut), t_high = (M - m1) * (M - m1)
        if not (t_low > 0 and t_low < t_high):
            raise ValueError(f"the pair mass cut {cut} GeV leaves no phase space (or massless pair leptons)")
        cdef Py_ssize_t i, j, n = uniforms.shape[0]
        momenta_array = np.empty((n, 4, 4))
        weights_array = np.empty(n)
        cdef double[:, :, ::1] momenta = momenta_array
        cdef double[::1] weights = weights_array
        cdef double log_range = log(t_high / t_low), w, s_other, t_other, u7
        cdef double x[5]
        cdef double* event
        cdef bint exchange
        with nogil:
            for i in range(n):
                event = &momenta[i, 0, 0]
                u7 = uniforms[i, 7]
                exchange = self.identical and u7 >= 0.5
                if self.identical:
                    u7 = 2 * u7 - exchange
                w = four_body_event(M, m1, m2, t_low, log_range, &uniforms[i, 0], 2 * M_PI * u7, event)
                if exchange:
                    for j in range(4):
                        event[j], event[8 + j] = event[8 + j], event[j]
                event_invariants(event, x)
                if self.identical:
                    # the other channel's weight at this event: s = (k1 + q)^2, t = (k2 + k3)^2 of the generated event
                    # with k1, k2 exchanged; that channel cannot reach it below t_low, and the cut removes it
                    s_other = m1 * m1 + 2 * (x[2] if exchange else x[4])
                    t_other = 2 * m1 * m1 + 2 * (x[3] if exchange else x[1])
                    if t_other >= t_low:
                        w = 2 / (1 / w + 1 / four_body_weight(M, m1, m2, log_range, s_other, t_other))
                    elif t_other > cut * cut:  # below 4 m^2 by rounding only
                        w = 2 * w
                    else:
                        w = 0.0
                weights[i] = scale * self.at(x) * w
        return momenta_array, weights_array


def distinct(double[:, ::1] invariants, double m_K, double m_l, double m_lp, double f_K, double F_V, double F_A,
             double R):
    """sum|M|^2 / (e^4 G_F^2 V_us^2) (GeV^2) for l != l' at n points; ``invariants`` has the columns k1.k2,
    k1.k3, k1.q, k2.k3, k2.q (GeV^2)."""
    return Kernel(False, m_K, m_l, m_lp, f_K, F_V, F_A, R).evaluate(invariants)


def identical(double[:, ::1] invariants, double m_K, double m_l, double f_K, double F_V, double F_A, double R):
    """sum|M|^2 / (e^4 G_F^2 V_us^2) (GeV^2) for l = l' at n points (columns as :func:`distinct`)."""
    return Kernel(True, m_K, m_l, m_l, f_K, F_V, F_A, R).evaluate(invariants)
