# Shared by the K+ -> mu+ nu X kernels, included at the end of each model file: the Python entry points
# built on the model's msq_reduced and dgamma_ds12_reduced.


cdef double width_integrand(double u, double v, const double* p) noexcept nogil:
    """dGamma/ds12 ds12/du for s12 in [a, b] mapped as s12 = a exp(u L), L = log(b/a) (the log map flattens
    the small-m_X peak); x = (s12 - m_X^2)/2 = x_a + a expm1(u L)/2 and r = m_K - m_mu - sqrt(s12)
    = r_b - sqrt(b) expm1(-v L/2), with v = 1 - u, stay accurate at both ends.
    p = (m_K, m_mu, m_X, a, L, x_a, sqrt(b), r_b)."""
    cdef double s12 = p[3] * exp(u * p[4])
    cdef double x = p[5] + 0.5 * p[3] * expm1(u * p[4])
    cdef double r = p[7] - p[6] * expm1(-0.5 * v * p[4])
    return dgamma_ds12_reduced(s12, x, r, p[0], p[1], p[2]) * s12 * p[4]


def msq(const double[::1] s12, const double[::1] s23, double m_K, double m_mu, double m_X, double[::1] out):
    """out[i] = sum|M|^2 / (C^2 g^2) at (s12[i], s23[i]); no range checks (kaonlib does them)."""
    cdef Py_ssize_t i
    with nogil:
        for i in range(s12.shape[0]):
            out[i] = msq_reduced(s12[i], s23[i], m_K, m_mu, m_X)


def dgamma_ds12(const double[::1] s12, double m_K, double m_mu, double m_X, double[::1] out):
    """out[i] = (dGamma/ds12) / (C^2 g^2) at s12[i], in GeV (GeV^-1 over GeV^-2); no range checks."""
    cdef Py_ssize_t i
    cdef double x
    with nogil:
        for i in range(s12.shape[0]):
            x = 0.5 * ((s12[i] - m_X * m_X) - fma(m_X, m_X, -(m_X * m_X)))
            out[i] = dgamma_ds12_reduced(s12[i], x, (m_K - m_mu) - sqrt(s12[i]), m_K, m_mu, m_X)


def partial_width(double m_K, double m_mu, double m_X, double s12_lo, double s12_hi, double rtol=1e-11,
                  int max_level=9):
    """int ds12 dGamma/ds12 / (C^2 g^2) over [s12_lo, s12_hi] clipped to [m_X^2, (m_K - m_mu)^2], in GeV^3,
    and its error estimate (tanh-sinh over log(s12)); an empty range gives (0, 0)."""
    cdef double params[8]
    cdef double error = 0.0, value = 0.0, a, b
    cdef double s12_max = (m_K - m_mu) * (m_K - m_mu)
    a = m_X * m_X if s12_lo <= m_X * m_X else s12_lo
    b = s12_max if s12_hi >= s12_max else s12_hi
    if not b > a:
        return 0.0, 0.0
    params[0], params[1], params[2], params[3], params[4] = m_K, m_mu, m_X, a, log(b / a)
    params[5] = 0.0 if s12_lo <= m_X * m_X else 0.5 * ((a - m_X * m_X) - fma(m_X, m_X, -(m_X * m_X)))
    params[6] = m_K - m_mu if s12_hi >= s12_max else sqrt(b)
    params[7] = 0.0 if s12_hi >= s12_max else (m_K - m_mu) - sqrt(b)
    with nogil:
        value = tanh_sinh(width_integrand, params, rtol, max_level, &error)
    return value, error


def width(double m_K, double m_mu, double m_X, double rtol=1e-11, int max_level=9):
    """Gamma(K -> mu nu X) / (C^2 g^2) in GeV^3 and its error estimate: partial_width over the whole range."""
    return partial_width(m_K, m_mu, m_X, 0.0, (m_K - m_mu) * (m_K - m_mu), rtol, max_level)
