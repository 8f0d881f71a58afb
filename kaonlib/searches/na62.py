"""The NA62 single-muon search for K+ -> mu+ nu X, X invisible (KMRT arXiv:1902.07715 Sec. IV A, App. C1).

Defaults, each from KMRT: N_K = 1e13 K+ decays in the fiducial region, acceptance 0.35, m_miss^2 bins of
4e-3 GeV^2 up to (m_K - m_mu)^2, background x 1/4 above 0.023 GeV^2 for the GTK (the 2015 sample had no
upstream kaon tracking), and m_cut^2 >= 0.05 GeV^2 in the cut-and-count analysis.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from kaonlib.inputs import M_K, M_MU
from kaonlib.searches.background import Histogram, na62_2015, regular_edges
from kaonlib.validate import InputError


@dataclass(frozen=True)
class InvisibleSearch:
    kaons: float = 1e13
    acceptance: float = 0.35
    bin_width: float = 4e-3  # GeV^2
    gtk_factor: float = 0.25
    gtk_threshold: float = 0.023  # GeV^2
    min_cut: float = 0.05  # GeV^2
    background: Histogram = field(default_factory=na62_2015)

    def __post_init__(self):
        for name in ("kaons", "acceptance", "bin_width", "gtk_factor"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise InputError(f"{name} = {value!r} must be finite and > 0")
        if not 1 <= self.kaons <= 1e18:
            raise InputError(f"kaons = {self.kaons!r} is outside the allowed range [1, 1e18]")
        if self.acceptance > 1:
            raise InputError(f"acceptance = {self.acceptance!r} must be <= 1")
        top = (M_K - M_MU) ** 2
        for name in ("gtk_threshold", "min_cut"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 <= value < top):
                raise InputError(f"{name} = {value!r} GeV^2 must lie in [0, (m_K - m_mu)^2 = {top:.6f})")
        edges = self.background.edges
        if edges[0] > 0 or edges[-1] < top * (1 - 1e-12):
            raise InputError(
                f"the background histogram covers [{edges[0]:.4g}, {edges[-1]:.4g}] GeV^2 but the search needs "
                f"[0, {top:.6f}] GeV^2: a gap would be read as zero background"
            )

    @property
    def edges(self):
        """m_miss^2 bin edges in GeV^2 from 0 to (m_K - m_mu)^2 (the last bin is shorter)."""
        return regular_edges((M_K - M_MU) ** 2, self.bin_width)

    def background_histogram(self):
        """Per-kaon background with the GTK factor applied above its threshold."""
        return self.background.scaled_above(self.gtk_threshold, self.gtk_factor)

    def background_events(self):
        """Expected background events in each bin for N_K kaons."""
        return self.kaons * self.background_histogram().rebin(self.edges)

    def background_above(self, m2_cut):
        """Expected background events with m_miss^2 > m2_cut, up to the kinematic end point."""
        histogram = self.background_histogram()
        top = (M_K - M_MU) ** 2
        return self.kaons * float(histogram.cumulative(top) - histogram.cumulative(m2_cut))

    def cuts(self):
        """Candidate m_cut^2: the minimum and every bin edge above it."""
        edges = self.edges
        return np.concatenate([[self.min_cut], edges[(edges > self.min_cut) & (edges < edges[-1])]])
