"""Decays of the mediator X: partial widths, branching ratios, lifetime and lab decay length.

Vector V of L_mu - L_tau (coupling g, unit charges for mu, tau and their neutrinos; KMRT Eqs. 2-3):
    Gamma(V -> l+ l-)       = g^2 m_V / (12 pi) (1 + 2 m_l^2/m_V^2) sqrt(1 - 4 m_l^2/m_V^2),  l = mu, tau
    Gamma(V -> nu_l nubar_l) = g^2 m_V / (24 pi) per flavour (left-handed neutrinos), l = mu, tau
    dark matter chi with g_chi = q_chi g, beta = sqrt(1 - 4 m_chi^2/m_V^2):
      complex scalar  (J = i chi* d chi + h.c.):      g_chi^2 m_V beta^3 / (48 pi)
      Majorana        (J = chibar gamma gamma5 chi/2): g_chi^2 m_V beta^3 / (24 pi)
      Dirac           (J = chibar gamma chi):          g_chi^2 m_V (1 + 2 m_chi^2/m_V^2) beta / (12 pi)
Vector coupled to the muon only: V -> mu+ mu- alone.
Scalar phi with -y phi mubar mu (KMRT Eqs. 4-6):
    Gamma(phi -> mu+ mu-) = y^2 m_phi / (8 pi) (1 - 4 m_mu^2/m_phi^2)^(3/2)
    Gamma(phi -> gamma gamma) = alpha^2 y^2 m_phi^3 / (256 pi^3 m_mu^2) |A(x)|^2, x = m_phi^2/(4 m_mu^2),
      A(x) = 2 [x + (x - 1) f(x)] / x^2, f = arcsin^2(sqrt x) for x <= 1,
      f = -(1/4) [ln((1 + sqrt(1 - 1/x)) / (1 - sqrt(1 - 1/x))) - i pi]^2 above (A -> 4/3 for x -> 0)
    plus an optional invisible width given by the user.
"""

import math
from dataclasses import dataclass

from .inputs import ALPHA_EM, C_LIGHT, HBAR, M_MU, M_TAU

DARK_MATTER_KINDS = ("complex_scalar", "majorana", "dirac")


@dataclass(frozen=True)
class DarkMatter:
    """A dark-matter state coupled to the vector with charge q_chi (KMRT Eq. 3)."""

    kind: str
    mass: float
    charge: float

    def __post_init__(self):
        if self.kind not in DARK_MATTER_KINDS:
            raise ValueError(f"unknown dark-matter kind {self.kind!r}; choose one of {', '.join(DARK_MATTER_KINDS)}")
        if not (math.isfinite(self.mass) and self.mass > 0):
            raise ValueError(f"dark-matter mass {self.mass!r} GeV must be finite and > 0")
        if not math.isfinite(self.charge):
            raise ValueError(f"dark-matter charge {self.charge!r} must be finite")


def beta(mass, m_daughter):
    """Velocity of each of two daughters of mass m_daughter; 0 below threshold."""
    ratio = 4.0 * m_daughter**2 / mass**2
    return math.sqrt(1.0 - ratio) if ratio < 1.0 else 0.0


def vector_to_leptons(g, m_V, m_l):
    b = beta(m_V, m_l)
    return g**2 * m_V / (12 * math.pi) * (1 + 2 * m_l**2 / m_V**2) * b if b > 0 else 0.0


def vector_to_dark_matter(g, m_V, dm):
    g_chi, b = dm.charge * g, beta(m_V, dm.mass)
    if b == 0:
        return 0.0
    if dm.kind == "complex_scalar":
        return g_chi**2 * m_V * b**3 / (48 * math.pi)
    if dm.kind == "majorana":
        return g_chi**2 * m_V * b**3 / (24 * math.pi)
    return vector_to_leptons(g_chi, m_V, dm.mass)  # Dirac: same current as a charged lepton


def diphoton_amplitude(x):
    """A(x) of the muon loop, x = m_phi^2 / (4 m_mu^2); complex above the muon threshold."""
    if x <= 1.0:
        f = math.asin(math.sqrt(x)) ** 2
    else:
        root = math.sqrt(1.0 - 1.0 / x)
        f = -0.25 * (math.log((1 + root) / (1 - root)) - 1j * math.pi) ** 2
    return 2.0 * (x + (x - 1.0) * f) / x**2


def scalar_to_photons(y, m_phi):
    x = m_phi**2 / (4 * M_MU**2)
    if x < 1e-4:  # series A = 4/3 + 14 x/45 + O(x^2) avoids the cancellation in the closed form
        amplitude = 4.0 / 3.0 + 14.0 * x / 45.0
    else:
        amplitude = diphoton_amplitude(x)
    return ALPHA_EM**2 * y**2 * m_phi**3 / (256 * math.pi**3 * M_MU**2) * abs(amplitude) ** 2


def partial_widths(model, mass, coupling, dark_matter=None, invisible_width=0.0):
    """{channel: width in GeV} for the mediator of ``model`` at rest."""
    check_positive(mass, "mediator mass", "GeV")
    if not (math.isfinite(coupling) and coupling >= 0):
        raise ValueError(f"coupling = {coupling!r} must be finite and >= 0")
    if not (math.isfinite(invisible_width) and invisible_width >= 0):
        raise ValueError(f"invisible width = {invisible_width!r} GeV must be finite and >= 0")
    if model == "vector":
        widths = {
            "mu mu": vector_to_leptons(coupling, mass, M_MU),
            "tau tau": vector_to_leptons(coupling, mass, M_TAU),
            "nu_mu nu_mu": coupling**2 * mass / (24 * math.pi),
            "nu_tau nu_tau": coupling**2 * mass / (24 * math.pi),
        }
        if dark_matter is not None:
            widths["chi chi"] = vector_to_dark_matter(coupling, mass, dark_matter)
    elif model == "vector_muon_only":
        widths = {"mu mu": vector_to_leptons(coupling, mass, M_MU)}
    elif model == "scalar":
        b = beta(mass, M_MU)
        widths = {
            "mu mu": coupling**2 * mass / (8 * math.pi) * b**3,
            "gamma gamma": scalar_to_photons(coupling, mass),
        }
    else:
        raise ValueError(f"unknown model {model!r}; known models: scalar, vector, vector_muon_only")
    if dark_matter is not None and model != "vector":
        raise ValueError(f"dark matter is only coupled to the L_mu - L_tau vector, not to {model!r}")
    if invisible_width > 0:
        widths["invisible (user)"] = invisible_width
    return widths


def branching_ratios(widths):
    total = sum(widths.values())
    if total <= 0:
        raise ValueError("the mediator has no open decay channel at this mass and coupling")
    return {channel: width / total for channel, width in widths.items()}


def lifetime(total_width):
    """tau = hbar / Gamma in seconds."""
    check_positive(total_width, "total width", "GeV")
    return HBAR / total_width


def decay_length(total_width, mass, energy):
    """Lab-frame mean decay length beta gamma c tau in metres for a mediator of the given energy (GeV)."""
    check_positive(energy, "energy", "GeV")
    if energy < mass:
        raise ValueError(f"energy {energy!r} GeV is below the mediator mass {mass!r} GeV")
    momentum = math.sqrt((energy - mass) * (energy + mass))
    return momentum / mass * C_LIGHT * lifetime(total_width)


def decay_probability(distance, length):
    """Probability to decay before travelling ``distance`` (m): 1 - exp(-distance / length)."""
    if not (math.isfinite(distance) and distance >= 0):
        raise ValueError(f"distance {distance!r} m must be finite and >= 0")
    if not length > 0:
        raise ValueError(f"decay length {length!r} m must be > 0")
    return -math.expm1(-distance / length)


def check_positive(value, what, unit):
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{what} = {value!r} {unit} must be finite and > 0")
