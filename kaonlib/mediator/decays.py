"""Decays of the mediator X: partial widths, branching ratios, lifetime and lab decay length.

The tree-level widths X -> f fbar are derived by amplitudes/decays.py from the model's vertices (two-body spin
sums, exact threshold factors) and generated into kaonlib/_kernels/<model>__decays.py; the manifest lists the
channels. For the shipped models they are KMRT's Eqs. (2) and (5) (arXiv:1902.07715):
    Gamma(V -> l+ l-) = g^2 m_V / (12 pi) (1 + 2 m_l^2/m_V^2) beta_l,  Gamma(V -> nu nubar) = g^2 m_V/(24 pi),
    Gamma(phi -> mu+ mu-) = y^2 m_phi beta_mu^3 / (8 pi),  beta_l = sqrt(1 - 4 m_l^2/m_X^2),
and for KMRT's dark-matter currents (Eq. 3, g_chi = q_chi g) g_chi^2 m_V beta^3/(48 pi) (complex scalar),
g_chi^2 m_V beta^3/(24 pi) (Majorana), g_chi^2 m_V (1 + 2 m_chi^2/m_V^2) beta/(12 pi) (Dirac).
A spin-0 mediator also decays to two photons through the charged-lepton loops (:func:`diphoton_width`,
KMRT Eq. 6 for the scalar), and the user may add an invisible width.
"""

import importlib
import math
from dataclasses import dataclass
from functools import lru_cache

from kaonlib import validate
from kaonlib.inputs import ALPHA_EM, C_LIGHT, HBAR, LEPTON_MASSES
from kaonlib.processes.kmunu import record

CHARGED_LEPTONS = ("e", "mu", "tau")

DARK_MATTER_KINDS = ("complex_scalar", "majorana", "dirac")  # KMRT Eq. (3), amplitudes/darkmatter.py


@dataclass(frozen=True)
class DarkMatter:
    """A dark-matter state coupled to the vector with charge q_chi (KMRT Eq. 3)."""

    kind: str
    mass: float
    charge: float

    def __post_init__(self):
        validate.choice(self.kind, "dark-matter kind", DARK_MATTER_KINDS)
        validate.mediator_mass(self.mass, "dark-matter mass")
        validate.number(self.charge, "dark-matter charge q_chi", -validate.COUPLING_MAX, validate.COUPLING_MAX)


def diphoton_amplitude(x):
    """A_S(x) = 2 [x + (x - 1) f(x)] / x^2 of the fermion loop, x = m_phi^2 / (4 m_f^2) (KMRT Eq. 6); complex above
    the threshold x = 1. Below x = 1e-4, where the closed form cancels, the series 4/3 + 14 x/45 + 8 x^2/63 (from
    f = x + x^2/3 + 8 x^3/45 + 4 x^4/35 + ...; the next term, O(x^3), is below 1e-12 there)."""
    if x < 1e-4:
        return 4.0 / 3.0 + 14.0 * x / 45.0 + 8.0 * x * x / 63.0
    return 2.0 * (x + (x - 1.0) * loop_function(x)) / x**2


def pseudoscalar_diphoton_amplitude(x):
    """A_P(x) = 2 f(x) / x of the fermion loop for a pseudoscalar (Djouadi, Phys. Rept. 459 (2008) 1,
    hep-ph/0503173, Eq. 2.28); A_P -> 2 for x -> 0 (series below 1e-4, where f(x)/x cancels)."""
    if x < 1e-4:
        return 2.0 + 2.0 * x / 3.0 + 16.0 * x * x / 45.0
    return 2.0 * loop_function(x) / x


def loop_function(x):
    """f(x) = arcsin^2(sqrt x) for x <= 1, -(1/4)[ln((1 + sqrt(1 - 1/x))/(1 - sqrt(1 - 1/x))) - i pi]^2 above."""
    if x <= 1.0:
        return math.asin(math.sqrt(x)) ** 2
    root = math.sqrt(1.0 - 1.0 / x)
    return -0.25 * (math.log((1 + root) / (1 - root)) - 1j * math.pi) ** 2


def diphoton_width(mass, coupling, structures):
    """Gamma(X -> gamma gamma) of a spin-0 X through the charged-lepton loops (unit charge, one colour):

        alpha^2 coupling^2 m_X^3 / (256 pi^3) [ |sum_f c_S,f A_S(x_f) / m_f|^2 + |sum_f c_P,f A_P(x_f) / m_f|^2 ],

    x_f = m_X^2/(4 m_f^2), for the vertex coupling (c_S + c_P i gamma5) per lepton ({lepton: {"S":, "P":}});
    the scalar (F F) and pseudoscalar (F Ftilde) amplitudes do not interfere in the rate (Djouadi, Phys. Rept.
    457 (2008) 1, Eq. 2.42, and 459 (2008) 1, Eq. 2.28, with y_f = m_f g/v). For c_S = -1 on the muon this
    is KMRT Eq. (6)."""
    scalar = pseudo = 0.0
    for lepton, c in structures.items():
        m_f = LEPTON_MASSES[lepton]
        x = mass**2 / (4 * m_f**2)
        scalar += c["S"] * diphoton_amplitude(x) / m_f
        pseudo += c["P"] * pseudoscalar_diphoton_amplitude(x) / m_f
    return ALPHA_EM**2 * coupling**2 * mass**3 / (256 * math.pi**3) * (abs(scalar) ** 2 + abs(pseudo) ** 2)


def coefficients(vertex, spin):
    """(c_S, c_P) for spin 0 or (c_V, c_A) for spin 1 of a vertex {"S"|"P"|"V"|"A": c} (absent keys are 0)."""
    return tuple(float(vertex.get(key, 0.0)) for key in (("S", "P") if spin == 0 else ("V", "A")))


def diphoton_structures(vertices):
    """The charged-lepton vertices {lepton: {"S", "P"}} of a spin-0 structure, as :func:`diphoton_width` takes them."""
    return {lepton: dict(zip("SP", coefficients(vertex, 0))) for lepton, vertex in vertices.items()
            if lepton in CHARGED_LEPTONS}


def pair_width(vertex, spin, m_X, m_f):
    """Gamma(X -> f fbar) per unit coupling^2 (GeV) for the vertex c_S + c_P i gamma5 or gamma (c_V + c_A gamma5):
    m_X beta (c_S^2 beta^2 + c_P^2) / (8 pi) and m_X beta (c_V^2 (1 + 2 m_f^2/m_X^2) + c_A^2 beta^2) / (12 pi),
    beta = sqrt(1 - 4 m_f^2/m_X^2) (the two-body spin sums, as amplitudes/decays.py derives them per model; they
    reproduce KMRT Eqs. 2 and 5 and every model's generated widths, tests/kaonlib/test_ee_recast.py). For a
    coupling structure that is not a registered model, e.g. a published bound's convention."""
    if not m_X > 2 * m_f:
        return 0.0
    beta = math.sqrt(1 - 4 * m_f**2 / m_X**2)
    first, second = coefficients(vertex, spin)
    if spin == 0:
        return m_X * beta * (first**2 * beta**2 + second**2) / (8 * math.pi)
    return m_X * beta * (first**2 * (1 + 2 * m_f**2 / m_X**2) + second**2 * beta**2) / (12 * math.pi)


def structure_widths(vertices, spin, m_X):
    """{lepton: Gamma / coupling^2} of X -> l lbar for a coupling structure {lepton: vertex}, and "gamma gamma"
    (the charged-lepton loops) for spin 0."""
    widths = {lepton: pair_width(vertex, spin, m_X, LEPTON_MASSES[lepton]) for lepton, vertex in vertices.items()}
    if spin == 0:
        widths["gamma gamma"] = diphoton_width(m_X, 1.0, diphoton_structures(vertices))
    return widths


def scalar_to_photons(y, m_phi):
    """Gamma(phi -> gamma gamma) for -y phi mubar mu (KMRT Eq. 6)."""
    return diphoton_width(m_phi, y, {"mu": {"S": -1.0, "P": 0.0}})


def partial_widths(model, mass, coupling, dark_matter=None, invisible_width=0.0):
    """{channel: width in GeV} for the mediator of ``model`` at rest: the derived tree-level channels of its
    manifest record (X -> f fbar for every lepton it couples to), X -> gamma gamma for spin 0, X -> chi chi for
    a dark-matter state of a kind the model declares, and an optional user-given invisible width."""
    mass, coupling = validate.mediator_mass(mass), validate.coupling(coupling)
    invisible_width = validate.number(invisible_width, "invisible width", 0.0, mass, "GeV")
    rec, module = record(model), decay_module(model)
    widths = {}
    for channel in rec["channels"]:
        if channel["dark_matter"] is None:
            width = getattr(module, channel["function"])(mass, LEPTON_MASSES[channel["daughter"]])
            widths[channel["name"]] = coupling**2 * width
    if rec["spin"] == 0:
        widths["gamma gamma"] = diphoton_width(mass, coupling, diphoton_structures(rec["lorentz_structure"]))
    if dark_matter is not None:
        channel = next((c for c in rec["channels"] if c["dark_matter"] == dark_matter.kind), None)
        if channel is None:
            raise validate.InputError(f"model {model!r} declares no {dark_matter.kind} dark-matter current; "
                                      "it declares "
                             f"{', '.join(rec['dark_matter']) or 'none'}")
        width = getattr(module, channel["function"])(mass, dark_matter.mass)
        widths["chi chi"] = (dark_matter.charge * coupling) ** 2 * width
    if invisible_width > 0:
        widths["invisible (user)"] = invisible_width
    return widths


@lru_cache(maxsize=None)
def decay_module(model):
    return importlib.import_module(f"kaonlib._kernels.{record(model)['decays_module']}")


def branching_ratios(widths):
    total = sum(widths.values())
    if not total > 0:
        raise validate.InputError("the mediator has no open decay channel at this mass and coupling")
    return {channel: width / total for channel, width in widths.items()}


def lifetime(total_width):
    """tau = hbar / Gamma in seconds; InputError when it is not a finite number (a width below ~1e-300 GeV:
    a coupling too small for the mediator ever to decay)."""
    total_width = validate.number(total_width, "total width", 0.0, unit="GeV", low_open=True)
    tau = HBAR / total_width
    if not math.isfinite(tau):
        raise validate.InputError(f"total width = {total_width!r} GeV: the lifetime overflows (the mediator is "
                                  "stable for any purpose; increase the coupling)")
    return tau


def decay_length(total_width, mass, energy):
    """Lab-frame mean decay length beta gamma c tau in metres for a mediator of the given energy (GeV)."""
    mass = validate.mediator_mass(mass)
    energy = validate.number(energy, "energy", 0.0, 1e8, "GeV")
    if energy < mass:
        raise validate.InputError(f"energy {energy!r} GeV is below the mediator mass {mass!r} GeV")
    momentum = math.sqrt((energy - mass) * (energy + mass))
    length = momentum / mass * C_LIGHT * lifetime(total_width)
    if not math.isfinite(length):
        raise validate.InputError(f"the decay length overflows at total width {total_width!r} GeV; "
                                  "increase the coupling")
    return length


def decay_probability(distance, length):
    """Probability to decay before travelling ``distance`` (m): 1 - exp(-distance / length)."""
    distance = validate.number(distance, "distance", 0.0, 1e30, "m")
    length = validate.number(length, "decay length", 0.0, unit="m", low_open=True)
    return -math.expm1(-distance / length)
