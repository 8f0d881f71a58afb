"""e+e- -> gamma* -> mu- mu+ X (amplitudes/ee_mumu_x.py, generated into kaonlib/_kernels/ee_mumu_x.py): the muon
current is conserved, the generated W equals the spin sum built from explicit 4x4 Dirac matrices at random phase-space
points, and the cross-section recipe (beam tensor averaged over directions, sigma = e^4/(6 s^2) int dPhi W) gives the
textbook sigma(e+e- -> mu+mu-) when applied to the two-body final state."""

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from amplitudes import ee_mumu_x
from amplitudes.dirac import SpinorLine, gamma, spin_summed_square, ubar, v
from amplitudes.kinematics import two_body
from kaonlib._kernels import ee_mumu_x as generated
from tests.amplitudes.explicit_dirac import EYE4, GAMMA, GAMMA5, METRIC, dot, slashed

M_MU = 0.1056583755


@pytest.mark.parametrize("spin", [0, 1])
def test_the_muon_current_is_conserved(spin):
    """q_nu J^nu = 0 for any neutral X vertex (both emissions together): the beam tensor's q q term drops out."""
    assert ee_mumu_x.ward_residual(spin) == 0


def four_vector(mass, momentum):
    return np.array([math.sqrt(mass**2 + momentum @ momentum), *momentum])


def propagator(p, m):
    return (slashed(p) + m * EYE4) / (dot(p, p) - m**2)


def explicit_w(spin, k1, k2, l, m_X, c1, c2):
    """W = (q q/s - g)_{nu nu'} [pol]_{beta beta'} Tr[Gamma^{nu beta} (k2/ - m) bar(Gamma)^{nu' beta'} (k1/ + m)]
    with explicit matrices (upper indices, Dirac representation)."""
    q = k1 + k2 + l
    s = dot(q, q)
    vertices = [c1 * EYE4 + c2 * 1j * GAMMA5] if spin == 0 else [GAMMA[b] @ (c1 * EYE4 + c2 * GAMMA5) for b in range(4)]
    lower_q, lower_l = METRIC @ q, METRIC @ l
    photon = np.outer(lower_q, lower_q) / s - METRIC
    pol = np.ones((1, 1)) if spin == 0 else -METRIC + np.outer(lower_l, lower_l) / m_X**2
    before, after = propagator(k1 + l, M_MU), propagator(-k2 - l, M_MU)
    chains = [[vx @ before @ GAMMA[n] + GAMMA[n] @ after @ vx for vx in vertices] for n in range(4)]
    bar = [[GAMMA[0] @ c.conj().T @ GAMMA[0] for c in row] for row in chains]
    k1_spin, k2_spin = slashed(k1) + M_MU * EYE4, slashed(k2) - M_MU * EYE4
    total = 0.0
    for n, n2 in np.ndindex(4, 4):
        for b, b2 in np.ndindex(len(vertices), len(vertices)):
            total += photon[n, n2] * pol[b, b2] * np.trace(chains[n][b] @ k2_spin @ bar[n2][b2] @ k1_spin)
    return total


@settings(max_examples=25, deadline=None)
@given(spin=st.sampled_from([0, 1]), m_X=st.floats(0.22, 5.0), c1=st.floats(-2, 2), c2=st.floats(-2, 2),
       seed=st.integers(0, 2**32 - 1))
def test_generated_w_matches_explicit_dirac_matrices(spin, m_X, c1, c2, seed):
    """A random final state of total momentum (10.58 GeV, 0): X and mu- with random momenta, mu+ balancing."""
    rng = np.random.default_rng(seed)
    l = four_vector(m_X, rng.normal(size=3))
    k1 = four_vector(M_MU, rng.normal(size=3))
    k2 = four_vector(M_MU, -(l[1:] + k1[1:]))
    q = k1 + k2 + l  # not at rest in general: W is Lorentz invariant, only s matters
    s, s12, s23 = dot(q, q), dot(k1 + k2, k1 + k2), dot(k2 + l, k2 + l)
    function = generated.w_spin0 if spin == 0 else generated.w_spin1
    expected = explicit_w(spin, k1, k2, l, m_X, c1, c2)
    assert abs(expected.imag) <= 1e-9 * abs(expected.real) + 1e-12
    assert function(s, s12, s23, M_MU, m_X, c1, c2) == pytest.approx(expected.real, rel=1e-8, abs=1e-10)


def test_the_cross_section_recipe_gives_the_textbook_muon_pair_rate():
    """Same beam average and prefactor for e+e- -> mu+mu-: W2 = (q q/s - g) Tr[(k1/ + m) gamma^nu (k2/ - m)
    gamma^nu'] by the trace engine, sigma = e^4/(6 s^2) W2 beta/(8 pi) (two-body dPhi = beta/(8 pi)) must be
    4 pi alpha^2/(3 s) beta (3 - beta^2)/2 (e.g. Peskin-Schroeder Eq. 5.13 with the muon mass kept)."""
    s, m, alpha = sympy.symbols("s m alpha", positive=True)
    k1, k2 = ee_mumu_x.K1, ee_mumu_x.K2
    nu, nu_conj = ee_mumu_x.PHOTON_INDEX, ee_mumu_x.PHOTON_INDEX_CONJ
    line = SpinorLine(ubar(k1, m), gamma(nu), v(k2, m))
    projector = ee_mumu_x.photon_projector()
    kinematics = two_body(sympy.sqrt(s), ("k1", "k2"), (m, m))
    w2 = kinematics.to_sympy(spin_summed_square(line, {nu: nu_conj}, projector)).subs(ee_mumu_x.s, s)
    beta = sympy.sqrt(1 - 4 * m**2 / s)
    sigma = (4 * sympy.pi * alpha) ** 2 / (6 * s**2) * w2 * beta / (8 * sympy.pi)
    textbook = 4 * sympy.pi * alpha**2 / (3 * s) * beta * (3 - beta**2) / 2
    assert sympy.simplify(sigma - textbook) == 0
