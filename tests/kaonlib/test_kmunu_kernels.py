"""Compiled K+ -> mu+ nu X kernels against independent evaluations of the symbolic |M|^2."""

import subprocess
import sys

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kaonlib
from amplitudes import MODELS
from kaonlib import inputs
from tests.reference import S23_LIMITS, msq_by_mpmath, physical_msq, width_by_scipy

MAX_MASS = inputs.M_K - inputs.M_MU


def test_registered_models_have_kernels():
    assert set(kaonlib.models()) == set(MODELS)


# fractions of the Dalitz ranges: interior points, and points within 1e-6 (relative) of the boundary
near_edge = st.floats(1e-12, 1e-6)
fractions = st.one_of(st.floats(0, 1), near_edge, near_edge.map(lambda e: 1 - e))


@pytest.mark.parametrize("name", MODELS)
@settings(max_examples=300, deadline=None)
@given(log_mass=st.floats(np.log(1e-3), np.log(MAX_MASS - 1e-3)), u=fractions, w=fractions)
def test_msq_matches_mpmath(name, log_mass, u, w):
    mass = float(np.exp(log_mass))
    with mpmath.workdps(40):
        m = mpmath.mpf(mass)
        s12 = float(m**2 + mpmath.mpf(u) * ((inputs.M_K - inputs.M_MU) ** 2 - m**2))
        lo, hi = S23_LIMITS["mpmath"](mpmath.mpf(inputs.M_K), mpmath.mpf(inputs.M_MU), m, mpmath.mpf(s12))
        s23 = float(lo + mpmath.mpf(w) * (hi - lo))
    compiled = kaonlib.msq(name, s12, s23, m_X=mass)
    # kaonlib.msq returns max(|M|^2, 0): at boundary points that rounding puts just outside the region the
    # polynomial continues to tiny negative values (-9e-26 here at s12 = m_X^2, s23 = s23_min)
    exact = max(msq_by_mpmath(name, s12, s23, mass), 0)
    assert abs(compiled - exact) <= 1e-12 * abs(exact) + 1e-14 * typical_msq(name, mass)


def typical_msq(name, mass):
    """|M|^2 at the centre of the Dalitz plot: the size of the terms the kernel sums. Where |M|^2 has a zero
    (the pseudoscalar's at the corner s12 = (m_K - m_mu)^2, muon at rest) the relative error of a double-precision
    sum is not bounded; 1e-14 of this scale (about 50 roundings) is."""
    s12 = mass**2 + 0.5 * (MAX_MASS**2 - mass**2)
    lo, hi = S23_LIMITS["math"](inputs.M_K, inputs.M_MU, mass, s12)
    return abs(msq_by_mpmath(name, s12, 0.5 * (lo + hi), mass))


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("mass", np.geomspace(1e-3, MAX_MASS - 1e-3, 10))
def test_width_matches_scipy(name, mass):
    assert kaonlib.width(name, mass) == pytest.approx(width_by_scipy(name, mass), rel=1e-9, abs=0)


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("mass", [2e-3, 0.05, 0.3])
@pytest.mark.parametrize("u", [1e-5, 0.3, 0.9, 1 - 1e-5])
def test_spectrum_matches_mpmath_quadrature(name, mass, u):
    """dGamma/ds12 (kernel, analytic s23 integral) vs mpmath quadrature of the symbolic |M|^2. Tolerance
    1e-9: near the s12 ends the input s12 itself fixes (s12 - m_X^2) and m_K - m_mu - sqrt(s12) only to
    ~1e-16 / 1e-5 relative, which the result inherits."""
    s12 = mass**2 + u * (MAX_MASS**2 - mass**2)
    module = kaonlib.kmunu.kernel(name)
    out = np.empty(1)
    module.dgamma_ds12(np.array([s12]), inputs.M_K, inputs.M_MU, mass, out)
    compiled = out[0] * inputs.SM_COUPLING_SQUARED
    f = physical_msq(name, "mpmath")
    with mpmath.workdps(30):
        args = [mpmath.mpf(v) for v in (inputs.M_K, inputs.M_MU, mass)]
        lo, hi = S23_LIMITS["mpmath"](*args, mpmath.mpf(s12))
        exact = mpmath.quad(lambda s23: f(mpmath.mpf(s12), s23, args[0], args[1], args[2]),
                            [lo, lo + (hi - lo) / 1000, hi]) / (256 * mpmath.pi**3 * args[0] ** 3)
    assert abs(compiled - exact) <= 1e-9 * abs(exact)


def test_coupling_enters_squared():
    assert kaonlib.width("scalar", 0.1, coupling=3e-4) == pytest.approx(9e-8 * kaonlib.width("scalar", 0.1), rel=1e-14)


def test_vectorised_msq_keeps_shape():
    s12 = np.full((2, 3), 0.05)
    lo, hi = kaonlib.kmunu.s23_limits(s12, 0.1)
    s23 = (lo + 0.5 * (hi - lo)).reshape(2, 3)
    out = kaonlib.msq("vector", s12, s23, m_X=0.1)
    assert out.shape == (2, 3) and np.all(out > 0)


@pytest.mark.parametrize("mass", [0.0, -0.1, MAX_MASS, 0.5, float("nan")])
def test_bad_mass_raises(mass):
    with pytest.raises(ValueError, match="allowed range"):
        kaonlib.width("vector", mass)


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="unknown model 'axion'"):
        kaonlib.width("axion", 0.1)
    with pytest.raises(ValueError, match="coupling"):
        kaonlib.width("vector", 0.1, coupling=-1.0)
    with pytest.raises(ValueError, match="finite"):
        kaonlib.msq("vector", np.nan, 0.1, m_X=0.1)
    with pytest.raises(ValueError, match=r"s12 = .* outside the allowed range"):
        kaonlib.msq("vector", 0.001, 0.1, m_X=0.1)  # s12 < m_X^2
    with pytest.raises(ValueError, match="outside the Dalitz region"):
        kaonlib.msq("vector", 0.05, 0.3, m_X=0.1)


def test_check_false_skips_the_region_check():
    value = kaonlib.msq("vector", 0.05, 0.3, m_X=0.1, check=False)
    assert np.isfinite(value)


def test_import_kaonlib_does_not_import_sympy():
    code = "import sys, kaonlib; kaonlib.width('vector', 0.1); assert 'sympy' not in sys.modules, 'sympy imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


ELECTRON_MODELS = [name for name, model in MODELS.items() if "e" in model.production_leptons()]


@pytest.mark.parametrize("name", ELECTRON_MODELS)
@settings(max_examples=60, deadline=None)
@given(log_mass=st.floats(np.log(1e-3), np.log(inputs.M_K - inputs.M_E - 1e-3)), u=st.floats(0, 1), w=st.floats(0, 1))
def test_electron_production_kernel_matches_mpmath(name, log_mass, u, w):
    """K+ -> e+ nu X from the same derivation with the electron's vertices and mass."""
    mass, m_e = float(np.exp(log_mass)), inputs.M_E
    with mpmath.workdps(40):
        m = mpmath.mpf(mass)
        s12 = float(m**2 + mpmath.mpf(u) * ((inputs.M_K - m_e) ** 2 - m**2))
        lo, hi = S23_LIMITS["mpmath"](mpmath.mpf(inputs.M_K), mpmath.mpf(m_e), m, mpmath.mpf(s12))
        s23 = float(lo + mpmath.mpf(w) * (hi - lo))
    compiled = kaonlib.msq(name, s12, s23, m_X=mass, lepton="e")
    exact = max(msq_by_mpmath(name, s12, s23, mass, lepton="e"), 0)  # kaonlib.msq returns max(|M|^2, 0)
    assert abs(compiled - exact) <= 1e-12 * abs(exact)


@pytest.mark.parametrize("name", ELECTRON_MODELS)
@pytest.mark.parametrize("mass", [2e-3, 0.1, 0.4])
def test_electron_production_width_matches_scipy(name, mass):
    assert kaonlib.width(name, mass, lepton="e") == pytest.approx(width_by_scipy(name, mass, lepton="e"), rel=1e-9)


def test_model_without_electron_coupling_has_no_electron_production():
    with pytest.raises(ValueError, match="does not couple to e"):
        kaonlib.width("scalar", 0.1, lepton="e")
