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
from functools import cached_property

import numpy as np

from kaonlib import validate
from kaonlib._kernels import four_body
from kaonlib._kernels import k3munu as kernel
from kaonlib.inputs import ALPHA_EM, BR_KMU2, F_K, G_F, M_E, M_K, M_MU, M_PI, V_US
from kaonlib.processes import phasespace

E787_LIMIT = 4.1e-7  # BR(K+ -> mu+ nu mu+ mu-) < 4.1e-7 (90 % CL), E787, as quoted by KMRT (arXiv:1902.07715) [24]
COUPLING = (4 * math.pi * ALPHA_EM) ** 2 * G_F**2 * V_US**2  # e^4 G_F^2 V_us^2: reduced |M|^2 -> sum |M|^2
BEG_PREDICTION = 1.3e-8  # Bijnens, Ecker, Gasser, Nucl. Phys. B396 (1993) 81, as quoted by KMRT


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


@dataclass(frozen=True)
class FormFactors:
    """Dimensionless structure-dependent form factors in the PDG normalisation (amplitudes/kmunugamma.py)."""

    F_V: float
    F_A: float
    R: float
    source: str


F_PI = 0.0922  # GeV, F_pi = f_pi/sqrt(2) with f_pi = 130.4 MeV (PDG)
L9 = 6.9e-3  # L9^r(m_rho) (Gasser and Leutwyler, Nucl. Phys. B250 (1985) 465; BEG and NA62's kch2lnull.F use it)
L9_PLUS_L10 = 1.4e-3  # L9 + L10 = 6.9e-3 - 5.5e-3 (same source)
M_RHO = 0.770  # GeV, the scale mu of L9^r (BEG; kch2lnull.F)
HBARC = 0.1973269804  # GeV fm (CODATA 2018)
K_CHARGE_RADIUS = 0.560  # fm, <r^2>^(1/2) of the K+, +-0.031 (PDG; Amendolia et al., PLB 178 (1986) 435)


def charge_radius_form_factor(radius_squared):
    """R = sqrt2 F_K m_K <r_K^2>/3 = f_K m_K <r_K^2>/3 (radius squared in GeV^-2): BEG's A2 = -2 F_K (F_K(t) - 1)/t
    (in units of m_K) at t -> 0, where F_K(t) = 1 + <r^2> t/6 is the K+ electromagnetic form factor, mapped to our
    normalisation by R/F_A = A2/A1 (both multiply the same g^{ab} structure; README)."""
    return F_K * M_K * radius_squared / 3


def chiral_radius_squared():
    """<r_K+^2> at O(p^4) (GeV^-2): 12 L9/F^2 - [ln(m_pi^2/mu^2) + 2 ln(m_K^2/mu^2) + 3]/(32 pi^2 F^2), mu = m_rho
    (Gasser and Leutwyler, Nucl. Phys. B250 (1985) 517; the t -> 0 slope of the form factor in kch2lnull.F)."""
    logs = math.log(M_PI**2 / M_RHO**2) + 2 * math.log(M_K**2 / M_RHO**2) + 3
    return 12 * L9 / F_PI**2 - logs / (32 * math.pi**2 * F_PI**2)


CHIRAL_F_V = M_K / (4 * math.sqrt(2) * math.pi**2 * F_PI)  # the anomaly (BEG: V1 = -m_K/(8 pi^2 F), F_V = -sqrt2 V1)
CHIRAL_F_A = 4 * math.sqrt(2) * M_K * L9_PLUS_L10 / F_PI  # BEG: A1 = -4 (L9 + L10) m_K/F, F_A = -sqrt2 A1
FORM_FACTOR_SETS = {
    # Bijnens, Ecker, Gasser 1993 (and NA62's kch2lnull.F): F_V, F_A and R(0) at O(p^4), one L9 for F_A and R
    "chpt": FormFactors(F_V=CHIRAL_F_V, F_A=CHIRAL_F_A, R=charge_radius_form_factor(chiral_radius_squared()),
                        source="O(p^4) ChPT (BEG): F_V = m_K/(4 sqrt2 pi^2 F_pi), F_A = 4 sqrt2 m_K (L9+L10)/F_pi, "
                               "R = f_K m_K <r_K^2>/3 with the O(p^4) <r_K^2> = 12 L9/F_pi^2 + loops"),
    # the same F_V, F_A with R(0) from the measured K+ charge radius instead
    "chpt-radius": FormFactors(F_V=CHIRAL_F_V, F_A=CHIRAL_F_A,
                               R=charge_radius_form_factor((K_CHARGE_RADIUS / HBARC) ** 2),
                               source="O(p^4) ChPT F_V, F_A; R = f_K m_K <r_K^2>/3 with <r_K^2>^(1/2) = 0.560 fm "
                                      "(PDG)"),
    # K -> mu nu gamma measurements (PDG): F_A + F_V = 0.165(13) (E787, PRL 85 (2000) 2256; its sign is not
    # measured, taken positive), F_A - F_V = -0.153(33) (PDG average of ISTRA+ 2011 and OKA 2019);
    # R = 0.227 from E865's K+ -> e+ nu e+ e- fit (Poblaguev et al., PRL 89 (2002) 061803; as recalled)
    "measured": FormFactors(F_V=(0.165 + 0.153) / 2, F_A=(0.165 - 0.153) / 2, R=0.227,
                            source="PDG K -> mu nu gamma: F_A + F_V = 0.165, F_A - F_V = -0.153; R = 0.227 (E865)"),
    "ib": FormFactors(F_V=0.0, F_A=0.0, R=0.0, source="inner bremsstrahlung only"),
}
DEFAULT_FORM_FACTORS = "chpt"


def form_factors(choice=DEFAULT_FORM_FACTORS, R=None):
    """A named set (None: the default), optionally with the charge-radius form factor R set by hand."""
    choice = DEFAULT_FORM_FACTORS if choice is None else choice
    if isinstance(choice, FormFactors):
        chosen = choice
    elif choice in FORM_FACTOR_SETS:
        chosen = FORM_FACTOR_SETS[choice]
    else:
        raise validate.InputError(f"unknown form factors {choice!r}; known: {', '.join(FORM_FACTOR_SETS)}")
    if R is None:
        return chosen
    R = validate.number(R, "R (finite)", -10.0, 10.0)  # O(1) physically: 0.2-0.3 (README)
    return FormFactors(chosen.F_V, chosen.F_A, R, chosen.source + f"; R = {R:g} set by hand")


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


def simulate(n, choice=DEFAULT_FORM_FACTORS, rng=None, mode=DEFAULT_MODE, min_pair_mass=None):
    """A weighted sample of n K+ -> l+ nu l'+ l'- events (weights: BR contributions), every l'+ l'- pair above
    ``min_pair_mass`` (GeV; default: the mode's experimental cut, :data:`MODES`)."""
    n = validate.integer(n, "events", 2, 100_000_000)
    mode = mode_named(mode)
    cut = check_cut(mode, min_pair_mass)
    momenta, weights = weighted_events(phasespace.four_body_uniforms(n, rng), choice, mode, cut)
    return Sample(momenta, weights, form_factors(choice), mode)


def weighted_events(uniforms, choice=DEFAULT_FORM_FACTORS, mode=DEFAULT_MODE, min_pair_mass=0.0):
    """Momenta (n, 4, 4) in ORDER and BR weights from uniforms (n, 8) in [0, 1) (phasespace.four_body_uniforms):
    phase space, |M|^2 and the pair-mass cut (GeV) in one compiled loop; for l = l' the photon poles of both
    pairs are sampled, as two channels (kaonlib/_kernels/k3munu.pyx, Kernel.weighted_events)."""
    mode = mode_named(mode)
    symmetry = 0.5 if mode.identical else 1.0
    scale = BR_KMU2 / kmu2_tree_width() * COUPLING * (2 * math.pi) ** -8 / (2 * M_K) * symmetry
    return compiled_kernel(choice, mode).weighted_events(uniforms, float(min_pair_mass), scale)


def branching_ratio(n=200_000, choice=DEFAULT_FORM_FACTORS, rng=None, mode=DEFAULT_MODE, min_pair_mass=None):
    """(BR, statistical error) from n events."""
    return simulate(n, choice, rng, mode, min_pair_mass).branching_ratio()


def expected_events(kaons, acceptance=0.05, branching=None, choice=DEFAULT_FORM_FACTORS):
    """SM K+ -> mu+ nu mu+ mu- events for ``kaons`` K+ decays and an acceptance (5 %, KMRT App. C2)."""
    validate.number(kaons, "kaons", 1.0, 1e16)
    validate.number(acceptance, "acceptance", 0.0, 1.0, low_open=True)
    branching = branching_ratio(choice=choice)[0] if branching is None else branching
    return kaons * acceptance * branching
