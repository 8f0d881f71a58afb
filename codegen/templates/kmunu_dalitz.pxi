# Shared by the K+ -> mu+ nu X kernels: accurate invariants and the Dalitz range in s23.

from libc.math cimport M_PI, exp, expm1, fabs, fma, log, log1p, sqrt


cdef inline double square(double a) noexcept nogil:
    return a * a


cdef inline void kmunu_dot_products(double s12, double s23, double m_K, double m_mu, double m_X,
                                    double* x, double* y, double* z) noexcept nogil:
    """x = q.l = (s12 - m_X^2)/2, y = q.k = (m_K^2 + m_X^2 - s12 - s23)/2, z = k.l = (s23 - m_X^2 - m_mu^2)/2.

    Each square m^2 is carried as fl(m*m) plus its exact rounding error fma(m, m, -fl(m*m)), so the
    differences stay accurate where they are small (soft neutrino, threshold)."""
    cdef double k2 = m_K * m_K, mu2 = m_mu * m_mu, x2 = m_X * m_X
    cdef double k2_err = fma(m_K, m_K, -k2), mu2_err = fma(m_mu, m_mu, -mu2), x2_err = fma(m_X, m_X, -x2)
    x[0] = 0.5 * ((s12 - x2) - x2_err)
    z[0] = 0.5 * ((((s23 - mu2) - mu2_err) - x2) - x2_err)
    y[0] = 0.5 * ((k2 - s23) + k2_err) - x[0]


cdef inline void kmunu_s23_range(double s12, double x, double r, double m_K, double m_mu, double m_X,
                                 double* z_lo, double* dz) noexcept nogil:
    """Dalitz range at fixed s12 = m_X^2 + 2x as z in [z_lo, z_lo + dz], z = (s23 - m_X^2 - m_mu^2)/2.

    r = m_K - m_mu - sqrt(s12) is passed in (it vanishes at the end point). With A = m_K^2 - s12 - m_mu^2
    and lambda = lambda(m_K^2, s12, m_mu^2) = r (r + 2 m_mu)(2 m_K - r)(2 m_K - r - 2 m_mu)  (product form),
    PDG Eq. (49.23) for a massless neutrino gives s23_max - s23_min = 2 x sqrt(lambda) / s12 and, after
    rationalising, z_lo = (m_X^2 A^2 + 4 m_mu^2 x^2) / ((s12 + m_X^2) A + 2 x sqrt(lambda)): no cancellations."""
    cdef double lam = r * (r + 2.0 * m_mu) * (2.0 * m_K - r) * (2.0 * m_K - r - 2.0 * m_mu)
    cdef double root = 2.0 * x * sqrt(lam if lam > 0.0 else 0.0)
    cdef double a = (m_K - m_mu) * (m_K + m_mu) - s12
    z_lo[0] = (m_X * m_X * a * a + 4.0 * m_mu * m_mu * x * x) / ((s12 + m_X * m_X) * a + root)
    dz[0] = root / (2.0 * s12) if s12 > 0.0 else 0.0


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

    Outside means s12 beyond [m_X^2, (m_K - m_mu)^2] by more than slack m_K^2, or the boundary function
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
    cdef double s12_lo = x2 - slack * k2, s12_hi = (m_K - m_mu) * (m_K - m_mu) + slack * k2
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
