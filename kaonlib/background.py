"""Single-muon m_miss^2 backgrounds for NA62: a histogram type, loaders, and the default 2015-based model.

A :class:`Histogram` holds expected events per K+ decay in m_miss^2 bins (GeV^2); the density is taken
flat inside each bin when it is re-binned or split.

Default model (:func:`na62_2015`), built from the published numbers quoted by KMRT (arXiv:1902.07715,
Sec. IV A and App. C1) for the 2015 NA62 single-muon sample, N_K ~ 1e8 K+ decays:
* 2.4e7 triggered events in all; 5.6e3 with m_miss^2 > 0.023 GeV^2; 652 with m_miss^2 > 0.05 GeV^2.
* Above 0.023 GeV^2 the density is taken exponential, A exp(-m^2/tau): the two integrals fix
  tau = 0.027 GeV^2 / ln(1 + (5600 - 652)/652) = 0.0126 GeV^2 (an assumption: only the integrals are
  published; KMRT's Fig. 5 shows a falling tail).
* Below 0.023 GeV^2 the shape is the inner-bremsstrahlung spectrum of K+ -> mu+ nu gamma with an undetected
  photon (Bijnens, Ecker, Gasser, Nucl. Phys. B396 (1993) 81; re-derived with the trace engine in
  amplitudes/kmunugamma.py, which reproduces it exactly),
      dGamma/dx dy = Gamma(K_mu2) alpha / (2 pi (1 - r)^2) f_IB(x, y),
      f_IB = (1 - y + r) / (x^2 (x + y - 1 - r)) [x^2 + 2 (1 - x)(1 - r) - 2 x r (1 - r) / (x + y - 1 - r)],
  x = 2 E_gamma/m_K, y = 2 E_mu/m_K, r = m_mu^2/m_K^2, m_miss^2 = m_K^2 (1 - y + r), normalised to be
  continuous with the exponential at 0.023 GeV^2; the remaining events (the K_mu2 peak) fill the first
  bin [0, 4e-3) GeV^2. KMRT note that bins below 0.023 GeV^2 do not change the likelihood.
The GTK factor (x 1/4 above 0.023 GeV^2) belongs to the search (:mod:`kaonlib.na62`), not to this model.
"""

import csv
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import integrate, optimize

from . import validate
from .inputs import M_K, M_MU
from .validate import InputError

PUBLISHED_2015 = {
    "kaons": 1e8,  # K+ decays in the 2015 sample (KMRT Sec. IV A)
    "triggers": 2.4e7,  # single-muon triggers
    "above_0.023": 5.6e3,  # events with m_miss^2 > 0.023 GeV^2
    "above_0.05": 652.0,  # events with m_miss^2 > 0.05 GeV^2
}
PEAK_BIN_EDGE = 4e-3  # GeV^2: the K_mu2 peak is put in [0, 4e-3), the NA62 bin width (KMRT Fig. 5)
FINE_BIN = 1e-4  # GeV^2: resolution at which the default model is tabulated


@dataclass(frozen=True)
class Histogram:
    """Expected background events per K+ decay in m_miss^2 bins; edges in GeV^2 (increasing)."""

    edges: np.ndarray
    per_kaon: np.ndarray

    def __post_init__(self):
        edges, counts = np.asarray(self.edges, float), np.asarray(self.per_kaon, float)
        if edges.ndim != 1 or counts.shape != (edges.size - 1,):
            raise InputError(f"a histogram needs n + 1 edges for n counts (got {edges.size} and {counts.size})")
        if not (np.all(np.isfinite(edges)) and np.all(np.diff(edges) > 0)):
            raise InputError("histogram bin edges must be finite and strictly increasing")
        if not np.all(np.isfinite(counts)) or np.any(counts < 0):
            raise InputError("histogram counts must be finite and non-negative")
        object.__setattr__(self, "edges", edges)
        object.__setattr__(self, "per_kaon", counts)

    @classmethod
    def from_events(cls, edges, events, kaons):
        """From event counts of a sample of ``kaons`` K+ decays."""
        if not (math.isfinite(kaons) and kaons > 0):
            raise InputError(f"the number of kaons of a background sample must be > 0 (got {kaons!r})")
        return cls(edges, np.asarray(events, float) / kaons)

    def cumulative(self, m2):
        """Events per kaon below m2 (flat density inside each bin)."""
        totals = np.concatenate([[0.0], np.cumsum(self.per_kaon)])
        return np.interp(m2, self.edges, totals)

    def rebin(self, edges):
        """Events per kaon in new bins (flat density inside the old bins)."""
        return np.diff(self.cumulative(np.asarray(edges, float)))

    def scaled_above(self, threshold, factor):
        """A copy with the density above ``threshold`` multiplied by ``factor`` (the bin is split there)."""
        edges = np.union1d(self.edges, [threshold]) if self.edges[0] < threshold < self.edges[-1] else self.edges
        counts = self.rebin(edges)
        counts[edges[:-1] >= threshold] *= factor
        return Histogram(edges, counts)


def regular_edges(top, width):
    """Edges 0, w, 2w, ... closed by ``top`` without a sliver bin (a last bin shorter than 1e-9 w is merged)."""
    count = max(1, math.ceil(top / width - 1e-9))
    return np.append(np.arange(count) * width, top)


def exponential_tail():
    """(A, tau) of A exp(-m^2/tau) per kaon on [0.023, E], E = (m_K - m_mu)^2 the end point of m_miss^2, with the
    published integrals above 0.023 and 0.05 GeV^2: tau solves
    (e^(-0.023/tau) - e^(-E/tau)) / (e^(-0.05/tau) - e^(-E/tau)) = N(> 0.023) / N(> 0.05),
    so nothing is left beyond the end point (no events are piled into the last bin)."""
    above_023, above_05 = PUBLISHED_2015["above_0.023"], PUBLISHED_2015["above_0.05"]
    end = (M_K - M_MU) ** 2

    def integral(low, tau):
        return tau * (math.exp(-low / tau) - math.exp(-end / tau))

    untruncated = (0.05 - 0.023) / math.log(above_023 / above_05)  # the solution for E -> infinity
    tau = optimize.brentq(lambda t: integral(0.023, t) / integral(0.05, t) - above_023 / above_05,
                          0.5 * untruncated, 2 * untruncated, xtol=1e-15, rtol=1e-14)
    amplitude = above_05 / PUBLISHED_2015["kaons"] / integral(0.05, tau)
    return amplitude, tau


def radiative_tail_shape(m2):
    """Unnormalised d Gamma(K -> mu nu gamma, IB) / d m_miss^2 at m_miss^2 = m2 > 0 (BEG 1993)."""
    r = M_MU**2 / M_K**2
    y = 1.0 + r - m2 / M_K**2
    root = math.sqrt(max(y * y - 4 * r, 0.0))
    if root == 0.0:
        return 0.0

    def f_ib(x):
        z = x + y - 1 - r
        return (1 - y + r) / (x * x * z) * (x * x + 2 * (1 - x) * (1 - r) - 2 * x * r * (1 - r) / z)

    value, _ = integrate.quad(f_ib, 1 - y / 2 - root / 2, 1 - y / 2 + root / 2, epsrel=1e-10)
    return value


@lru_cache(maxsize=1)
def na62_2015():
    """The default per-kaon background histogram (module docstring), tabulated in 1e-4 GeV^2 bins."""
    amplitude, tau = exponential_tail()
    edges = regular_edges((M_K - M_MU) ** 2, FINE_BIN)  # up to the kinematic end point of m_miss^2
    counts = np.zeros(edges.size - 1)
    lo, hi = edges[:-1], edges[1:]
    above = lo >= 0.023 - 1e-12
    counts[above] = amplitude * tau * (np.exp(-lo[above] / tau) - np.exp(-hi[above] / tau))
    scale = amplitude * math.exp(-0.023 / tau) / radiative_tail_shape(0.023)
    tail = (lo >= PEAK_BIN_EDGE) & ~above
    # midpoint rule on the 1e-4 GeV^2 table: the shape varies on scales of 1e-2 GeV^2 here
    counts[tail] = [scale * radiative_tail_shape(0.5 * (a + b)) * (b - a) for a, b in zip(lo[tail], hi[tail])]
    peak = lo < PEAK_BIN_EDGE
    below_023 = (PUBLISHED_2015["triggers"] - PUBLISHED_2015["above_0.023"]) / PUBLISHED_2015["kaons"]
    counts[peak] = (below_023 - counts[tail].sum()) / np.count_nonzero(peak)
    return Histogram(edges, counts)


def load_csv(path):
    """A background from CSV with columns m2_low_GeV2, m2_high_GeV2, events and a first line
    '# kaons: N' giving the number of K+ decays the events correspond to."""
    with open(path, newline="") as stream:
        first = stream.readline()
        if not first.startswith("# kaons:"):
            raise InputError(f"{path}: the first line must be '# kaons: N' (the K+ decays of the sample)")
        kaons = validate.number(first.split(":", 1)[1].strip(), f"{path}: kaons", 0.0, 1e20, low_open=True)
        rows = list(csv.DictReader(stream))
    needed = ("m2_low_GeV2", "m2_high_GeV2", "events")
    if not rows or not set(needed) <= set(rows[0]):
        raise InputError(f"{path}: missing columns; need {', '.join(needed)}")
    columns = [[row.get(name) for row in rows] for name in needed]
    lows, highs, events = ([numeric(v, path, n) for v in values] for n, values in zip(needed, columns))
    return from_bins(path, lows, highs, events, kaons)  # Histogram checks the values


def numeric(value, path, column):
    """A CSV field as a float; InputError naming the file and column for a missing or malformed field."""
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(f"{path}: column {column} has a missing or malformed value {value!r}") from None


def load_hepdata(path, kaons):
    """A background from a HEPData YAML table: one independent variable (m_miss^2 bins with low/high in
    GeV^2) and one dependent variable (events) for a sample of ``kaons`` K+ decays."""
    import yaml

    kaons = validate.number(kaons, "background kaons", 0.0, 1e20, low_open=True)
    with open(path) as stream:
        try:
            table = yaml.safe_load(stream)  # safe: no python/object tags
        except (yaml.YAMLError, RecursionError) as err:
            problem = "nested too deeply" if isinstance(err, RecursionError) else str(err).splitlines()[0]
            raise InputError(f"{path}: not valid YAML ({problem})") from None
    try:
        bins = table["independent_variables"][0]["values"]
        values = table["dependent_variables"][0]["values"]
        lows, highs = [float(b["low"]) for b in bins], [float(b["high"]) for b in bins]
        events = [float(v["value"]) for v in values]
    except (KeyError, IndexError, TypeError, ValueError) as err:
        raise InputError(f"{path}: not a HEPData table with binned independent and dependent variables ({err})")
    return from_bins(path, lows, highs, events, kaons)


def from_bins(path, lows, highs, events, kaons):
    if not np.allclose(lows[1:], highs[:-1], rtol=0, atol=1e-12):
        raise InputError(f"{path}: bins must be contiguous (each lower edge equal to the previous upper edge)")
    return Histogram.from_events(lows + highs[-1:], events, kaons)
