"""The n-body phase-space generator against known volumes and momentum conservation."""

import math

import numpy as np
import pytest

from kaonlib.inputs import M_K, M_MU
from kaonlib.processes import phasespace


@pytest.mark.parametrize("n", [3, 4, 5])
def test_massless_volume(n):
    """R_n = (pi/2)^(n-1) M^(2n-4) / ((n-1)! (n-2)!) for massless daughters."""
    _, w = phasespace.generate(0.5, [0.0] * n, 200_000, rng=n)
    exact = (math.pi / 2) ** (n - 1) * 0.5 ** (2 * n - 4) / (math.factorial(n - 1) * math.factorial(n - 2))
    assert abs(w.mean() - exact) < 4 * w.std() / math.sqrt(w.size)


def test_three_body_volume_is_the_dalitz_area():
    """R_3 = pi^2 / (4 M^2) x (area of the Dalitz plot in s12, s23), here K -> mu nu X with m_X = 0.1 GeV."""
    masses = [0.0, 0.1, M_MU]
    _, w = phasespace.generate(M_K, masses, 200_000, rng=1)
    s12 = np.linspace(0.1**2, (M_K - M_MU) ** 2, 200001)
    e2 = (s12 + 0.1**2) / (2 * np.sqrt(s12))
    e3 = (M_K**2 - s12 - M_MU**2) / (2 * np.sqrt(s12))
    width = 4 * np.sqrt(np.clip(e2**2 - 0.1**2, 0, None)) * np.sqrt(np.clip(e3**2 - M_MU**2, 0, None))
    area = np.sum((width[1:] + width[:-1]) / 2 * np.diff(s12))
    exact = math.pi**2 / (4 * M_K**2) * area
    assert abs(w.mean() - exact) < 4 * w.std() / math.sqrt(w.size)


@pytest.mark.parametrize("masses", [[M_MU, 0.0, M_MU, M_MU], [0.0, 0.0, 0.0, 0.0]])
def test_momentum_conservation_and_mass_shells(masses):
    p, _ = phasespace.generate(M_K, masses, 1000, rng=2)
    total = p.sum(axis=1)
    assert np.allclose(total, [M_K, 0, 0, 0], rtol=0, atol=1e-11)  # boosts accumulate rounding
    mass2 = p[..., 0] ** 2 - np.sum(p[..., 1:] ** 2, axis=-1)
    assert np.allclose(mass2, np.square(masses), atol=1e-12)


def test_below_threshold_raises():
    with pytest.raises(ValueError, match="below the threshold"):
        phasespace.generate(0.3, [M_MU, M_MU, M_MU], 10)


M_E = 0.51099895e-3


@pytest.mark.parametrize("masses, cut", [((M_MU, 0.0, M_MU, M_MU), 0.0), ((M_MU, 0.0, M_E, M_E), 0.0),
                                         ((M_MU, 0.0, M_E, M_E), 0.145), ((M_E, 0.0, M_MU, M_MU), 0.3)])
def test_compiled_four_body_volume_matches_genbod(masses, cut):
    """The compiled W* gamma* generator (ln t sampling) and the independent GENBOD generator give the same
    four-body volume with m_34 above the cut, within 4 combined standard errors."""
    _, w = phasespace.four_body(M_K, masses, 400_000, rng=3, min_pair_mass=cut)
    p, w_genbod = phasespace.generate(M_K, masses, 400_000, rng=4)
    pair = p[:, 2] + p[:, 3]
    inside = np.where(pair[:, 0] ** 2 - np.sum(pair[:, 1:] ** 2, axis=1) > cut**2, w_genbod, 0.0)
    error = math.hypot(w.std() / math.sqrt(w.size), inside.std() / math.sqrt(inside.size))
    assert abs(w.mean() - inside.mean()) < 4 * error


def test_compiled_four_body_kinematics_and_invariants():
    """Momentum conservation, mass shells, m_34 above the cut; the compiled invariants equal numpy's."""
    from kaonlib._kernels import four_body
    from kaonlib.processes import k3munu

    masses = (M_MU, 0.0, M_E, M_E)
    p, w = phasespace.four_body(M_K, masses, 1000, rng=5, min_pair_mass=0.145)
    assert np.all(w > 0)
    assert np.allclose(p.sum(axis=1), [M_K, 0, 0, 0], rtol=0, atol=1e-12)
    mass2 = p[..., 0] ** 2 - np.sum(p[..., 1:] ** 2, axis=-1)
    assert np.allclose(mass2, np.square(masses), atol=1e-12)
    assert np.all(k3munu.pair_masses(p, "mu-nu-e-e") > 0.145 * (1 - 1e-12))
    k1, q, k2, k3 = (p[:, i] for i in range(4))
    mk = k3munu.minkowski
    expected = np.stack([mk(k1, k2), mk(k1, k3), mk(k1, q), mk(k2, k3), mk(k2, q)], axis=1)
    assert np.allclose(four_body.invariants(p), expected, rtol=1e-14, atol=0)
    with pytest.raises(ValueError, match="massless pair"):
        phasespace.four_body(M_K, (M_MU, 0.0, 0.0, 0.0), 10)
    with pytest.raises(ValueError, match=r"\(m1, 0, m2, m2\)"):
        phasespace.four_body(M_K, (M_MU, M_MU, M_MU, M_MU), 10)
