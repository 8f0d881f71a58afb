"""Compiled weighted four-body phase space for K+(M) -> l+(k1) nu(q) l'+(k2) l'-(k3), sampled as two two-body
systems, W* = (k1, q) of mass^2 s and gamma* = (k2, k3) of mass^2 t (kaonlib.phasespace.four_body documents the
weight), with importance sampling dt/t for the photon pole 1/t; and the five invariants the kernels take.

Momenta (n, 4, 4): particle in the order k1, q, k2, k3; components E, px, py, pz (GeV).
"""

import numpy as np

include "_four_body.pxi"


def generate(double parent_mass, double m1, double m2, double t_low, double[:, ::1] uniforms):
    """Momenta (n, 4, 4) and weights (n,) from uniforms (n, 8) in [0, 1): t = t_low (t_high/t_low)^u0,
    s uniform in [m1^2, (M - sqrt t)^2], then three isotropic two-body decays (cos theta = 2u - 1, phi = 2 pi u)."""
    if uniforms.shape[1] != 8:
        raise ValueError("uniforms must have eight columns")
    cdef Py_ssize_t i, n = uniforms.shape[0]
    cdef double t_high = (parent_mass - m1) * (parent_mass - m1)
    if not 4 * m2 * m2 <= t_low < t_high:
        raise ValueError(f"t_low = {t_low} GeV^2 must be in [4 m2^2, (M - m1)^2) = [{4 * m2 * m2}, {t_high})")
    momenta_array = np.empty((n, 4, 4))
    weights_array = np.empty(n)
    cdef double[:, :, ::1] momenta = momenta_array
    cdef double[::1] weights = weights_array
    cdef double log_range = log(t_high / t_low)
    with nogil:
        for i in range(n):
            weights[i] = four_body_event(parent_mass, m1, m2, t_low, log_range, &uniforms[i, 0],
                                         2 * M_PI * uniforms[i, 7], &momenta[i, 0, 0])
    return momenta_array, weights_array


def invariants(double[:, :, ::1] momenta):
    """(n, 5) array of k1.k2, k1.k3, k1.q, k2.k3, k2.q (GeV^2) from momenta (n, 4, 4) ordered k1, q, k2, k3."""
    if momenta.shape[1] != 4 or momenta.shape[2] != 4:
        raise ValueError("momenta must have the shape (n, 4, 4)")
    cdef Py_ssize_t i, n = momenta.shape[0]
    out = np.empty((n, 5))
    cdef double[:, ::1] result = out
    with nogil:
        for i in range(n):
            event_invariants(&momenta[i, 0, 0], &result[i, 0])
    return out
