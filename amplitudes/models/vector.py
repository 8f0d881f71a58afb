"""Gauged L_mu - L_tau vector V (KMRT, arXiv:1902.07715, Eq. 1; PHYSICS.md section 2).

L > g V_a (mubar gamma^a mu + nubar_mu gamma^a P_L nu_mu - tau terms): the mu+ and the nu_mu carry
the same charge, so V is emitted from both lines. Kinetic mixing (eps ~ g/67) is negligible here.
"""

import sympy

from ..dirac import P_LEFT, gamma
from ..model import MEDIATOR_INDEX, Model

g = sympy.Symbol("g", positive=True)

MODEL = Model(
    name="vector",
    description="gauged L_mu - L_tau vector, emitted from the mu+ and the nu_mu lines",
    lagrangian="g V_a (mubar gamma^a mu + nubar gamma^a P_L nu)",
    source="KMRT arXiv:1902.07715 Eq. (1)",
    spin=1,
    coupling=g,
    muon_vertex=g * gamma(MEDIATOR_INDEX),
    neutrino_vertex=g * gamma(MEDIATOR_INDEX) * P_LEFT,
)
