"""The n-body phase-space generator against known volumes and momentum conservation."""

import math

import numpy as np
import pytest

from kaonlib import phasespace
from kaonlib.inputs import M_K, M_MU


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
