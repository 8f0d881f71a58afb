"""Self-checks of the derived K+ -> mu+ nu X amplitudes (docs/physics.md section 2)."""

import functools

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from amplitudes import MODELS, derive
from amplitudes.checks import massless_muon_limit, ratio_to_published
from amplitudes.dirac import SpinorLine, gamma, slash, ubar, v
from amplitudes.kinematics import dalitz_s23_limits
from amplitudes.kmunu import kmunu_squared_amplitude, ward_residual
from amplitudes.lorentz import Momentum
from amplitudes.published import kmrt_a1_width, kmrt_a8_scalar
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu, m_X, s12, s23

# PDG 2024 masses in GeV (docs/physics.md section 1); only used as sample points here.
MASSES = {m_K: mpmath.mpf("0.493677"), m_mu: mpmath.mpf("0.1056583755")}


def test_vector_vanishes_for_massless_muon():
    assert massless_muon_limit("vector") == 0


def test_scalar_survives_massless_muon():
    """The Yukawa flips chirality itself, contrary to the sentence below KMRT (A.8). By hand at m_mu = 0,
    with K = k + l and ubar(q) q/ = 0:  M = C y ubar(q) P_R (q/ K/ + K^2) v(k) / K^2, and
    sum|M|^2 = C^2 y^2 K^4 Tr[q/ P_R k/] / K^4 = 2 C^2 y^2 q.k = C^2 y^2 (m_K^2 + m_X^2 - s12 - s23)."""
    limit = massless_muon_limit("scalar")
    y = MODELS["scalar"].coupling
    expected = (sympy.sqrt(2) * G_F * V_us * f_K) ** 2 * y**2 * (m_K**2 + m_X**2 - s12 - s23)
    assert limit != 0
    assert sympy.simplify(limit - expected) == 0


def test_ward_identity_holds_for_l_mu_minus_l_tau():
    assert ward_residual("vector") == 0


def test_ward_identity_fails_for_muon_only_vector():
    """l.M = -C ubar(q) P/ P_L v(k) != 0, so the l l / m^2 term survives and |M|^2 ~ 1/m_V^2."""
    assert ward_residual("vector_muon_only") != 0
    msq = derive("vector_muon_only").squared_amplitude
    assert sympy.limit(msq * m_X**2, m_X, 0) != 0
    assert sympy.limit(derive("vector").squared_amplitude * m_X**2, m_X, 0) == 0


def test_vector_equals_kmrt_a7():
    """Constant 1: with C = sqrt(2) G_F V_us f_K, lambda_mu^2 = (2 G_F f_K m_mu V_us)^2 = 2 m_mu^2 C^2,
    and the derived |M|^2 = 2 m_mu^2 C^2 g^2 [bracket of (A.7)]."""
    assert ratio_to_published("vector") == 1


def test_kmrt_a8_printed_last_term_is_dimensionally_inconsistent():
    y, t = MODELS["scalar"].coupling, sympy.Symbol("t", positive=True)
    scaling = {s: t**2 * s for s in (s12, s23)} | {m: t * m for m in (m_K, m_mu, m_X)}

    def rescaling(expr):  # |M|^2 / (G_F f_K V_us y)^2 has mass dimension 2: a pure factor t^2
        return sympy.simplify(expr.subs(scaling, simultaneous=True) / expr)

    assert rescaling(kmrt_a8_scalar(y, corrected=True)) == t**2
    assert rescaling(kmrt_a8_scalar(y, corrected=False)).free_symbols != {t}
    assert ratio_to_published("scalar", corrected=False).has(s23)
    assert ratio_to_published("scalar", corrected=True) == 1


def test_kmunu_width_is_textbook_and_kmrt_a1_is_16_times_larger():
    textbook = G_F**2 * V_us**2 * f_K**2 * m_K * m_mu**2 * (1 - m_mu**2 / m_K**2) ** 2 / (8 * sympy.pi)
    width = derive("vector").kmunu_width
    assert sympy.simplify(width - textbook) == 0
    assert sympy.simplify(kmrt_a1_width() / width) == 16


def test_kmunu_helicity_structure():
    assert sympy.factor(kmunu_squared_amplitude() / (2 * G_F**2 * V_us**2 * f_K**2)) == sympy.factor(
        m_mu**2 * (m_K**2 - m_mu**2)
    )


def test_result_depends_only_on_declared_symbols():
    for name, model in MODELS.items():
        allowed = {s12, s23, m_K, m_mu, m_X, G_F, V_us, f_K, model.coupling}
        assert derive(name).squared_amplitude.free_symbols <= allowed


S23_LIMITS = sympy.lambdify((m_K, m_X, m_mu, s12), dalitz_s23_limits(m_K, (0, m_X, m_mu), s12), "mpmath")


@functools.lru_cache(maxsize=None)
def numeric_msq(name):
    """|M|^2 with G_F = V_us = f_K = coupling = 1 (positive prefactors), as an mpmath function."""
    msq = derive(name).squared_amplitude.subs({G_F: 1, V_us: 1, f_K: 1, MODELS[name].coupling: 1})
    return sympy.lambdify((m_K, m_mu, m_X, s12, s23), msq, "mpmath")


def dalitz_point(m_x, u, w):
    """Map the unit square onto the physical Dalitz region (1 = nu, 2 = X, 3 = mu)."""
    mk, mmu = MASSES[m_K], MASSES[m_mu]
    s12_value = m_x**2 + u * ((mk - mmu) ** 2 - m_x**2)
    lo, hi = S23_LIMITS(mk, m_x, mmu, s12_value)
    return s12_value, lo + w * (hi - lo)


unit = st.floats(0, 1)


@pytest.mark.parametrize("name", sorted(MODELS))
@settings(max_examples=200, deadline=None)
@given(x=st.floats(1e-4, 1 - 1e-4), u=unit, w=unit)
def test_positive_on_the_dalitz_region(name, x, u, w):
    mpmath.mp.dps = 40
    m_x = x * (MASSES[m_K] - MASSES[m_mu])
    s12_value, s23_value = dalitz_point(mpmath.mpf(m_x), mpmath.mpf(u), mpmath.mpf(w))
    value = numeric_msq(name)(MASSES[m_K], MASSES[m_mu], mpmath.mpf(m_x), s12_value, s23_value)
    # values are O(1e-3..1) GeV^2 here; 1e-30 allows the round-off of 40-digit arithmetic at the corners
    # of the region, where |M|^2 itself goes to zero
    assert value >= -mpmath.mpf(10) ** -30


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="unknown model 'axion'"):
        derive("axion")
    q, k = Momentum.named("q"), Momentum.named("k")
    with pytest.raises(ValueError, match="conjugate cannot be formed"):
        SpinorLine(v(k, m_mu), slash(q), ubar(q, 0))
    z = sympy.Symbol("z")  # not declared real
    from amplitudes.dirac import dirac_conjugate

    with pytest.raises(ValueError, match="not declared real"):
        dirac_conjugate(z * gamma("mu"))
