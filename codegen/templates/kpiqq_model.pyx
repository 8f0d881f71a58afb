"""K -> pi Q Qbar through a massless dark photon and a flavour-changing magnetic dipole (docs/physics.md section 4).

Reduced quantities: sum|M|^2 / ((g_M/Lambda)^2 F(0)^2 e_D^2), F(0) = c_T f_T(0)/(M_K + M_pi); g_E does not
contribute and the dark-photon pole cancels (amplitudes/kpiqq.py). s = (k_Q + k_Qbar)^2 = m_miss^2 and
t = (p_pi + k_Q)^2 in GeV^2; masses in GeV. Near the Dalitz boundary for a light Q the value is
ill-conditioned in (s, t) (condition number ~ s / (4 m_Q^2) at the t boundary, s/(s_max - s) as the pion
comes to rest), which limits any double-precision evaluation from rounded inputs.
"""

include "_quadrature.pxi"

from libc.math cimport M_PI, expm1, fabs, fma, sqrt


cdef inline void neumaier_add(double x, double* total, double* carry) noexcept nogil:
    """Compensated summation: total + carry holds the running sum to about twice double precision."""
    cdef double new = total[0] + x
    if fabs(total[0]) >= fabs(x):
        carry[0] += (total[0] - new) + x
    else:
        carry[0] += (x - new) + total[0]
    total[0] = new


cdef inline double kallen_kaon(double s, double m_K, double m_pi) noexcept nogil:
    """lambda(m_K^2, s, m_pi^2) as a product of four factors; the one that vanishes as the pion comes to rest,
    m_K - m_pi - sqrt(s) = ((m_K - m_pi)^2 - s) / (m_K - m_pi + sqrt(s)), takes (m_K - m_pi)^2 - s with
    m_K - m_pi and its square carried exactly (compensated sum and FMA)."""
    cdef double w = sqrt(s), diff = 0.0, diff_err = 0.0, top = 0.0, top_err = 0.0
    neumaier_add(m_K, &diff, &diff_err)
    neumaier_add(-m_pi, &diff, &diff_err)
    neumaier_add(diff * diff, &top, &top_err)
    neumaier_add(fma(diff, diff, -diff * diff), &top, &top_err)
    neumaier_add(2.0 * diff * diff_err, &top, &top_err)
    neumaier_add(-s, &top, &top_err)
    return (top + top_err) / (m_K - m_pi + w) * (m_K + w + m_pi) * (m_K - w + m_pi) * (m_K + w - m_pi)


cdef double msq_reduced(double s, double t, double m_K, double m_pi, double m_Q) noexcept nogil:
    """Reduced sum|M|^2 in lam = lambda(m_K^2, s, m_pi^2) and d = t - u = 2t - (m_K^2 + 2 m_Q^2 + m_pi^2 - s),
    the squares carried with their FMA rounding errors (codegen/kpiqq.py checks the rewriting)."""
    cdef double lam = kallen_kaon(s, m_K, m_pi)
    cdef double k2 = m_K * m_K, q2 = m_Q * m_Q, p2 = m_pi * m_pi, total = 0.0, carry = 0.0, d
    for term in (k2, fma(m_K, m_K, -k2), 2.0 * q2, 2.0 * fma(m_Q, m_Q, -q2), p2, fma(m_pi, m_pi, -p2), -s):
        neumaier_add(term, &total, &carry)
    d = (2.0 * t - total) - carry
$msq_body


cdef inline void t_range(double s, double m_K, double m_pi, double m_Q, double* t_lo, double* dt) noexcept nogil:
    """t in [t_lo, t_lo + dt] at fixed s (PDG Eq. 49.23 with m1 = m2 = m_Q, m3 = m_pi):
    dt = beta sqrt(lambda(m_K^2, s, m_pi^2)), beta = sqrt(1 - 4 m_Q^2/s), lambda in product form."""
    cdef double beta2 = 1.0 - 4.0 * m_Q * m_Q / s
    cdef double lam = kallen_kaon(s, m_K, m_pi)
    cdef double root = sqrt(beta2 * lam) if (beta2 > 0.0 and lam > 0.0) else 0.0
    t_lo[0] = m_Q * m_Q + m_pi * m_pi + 0.5 * (m_K * m_K - s - m_pi * m_pi - root)
    dt[0] = root


cdef double sommerfeld(double s, double m_Q, double alpha_D) noexcept nogil:
    """Sommerfeld-Fermi factor S = X / (1 - exp(-X)), X = pi alpha_D / beta, beta = sqrt(1 - 4 m_Q^2/s) the
    velocity of Q in the pair rest frame (relative velocity 2 beta); S -> 1 as alpha_D -> 0."""
    cdef double x
    if alpha_D == 0.0:
        return 1.0
    x = M_PI * alpha_D / sqrt(1.0 - 4.0 * m_Q * m_Q / s)
    return x / (-expm1(-x))


cdef double dgamma_ds_reduced(double s, double m_K, double m_pi, double m_Q, double alpha_D,
                              double s_T) noexcept nogil:
    """S(s) (f_T(s)/f_T(0))^2 (1/(256 pi^3 m_K^3)) int dt reduced |M|^2, f_T(s) = f_T(0)/(1 - s_T s); the t
    integral is exact in root = sqrt(lambda(m_K^2, s, m_pi^2)) and beta = sqrt(1 - 4 m_Q^2/s)."""
    cdef double lam = kallen_kaon(s, m_K, m_pi), beta2 = 1.0 - 4.0 * m_Q * m_Q / s
    cdef double root, beta, form, enhancement
    if lam <= 0.0 or beta2 <= 0.0:
        return 0.0
    root, beta = sqrt(lam), sqrt(beta2)
    form = 1.0 / (1.0 - s_T * s)
    enhancement = sommerfeld(s, m_Q, alpha_D)
$spectrum_body


cdef double width_integrand(double u, double v, const double* p) noexcept nogil:
    """dGamma/ds (b - a) on s = a + (b - a) u, p = (m_K, m_pi, m_Q, alpha_D, s_T, a, b)."""
    cdef double s = p[5] + (p[6] - p[5]) * u if u < 0.5 else p[6] - (p[6] - p[5]) * v
    return dgamma_ds_reduced(s, p[0], p[1], p[2], p[3], p[4]) * (p[6] - p[5])


def msq(const double[::1] s, const double[::1] t, double m_K, double m_pi, double m_Q, double[::1] out):
    """out[i] = reduced sum|M|^2 at (s[i], t[i]) in GeV^4; no range checks."""
    cdef Py_ssize_t i
    with nogil:
        for i in range(s.shape[0]):
            out[i] = msq_reduced(s[i], t[i], m_K, m_pi, m_Q)


def dgamma_ds(const double[::1] s, double m_K, double m_pi, double m_Q, double alpha_D, double s_T,
              double[::1] out):
    """out[i] = reduced dGamma/ds at s[i] (GeV^2; 0 outside the kinematic range), Sommerfeld and f_T included."""
    cdef Py_ssize_t i
    with nogil:
        for i in range(s.shape[0]):
            if 4.0 * m_Q * m_Q < s[i] < (m_K - m_pi) * (m_K - m_pi):
                out[i] = dgamma_ds_reduced(s[i], m_K, m_pi, m_Q, alpha_D, s_T)
            else:
                out[i] = 0.0


def t_limits(const double[::1] s, double m_K, double m_pi, double m_Q, double[::1] lo, double[::1] hi):
    """The physical t range at each s."""
    cdef Py_ssize_t i
    cdef double t_lo, dt
    with nogil:
        for i in range(s.shape[0]):
            t_range(s[i], m_K, m_pi, m_Q, &t_lo, &dt)
            lo[i] = t_lo
            hi[i] = t_lo + dt


def width(double m_K, double m_pi, double m_Q, double alpha_D, double s_T, double rtol=1e-11,
          int max_level=9):
    """Reduced Gamma (GeV^5) and its error estimate by tanh-sinh over s in [4 m_Q^2, (m_K - m_pi)^2];
    exactly (0, 0) when the channel is closed (2 m_Q >= m_K - m_pi)."""
    cdef double params[7]
    cdef double error = 0.0, value = 0.0
    if 2.0 * m_Q >= m_K - m_pi:
        return 0.0, 0.0
    params[0], params[1], params[2], params[3], params[4] = m_K, m_pi, m_Q, alpha_D, s_T
    params[5], params[6] = 4.0 * m_Q * m_Q, (m_K - m_pi) * (m_K - m_pi)
    with nogil:
        value = tanh_sinh(width_integrand, params, rtol, max_level, &error)
    return value, error
