"""Mediator decays derived by the trace engine: every model's channels against the textbook two-body widths of
their Lorentz structure, KMRT's Eqs. (2), (3) and (5), and the vertex decomposition."""

import pytest
import sympy

from amplitudes import MODELS
from amplitudes.darkmatter import KMRT_CURRENTS
from amplitudes.decays import beta, channels, lorentz_structure, m_f
from amplitudes.dirac import GAMMA5, IDENTITY, P_RIGHT, gamma
from amplitudes.model import MEDIATOR_INDEX
from amplitudes.symbols import m_X

BETA = sympy.sqrt(1 - 4 * m_f**2 / m_X**2)


def textbook_width(structure, spin, mass):
    """Gamma / g^2 of X -> f fbar for c_S + c_P i g5 (spin 0) or gamma(c_V + c_A g5) (spin 1), from the
    standard formulas (e.g. PDG Kinematics and the Higgs and Z' reviews): spin 0, m (c_S^2 b^3 + c_P^2 b)/(8 pi);
    spin 1, m [c_V^2 (1 + 2 m_f^2/m^2) b + c_A^2 b^3]/(12 pi), b = sqrt(1 - 4 m_f^2/m^2)."""
    b = BETA.subs(m_f, mass)
    if spin == 0:
        return m_X * (structure["S"] ** 2 * b**3 + structure["P"] ** 2 * b) / (8 * sympy.pi)
    return m_X * (structure["V"] ** 2 * (1 + 2 * mass**2 / m_X**2) * b + structure["A"] ** 2 * b**3) / (12 * sympy.pi)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_channel_equals_the_textbook_width_of_its_structure(name):
    model = MODELS[name]
    for channel in channels(model):
        if channel.dark_matter:
            continue
        mass = 0 if channel.daughter.startswith("nu") else m_f
        structure = lorentz_structure(model.vertex(channel.daughter), model.spin, model.coupling)
        derived = channel.width.subs(beta, BETA.subs(m_f, mass))
        assert sympy.simplify(derived - textbook_width(structure, model.spin, mass)) == 0, channel.name


def test_kmrt_eq2_and_eq5():
    """KMRT Eq. (2): Gamma(V -> f fbar) = (alpha_V m_V/3)(1 + 2 m_f^2/m_V^2) beta, alpha_V m_V/6 per neutrino;
    Eq. (5): Gamma(phi -> mu mu) = (alpha_phi m_phi/2) beta^3; alpha = g^2/(4 pi) (here per unit g^2)."""
    alpha = 1 / (4 * sympy.pi)
    vector = {c.name: c.width.subs(beta, BETA) for c in channels(MODELS["vector"])}
    charged = alpha * m_X / 3 * (1 + 2 * m_f**2 / m_X**2) * BETA
    assert sympy.simplify(vector["mu mu"] - charged) == 0 and sympy.simplify(vector["tau tau"] - charged) == 0
    for neutrino in ("nu_mu nu_mu", "nu_tau nu_tau"):
        assert sympy.simplify(vector[neutrino].subs(m_f, 0) - alpha * m_X / 6) == 0
    scalar = {c.name: c.width.subs(beta, BETA) for c in channels(MODELS["scalar"])}
    assert sympy.simplify(scalar["mu mu"] - alpha * m_X / 2 * BETA**3) == 0


def test_kmrt_dark_matter_currents():
    """Complex scalar g^2 m b^3/(48 pi), Majorana g^2 m b^3/(24 pi), Dirac g^2 m (1 + 2 m_chi^2/m^2) b/(12 pi)."""
    widths = {c.dark_matter: c.width.subs(beta, BETA) for c in channels(MODELS["vector"]) if c.dark_matter}
    assert set(widths) == {current.kind for current in KMRT_CURRENTS}
    expected = {"complex_scalar": m_X * BETA**3 / (48 * sympy.pi), "majorana": m_X * BETA**3 / (24 * sympy.pi),
                "dirac": m_X * (1 + 2 * m_f**2 / m_X**2) * BETA / (12 * sympy.pi)}
    for kind, width in widths.items():
        assert sympy.simplify(width - expected[kind]) == 0, kind


def test_lorentz_structure_reads_the_vertex():
    g = sympy.Symbol("g", positive=True)
    b = MEDIATOR_INDEX
    assert lorentz_structure(-g * IDENTITY, 0, g) == {"S": -1, "P": 0, "V": 0, "A": 0}
    assert lorentz_structure(-sympy.I * g * GAMMA5, 0, g) == {"S": 0, "P": -1, "V": 0, "A": 0}
    right = lorentz_structure(g * gamma(b) * P_RIGHT, 1, g)
    assert right == {"S": 0, "P": 0, "V": sympy.Rational(1, 2), "A": sympy.Rational(1, 2)}
    with pytest.raises(ValueError, match="not a scalar, pseudoscalar, vector or axial"):
        lorentz_structure(g * gamma(b), 0, g)
    with pytest.raises(ValueError, match="not a real number"):
        lorentz_structure(g * GAMMA5, 0, g)  # mubar gamma5 mu is anti-hermitian: needs i
