"""One-loop (g-2)_mu from the mediator and the coupling band that explains a given discrepancy.

PHYSICS.md section 2 (Leveille, Nucl. Phys. B137 (1978) 285; Pospelov, arXiv:0811.1030):
    vector:  Delta a = g^2/(4 pi^2) int_0^1 dz z (1-z)^2 / ((1-z)^2 + z m_V^2/m_mu^2)
    scalar:  Delta a = y^2/(8 pi^2) int_0^1 dz (1-z)^2 (1+z) / ((1-z)^2 + z m_phi^2/m_mu^2)
Limits: light vector g^2/(8 pi^2), heavy vector g^2 m_mu^2/(12 pi^2 m_V^2); light scalar 3 y^2/(16 pi^2),
heavy scalar y^2 m_mu^2/(8 pi^2 m_phi^2) (ln(m_phi^2/m_mu^2) - 7/6).
"""

import math

from scipy import integrate

from .inputs import DEFAULT_G_MINUS_2, G_MINUS_2, M_MU

LOOP_FUNCTIONS = {
    "vector": (lambda z, r: z * (1 - z) ** 2 / ((1 - z) ** 2 + z * r), 1 / (4 * math.pi**2)),
    "vector_muon_only": (lambda z, r: z * (1 - z) ** 2 / ((1 - z) ** 2 + z * r), 1 / (4 * math.pi**2)),
    "scalar": (lambda z, r: (1 - z) ** 2 * (1 + z) / ((1 - z) ** 2 + z * r), 1 / (8 * math.pi**2)),
}


def delta_a_mu(model, mass, coupling=1.0):
    """One-loop contribution of the mediator (mass in GeV) to a_mu = (g-2)_mu / 2."""
    if model not in LOOP_FUNCTIONS:
        raise ValueError(f"unknown model {model!r}; known models: {', '.join(sorted(LOOP_FUNCTIONS))}")
    if not (math.isfinite(mass) and mass > 0):
        raise ValueError(f"mass = {mass!r} GeV must be finite and > 0")
    loop, prefactor = LOOP_FUNCTIONS[model]
    ratio = mass**2 / M_MU**2
    # structure at z ~ 1/ratio (heavy mediator) and at 1 - z ~ sqrt(ratio) (light): tell quad
    points = sorted({min(0.5, 1.0 / ratio), max(0.5, 1.0 - math.sqrt(ratio))})
    value, _ = integrate.quad(loop, 0.0, 1.0, args=(ratio,), points=points, epsabs=0, epsrel=1e-10, limit=400)
    return prefactor * coupling**2 * value


def coupling_band(model, mass, era=DEFAULT_G_MINUS_2, n_sigma=2.0):
    """(lower, upper) coupling for which Delta a_mu lies within n_sigma of the era's discrepancy.

    The lower edge is 0 when the discrepancy minus n_sigma is not positive (no evidence for new physics:
    the band is then an upper bound). Eras and sources: kaonlib.inputs.G_MINUS_2.
    """
    if era not in G_MINUS_2:
        raise ValueError(f"unknown (g-2)_mu input {era!r}; choose one of {', '.join(G_MINUS_2)}")
    if not (math.isfinite(n_sigma) and n_sigma > 0):
        raise ValueError(f"n_sigma = {n_sigma!r} must be finite and > 0")
    measured = G_MINUS_2[era]
    per_unit_coupling = delta_a_mu(model, mass)
    low = measured.value - n_sigma * measured.uncertainty
    high = measured.value + n_sigma * measured.uncertainty
    return (math.sqrt(max(low, 0.0) / per_unit_coupling), math.sqrt(max(high, 0.0) / per_unit_coupling))
