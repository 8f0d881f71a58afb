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
