"""Declarative description of a muonic-force model for K+ -> mu+ nu_mu X.

A model lists its mediator (spin 0 or 1), its coupling symbol and the Dirac structure of its
emission vertices off the mu+ line and off the nu_mu line, as the coefficient of the mediator field in
the Lagrangian (the common factors i from vertices and propagators are the same for every diagram and
drop out of |M|^2). For a vector the open Lorentz index is :data:`MEDIATOR_INDEX`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .dirac import Chain
from .lorentz import Index

MEDIATOR_INDEX = Index("beta")
MEDIATOR_INDEX_CONJ = Index("beta'")


@dataclass(frozen=True)
class Model:
    name: str
    description: str
    lagrangian: str
    source: str
    spin: int
    coupling: sympy.Symbol
    muon_vertex: Chain | None = None
    neutrino_vertex: Chain | None = None

    def __post_init__(self):
        if self.spin not in (0, 1):
            raise ValueError(f"model {self.name!r}: mediator spin must be 0 or 1, got {self.spin}")
        if self.muon_vertex is None and self.neutrino_vertex is None:
            raise ValueError(f"model {self.name!r}: give at least one emission vertex")
