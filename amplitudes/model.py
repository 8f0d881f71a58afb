"""Declarative description of a mediator model: the single source of truth for everything kaonlib computes.

A model lists its mediator X (spin 0 or 1), its coupling symbol and the Dirac structure of its vertices with
each SM lepton it couples to, as the coefficient of the mediator field in the Lagrangian (the common factors
i from vertices and propagators are the same for every diagram and drop out of |M|^2). For a vector the open
Lorentz index is :data:`MEDIATOR_INDEX`. Example (the muon-philic scalar, L > -y phi mubar mu)::

    MODEL = Model(name="scalar", spin=0, coupling=y, muon_vertex=-y * IDENTITY)

From the vertices, ``amplitudes`` derives K+ -> l+ nu X for every charged lepton l the model couples to (through
the l or nu_l vertex), the partial widths X -> f fbar for every fermion it couples to, the (g-2)_mu loop and,
for spin 0, X -> gamma gamma; ``codegen`` writes them and the metadata below into kaonlib/_kernels.
Optional fields: TeX names, description, Lagrangian and source (for labels and documentation), and the
dark-matter currents X couples to (:mod:`amplitudes.darkmatter`, KMRT Eq. 3, coupling q_chi times the
model's coupling).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .dirac import Chain
from .lorentz import Index

MEDIATOR_INDEX = Index("beta")
MEDIATOR_INDEX_CONJ = Index("beta'")

# The SM leptons a vertex may attach to: the field name of the vertex in Model, and whether it is a neutrino.
LEPTON_FIELDS = {
    "e": "electron_vertex",
    "mu": "muon_vertex",
    "tau": "tau_vertex",
    "nu_e": "electron_neutrino_vertex",
    "nu_mu": "neutrino_vertex",
    "nu_tau": "tau_neutrino_vertex",
}
# K+ -> l+ nu_l X is produced for these charged leptons (tau is heavier than the kaon)
PRODUCTION_LEPTONS = ("mu", "e")


@dataclass(frozen=True)
class Model:
    name: str
    spin: int
    coupling: sympy.Symbol
    muon_vertex: Chain | None = None
    neutrino_vertex: Chain | None = None  # the nu_mu vertex (name kept from the first models)
    electron_vertex: Chain | None = None
    electron_neutrino_vertex: Chain | None = None
    tau_vertex: Chain | None = None
    tau_neutrino_vertex: Chain | None = None
    description: str = ""
    lagrangian: str = ""
    source: str = ""
    mediator_tex: str = "X"
    coupling_tex: str | None = None  # default: the coupling symbol's name
    dark_matter: tuple = ()  # amplitudes.darkmatter.DarkMatterCurrent entries

    def __post_init__(self):
        if self.spin not in (0, 1):
            raise ValueError(f"model {self.name!r}: mediator spin must be 0 or 1, got {self.spin}")
        if not self.name.isidentifier():
            raise ValueError(f"model name {self.name!r} must be a Python identifier (it names a module)")
        if not self.production_leptons():
            raise ValueError(f"model {self.name!r}: give a vertex with the muon, the electron or their neutrinos "
                             "(K+ -> l+ nu X needs one)")
        for current in self.dark_matter:
            if current.spin != self.spin:
                raise ValueError(f"model {self.name!r}: the {current.kind} current needs a spin-{current.spin} "
                                 "mediator")

    def vertex(self, lepton):
        """The vertex with ``lepton`` (a key of :data:`LEPTON_FIELDS`), or None."""
        return getattr(self, LEPTON_FIELDS[lepton])

    def vertices(self):
        """{lepton: vertex} for every lepton the model couples to."""
        return {lepton: self.vertex(lepton) for lepton in LEPTON_FIELDS if self.vertex(lepton) is not None}

    def production_leptons(self):
        """Charged leptons l for which K+ -> l+ nu_l X exists (X couples to l or nu_l)."""
        return tuple(l for l in PRODUCTION_LEPTONS if self.vertex(l) is not None or self.vertex(f"nu_{l}") is not None)

    @property
    def coupling_label(self):
        return self.coupling_tex or str(self.coupling)
