"""NA62 di-muon resonance search for K+ -> mu+ nu X, X -> mu+ mu- (KMRT arXiv:1902.07715 Sec. IV B, App. C2).

Per test mass m_X, in the window m_X +- 2 delta_m of the opposite-sign pair closest to m_X:
* background: SM K+ -> mu+ nu mu+ mu- (kaonlib.processes.k3munu), B = N_K A BR(closest pair in the window);
* signal: S = N_K A BR(K -> mu nu X) BR(X -> mu mu) eps, with eps = erf(2/sqrt2) = 0.954 the fraction of a
  Gaussian mass peak of width delta_m inside +- 2 delta_m (KMRT count the whole signal; X decays promptly);
* acceptance A = 5 % for both (KMRT App. C2), N_K = 1e13;
* resolution (KMRT Eq. C.3): delta_m/m = (1/2)(dp/p (+) dp/p) = dp/p / sqrt2 at p = 20 GeV for both muons,
  dp/p = 0.30 % (+) 0.005 % p/GeV. KMRT's Eq. (C.4) prints the second term as "0.005 p/GeV", which would be
  10 % at 20 GeV and 37 % at 75 GeV; we read it as NA62's 0.005 % per GeV/c (README "Physics notes");
  ``resolution_slope`` = 0.005 reproduces the printed formula.
* 2 sigma: Lambda = 4 of Eq. (11) for one bin with Asimov data D = B (kaonlib.searches.statistics), S = 2 sqrt(B) when
  S << B (KMRT's statistics-dominated regime), S = 2 when B = 0.
S is proportional to g^2 and BR(X -> mu mu) does not depend on g, so g^2 follows directly. The background is
smooth on the scale of delta_m, so it is counted at the true pair masses (no smearing).
"""

import math
from dataclasses import dataclass

import numpy as np

from kaonlib.inputs import M_K, M_MU
from kaonlib.mediator import decays
from kaonlib.processes import k3munu, rates
from kaonlib.processes.kmunu import check_mass, record
from kaonlib.searches import statistics
from kaonlib.validate import InputError

COLUMNS = (
    "mass_GeV", "coupling", "alpha", "signal_events", "background_events", "background_mc_error_events",
    "mass_resolution_GeV", "br_x_to_mumu", "signal_over_sqrt_background",
)


@dataclass(frozen=True)
class DimuonSearch:
    kaons: float = 1e13
    acceptance: float = 0.05
    muon_momentum: float = 20.0  # GeV, ~ p_K/4 (KMRT App. C2)
    resolution_constant: float = 0.003  # dp/p
    resolution_slope: float = 5e-5  # dp/p per GeV of momentum
    window: float = 2.0  # half-width in units of delta_m
    events: int = 1_000_000  # SM background Monte Carlo sample
    form_factors: str = k3munu.DEFAULT_FORM_FACTORS
    seed: int = 1

    def __post_init__(self):
        for name in ("kaons", "acceptance", "muon_momentum", "resolution_constant", "window"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise InputError(f"{name} = {value!r} must be finite and > 0")
        if not 1 <= self.kaons <= 1e18:
            raise InputError(f"kaons = {self.kaons!r} is outside the allowed range [1, 1e18]")
        if not (math.isfinite(self.resolution_slope) and self.resolution_slope >= 0):
            raise InputError(f"resolution_slope = {self.resolution_slope!r} must be finite and >= 0")
        if self.acceptance > 1:
            raise InputError(f"acceptance = {self.acceptance!r} must be <= 1")
        if self.events < 1000:
            raise InputError(f"events = {self.events!r}: use at least 1000 background events")
        k3munu.form_factors(self.form_factors)

    def momentum_resolution(self):
        return math.hypot(self.resolution_constant, self.resolution_slope * self.muon_momentum)

    def mass_resolution(self, mass):
        """delta_m (GeV) at pair mass ``mass`` (KMRT Eq. C.3, both muons at the same momentum)."""
        return mass * 0.5 * math.hypot(self.momentum_resolution(), self.momentum_resolution())

    def signal_efficiency(self):
        return math.erf(self.window / math.sqrt(2))

    def background_sample(self, executor=None):
        return k3munu.simulate(self.events, self.form_factors, self.seed, executor=executor)


def decays_to_muons(model):
    """Whether the model's mediator has an X -> mu+ mu- channel (from its manifest record)."""
    return any(channel["name"] == "mu mu" for channel in record(model)["channels"])


def mass_range():
    """(lowest, highest) test mass: X -> mu mu open, K -> mu nu X open (GeV), 1 MeV inside each edge."""
    return 2 * M_MU + 1e-3, M_K - M_MU - 1e-3


def reach_point(model, m_X, search, sample):
    """One row (COLUMNS) for mediator mass m_X (GeV), with ``sample`` the SM background events."""
    m_X = check_mass(m_X)
    low, high = mass_range()
    if not low <= m_X <= high:
        raise InputError(f"m_X = {m_X} GeV: the di-muon search needs {low:.4f} <= m_X <= {high:.4f} GeV")
    resolution = search.mass_resolution(m_X)
    fraction = decays.branching_ratios(decays.partial_widths(model, m_X, 1.0)).get("mu mu", 0.0)
    if fraction == 0:
        raise InputError(f"the mediator of {model!r} does not decay to mu+ mu-: no di-muon search")
    scale = search.kaons * search.acceptance
    per_unit = scale * rates.branching_ratio(model, m_X, 1.0) * fraction * search.signal_efficiency()
    window, window_error = sample.window_branching_ratio(m_X, search.window * resolution)
    background = scale * window
    g2 = statistics.signal_scale_at(np.array([per_unit]), np.array([background]))
    signal = g2 * per_unit
    return {
        "mass_GeV": m_X,
        "coupling": math.sqrt(g2),
        "alpha": g2 / (4 * math.pi),
        "signal_events": signal,
        "background_events": background,
        "background_mc_error_events": scale * window_error,
        "mass_resolution_GeV": resolution,
        "br_x_to_mumu": fraction,
        "signal_over_sqrt_background": signal / math.sqrt(background) if background > 0 else math.inf,
    }


def dimuon_reach(model, masses, search=None, progress=False, executor=None):
    """Reach rows for each mass (GeV); one background sample, made on ``executor`` (None: serially,
    kaonlib.execution), serves every mass."""
    search = DimuonSearch() if search is None else search
    sample = search.background_sample(executor)
    masses = list(masses)
    if progress:
        from tqdm import tqdm

        masses = tqdm(masses, desc=f"di-muon reach {model}", unit="mass", delay=1.0)
    return [reach_point(model, m, search, sample) for m in masses]


def default_masses(n=100):
    """n masses evenly spaced over :func:`mass_range` (GeV)."""
    return np.linspace(*mass_range(), n)
