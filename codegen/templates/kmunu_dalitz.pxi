# Shared by the K+ -> mu+ nu X kernels: accurate invariants, the Dalitz range in s23, and a
# tanh-sinh rule for the s12 integral.

from libc.math cimport M_PI, cosh, exp, expm1, fabs, fma, log, log1p, sinh, sqrt

ctypedef double (*unit_integrand)(double u, double v, const double* params) noexcept nogil


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


cdef double tanh_sinh(unit_integrand f, const double* params, double rtol, int max_level,
                      double* error) noexcept nogil:
    """int_0^1 f du with the tanh-sinh rule (Takahasi and Mori, Publ. RIMS 9 (1974) 721):
    u = (1 + tanh(pi/2 sinh t))/2, weight pi cosh(t) e/(1 + e)^2 with e = exp(-pi |sinh t|).
    f receives u and v = 1 - u, both accurate at the end points; |t| <= 4 (dropped weights < 1e-37).
    The step is halved (reusing the previous points) until two levels agree to rtol."""
    cdef double h = 1.0, t_max = 4.0, estimate, previous = 0.0
    cdef double total
    cdef int level
    total = tanh_sinh_points(f, params, h, 0, t_max, 1)
    estimate = h * total
    for level in range(1, max_level + 1):
        h *= 0.5
        total += tanh_sinh_points(f, params, h, 1, t_max, 2)
        previous, estimate = estimate, h * total
        if fabs(estimate - previous) <= rtol * fabs(estimate):
            break
    error[0] = fabs(estimate - previous)
    return estimate


cdef double tanh_sinh_points(unit_integrand f, const double* params, double h, int first, double t_max,
                             int stride) noexcept nogil:
    """Sum of w(t) [f(t) + f(-t)] over t = k h, k = first, first + stride, ..., |t| <= t_max (t = 0 once)."""
    cdef double t, s, e, w, u, v, total = 0.0
    cdef int k = first
    while k * h <= t_max:
        t = k * h
        s = M_PI * sinh(t)
        e = exp(-s)
        w = M_PI * cosh(t) * e / ((1.0 + e) * (1.0 + e))
        u = 1.0 / (1.0 + e)
        v = e / (1.0 + e)
        if k == 0:
            total += w * f(0.5, 0.5, params)
        else:
            if v > 0.0:
                total += w * (f(u, v, params) + f(v, u, params))
        k += stride
    return total


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
