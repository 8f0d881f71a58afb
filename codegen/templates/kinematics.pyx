"""Model-independent K+ -> l+ nu X pieces, compiled once: the Dalitz region in s23 and Gamma(K+ -> l+ nu) from
the SM vertex (the normalisation of every rate). The charged lepton's mass is the argument m_mu (m_e for
K+ -> e+ nu X).
"""

include "_kmunu_dalitz.pxi"


def kl2_width(double m_K, double m_mu):
    """Gamma(K+ -> l+ nu) / C^2 in GeV^3 from the SM vertex M0 = C ubar(q) P/ P_L v(k), C = sqrt(2) G_F V_us f_K."""
$kl2_body


def s23_limits(const double[::1] s12, double m_K, double m_mu, double m_X, double[::1] lo, double[::1] hi):
    """Fill lo, hi with the physical s23 range at each s12 (GeV^2); no range check on s12 here."""
    cdef Py_ssize_t i
    cdef double x, z_lo, dz, base = m_X * m_X + m_mu * m_mu
    with nogil:
        for i in range(s12.shape[0]):
            x = 0.5 * ((s12[i] - m_X * m_X) - fma(m_X, m_X, -(m_X * m_X)))
            kmunu_s23_range(s12[i], x, (m_K - m_mu) - sqrt(s12[i]), m_K, m_mu, m_X, &z_lo, &dz)
            lo[i] = base + 2.0 * z_lo
            hi[i] = base + 2.0 * (z_lo + dz)


def first_outside(const double[::1] s12, const double[::1] s23, double m_K, double m_mu, double m_X,
                  double slack):
    """Index of the first point that is NaN or outside the Dalitz region, -1 if there is none.

    Outside means s12 below m_X^2 (1 - slack) or above (m_K - m_mu)^2 + slack m_K^2 (relative at the lower end,
    where m_X^2 may be far below the rounding of m_K^2), or the boundary function
    Phi = s12^2 (s23 - s23_min)(s23_max - s23)
        = lambda(s12, 0, m_X^2) lambda(m_K^2, s12, m_mu^2) / 4 - (s12 (s23 - m_X^2 - m_mu^2) - c / 2)^2,
    c = (s12 + m_X^2)(m_K^2 - s12 - m_mu^2) (PDG Kinematics review, Eq. 49.23, massless neutrino), below
    -slack m_K^8. Unlike s23_min/max, Phi has a bounded gradient where the s23 range pinches to a point."""
    cdef Py_ssize_t index
    with nogil:
        index = first_outside_index(s12, s23, m_K, m_mu, m_X, slack)
    return index


cdef Py_ssize_t first_outside_index(const double[::1] s12, const double[::1] s23, double m_K, double m_mu,
                                    double m_X, double slack) noexcept nogil:
    cdef Py_ssize_t i
    cdef double a, phi, k2 = m_K * m_K, mu2 = m_mu * m_mu, x2 = m_X * m_X
    cdef double s12_lo = x2 * (1.0 - slack), s12_hi = (m_K - m_mu) * (m_K - m_mu) + slack * k2
    cdef double phi_min = -slack * k2 * k2 * k2 * k2
    for i in range(s12.shape[0]):
        if not (s12_lo <= s12[i] <= s12_hi):
            return i
        a = k2 - s12[i] - mu2
        phi = (0.25 * (s12[i] - x2) * (s12[i] - x2) * (a * a - 4.0 * s12[i] * mu2)
               - square(s12[i] * (s23[i] - x2 - mu2) - 0.5 * (s12[i] + x2) * a))
        if not (phi >= phi_min):
            return i
    return -1
