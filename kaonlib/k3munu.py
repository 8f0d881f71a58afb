"""SM K+ -> mu+ nu mu+ mu-: branching ratio, di-muon mass spectra and events, from the generated kernel.

|M|^2 is amplitudes/k3munu.py (inner bremsstrahlung through a virtual photon plus the structure-dependent form
factors F_V, F_A, R of amplitudes/kmunugamma.py, antisymmetrised in the two mu+), compiled by codegen. The
integrator is plain Monte Carlo over the weighted four-body phase space of kaonlib.phasespace:

    Gamma = (1/2) (2 pi)^-8 / (2 m_K) < sum|M|^2 w >,

the 1/2 for the two identical mu+. The statistical error is the standard error of the mean. The weights
vary little (their rms is about their mean), so 10^4 events give 1 % (benchmarks/bench_k3munu.py).
BR = BR_exp(K -> mu nu) Gamma / Gamma_tree(K -> mu nu), both from the same SM vertex (as kaonlib.rates).

Momenta are ordered (k1 = mu+, q = nu, k2 = mu+, k3 = mu-); the two opposite-sign pairs are (k1, k3) and
(k2, k3). The paper's pairing rule (KMRT App. C2): the pair whose mass is closest to the test mass.
"""

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from . import phasespace
from ._kernels import k3munu as kernel
from .inputs import ALPHA_EM, BR_KMU2, F_K, G_F, M_K, M_MU, V_US

ORDER = ("k1", "q", "k2", "k3")
MASSES = (M_MU, 0.0, M_MU, M_MU)
E787_LIMIT = 4.1e-7  # BR(K+ -> mu+ nu mu+ mu-) < 4.1e-7 (90 % CL), E787, as quoted by KMRT (arXiv:1902.07715) [24]
BEG_PREDICTION = 1.3e-8  # Bijnens, Ecker, Gasser, Nucl. Phys. B396 (1993) 81, as quoted by KMRT


@dataclass(frozen=True)
class FormFactors:
    """Dimensionless structure-dependent form factors in the PDG normalisation (amplitudes/kmunugamma.py)."""

    F_V: float
    F_A: float
    R: float
    source: str


F_PI = 0.0922  # GeV, F_pi = f_pi/sqrt(2) with f_pi = 130.4 MeV (PDG)
L9_PLUS_L10 = 1.4e-3  # L9 + L10 = 6.9e-3 - 5.5e-3 (Gasser and Leutwyler, Nucl. Phys. B250 (1985) 465)
FORM_FACTOR_SETS = {
    # O(p^4) chiral perturbation theory (Bijnens, Ecker, Gasser 1993): F_V from the anomaly, F_A from L9 + L10
    "chpt": FormFactors(F_V=M_K / (4 * math.sqrt(2) * math.pi**2 * F_PI),
                        F_A=4 * math.sqrt(2) * M_K * L9_PLUS_L10 / F_PI, R=0.0,
                        source="O(p^4) ChPT: F_V = m_K/(4 sqrt2 pi^2 F_pi), F_A = 4 sqrt2 m_K (L9+L10)/F_pi; R not "
                               "included (README)"),
    # K -> mu nu gamma measurements (PDG): F_A + F_V = 0.165(13) (E787, PRL 85 (2000) 2256; its sign is not
    # measured, taken positive), F_A - F_V = -0.153(33) (PDG average of ISTRA+ 2011 and OKA 2019)
    "measured": FormFactors(F_V=(0.165 + 0.153) / 2, F_A=(0.165 - 0.153) / 2, R=0.0,
                            source="PDG K -> mu nu gamma: F_A + F_V = 0.165, F_A - F_V = -0.153; R not included"),
    "ib": FormFactors(F_V=0.0, F_A=0.0, R=0.0, source="inner bremsstrahlung only"),
}
DEFAULT_FORM_FACTORS = "chpt"


def form_factors(choice=DEFAULT_FORM_FACTORS, R=None):
    """A named set, optionally with the charge-radius form factor R set by hand."""
    if isinstance(choice, FormFactors):
        chosen = choice
    elif choice in FORM_FACTOR_SETS:
        chosen = FORM_FACTOR_SETS[choice]
    else:
        raise ValueError(f"unknown form factors {choice!r}; known: {', '.join(FORM_FACTOR_SETS)}")
    if R is None:
        return chosen
    if not math.isfinite(R):
        raise ValueError(f"R = {R!r} must be finite")
    return FormFactors(chosen.F_V, chosen.F_A, R, chosen.source + f"; R = {R:g} set by hand")


def minkowski(a, b):
    return a[..., 0] * b[..., 0] - a[..., 1] * b[..., 1] - a[..., 2] * b[..., 2] - a[..., 3] * b[..., 3]


def invariants(momenta):
    """(n, 5) array of k1.k2, k1.k3, k1.q, k2.k3, k2.q (GeV^2) from momenta (n, 4, 4) in ORDER."""
    k1, q, k2, k3 = (momenta[:, i] for i in range(4))
    return np.ascontiguousarray(np.stack([minkowski(k1, k2), minkowski(k1, k3), minkowski(k1, q),
                                          minkowski(k2, k3), minkowski(k2, q)], axis=1))


def squared_amplitude(momenta, choice=DEFAULT_FORM_FACTORS):
    """sum over spins of |M|^2 (GeV^-2) at momenta (n, 4, 4) in ORDER."""
    ff = form_factors(choice)
    reduced = kernel.squared_amplitude(invariants(momenta), M_K, M_MU, F_K, ff.F_V, ff.F_A, ff.R)
    return (4 * math.pi * ALPHA_EM) ** 2 * G_F**2 * V_US**2 * reduced


def kmu2_tree_width():
    """Gamma(K+ -> mu+ nu) at tree level from the same vertex, G_F^2 V_us^2 f_K^2 m_K m_mu^2 (1 - r)^2 / (8 pi)
    with r = m_mu^2/m_K^2 (= C^2 m_K m_mu^2 (1 - r)^2 / (16 pi)), in GeV."""
    r = M_MU**2 / M_K**2
    return G_F**2 * V_US**2 * F_K**2 * M_K * M_MU**2 * (1 - r) ** 2 / (8 * math.pi)


def pair_masses(momenta):
    """(n, 2) masses (GeV) of the opposite-sign pairs (k1, k3) and (k2, k3)."""
    k1, k2, k3 = momenta[:, 0], momenta[:, 2], momenta[:, 3]
    return np.sqrt(np.stack([minkowski(k1 + k3, k1 + k3), minkowski(k2 + k3, k2 + k3)], axis=1))


@dataclass
class Sample:
    """Weighted events: momenta (n, 4, 4) in ORDER and branching-ratio weights (mean = BR)."""

    momenta: np.ndarray
    weights: np.ndarray
    form_factors: FormFactors

    @property
    def size(self):
        return len(self.weights)

    @cached_property
    def pairs(self):
        """(n, 2) opposite-sign pair masses (GeV), computed once per sample."""
        return pair_masses(self.momenta)

    def branching_ratio(self):
        """(BR, standard error of the mean)."""
        return float(self.weights.mean()), float(self.weights.std(ddof=1) / math.sqrt(self.size))

    def closest_pair_masses(self, test_mass):
        """Mass (GeV) of the opposite-sign pair closest to ``test_mass`` in each event (KMRT App. C2)."""
        masses = self.pairs
        pick = np.argmin(np.abs(masses - test_mass), axis=1)
        return masses[np.arange(self.size), pick]

    def mass_spectrum(self, edges, test_mass):
        """dBR/dm_mumu (GeV^-1) of the closest pair in bins ``edges`` (GeV), with its statistical error."""
        edges = np.asarray(edges, dtype=float)
        masses = self.closest_pair_masses(test_mass)
        widths = np.diff(edges)
        total, _ = np.histogram(masses, edges, weights=self.weights)
        squares, _ = np.histogram(masses, edges, weights=self.weights**2)
        return total / self.size / widths, np.sqrt(squares) / self.size / widths

    def window_branching_ratio(self, test_mass, half_width):
        """BR with the closest pair within test_mass +- half_width (GeV): an event counts if either pair does."""
        inside = np.min(np.abs(self.pairs - test_mass), axis=1) <= half_width
        selected = np.where(inside, self.weights, 0.0)
        return float(selected.mean()), float(selected.std(ddof=1) / math.sqrt(self.size))

    def unweighted(self, n, rng=None):
        """n unweighted events (momenta (n, 4, 4)) by accept-reject against the largest weight of the sample:
        they follow the sample's weighted distribution exactly, so use a sample much larger than n."""
        rng = np.random.default_rng(rng)
        ceiling = self.weights.max()
        chosen = []
        while sum(len(c) for c in chosen) < n:
            candidates = rng.integers(0, self.size, 4 * n)
            keep = rng.uniform(0, ceiling, candidates.size) < self.weights[candidates]
            chosen.append(candidates[keep])
        return self.momenta[np.concatenate(chosen)[:n]]


def simulate(n, choice=DEFAULT_FORM_FACTORS, rng=None):
    """A weighted sample of n K+ -> mu+ nu mu+ mu- events (weights: BR contributions)."""
    if n < 2:
        raise ValueError(f"need at least two events, got {n}")
    momenta, phase_space = phasespace.generate(M_K, MASSES, int(n), rng)
    width_weights = squared_amplitude(momenta, choice) * phase_space * (2 * math.pi) ** -8 / (2 * M_K) / 2
    return Sample(momenta, BR_KMU2 * width_weights / kmu2_tree_width(), form_factors(choice))


def branching_ratio(n=200_000, choice=DEFAULT_FORM_FACTORS, rng=None):
    """(BR, statistical error) from n events."""
    return simulate(n, choice, rng).branching_ratio()


def expected_events(kaons, acceptance=0.05, branching=None, choice=DEFAULT_FORM_FACTORS):
    """SM K+ -> mu+ nu mu+ mu- events for ``kaons`` K+ decays and an acceptance (5 %, KMRT App. C2)."""
    if not (kaons > 0 and 0 < acceptance <= 1):
        raise ValueError(f"need kaons > 0 and 0 < acceptance <= 1, got {kaons!r}, {acceptance!r}")
    branching = branching_ratio(choice=choice)[0] if branching is None else branching
    return kaons * acceptance * branching
