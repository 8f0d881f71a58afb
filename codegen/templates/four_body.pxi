# Shared by four_body.pyx and k3munu.pyx: one weighted K+(M) -> l+(k1) nu(q) l'+(k2) l'-(k3) phase-space point,
# sampled as two two-body systems W* = (k1, q) of mass^2 s and gamma* = (k2, k3) of mass^2 t
# (kaonlib.processes.phasespace.four_body documents the weight), with t flat in ln t against the photon pole.
# An event is 16 doubles: k1, q, k2, k3, each (E, px, py, pz) in GeV.

from libc.math cimport M_PI, cos, exp, log, sin, sqrt


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


cdef inline double four_body_weight(double parent_mass, double m1, double m2, double log_range, double s,
                                    double t) noexcept nogil:
    """Phase-space weight 1/density of the point (s, t) (the decay angles are flat):
    t ln(t_high/t_low) (s_high - s_low) R_2(M; sqrt s, sqrt t) R_2(sqrt s; m1, 0) R_2(sqrt t; m2, m2)."""
    cdef double mw = sqrt(s), mg = sqrt(t)
    cdef double s_range = (parent_mass - mg) * (parent_mass - mg) - m1 * m1
    return (t * log_range * s_range * (M_PI * momentum(parent_mass, mw, mg) / parent_mass)
            * (M_PI * momentum(mw, m1, 0.0) / mw) * (M_PI * momentum(mg, m2, m2) / mg))


cdef inline double four_body_event(double parent_mass, double m1, double m2, double t_low, double log_range,
                                   const double* u, double phi_last, double* event) noexcept nogil:
    """The event (16 doubles) from the uniforms u[0..6] and the last azimuth phi_last, t = t_low e^(log_range u0),
    s uniform in [m1^2, (M - sqrt t)^2], three isotropic two-body decays (cos theta = 2u - 1, phi = 2 pi u);
    returns its weight (:func:`four_body_weight`)."""
    cdef double kaon[4]
    cdef double w_system[4]
    cdef double pair_system[4]
    kaon[0], kaon[1], kaon[2], kaon[3] = parent_mass, 0.0, 0.0, 0.0
    cdef double t = t_low * exp(log_range * u[0])
    cdef double mg = sqrt(t)
    cdef double s_low = m1 * m1, s_high = (parent_mass - mg) * (parent_mass - mg)
    cdef double s = s_low + (s_high - s_low) * u[1]
    cdef double mw = sqrt(s)
    decay(kaon, parent_mass, momentum(parent_mass, mw, mg), mw, mg, 2 * u[2] - 1, 2 * M_PI * u[3], w_system,
          pair_system)
    decay(w_system, mw, momentum(mw, m1, 0.0), m1, 0.0, 2 * u[4] - 1, 2 * M_PI * u[5], event, event + 4)
    decay(pair_system, mg, momentum(mg, m2, m2), m2, m2, 2 * u[6] - 1, phi_last, event + 8, event + 12)
    return four_body_weight(parent_mass, m1, m2, log_range, s, t)


cdef inline double minkowski(const double* a, const double* b) noexcept nogil:
    return a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3]


cdef inline void event_invariants(const double* event, double* out) noexcept nogil:
    """out[0..4] = k1.k2, k1.k3, k1.q, k2.k3, k2.q (GeV^2) of one event."""
    out[0] = minkowski(event, event + 8)
    out[1] = minkowski(event, event + 12)
    out[2] = minkowski(event, event + 4)
    out[3] = minkowski(event + 8, event + 12)
    out[4] = minkowski(event + 8, event + 4)
