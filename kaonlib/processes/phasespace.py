"""Weighted n-body phase-space points in the parent rest frame (sequential two-body decays, GENBOD style).

A parent of mass M decays to masses m_1..m_n through intermediate invariant masses M_{n-1} > ... > M_2,
each drawn uniformly between its kinematic limits; each two-body step is isotropic in its own rest frame.
With R_n = int prod d^3p_i/(2E_i) delta^4(P - sum p_i) and the recursion (James, CERN 68-15; PDG Kinematics
review) R_n(M) = int prod_{j=2}^{n-1} dM_j^2 prod_{j=2}^{n} R_2(M_j; M_{j-1}, m_j), R_2(M; a, b) = pi p*/M,
drawing the M_j as ordered uniforms (density (n-2)!/E^{n-2}, E = M - sum m_i) gives the event weight
    w = E^{n-2}/(n-2)! prod_{j=2}^{n-1} (2 M_j) prod_{j=2}^{n} (pi p*_j / M_j),
whose mean estimates R_n(M).
For massless daughters R_n = (pi/2)^{n-1} M^{2n-4} / ((n-1)! (n-2)!), which the tests reproduce.
The n-body width is Gamma = (2 pi)^{4 - 3n} / (2 M) x mean(|M|^2 w) with the conventional (2 pi) factors.
"""

import math

import numpy as np

from kaonlib._kernels import four_body as compiled
from kaonlib.validate import InputError


def two_body_momentum(mass, m1, m2):
    """|p| of each daughter of a two-body decay (0 below threshold), Kallen function in product form."""
    lam = (mass - m1 - m2) * (mass + m1 + m2) * (mass - m1 + m2) * (mass + m1 - m2)
    return np.sqrt(np.clip(lam, 0.0, None)) / (2 * mass)


def isotropic(n, rng):
    cos = rng.uniform(-1, 1, n)
    phi = rng.uniform(0, 2 * np.pi, n)
    sin = np.sqrt(1 - cos**2)
    return np.stack([sin * np.cos(phi), sin * np.sin(phi), cos], axis=-1)


def boost(vectors, velocity):
    """Boost four-vectors (..., 4) by the three-velocity (..., 3) (from the rest frame to the moving frame)."""
    b2 = np.sum(velocity**2, axis=-1, keepdims=True)
    gamma = 1 / np.sqrt(1 - b2)
    bp = np.sum(velocity * vectors[..., 1:], axis=-1, keepdims=True)
    factor = np.where(b2 > 0, (gamma - 1) / np.where(b2 > 0, b2, 1), 0.0)
    energy = gamma * (vectors[..., :1] + bp)
    space = vectors[..., 1:] + factor * bp * velocity + gamma * velocity * vectors[..., :1]
    return np.concatenate([energy, space], axis=-1)


def generate(parent_mass, masses, n, rng=None):
    """n weighted events: momenta (n, len(masses), 4) in the parent frame and weights (n,) with
    mean(weights) = R_n(parent_mass) (module docstring)."""
    masses = [float(m) for m in masses]
    if len(masses) < 2:
        raise InputError("a decay needs at least two daughters")
    if not parent_mass > sum(masses):
        raise InputError(f"parent mass {parent_mass} GeV is below the threshold {sum(masses)} GeV")
    rng = np.random.default_rng(rng)
    k = len(masses)
    # intermediate masses M_k of the system (daughters 0..k-1), M_k = parent; uniform in their ranges
    tail = np.cumsum(masses)  # tail[j] = m_0 + ... + m_j
    excess = parent_mass - tail[-1]
    u = np.sort(rng.uniform(0, 1, (n, k - 2)), axis=1)
    systems = [np.full(n, masses[0])]
    for j in range(1, k - 1):
        systems.append(tail[j] + excess * u[:, j - 1])
    systems.append(np.full(n, parent_mass))
    weight = np.full(n, excess ** (k - 2) / math.factorial(k - 2))
    for j in range(1, k - 1):
        weight *= 2 * systems[j]  # dM_j^2 = 2 M_j dM_j
    # build momenta from the innermost pair outwards; the first pair is set up directly in its rest frame
    # (a massless first daughter cannot be boosted from rest)
    momenta = np.zeros((n, k, 4))
    for j in range(1, k):
        p = two_body_momentum(systems[j], systems[j - 1], masses[j])
        weight *= np.pi * p / systems[j]  # R_2 of this step
        direction = isotropic(n, rng)
        if j == 1:
            momenta[:, 0, 0] = np.sqrt(p**2 + masses[0] ** 2)
            momenta[:, 0, 1:] = -direction * p[:, None]
        else:
            velocity = -direction * (p / np.sqrt(p**2 + systems[j - 1] ** 2))[:, None]
            momenta[:, :j] = boost(momenta[:, :j], velocity[:, None, :])
        momenta[:, j, 0] = np.sqrt(p**2 + masses[j] ** 2)
        momenta[:, j, 1:] = direction * p[:, None]
    return momenta, weight


UNIFORMS_PER_EVENT = 8  # t, s, and (cos theta, phi) of the three two-body decays


def four_body_uniforms(n, rng=None):
    """The random numbers of n four-body events, (n, 8) in [0, 1), from a numpy Generator (or a seed): the
    compiled generators are deterministic functions of them, so a sample is reproducible from the Generator."""
    return np.random.default_rng(rng).random((int(n), UNIFORMS_PER_EVENT))


def four_body(parent_mass, masses, n, rng=None, min_pair_mass=0.0):
    """n weighted events of M -> 1 2 3 4 with masses (m1, 0, m2, m2) (K+ -> l+ nu l'+ l'-), generated in compiled
    code as two two-body systems, 12 = (1, 2) of mass^2 s and 34 = (3, 4) of mass^2 t >= max(4 m2^2, cut^2):
    R_4(M) = int ds dt R_2(M; sqrt s, sqrt t) R_2(sqrt s; m1, 0) R_2(sqrt t; m2, m2) (the recursion of the module
    docstring), t drawn with density 1/(t ln(t_high/t_low)) (the photon pole 1/t of the lepton pair: flat in
    ln t, so electron pairs near threshold are sampled as densely as they matter), s uniformly in
    [m1^2, (M - sqrt t)^2]; the weight
        w = t ln(t_high/t_low) (s_high - s_low) R_2(M; sqrt s, sqrt t) R_2(sqrt s; m1, 0) R_2(sqrt t; m2, m2)
    has mean R_4 restricted to m_34 >= min_pair_mass. Momenta (n, 4, 4) in the parent frame."""
    m1, m_nu, m2, m3 = (float(m) for m in masses)
    if m_nu != 0 or m2 != m3:
        raise InputError(f"four_body needs masses (m1, 0, m2, m2), got {masses!r}")
    if not parent_mass > m1 + 2 * m2:
        raise InputError(f"parent mass {parent_mass} GeV is below the threshold {m1 + 2 * m2} GeV")
    t_low = max(4 * m2**2, float(min_pair_mass) ** 2)
    if not t_low > 0:
        raise InputError("massless pair leptons need min_pair_mass > 0 (the ln t sampling starts there)")
    return compiled.generate(float(parent_mass), m1, m2, t_low, four_body_uniforms(n, rng))
