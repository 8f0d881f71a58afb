"""sigma(e+e- -> gamma* -> mu- mu+ X) of kaonlib.searches.ee_recast against an independent Monte Carlo: beams fixed
along z (no direction average), the beam and muon tensors as explicit 4x4 Dirac-matrix traces (no generated W, no
trace engine), three-body phase space built as q -> (mu mu) X then (mu mu) -> mu- mu+ with uniform directions,

    dPhi_3 = dPhi_2(q; P12, l) ds12/(2 pi) dPhi_2(P12; k1, k2),  dPhi_2 = |p| dOmega / (16 pi^2 M),

and sigma = <|M|^2> / (2 s) with |M|^2 = e^4/s^2 (1/4) L_{nu nu'} H^{nu nu'} (massless beams). No kaonlib code
besides the constants."""

import math

import numpy as np
import pytest

from kaonlib.inputs import ALPHA_EM, M_MU
from kaonlib.searches import ee_recast
from tests.amplitudes.explicit_dirac import EYE4, GAMMA, GAMMA5, METRIC

SQRT_S = 10.58


def slashed(p):
    """(N, 4, 4) p/ for (N, 4) upper-index momenta."""
    return np.einsum("nm,mij->nij", p @ METRIC, np.array(GAMMA))


def minkowski(a, b):
    return np.einsum("ni,ij,nj->n", a, METRIC, b)


def momentum(mother, m1, m2):
    return np.sqrt((mother**2 - (m1 + m2) ** 2) * (mother**2 - (m1 - m2) ** 2)) / (2 * mother)


def directions(n, rng):
    cos, phi = rng.uniform(-1, 1, n), rng.uniform(0, 2 * np.pi, n)
    sin = np.sqrt(1 - cos**2)
    return np.stack([sin * np.cos(phi), sin * np.sin(phi), cos], axis=1)


def boost(p, velocity):
    """Boost (N, 4) momenta by the velocities (N, 3)."""
    b2 = np.sum(velocity**2, axis=1)
    gamma = 1 / np.sqrt(1 - b2)
    bp = np.sum(velocity * p[:, 1:], axis=1)
    energy = gamma * (p[:, 0] + bp)
    space = p[:, 1:] + (((gamma - 1) / b2 * bp + gamma * p[:, 0])[:, None]) * velocity
    return np.concatenate([energy[:, None], space], axis=1)


def phase_space(n, m_X, rng):
    """(k1, k2, l, weight): weight averages to int dPhi_3 (s12 uniform)."""
    low, high = 4 * M_MU**2, (SQRT_S - m_X) ** 2
    s12 = rng.uniform(low, high, n)
    m12 = np.sqrt(s12)
    pa, pb = momentum(SQRT_S, m12, m_X), momentum(m12, M_MU, M_MU)
    d1, d2 = directions(n, rng), directions(n, rng)
    l = np.concatenate([np.hypot(pa, m_X)[:, None], -pa[:, None] * d1], axis=1)
    pair = np.concatenate([np.sqrt(s12 + pa**2)[:, None], pa[:, None] * d1], axis=1)
    rest = np.hypot(pb, M_MU)[:, None]
    velocity = pair[:, 1:] / pair[:, :1]
    k1 = boost(np.concatenate([rest, pb[:, None] * d2], axis=1), velocity)
    k2 = boost(np.concatenate([rest, -pb[:, None] * d2], axis=1), velocity)
    weight = (high - low) * pa / (4 * np.pi * SQRT_S) / (2 * np.pi) * pb / (4 * np.pi * m12)
    return k1, k2, l, weight


def squared_amplitude(k1, k2, l, m_X, spin, c1, c2):
    """Spin-averaged |M|^2 per unit coupling with the beams along +-z."""
    n, s = len(k1), SQRT_S**2
    p_minus = np.tile([SQRT_S / 2, 0, 0, SQRT_S / 2], (n, 1))
    p_plus = np.tile([SQRT_S / 2, 0, 0, -SQRT_S / 2], (n, 1))
    lo_minus, lo_plus = p_minus @ METRIC, p_plus @ METRIC
    beam = 4 * (np.einsum("ni,nj->nij", lo_plus, lo_minus) + np.einsum("ni,nj->nij", lo_minus, lo_plus)
                - s / 2 * METRIC[None])
    gam = np.array(GAMMA)
    prop1 = (slashed(k1 + l) + M_MU * EYE4) / (minkowski(k1 + l, k1 + l) - M_MU**2)[:, None, None]
    prop2 = (slashed(-k2 - l) + M_MU * EYE4) / (minkowski(k2 + l, k2 + l) - M_MU**2)[:, None, None]
    if spin == 0:
        vertices, pol = (c1 * EYE4 + 1j * c2 * GAMMA5)[None], np.ones((n, 1, 1))
    else:
        vertices = np.einsum("bij,jk->bik", gam, c1 * EYE4 + c2 * GAMMA5)
        lower = l @ METRIC
        pol = -METRIC[None] + np.einsum("ni,nj->nij", lower, lower) / m_X**2
    chains = (np.einsum("bij,njk,vkl->nvbil", vertices, prop1, gam)
              + np.einsum("vij,njk,bkl->nvbil", gam, prop2, vertices))
    bars = np.einsum("xa,nvcya,ym->nvcxm", GAMMA[0], chains.conj(), GAMMA[0])  # gamma0 C^dagger gamma0
    right, left = slashed(k2) - M_MU * EYE4, slashed(k1) + M_MU * EYE4
    first = np.einsum("nvbij,njk->nvbik", chains, right)
    second = np.einsum("nwckl,nli->nwcki", bars, left)
    muon = np.einsum("nvbik,nwcki->nvbwc", first, second)  # Tr[C (k2/ - m) bar(C') (k1/ + m)]
    total = np.einsum("nvw,nbc,nvbwc->n", beam, pol, muon)
    return (4 * math.pi * ALPHA_EM) ** 2 / s**2 * total.real / 4


@pytest.mark.parametrize("spin, c1, c2, m_X", [(1, 1.0, 0.0, 1.0), (0, 1.0, 0.0, 1.0), (0, 0.0, 1.0, 0.5),
                                              (1, 0.6, 0.8, 0.3)])
def test_cross_section_against_an_explicit_monte_carlo(spin, c1, c2, m_X):
    rng = np.random.default_rng(7)
    samples = []
    for _ in range(6):
        k1, k2, l, weight = phase_space(5000, m_X, rng)
        samples.append(np.mean(weight * squared_amplitude(k1, k2, l, m_X, spin, c1, c2)) / (2 * SQRT_S**2))
    mean, error = np.mean(samples), np.std(samples, ddof=1) / math.sqrt(len(samples))
    structure = {"S": c1, "P": c2} if spin == 0 else {"V": c1, "A": c2}
    assert ee_recast.cross_section(structure, spin, m_X, SQRT_S) == pytest.approx(mean, abs=4 * error)
    assert error < 0.015 * mean  # the comparison is at the per-cent level or better
