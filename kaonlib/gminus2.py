"""One-loop (g-2)_mu from the mediator, signed, for any scalar, pseudoscalar, vector and axial coupling to the muon,
and the coupling region that a given Delta a_mu = a_mu(exp) - a_mu(SM) allows.

The muon vertex of the model is decomposed at build time (amplitudes/decays.py) as c_S + c_P i gamma5 (spin 0)
or gamma^beta (c_V + c_A gamma5) (spin 1), per unit coupling g. With r = m_X^2/m_mu^2 and the general one-loop
formula for a neutral boson and an internal muon (Leveille, Nucl. Phys. B137 (1978) 63; in the form of
Jegerlehner and Nyffeler, Phys. Rept. 477 (2009) 1, Sec. 7, with the internal mass ratio epsilon = 1 and
lambda = m_mu/m_X), written over x in [0, 1]:

    Delta a = g^2 / (8 pi^2) sum_k c_k^2 int_0^1 dx Q_k(x) / (x^2 + (1 - x) r),
    Q_S = x^2 (2 - x),  Q_P = -x^3,  Q_V = 2 x^2 (1 - x),  Q_A = -2 x (1 - x)(4 - x) - 4 x^3 / r.

S and P (or V and A) do not interfere in a_mu (their product gives the EDM). Limits (tests/kaonlib/test_gminus2.py):
light S 3/(16 pi^2), P -1/(16 pi^2), V 1/(8 pi^2), A -m_mu^2/(4 pi^2 m_X^2); heavy S (ln r - 7/6)/(8 pi^2 r),
P -(ln r - 11/6)/(8 pi^2 r), V 1/(12 pi^2 r), A -5/(12 pi^2 r), each times c_k^2 g^2.
"""

import math
from dataclasses import dataclass

from scipy import integrate

from . import validate
from .inputs import DEFAULT_G_MINUS_2, G_MINUS_2, M_MU
from .kmunu import record

NUMERATORS = {
    "S": lambda x, r: x * x * (2 - x),
    "P": lambda x, r: -x * x * x,
    "V": lambda x, r: 2 * x * x * (1 - x),
    "A": lambda x, r: -2 * x * (1 - x) * (4 - x) - 4 * x * x * x / r,
}
# The same numerators in u = 1 - x, exact where u is tiny (the scale u ~ 1/r of a heavy mediator)
NUMERATORS_U = {
    "S": lambda u, r: (1 - u) * (1 - u) * (1 + u),
    "P": lambda u, r: -(1 - u) * (1 - u) * (1 - u),
    "V": lambda u, r: 2 * (1 - u) * (1 - u) * u,
    "A": lambda u, r: -2 * (1 - u) * u * (3 + u) - 4 * (1 - u) * (1 - u) * (1 - u) / r,
}
SCALES = (1e-2, 1e-1, 1.0, 1e1, 1e2)  # break points in units of the integrand's scale


def loop_integral(structure, ratio):
    """(1/(8 pi^2)) int_0^1 Q_k(x) / (x^2 + (1 - x) r) dx for structure k in S, P, V, A and r = m_X^2/m_mu^2.

    A light mediator has structure at x ~ sqrt(r), a heavy one at u = 1 - x ~ 1/r; the integral is taken in
    x or in u accordingly (so that the small variable is never formed by a cancellation), with break points
    around that scale."""
    if ratio < 1:
        numerator, scale = NUMERATORS[structure], math.sqrt(ratio)
        integrand = lambda x: numerator(x, ratio) / (x * x + (1 - x) * ratio)  # noqa: E731
    else:
        numerator, scale = NUMERATORS_U[structure], 1.0 / ratio
        integrand = lambda u: numerator(u, ratio) / ((1 - u) * (1 - u) + u * ratio)  # noqa: E731
    points = [k * scale for k in SCALES if 0 < k * scale < 1]
    value, _ = integrate.quad(integrand, 0.0, 1.0, points=points or None, epsabs=0, epsrel=1e-12, limit=400)
    return value / (8 * math.pi**2)


def delta_a_mu(model, mass, coupling=1.0):
    """One-loop contribution of the mediator (mass in GeV) to a_mu = (g-2)_mu / 2; signed, 0 without a muon
    coupling."""
    structure = record(model)["lorentz_structure"].get("mu", {})
    mass, coupling = validate.mediator_mass(mass, "mass"), validate.coupling(coupling)
    ratio = mass**2 / M_MU**2
    total = sum(c * c * loop_integral(k, ratio) for k, c in structure.items() if c != 0)
    return coupling**2 * total


@dataclass(frozen=True)
class Region:
    """Couplings allowed or favoured by (g-2)_mu at a mass: ``kind`` is "favoured" (the band [low, high]
    explains an anomaly), "excluded" (couplings above ``high`` are excluded; low = 0) or "none" (the mediator
    does not contribute: high = inf)."""

    kind: str
    low: float
    high: float
    era: str
    n_sigma: float


def is_anomaly(era=DEFAULT_G_MINUS_2, n_sigma=2.0):
    """True when the era's Delta a_mu is more than n_sigma from zero."""
    measured = G_MINUS_2[era]
    return abs(measured.value) > n_sigma * measured.uncertainty


def region(model, mass, era=DEFAULT_G_MINUS_2, n_sigma=2.0):
    """The (g-2)_mu coupling region at ``mass`` for the era's Delta a_mu (kaonlib.inputs.G_MINUS_2).

    With a = Delta a_mu per unit coupling^2 and the input D +- sigma:
    * anomaly (|D| > n sigma) and sign(a) = sign(D): favoured g^2 in [(|D| - n sigma), (|D| + n sigma)] / |a|;
    * no anomaly: excluded above g^2 = (n sigma + sign(a) D) / |a|, where the contribution leaves the interval;
    * anomaly of the other sign: the mediator worsens it; excluded above g^2 = n sigma / |a| (it may not add
      more than n sigma in the wrong direction).
    """
    validate.choice(era, "(g-2)_mu input", tuple(G_MINUS_2))
    n_sigma = validate.number(n_sigma, "n_sigma", 0.0, 10.0, low_open=True)
    measured = G_MINUS_2[era]
    per_unit = delta_a_mu(model, mass)
    if per_unit == 0:
        return Region("none", 0.0, math.inf, era, n_sigma)
    width, sign = n_sigma * measured.uncertainty, math.copysign(1.0, per_unit)
    if is_anomaly(era, n_sigma) and sign * measured.value > 0:
        low, high = abs(measured.value) - width, abs(measured.value) + width
        return Region("favoured", math.sqrt(low / abs(per_unit)), math.sqrt(high / abs(per_unit)), era, n_sigma)
    allowed = width + sign * measured.value if not is_anomaly(era, n_sigma) else width
    return Region("excluded", 0.0, math.sqrt(allowed / abs(per_unit)), era, n_sigma)


def coupling_band(model, mass, era=DEFAULT_G_MINUS_2, n_sigma=2.0):
    """(low, high) of :func:`region`: the favoured band, or (0, upper limit) when (g-2)_mu only excludes."""
    found = region(model, mass, era, n_sigma)
    return found.low, found.high
