"""One entry point per model: ``kaonlib.model("vector")`` (or any name in ``kaonlib.models()``).

Everything about a model comes from its generated manifest record (amplitudes/models/<name>.py -> python -m
codegen -> kaonlib/_kernels/manifest.json): spin, coupling name, TeX labels, the leptons it is produced with,
its decay channels and the Lorentz structure of its muon vertex. The runtime never branches on a model's name.

    >>> import kaonlib
    >>> v = kaonlib.model("vector")
    >>> v.branching_ratio(0.1, coupling=1e-3)          # BR(K+ -> mu+ nu V)
    >>> v.partial_widths(0.3, coupling=1e-3)           # {"mu mu": ..., "nu_mu nu_mu": ..., ...} in GeV
    >>> v.delta_a_mu(0.1, coupling=1e-3)               # signed one-loop (g-2)_mu / 2
    >>> v.labels.alpha                                 # TeX of alpha = g^2 / 4 pi
"""

from dataclasses import dataclass
from functools import cached_property

from . import gminus2, kmunu, mediators, rates

DEFAULT_MODEL = "vector"  # KMRT's main model: the default where one model is shown (spectra, cut-and-count figures)


@dataclass(frozen=True)
class Labels:
    """TeX (without $) for figures and tables."""

    mediator: str  # "V"
    coupling: str  # "g_V"
    alpha: str  # "\alpha_{V} = g_V^2/4\pi"


@dataclass(frozen=True)
class Model:
    name: str

    @cached_property
    def record(self):
        return kmunu.record(self.name)

    @property
    def spin(self):
        return self.record["spin"]

    @property
    def coupling_name(self):
        return self.record["coupling"]

    @property
    def description(self):
        return self.record["description"]

    @property
    def leptons(self):
        """Charged leptons l with K+ -> l+ nu X ("mu", "e")."""
        return tuple(self.record["production"])

    @property
    def dark_matter(self):
        """Kinds of dark-matter current the mediator couples to (KMRT Eq. 3)."""
        return tuple(self.record["dark_matter"])

    @property
    def labels(self):
        mediator, coupling = self.record["mediator_tex"], self.record["coupling_tex"]
        return Labels(mediator, coupling, rf"\alpha_{{{mediator}}} = {coupling}^2/4\pi")

    def width(self, m_X, coupling=1.0, lepton="mu"):
        """Gamma(K+ -> l+ nu X) in GeV."""
        return kmunu.width(self.name, m_X, coupling, lepton)

    def branching_ratio(self, m_X, coupling=1.0, lepton="mu"):
        """BR(K+ -> l+ nu X), normalised to the measured BR(K+ -> l+ nu) (kaonlib.rates)."""
        return rates.branching_ratio(self.name, m_X, coupling, lepton)

    def spectrum(self, m_X, m2_miss, coupling=1.0, lepton="mu"):
        """dBR/dm_miss^2 in GeV^-2."""
        return rates.spectrum(self.name, m_X, m2_miss, coupling, lepton)

    def partial_widths(self, mass, coupling=1.0, dark_matter=None, invisible_width=0.0):
        """{channel: Gamma in GeV} of the mediator (kaonlib.mediators.partial_widths)."""
        return mediators.partial_widths(self.name, mass, coupling, dark_matter, invisible_width)

    def delta_a_mu(self, mass, coupling=1.0):
        """Signed one-loop contribution to a_mu (kaonlib.gminus2)."""
        return gminus2.delta_a_mu(self.name, mass, coupling)

    def gm2_region(self, mass, era=gminus2.DEFAULT_G_MINUS_2, n_sigma=2.0):
        """The (g-2)_mu coupling region (favoured band or exclusion) at ``mass``."""
        return gminus2.region(self.name, mass, era, n_sigma)


def model(name):
    """The :class:`Model` called ``name``; InputError listing the known models otherwise."""
    kmunu.record(name)
    return Model(name)
