"""K+ -> mu+ nu gamma inner bremsstrahlung from the engine: gauge invariance, the published density, and the
shape used by the default NA62 background."""

import math

import sympy
from scipy import integrate

from amplitudes import kmunugamma as g
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu
from kaonlib import background, inputs


def test_ward_identity():
    assert g.ward_residual() == 0


def test_density_equals_bijnens_ecker_gasser():
    assert sympy.simplify(g.derived_density() / g.bijnens_ecker_gasser_density()) == 1


def test_background_tail_shape_is_the_derived_spectrum():
    """kaonlib.background integrates BEG's f_IB over x at fixed m_miss^2; the derived density, integrated
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
