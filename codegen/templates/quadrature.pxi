# Shared by every kernel: a tabulated tanh-sinh rule on [0, 1].

from libc.math cimport M_PI, exp, fabs, ldexp

ctypedef double (*unit_integrand)(double u, double v, const double* params) noexcept nogil


cdef enum:
    TS_MAX_LEVEL = 9
    TS_MAX_NODES = 4096  # 3.5 * 2^10 + 4 nodes up to level 9

cdef double TS_T_MAX = 3.5  # |t| <= 3.5: the dropped weights are below 1e-21
cdef double ts_u[TS_MAX_NODES]
cdef double ts_v[TS_MAX_NODES]
cdef double ts_w[TS_MAX_NODES]
cdef int ts_level_end[TS_MAX_LEVEL + 1]


cdef void tanh_sinh_nodes() noexcept nogil:
    """Tabulate the tanh-sinh rule (Takahasi and Mori, Publ. RIMS 9 (1974) 721) on [0, 1] once:
    u = (1 + tanh(pi/2 sinh t))/2, v = 1 - u, weight du/dt = pi cosh(t) e / (1 + e)^2 with
    e = exp(-pi sinh t), all computed from e so that v is accurate where u -> 1. Level 0 holds
    t = 0, 1, 2, 3; level n adds t = k 2^-n for odd k; nodes of level n end at ts_level_end[n]."""
    cdef int level, k, stride, n = 0
    cdef double h, t, exp_t, e
    for level in range(TS_MAX_LEVEL + 1):
        h = ldexp(1.0, -level)
        k, stride = (0, 1) if level == 0 else (1, 2)
        while k * h <= TS_T_MAX:
            t = k * h
            exp_t = exp(t)
            e = exp(-0.5 * M_PI * (exp_t - 1.0 / exp_t))
            ts_w[n] = 0.5 * M_PI * (exp_t + 1.0 / exp_t) * e / ((1.0 + e) * (1.0 + e))
            ts_u[n] = 1.0 / (1.0 + e)
            ts_v[n] = e / (1.0 + e)
            n += 1
            k += stride
        ts_level_end[level] = n


tanh_sinh_nodes()


cdef double tanh_sinh(unit_integrand f, const double* params, double rtol, int max_level,
                      double* error) noexcept nogil:
    """int_0^1 f(u) du, f receiving u and v = 1 - u. The step halves level by level (reusing all earlier
    nodes, each t > 0 used for t and -t) until two levels agree to rtol or max_level (<= 9) is reached;
    error gets the last difference."""
    cdef double h = 1.0, estimate = 0.0, previous = 0.0, total = 0.0
    cdef int level, i
    for level in range(min(max_level, TS_MAX_LEVEL) + 1):
        for i in range(0 if level == 0 else ts_level_end[level - 1], ts_level_end[level]):
            if i == 0:
                total += ts_w[0] * f(0.5, 0.5, params)
            elif ts_v[i] > 0.0:
                total += ts_w[i] * (f(ts_u[i], ts_v[i], params) + f(ts_v[i], ts_u[i], params))
        previous, estimate = estimate, h * total
        if level > 0 and fabs(estimate - previous) <= rtol * fabs(estimate):
            break
        h *= 0.5
    error[0] = fabs(estimate - previous)
    return estimate
