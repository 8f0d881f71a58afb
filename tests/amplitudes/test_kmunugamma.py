"""K+ -> mu+ nu gamma inner bremsstrahlung from the engine: gauge invariance, the published density, and the
shape used by the default NA62 background."""

import math

import sympy
from scipy import integrate

from amplitudes import kmunugamma as g
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu
from kaonlib import inputs
from kaonlib.searches import background


def test_ward_identity():
    assert g.ward_residual() == 0


def test_density_equals_bijnens_ecker_gasser():
    assert sympy.simplify(g.derived_density() / g.bijnens_ecker_gasser_density()) == 1


def test_background_tail_shape_is_the_derived_spectrum():
    """kaonlib.searches.background integrates BEG's f_IB over x at fixed m_miss^2; the derived density, integrated
    over x independently here, must have the same shape (ratio independent of m_miss^2)."""
    values = {G_F: 1, V_us: 1, f_K: 1, g.e: 1, m_K: inputs.M_K, m_mu: inputs.M_MU}
    density = sympy.lambdify((g.x, g.y), g.derived_density().subs(values), "math")
    r = inputs.M_MU**2 / inputs.M_K**2

    def derived(m2):
        y = 1 + r - m2 / inputs.M_K**2
        root = math.sqrt(y * y - 4 * r)
        value, _ = integrate.quad(lambda x: density(x, y), 1 - y / 2 - root / 2, 1 - y / 2 + root / 2, epsrel=1e-11)
        return value

    ratios = [background.radiative_tail_shape(m2) / derived(m2) for m2 in (0.005, 0.012, 0.02, 0.04)]
    assert max(ratios) / min(ratios) - 1 < 1e-8


def test_structure_dependent_density_equals_the_standard_decomposition():
    """IB + SD for a real photon: the derived density equals A_IB f_IB + A_SD [...] - A_INT [...] exactly
    (this fixes the SD normalisation and its sign relative to IB; amplitudes/kmunugamma.py)."""
    assert sympy.simplify(sympy.expand(g.derived_density(True) - g.standard_density())) == 0


def test_structure_dependent_rate_reproduces_e787():
    """E787 (Adler et al., PRL 85 (2000) 2256) fit |F_V + F_A| = 0.165 and quote BR(SD+) = (1.33 +- 0.12 +-
    0.18)e-5 from the same fit. With F_V = F_A = 0.165/2 (SD- and INT- vanish) the derived SD+ rate, integrated
    over the whole Dalitz plot, must give that BR within E787's combined uncertainty."""
    F = sympy.Rational(165, 2000)
    values = {G_F: inputs.G_F, V_us: inputs.V_US, f_K: inputs.F_K, g.e: math.sqrt(4 * math.pi * inputs.ALPHA_EM),
              m_K: inputs.M_K, m_mu: inputs.M_MU}
    quadratic = sympy.Poly(g.derived_density(True).subs(g.F_V, g.F_A), g.F_A).coeff_monomial(g.F_A**2)
    sd_plus = sympy.lambdify((g.x, g.y), (quadratic * F**2).subs(values), "math")
    r = inputs.M_MU**2 / inputs.M_K**2
    width, _ = integrate.dblquad(lambda y, x: sd_plus(x, y), 0, 1 - r, lambda x: 1 - x + r / (1 - x), lambda x: 1 + r,
                                 epsrel=1e-8)
    branching = width * inputs.TAU_K / inputs.HBAR
    assert abs(branching - 1.33e-5) < math.hypot(0.12e-5, 0.18e-5)
