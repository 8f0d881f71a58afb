"""Dark dipole K -> pi Q Qbar: derivation, kernels against independent evaluations, selections."""

import math

import mpmath
import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from amplitudes import kpiqq
from amplitudes.kinematics import dalitz_s23_limits
from kaonlib._kernels import dark_dipole
from kaonlib.processes import dark, dark_events
from tests.amplitudes.explicit_dirac import EPS_UPPER, GAMMA, GAMMA5, METRIC

REDUCED = kpiqq.squared_amplitude() / ((kpiqq.g_M / kpiqq.Lam) ** 2 * kpiqq.F**2 * kpiqq.e_D**2)
ARGS = (kpiqq.s, kpiqq.t, kpiqq.m_K, kpiqq.m_pi, kpiqq.m_Q)
T_LIMITS = sympy.lambdify((kpiqq.m_K, kpiqq.m_pi, kpiqq.m_Q, kpiqq.s),
                          dalitz_s23_limits(kpiqq.m_K, (kpiqq.m_Q, kpiqq.m_Q, kpiqq.m_pi), kpiqq.s), "mpmath")


def test_only_the_magnetic_dipole_contributes_and_the_pole_cancels():
    assert kpiqq.electric_squared_amplitude() == 0
    assert kpiqq.current_conservation() == 0 and kpiqq.dirac_equation_check() == 0
    assert kpiqq.longitudinal_term_dependence() == 0
    assert sympy.diff(kpiqq.squared_amplitude(), kpiqq.xi) == 0  # no gauge-parameter dependence
    assert sympy.denom(sympy.together(REDUCED)).free_symbols.isdisjoint({kpiqq.s, kpiqq.t})  # no 1/q^2


def test_squared_amplitude_by_hand():
    """M = 2 (g_M/Lambda) F e_D ubar p/ v: sum|M|^2 = 4 (..)^2 Tr[(k1/ + m) p/ (k2/ - m) p/]
    = 16 (..)^2 [2 (k1.p)(k2.p) - m_pi^2 (k1.k2 + m_Q^2)], with k1.p = (t - m_Q^2 - m_pi^2)/2,
    k2.p = (m_K^2 - s - t + m_Q^2)/2... written with u = m_K^2 + 2 m_Q^2 + m_pi^2 - s - t."""
    s, t, mk, mp, mq = ARGS
    u = mk**2 + 2 * mq**2 + mp**2 - s - t
    k1p, k2p, k1k2 = (t - mq**2 - mp**2) / 2, (u - mq**2 - mp**2) / 2, (s - 2 * mq**2) / 2
    assert sympy.expand(REDUCED - 16 * (2 * k1p * k2p - mp**2 * (k1k2 + mq**2))) == 0


def test_sigma_gamma5_duality_convention():
    """sigma^{mu nu} gamma5 = +(i/2) eps^{mu nu rho sigma} sigma_{rho sigma} with eps^{0123} = +1."""
    sigma = [[0.5j * (GAMMA[a] @ GAMMA[b] - GAMMA[b] @ GAMMA[a]) for b in range(4)] for a in range(4)]
    for a in range(4):
        for b in range(4):
            dual = sum(EPS_UPPER[a, b, r, q] * METRIC[r, r] * METRIC[q, q] * sigma[r][q]
                       for r in range(4) for q in range(4))
            assert np.allclose(sigma[a][b] @ GAMMA5, 0.5j * dual)


@settings(max_examples=200, deadline=None)
@given(m_q=st.floats(0.001, 0.17), u=st.floats(1e-3, 1 - 1e-3), w=st.floats(1e-3, 1 - 1e-3),
       name=st.sampled_from(["K+", "KL"]))
def test_msq_matches_mpmath(m_q, u, w, name):
    """Random physical points at least 1e-3 of the ranges from the boundary: closer, the value is
    ill-conditioned in the rounded (s, t) themselves (kernel docstring), whatever the algorithm."""
    ch = dark.CHANNELS[name]
    with mpmath.workdps(40):
        lo, hi = 4 * mpmath.mpf(m_q) ** 2, (mpmath.mpf(ch.m_K) - ch.m_pi) ** 2
        s = float(lo + mpmath.mpf(u) * (hi - lo))
        t_lo, t_hi = T_LIMITS(mpmath.mpf(ch.m_K), mpmath.mpf(ch.m_pi), mpmath.mpf(m_q), mpmath.mpf(s))
        t = float(t_lo + mpmath.mpf(w) * (t_hi - t_lo))
        exact = sympy.lambdify(ARGS, REDUCED, "mpmath")(*(mpmath.mpf(x) for x in (s, t, ch.m_K, ch.m_pi, m_q)))
    out = np.empty(1)
    dark_dipole.msq(np.array([s]), np.array([t]), ch.m_K, ch.m_pi, m_q, out)
    assert abs(out[0] - exact) <= 1e-12 * abs(exact)


def sommerfeld(s, m_q, alpha):
    x = math.pi * alpha / math.sqrt(1 - 4 * m_q**2 / s)
    return x / (1 - math.exp(-x)) if alpha > 0 else 1.0


@pytest.mark.parametrize("name,m_q,alpha", [("K+", 0.01, 1e-3), ("K+", 0.15, 4e-3), ("KL", 0.18, 3e-4),
                                            ("KL", 0.05, 0.0)])
def test_width_matches_scipy(name, m_q, alpha):
    """Nested scipy quad of the symbolic |M|^2 with Sommerfeld and f_T written out independently."""
    ch = dark.CHANNELS[name]
    f = sympy.lambdify(ARGS, REDUCED, "math")
    t_limits = sympy.lambdify((kpiqq.m_K, kpiqq.m_pi, kpiqq.m_Q, kpiqq.s),
                              dalitz_s23_limits(kpiqq.m_K, (kpiqq.m_Q, kpiqq.m_Q, kpiqq.m_pi), kpiqq.s), "math")

    def inner(s):
        lo, hi = t_limits(ch.m_K, ch.m_pi, m_q, s)
        value, _ = integrate.quad(lambda t: f(s, t, ch.m_K, ch.m_pi, m_q), lo, hi, epsabs=0, epsrel=1e-13)
        return value * sommerfeld(s, m_q, alpha) / (1 - dark.S_T * s) ** 2

    s_lo, s_hi = 4 * m_q**2, (ch.m_K - ch.m_pi) ** 2
    # s = s_lo + (s_hi - s_lo) sin^2: smooths the square-root ends
    total, _ = integrate.quad(lambda a: inner(s_lo + (s_hi - s_lo) * math.sin(a) ** 2)
                              * (s_hi - s_lo) * math.sin(2 * a), 0, math.pi / 2, epsabs=0, epsrel=1e-12, limit=200)
    expected = total / (256 * math.pi**3 * ch.m_K**3)
    value, _ = dark_dipole.width(ch.m_K, ch.m_pi, m_q, alpha, dark.S_T)
    assert value == pytest.approx(expected, rel=1e-9, abs=0)


def test_sommerfeld_factor_tends_to_one():
    ch = dark.CHANNELS["K+"]
    s = np.linspace(0.05, 0.1, 5)
    plain, weak = np.empty(5), np.empty(5)
    dark_dipole.dgamma_ds(s, ch.m_K, ch.m_pi, 0.1, 0.0, dark.S_T, plain)
    dark_dipole.dgamma_ds(s, ch.m_K, ch.m_pi, 0.1, 1e-12, dark.S_T, weak)
    assert np.allclose(weak, plain, rtol=1e-10)


def test_charged_rate_is_exactly_zero_in_the_window():
    low, high = dark.window()
    assert low == pytest.approx(0.17705, abs=1e-5) and high == pytest.approx(0.18132, abs=1e-5)
    for m_q in (low, 0.5 * (low + high), high, 0.3):
        width = dark.width("K+", m_q, 1e-3)
        assert width == 0.0 and not math.isnan(width)
    assert dark.width("KL", 0.5 * (low + high), 1e-3) > 0
    assert dark.max_kl_branching_ratio(0.5 * (low + high), 1e-3) == math.inf


@pytest.mark.parametrize("name,selection,m_q", [("K+", "NA62", 0.05), ("K+", "NA62", 0.12), ("KL", "KOTO", 0.05),
                                                ("KL", "KOTO", 0.1)])
def test_acceptance_analytic_vs_sampler(name, selection, m_q):
    events = dark_events.sample_events(name, m_q, 2e-3, 40_000, rng=7)
    passed = dark_events.selected_by(events, selection)
    fraction = passed.mean()
    error = math.sqrt(fraction * (1 - fraction) / passed.size)
    assert abs(dark.acceptance(name, m_q, 2e-3, selection) - fraction) < 3 * error


def test_runtime_phase_dependence_follows_the_derivation():
    """kaonlib.processes.dark's K_L rate at phase phi over phi = pi/2 equals the derived |M|^2 ratio (sin^2 phi)."""
    derived = sympy.simplify(kpiqq.channel_squared_amplitude("KL") / kpiqq.channel_squared_amplitude("K+"))
    for phase in (math.pi / 6, 1.0):
        runtime = dark.branching_ratio("KL", 0.1, 1e-3, 1e-6, phase) / dark.branching_ratio("KL", 0.1, 1e-3, 1e-6)
        assert runtime == pytest.approx(float(derived.subs(kpiqq.phi, phase)), rel=1e-12)


@pytest.mark.parametrize("s", [0.0005, 0.009, 0.03, 0.065])
def test_na62_fraction_against_an_explicit_boost(s):
    """Average over the beam momentum (Gauss-Hermite) and a fine cos(theta*) grid, boosting the pion with an
    explicit Lorentz matrix; independent of the closed-form roots in kaonlib.processes.dark.na62_fraction."""
    ch = dark.CHANNELS["K+"]
    lam = (ch.m_K**2 - (math.sqrt(s) + ch.m_pi) ** 2) * (ch.m_K**2 - (math.sqrt(s) - ch.m_pi) ** 2)
    p_star = math.sqrt(lam) / (2 * ch.m_K)
    e_star = math.hypot(p_star, ch.m_pi)
    cos = (np.arange(200000) + 0.5) / 100000 - 1
    x, w = np.polynomial.hermite_e.hermegauss(24)
    fraction = 0.0
    for xi, wi in zip(x, w / math.sqrt(2 * math.pi)):
        beam = 75.0 * (1 + 0.01 * xi)
        energy = math.hypot(beam, ch.m_K)
        boost = np.array([[energy, beam], [beam, energy]]) / ch.m_K  # (E, p_z) in the (t, z) plane
        e_lab, pz_lab = boost @ np.vstack([np.full_like(cos, e_star), p_star * cos])
        p_lab = np.sqrt(pz_lab**2 + p_star**2 * (1 - cos**2))
        fraction += wi * np.mean((p_lab > 15) & (p_lab < 35))
    assert dark.na62_fraction(ch, np.array([s]))[0] == pytest.approx(fraction, abs=2e-5)


def test_koto_acceptance_with_split_quadrature():
    """The s integral split at p* = 130 MeV (the KOTO kink) with scipy quad."""
    ch = dark.CHANNELS["KL"]
    lo, hi = 4 * 0.1**2, (ch.m_K - ch.m_pi) ** 2
    kink = ch.m_K**2 + ch.m_pi**2 - 2 * ch.m_K * math.hypot(0.130, ch.m_pi)
    total = sum(integrate.quad(lambda s: float(dark.spectrum("KL", 0.1, 2e-3, s)[0]
                                               * dark.koto_fraction(ch, np.array([s]))[0]), a, b,
                               epsabs=0, epsrel=1e-10, limit=200)[0] for a, b in ((lo, kink), (kink, hi)))
    assert dark.acceptance("KL", 0.1, 2e-3, "KOTO") == pytest.approx(total, rel=1e-6)


def test_koto_edges_use_the_kaon_and_pion_masses_of_the_channel():
    """p* = 130 MeV at the first returned s (the kinematics of pion_momentum); 250 MeV is above the largest p*
    (s < 0); for K_L -> pi0 the first edge is s = 0.07933 GeV^2 by hand (m_KL = 497.611 MeV, m_pi0 = 134.977 MeV:
    E_pi = 187.40 MeV), 6 % above K+'s."""
    for name in ("K+", "KL"):
        ch = dark.CHANNELS[name]
        low, high = dark.koto_edges(ch)
        assert dark.pion_momentum(ch, np.array([low]))[0] == pytest.approx(dark.KOTO_PT[0], rel=1e-12) and high < 0
    kl, kplus = dark.koto_edges(dark.CHANNELS["KL"])[0], dark.koto_edges(dark.CHANNELS["K+"])[0]
    assert kl == pytest.approx(0.07933, abs=2e-5)
    assert kl / kplus - 1 == pytest.approx(0.06, abs=0.01)


def test_sampler_threshold_region():
    """Near threshold the Sommerfeld factor ~ 1/beta: the sampled fraction of events with beta < 0.2 matches the
    analytic one within 4 standard errors (K_L in the window, large alpha_D)."""
    m_q, alpha = 0.18, 0.05
    events = dark_events.sample_events("KL", m_q, alpha, 40_000, rng=3)
    beta = np.sqrt(1 - 4 * m_q**2 / events["s"])
    sampled = np.mean(beta < 0.2)
    s_cut = 4 * m_q**2 / (1 - 0.2**2)
    grid = 4 * m_q**2 + (s_cut - 4 * m_q**2) * np.linspace(0, 1, 20001)[1:] ** 2
    jac = 2 * (s_cut - 4 * m_q**2) * np.linspace(0, 1, 20001)[1:]
    below = np.sum(dark.spectrum("KL", m_q, alpha, grid) * jac) / 20000
    error = math.sqrt(below * (1 - below) / events["s"].size)
    assert abs(sampled - below) < 4 * error


def test_bad_inputs():
    with pytest.raises(ValueError, match="unknown channel"):
        dark.width("K0", 0.1, 1e-3)
    with pytest.raises(ValueError, match="alpha_D"):
        dark.width("K+", 0.1, -1.0)
    with pytest.raises(ValueError, match="m_Q"):
        dark.width("K+", float("nan"), 1e-3)


def test_mixing_scale_caps_the_kl_branching_ratio():
    inside = 0.5 * sum(dark.window())
    capped = dark.max_kl_branching_ratio(inside, 1e-3, min_scale=1e7)
    assert capped == pytest.approx(dark.branching_ratio("KL", inside, 1e-3, 1e-7), rel=1e-12)
    assert dark.max_kl_branching_ratio(0.05, 1e-3, min_scale=1e12) < dark.max_kl_branching_ratio(0.05, 1e-3)


def test_k_plus_escapes_the_na62_regions_above_130_mev():
    """For 4 m_Q^2 > 0.068 GeV^2 no K+ decay lands in an NA62 m_miss^2 region: NA62 cannot bound it."""
    assert dark.acceptance("K+", 0.131, 1e-3, "NA62") == 0.0
    assert dark.max_kl_branching_ratio(0.131, 1e-3) == math.inf
    assert dark.acceptance("K+", 0.12, 1e-3, "NA62") > 0


def test_kl_carries_sin_squared_of_the_phase():
    ratio = sympy.simplify(kpiqq.channel_squared_amplitude("KL") / kpiqq.channel_squared_amplitude("K+"))
    assert sympy.simplify(ratio - sympy.sin(kpiqq.phi) ** 2) == 0
    with pytest.raises(ValueError, match="unknown channel"):
        kpiqq.channel_squared_amplitude("K0")
