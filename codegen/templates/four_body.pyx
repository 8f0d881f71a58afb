"""Compiled weighted four-body phase space for K+(M) -> l+(k1) nu(q) l'+(k2) l'-(k3), sampled as two two-body
systems, W* = (k1, q) of mass^2 s and gamma* = (k2, k3) of mass^2 t (kaonlib.phasespace.four_body documents the
weight), with importance sampling dt/t for the photon pole 1/t; and the five invariants the kernels take.

Momenta (n, 4, 4): particle in the order k1, q, k2, k3; components E, px, py, pz (GeV).
"""

import numpy as np
from libc.math cimport cos, log, exp, sin, sqrt, M_PI


cdef inline double momentum(double mass, double m1, double m2) noexcept nogil:
    """|p| of each daughter of a two-body decay, Kallen function in product form."""
    cdef double lam = (mass - m1 - m2) * (mass + m1 + m2) * (mass - m1 + m2) * (mass + m1 - m2)
    return sqrt(lam) / (2 * mass) if lam > 0 else 0.0


cdef inline void decay(const double* parent, double mass, double p, double m1, double m2, double cos_theta,
                       double phi, double* out1, double* out2) noexcept nogil:
    """Daughters of ``parent`` (mass ``mass``) back to back with momentum p along (cos_theta, phi) in its rest
    frame, boosted to the frame where it has four-momentum ``parent``."""
    cdef double sin_theta = sqrt(1 - cos_theta * cos_theta)
    cdef double nx = sin_theta * cos(phi), ny = sin_theta * sin(phi), nz = cos_theta
    cdef double e1 = sqrt(p * p + m1 * m1), e2 = sqrt(p * p + m2 * m2)
    cdef double bx = parent[1] / parent[0], by = parent[2] / parent[0], bz = parent[3] / parent[0]
    cdef double gamma = parent[0] / mass, b2 = bx * bx + by * by + bz * bz
    cdef double factor = (gamma - 1) / b2 if b2 > 0 else 0.0
    cdef double bp
    # daughter 1 along +n, daughter 2 along -n
    bp = p * (bx * nx + by * ny + bz * nz)
    out1[0] = gamma * (e1 + bp)
    out1[1] = p * nx + factor * bp * bx + gamma * bx * e1
    out1[2] = p * ny + factor * bp * by + gamma * by * e1
    out1[3] = p * nz + factor * bp * bz + gamma * bz * e1
    out2[0] = gamma * (e2 - bp)
    out2[1] = -p * nx - factor * bp * bx + gamma * bx * e2
    out2[2] = -p * ny - factor * bp * by + gamma * by * e2
    out2[3] = -p * nz - factor * bp * bz + gamma * bz * e2


def generate(double parent_mass, double m1, double m2, double t_low, double[:, ::1] uniforms):
    """Momenta (n, 4, 4) and weights (n,) from uniforms (n, 8) in [0, 1): t = t_low (t_high/t_low)^u0,
    s uniform in [m1^2, (M - sqrt t)^2], then three isotropic two-body decays (cos theta = 2u - 1, phi = 2 pi u)."""
    if uniforms.shape[1] != 8:
        raise ValueError("uniforms must have eight columns")
    cdef Py_ssize_t i, n = uniforms.shape[0]
    cdef double t_high = (parent_mass - m1) * (parent_mass - m1)
    if not 4 * m2 * m2 <= t_low < t_high:
        raise ValueError(f"t_low = {t_low} GeV^2 must be in [4 m2^2, (M - m1)^2) = [{4 * m2 * m2}, {t_high})")
    momenta_array = np.zeros((n, 4, 4))
    weights_array = np.empty(n)
    cdef double[:, :, ::1] momenta = momenta_array
    cdef double[::1] weights = weights_array
    cdef double kaon[4]
    cdef double w_system[4]
    cdef double pair_system[4]
    kaon[0], kaon[1], kaon[2], kaon[3] = parent_mass, 0.0, 0.0, 0.0
    cdef double log_range = log(t_high / t_low), t, s, s_low, s_high, mw, mg, p, pw, pg
    with nogil:
        for i in range(n):
            t = t_low * exp(log_range * uniforms[i, 0])
            mg = sqrt(t)
            s_low, s_high = m1 * m1, (parent_mass - mg) * (parent_mass - mg)
            s = s_low + (s_high - s_low) * uniforms[i, 1]
            mw = sqrt(s)
            p, pw, pg = momentum(parent_mass, mw, mg), momentum(mw, m1, 0.0), momentum(mg, m2, m2)
            weights[i] = (t * log_range * (s_high - s_low) * (M_PI * p / parent_mass) * (M_PI * pw / mw)
                          * (M_PI * pg / mg))
            decay(kaon, parent_mass, p, mw, mg, 2 * uniforms[i, 2] - 1, 2 * M_PI * uniforms[i, 3], w_system,
                  pair_system)
            decay(w_system, mw, pw, m1, 0.0, 2 * uniforms[i, 4] - 1, 2 * M_PI * uniforms[i, 5], &momenta[i, 0, 0],
                  &momenta[i, 1, 0])
            decay(pair_system, mg, pg, m2, m2, 2 * uniforms[i, 6] - 1, 2 * M_PI * uniforms[i, 7], &momenta[i, 2, 0],
                  &momenta[i, 3, 0])
    return momenta_array, weights_array


cdef inline double minkowski(double[:, :, ::1] p, Py_ssize_t i, Py_ssize_t a, Py_ssize_t b) noexcept nogil:
    return p[i, a, 0] * p[i, b, 0] - p[i, a, 1] * p[i, b, 1] - p[i, a, 2] * p[i, b, 2] - p[i, a, 3] * p[i, b, 3]


def invariants(double[:, :, ::1] momenta):
    """(n, 5) array of k1.k2, k1.k3, k1.q, k2.k3, k2.q (GeV^2) from momenta (n, 4, 4) ordered k1, q, k2, k3."""
    if momenta.shape[1] != 4 or momenta.shape[2] != 4:
        raise ValueError("momenta must have the shape (n, 4, 4)")
    cdef Py_ssize_t i, n = momenta.shape[0]
    out = np.empty((n, 5))
    cdef double[:, ::1] result = out
    with nogil:
        for i in range(n):
            result[i, 0] = minkowski(momenta, i, 0, 2)
            result[i, 1] = minkowski(momenta, i, 0, 3)
            result[i, 2] = minkowski(momenta, i, 0, 1)
            result[i, 3] = minkowski(momenta, i, 2, 3)
            result[i, 4] = minkowski(momenta, i, 2, 1)
    return out
