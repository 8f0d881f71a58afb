"""Dark-matter currents a mediator may couple to (KMRT arXiv:1902.07715, Eq. 3), L > g_chi V_mu J_chi^mu with
g_chi = q_chi g (q_chi the dark matter's charge, a free parameter, g the model's coupling):

    complex scalar   J = i chi* d chi + h.c.       vertex  g_chi (p1 - p2)^mu  (chi(p1) chi*(p2))
    Majorana         J = (1/2) chibar gamma gamma5 chi   vertex  g_chi gamma^mu gamma5 (the 1/2 is cancelled
                                                     by the two Wick contractions; identical final state: 1/2)
    Dirac            J = chibar gamma chi          vertex  g_chi gamma^mu

A model lists the currents it has (``Model.dark_matter``); amplitudes.decays derives X -> chi chi from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dirac import GAMMA5, Chain, gamma
from .model import MEDIATOR_INDEX


@dataclass(frozen=True)
class DarkMatterCurrent:
    kind: str
    spin: int  # of the mediator the current couples to
    vertex: Chain | None  # fermion currents: the Dirac structure per unit g_chi; None for the complex scalar
    identical: bool  # identical particles in the final state (Majorana): phase space 1/2
    tex: str


COMPLEX_SCALAR = DarkMatterCurrent("complex_scalar", 1, None, False, r"\chi\chi^*")
MAJORANA = DarkMatterCurrent("majorana", 1, gamma(MEDIATOR_INDEX) * GAMMA5, True, r"\chi\chi")
DIRAC = DarkMatterCurrent("dirac", 1, gamma(MEDIATOR_INDEX), False, r"\chi\bar\chi")
KMRT_CURRENTS = (COMPLEX_SCALAR, MAJORANA, DIRAC)
