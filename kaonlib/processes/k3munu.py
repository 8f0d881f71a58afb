"""SM K+ -> l+ nu l'+ l'- (l, l' in {e, mu}; the di-muon background K+ -> mu+ nu mu+ mu- is one mode): branching
ratios with the experiments' cuts, pair-mass spectra and events, from the generated kernels.

|M|^2 is amplitudes/k3munu.py (inner bremsstrahlung through a virtual photon plus the structure-dependent form
factors F_V, F_A, R of amplitudes/kmunugamma.py and BEG's kaon-pole term, the K+ form factor 1 + R t/(2 f_K m_K)
on the kaon line; antisymmetrised in the two l+ when l = l'), compiled by codegen.
The integrator is Monte Carlo over the weighted four-body phase space of kaonlib.processes.phasespace.four_body
(the l'+ l'- mass flat in ln m^2, from the cut up, against the photon pole; for l = l' either pair, two channels),
compiled in one loop with |M|^2 and the cuts (:func:`weighted_events`):

    Gamma = S (2 pi)^-8 / (2 m_K) < sum|M|^2 w Theta(cuts) >,

S = 1/2 for the two identical l+ (l = l'), 1 otherwise. The statistical error is the standard error of the mean.
BR = BR_exp(K -> mu nu) Gamma / Gamma_tree(K -> mu nu), both from the same SM vertex (as kaonlib.processes.rates).

Momenta are ordered (k1 = l+, q = nu, k2 = l'+, k3 = l'-). The l'+ l'- pairs: (k2, k3), and also (k1, k3) when
l = l'. The cut on the pair mass applies to every such pair (E865's reading for K+ -> e+ nu e+ e-: both e+ e-
combinations above 150 MeV). The di-muon pairing rule (KMRT App. C2): the pair closest to the test mass.
"""

import math
from dataclasses import dataclass
from functools import cached_property, partial

import numpy as np

from kaonlib import execution, validate
from kaonlib._kernels import four_body
from kaonlib._kernels import k3munu as kernel
from kaonlib.inputs import ALPHA_EM, BR_KMU2, F_K, G_F, M_E, M_K, M_MU, V_US
from kaonlib.processes import phasespace
from kaonlib.processes.form_factors import (  # noqa: F401 (re-exported: the four-lepton API names them)
    DEFAULT_FORM_FACTORS,
    F_PI,
    FORM_FACTOR_SETS,
    L9,
    L9_PLUS_L10,
    FormFactors,
    chiral_radius_squared,
    form_factors,
)

E787_LIMIT = 4.1e-7  # BR(K+ -> mu+ nu mu+ mu-) < 4.1e-7 (90 % CL), E787, as quoted by KMRT (arXiv:1902.07715) [24]
COUPLING = (4 * math.pi * ALPHA_EM) ** 2 * G_F**2 * V_US**2  # e^4 G_F^2 V_us^2: reduced |M|^2 -> sum |M|^2
BEG_PREDICTION = 1.3e-8  # Bijnens, Ecker, Gasser, Nucl. Phys. B396 (1993) 81, as quoted by KMRT
CHUNK_EVENTS = 100_000  # events per Monte Carlo chunk (fixed: the chunks, and so the sample, do not depend on workers)


@dataclass(frozen=True)
class Measurement:
    value: float
    error: float
    source: str


@dataclass(frozen=True)
class Mode:
    """K+ -> l+ nu l'+ l'-: the W lepton l, the pair lepton l', the default (experiment's) minimum pair mass."""

    name: str
    lepton: str
    pair: str
    min_pair_mass: float  # GeV
    measurement: Measurement | None

    @property
    def identical(self):
        return self.lepton == self.pair

    @property
    def masses(self):
        """(m_l, 0, m_l', m_l') in ORDER (GeV)."""
        return (LEPTON_MASS[self.lepton], 0.0, LEPTON_MASS[self.pair], LEPTON_MASS[self.pair])

    @property
    def pdg_ids(self):
        """PDG ids of l+, nu_l, l'+, l'- (ORDER)."""
        return (-LEPTON_ID[self.lepton], LEPTON_ID[self.lepton] + 1, -LEPTON_ID[self.pair], LEPTON_ID[self.pair])


ORDER = ("k1", "q", "k2", "k3")
LEPTON_MASS = {"e": M_E, "mu": M_MU}
LEPTON_ID = {"e": 11, "mu": 13}
# Measured branching ratios (PDG K+ listing, from E865; values as recalled, not read verbatim here, see README)
MODES = {mode.name: mode for mode in (
    Mode("mu-nu-mu-mu", "mu", "mu", 0.0, None),
    Mode("mu-nu-e-e", "mu", "e", 0.145, Measurement(7.06e-8, 0.31e-8, "PDG (E865, Poblaguev et al., PRL 89 (2002) "
                                                                       "061803), m_ee > 145 MeV")),
    Mode("e-nu-e-e", "e", "e", 0.150, Measurement(2.48e-8, 0.20e-8, "PDG (E865, Poblaguev et al., PRL 89 (2002) "
                                                                     "061803), both m_ee > 150 MeV")),
    Mode("e-nu-mu-mu", "e", "mu", 0.0, Measurement(1.7e-8, 0.5e-8, "PDG (E865, Ma et al., PRD 73 (2006) 037101), "
                                                                    "full phase space")),
)}
DEFAULT_MODE = "mu-nu-mu-mu"


def mode_named(name):
    if isinstance(name, Mode):
        return name
    if name not in MODES:
        raise validate.InputError(f"unknown mode {name!r}; known: {', '.join(MODES)}")
    return MODES[name]


def minkowski(a, b):
    return a[..., 0] * b[..., 0] - a[..., 1] * b[..., 1] - a[..., 2] * b[..., 2] - a[..., 3] * b[..., 3]


def invariants(momenta):
    """(n, 5) array of k1.k2, k1.k3, k1.q, k2.k3, k2.q (GeV^2) from momenta (n, 4, 4) in ORDER (compiled)."""
    return four_body.invariants(np.ascontiguousarray(momenta, dtype=float))


def compiled_kernel(choice=DEFAULT_FORM_FACTORS, mode=DEFAULT_MODE):
    """The compiled reduced |M|^2 of ``mode`` at the chosen form factors (its coefficients computed once)."""
    ff, mode = form_factors(choice), mode_named(mode)
    return kernel.Kernel(mode.identical, M_K, mode.masses[0], mode.masses[2], F_K, ff.F_V, ff.F_A, ff.R)


def squared_amplitude(momenta, choice=DEFAULT_FORM_FACTORS, mode=DEFAULT_MODE):
    """sum over spins of |M|^2 (GeV^-2) at momenta (n, 4, 4) in ORDER."""
    return COUPLING * compiled_kernel(choice, mode).evaluate(invariants(momenta))


def kmu2_tree_width():
    """Gamma(K+ -> mu+ nu) at tree level from the same vertex, G_F^2 V_us^2 f_K^2 m_K m_mu^2 (1 - r)^2 / (8 pi)
    with r = m_mu^2/m_K^2 (= C^2 m_K m_mu^2 (1 - r)^2 / (16 pi)), in GeV."""
    r = M_MU**2 / M_K**2
    return G_F**2 * V_US**2 * F_K**2 * M_K * M_MU**2 * (1 - r) ** 2 / (8 * math.pi)


def pair_masses(momenta, mode=DEFAULT_MODE):
    """(n, 2) masses (GeV) of the l'+ l'- pairs (k2, k3) and (k1, k3) when l = l', else (n, 1): (k2, k3)."""
    k1, k2, k3 = momenta[:, 0], momenta[:, 2], momenta[:, 3]
    pairs = [k2 + k3, k1 + k3] if mode_named(mode).identical else [k2 + k3]
    return np.sqrt(np.stack([minkowski(p, p) for p in pairs], axis=1))


@dataclass
class Sample:
    """Weighted events: momenta (n, 4, 4) in ORDER and branching-ratio weights (mean = BR)."""

    momenta: np.ndarray
    weights: np.ndarray
    form_factors: FormFactors
    mode: Mode = MODES[DEFAULT_MODE]

    @property
    def size(self):
        return len(self.weights)

    @cached_property
    def pairs(self):
        """l'+ l'- pair masses (GeV) (:func:`pair_masses`), computed once per sample."""
        return pair_masses(self.momenta, self.mode)

    def branching_ratio(self):
        """(BR, standard error of the mean)."""
        return float(self.weights.mean()), float(self.weights.std(ddof=1) / math.sqrt(self.size))

    def closest_pair_masses(self, test_mass):
        """Mass (GeV) of the opposite-sign pair closest to ``test_mass`` in each event (KMRT App. C2)."""
        masses = self.pairs
        pick = np.argmin(np.abs(masses - test_mass), axis=1)
        return masses[np.arange(self.size), pick]

    def mass_spectrum(self, edges, test_mass):
        """dBR/dm_ll (GeV^-1) of the closest pair in bins ``edges`` (GeV), with its statistical error."""
        edges = validate.array(edges, "edges", 0.0, M_K, "GeV")
        if edges.ndim != 1 or edges.size < 2 or not np.all(np.diff(edges) > 0):
            raise validate.InputError("edges must be at least two strictly increasing masses (no empty bin)")
        validate.number(test_mass, "test mass", 0.0, M_K, "GeV")
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
        n = validate.integer(n, "unweighted events", 1, 10_000_000)
        rng = np.random.default_rng(rng)
        ceiling = self.weights.max()
        if not ceiling > 0:
            raise validate.InputError("no event of the sample passes the cuts (the branching ratio is 0): there is "
                                      "nothing to unweight")
        chosen = []
        while sum(len(c) for c in chosen) < n:
            candidates = rng.integers(0, self.size, 4 * n)
            keep = rng.uniform(0, ceiling, candidates.size) < self.weights[candidates]
            chosen.append(candidates[keep])
        return self.momenta[np.concatenate(chosen)[:n]]


def check_cut(mode, min_pair_mass):
    """The minimum pair mass (GeV): the mode's default (the experiment's cut) or a value in [0, m_K - m_l)."""
    if min_pair_mass is None:
        return mode.min_pair_mass
    return validate.number(min_pair_mass, "min pair mass", 0.0, M_K - mode.masses[0], "GeV", high_open=True)


def simulate_chunk(choice, mode, cut, summarise, size_and_seed):
    """One chunk of :func:`produce`: the Sample of ``size`` events drawn from ``seed``, or summarise(Sample)."""
    momenta, weights = fused_events(phasespace.four_body_uniforms(*size_and_seed), choice, mode, cut)
    sample = Sample(momenta, weights, choice, mode)
    return sample if summarise is None else summarise(sample)


def weighted_events(uniforms, choice=DEFAULT_FORM_FACTORS, mode=DEFAULT_MODE, min_pair_mass=0.0):
    """Momenta (n, 4, 4) in ORDER and BR weights from uniforms (n, 8) in [0, 1) (phasespace.four_body_uniforms):
    phase space, |M|^2 and the pair-mass cut (GeV) in one compiled loop; for l = l' the photon poles of both
    pairs are sampled, as two channels (kaonlib/_kernels/k3munu.pyx, Kernel.weighted_events). Inputs checked."""
    mode = mode_named(mode)
    cut = check_cut(mode, min_pair_mass)
    uniforms = np.asarray(uniforms)
    if uniforms.ndim != 2 or uniforms.shape[1] != phasespace.UNIFORMS_PER_EVENT or not np.all(
            (uniforms >= 0) & (uniforms < 1)):
        raise validate.InputError(f"uniforms must be an (n, {phasespace.UNIFORMS_PER_EVENT}) array in [0, 1)")
    return fused_events(np.ascontiguousarray(uniforms, dtype=float), choice, mode, cut)


def fused_events(uniforms, choice, mode, cut):
    """:func:`weighted_events` for inputs already checked (a Mode, a valid cut, numpy's float uniforms): the
    Monte Carlo's own path, with no per-chunk checks."""
    symmetry = 0.5 if mode.identical else 1.0
    scale = BR_KMU2 / kmu2_tree_width() * COUPLING * (2 * math.pi) ** -8 / (2 * M_K) * symmetry
    return compiled_kernel(choice, mode).weighted_events(uniforms, cut, scale)


def produce(n, summarise=None, choice=DEFAULT_FORM_FACTORS, rng=None, mode=DEFAULT_MODE, min_pair_mass=None,
            executor=None, chunk_events=CHUNK_EVENTS):
    """[summarise(chunk) for each chunk] of n weighted events, each chunk a Sample of ``chunk_events`` (the last one
    shorter) from child i of SeedSequence(rng) (kaonlib.execution), summarised where it is made, on ``executor``
    (None: serially): bitwise the same on any executor and number of workers (for a given chunk size). For samples
    too large to hold (1e10 events are 1.4 TB of momenta) summarise keeps what is needed, e.g. histograms."""
    n = validate.integer(n, "events", 2, 10**12)
    mode = mode_named(mode)
    task = partial(simulate_chunk, form_factors(choice), mode, check_cut(mode, min_pair_mass), summarise)
    chunk_events = validate.integer(chunk_events, "events per chunk", 1000, 10**7)
    return execution.map_chunks(task, n, chunk_events, rng, executor)


def simulate(n, choice=DEFAULT_FORM_FACTORS, rng=None, mode=DEFAULT_MODE, min_pair_mass=None, executor=None):
    """A weighted sample of n K+ -> l+ nu l'+ l'- events (weights: BR contributions), every l'+ l'- pair above
    ``min_pair_mass`` (GeV; default: the mode's experimental cut, :data:`MODES`): the chunks of :func:`produce`
    (same seeds, bitwise the same on any executor), joined."""
    validate.integer(n, "events", 2, 100_000_000)
    chunks = produce(n, None, choice, rng, mode, min_pair_mass, executor)
    momenta, weights = (np.concatenate(parts) for parts in zip(*[(c.momenta, c.weights) for c in chunks]))
    return Sample(momenta, weights, chunks[0].form_factors, chunks[0].mode)


def branching_ratio(n=200_000, choice=DEFAULT_FORM_FACTORS, rng=None, mode=DEFAULT_MODE, min_pair_mass=None,
                    executor=None):
    """(BR, statistical error) from n events."""
    return simulate(n, choice, rng, mode, min_pair_mass, executor).branching_ratio()


def expected_events(kaons, acceptance=0.05, branching=None, choice=DEFAULT_FORM_FACTORS):
    """SM K+ -> mu+ nu mu+ mu- events for ``kaons`` K+ decays and an acceptance (5 %, KMRT App. C2)."""
    validate.number(kaons, "kaons", 1.0, 1e16)
    validate.number(acceptance, "acceptance", 0.0, 1.0, low_open=True)
    branching = branching_ratio(choice=choice)[0] if branching is None else branching
    return kaons * acceptance * branching
