"""chi chibar -> V* -> f fbar from the trace engine against the textbook cross-sections.

References, independent of the engine:
* Dirac chi with a vector current into f fbar with a vector coupling: the massive e+e- -> f fbar cross-section
  through a vector (Peskin-Schroeder Eq. 5.13 for massless fermions; with masses each current gives
  (1 + 2 m^2/s)), sigma = g_chi^2 g^2 s (1 + 2 m_chi^2/s)(1 + 2 m_f^2/s) beta_f / (12 pi beta_chi (s - m_V^2)^2),
  and an axial coupling to f gives beta_f^3 in place of (1 + 2 m_f^2/s) beta_f (as in Gamma(V -> f fbar));
  s-wave: sigma v -> g_chi^2 g^2 (2 m_chi^2 + m_f^2) beta_f / (2 pi (4 m_chi^2 - m_V^2)^2).
* complex scalar: |M|^2 = g_chi^2 g^2 (p1 - p2)_a (p1 - p2)_b L_f^{ab} / (s - m_V^2)^2 with the textbook lepton
  tensor L_f = 4 [k1 k2 + k2 k1 - g (k1.k2 + m_f^2)], integrated by hand: sigma v = g_chi^2 g^2 s beta_chi^2 beta_f
  (1 + 2 m_f^2/s) / (6 pi (s - m_V^2)^2), p-wave: (v^2/12 pi) g_chi^2 g^2 (2 m_chi^2 + m_f^2) beta_f
  / (4 m_chi^2 - m_V^2)^2.
* Majorana (axial chi current): at threshold the axial current of two chi at rest has only a time component, which
  cannot couple to the conserved vector current of f, so the s-wave vanishes (p-wave); for an axial f coupling only
  the q q / m_V^2 (Goldstone) part survives, sigma v -> c_A^2 g_chi^2 g^2 m_f^2 beta_f / (2 pi m_V^4).
v is the Moller velocity in the centre-of-mass frame, v = 2 beta_chi, s = 4 m_chi^2 / (1 - v^2/4).
"""

import pytest
import sympy

from amplitudes.annihilation import c_A, c_V, m_chi, m_f, m_V, s, sigma_v_all

SIGMA_V = sigma_v_all()
v = sympy.Symbol("v", positive=True)
BETA_F = sympy.sqrt(1 - m_f**2 / m_chi**2)
POINT = {m_chi: sympy.Rational(7, 10), m_f: sympy.Rational(1, 5), m_V: sympy.Rational(21, 10)}


def with_propagator(kind):
    return SIGMA_V[kind] / (s - m_V**2) ** 2


def velocity_series(expr, order=3):
    """sigma v as a series in v: the s-wave is the v^0 term, the p-wave the v^2 term."""
    at = expr.subs(s, 4 * m_chi**2 / (1 - v**2 / 4)).subs(POINT)
    return sympy.series(at, v, 0, order).removeO()


def test_dirac_is_the_textbook_cross_section_at_every_energy():
    beta_chi, beta_f = sympy.sqrt(1 - 4 * m_chi**2 / s), sympy.sqrt(1 - 4 * m_f**2 / s)
    vector = s * (1 + 2 * m_chi**2 / s) * (1 + 2 * m_f**2 / s) * beta_f / (12 * sympy.pi * beta_chi)
    axial = s * (1 + 2 * m_chi**2 / s) * beta_f**3 / (12 * sympy.pi * beta_chi)
    textbook = 2 * beta_chi * (c_V**2 * vector + c_A**2 * axial)  # sigma v_Moller, v = 2 beta_chi
    for energy in (sympy.Rational(3, 1), sympy.Rational(11, 2)):  # s in GeV^2 above 4 m_chi^2 = 1.96
        point = {**POINT, s: energy, c_V: sympy.Rational(1, 3), c_A: sympy.Rational(-1, 2)}
        assert sympy.N(SIGMA_V["dirac"].subs(point) - textbook.subs(point), 30) == pytest.approx(0, abs=1e-25)


def test_dirac_is_s_wave_with_the_textbook_coefficient():
    series = velocity_series(with_propagator("dirac").subs({c_V: 1, c_A: 0}))
    expected = (2 * m_chi**2 + m_f**2) * BETA_F / (2 * sympy.pi * (4 * m_chi**2 - m_V**2) ** 2)
    assert sympy.N(series.coeff(v, 0) - expected.subs(POINT), 30) == pytest.approx(0, abs=1e-25)


def test_complex_scalar_is_p_wave_with_the_textbook_coefficient():
    series = velocity_series(with_propagator("complex_scalar").subs({c_V: 1, c_A: 0}))
    expected = (2 * m_chi**2 + m_f**2) * BETA_F / (12 * sympy.pi * (4 * m_chi**2 - m_V**2) ** 2)
    assert series.coeff(v, 0) == 0
    assert sympy.N(series.coeff(v, 2) - expected.subs(POINT), 30) == pytest.approx(0, abs=1e-25)


def test_majorana_is_p_wave_for_a_vector_lepton_and_helicity_suppressed_for_an_axial_one():
    vector = velocity_series(with_propagator("majorana").subs({c_V: 1, c_A: 0}))
    assert vector.coeff(v, 0) == 0 and sympy.N(vector.coeff(v, 2)) > 0
    axial = velocity_series(with_propagator("majorana").subs({c_V: 0, c_A: 1}))
    expected = m_f**2 * BETA_F / (2 * sympy.pi * m_V**4)
    assert sympy.N(axial.coeff(v, 0) - expected.subs(POINT), 30) == pytest.approx(0, abs=1e-25)
    massless = velocity_series(with_propagator("majorana").subs({c_V: 1, c_A: -1}).subs(m_f, 0))
    assert massless.coeff(v, 0) == 0  # neutrinos: p-wave too


def test_neutrinos_get_half_of_a_vector_coupling():
    """A massless left-handed line gamma P_L (c_V = -c_A = 1/2) has half the rate of gamma (c_V = 1)."""
    for kind, expr in SIGMA_V.items():
        chiral = expr.subs({m_f: 0, c_V: sympy.Rational(1, 2), c_A: -sympy.Rational(1, 2)})
        assert sympy.simplify(chiral - expr.subs({m_f: 0, c_V: 1, c_A: 0}) / 2) == 0, kind
