"""Gauged L_mu - L_e vector Z': the electron family carries the opposite charge of the muon family.

L > g Z'_a (mubar gamma^a mu + nubar_mu gamma^a P_L nu_mu - ebar gamma^a e - nubar_e gamma^a P_L nu_e)
(He, Joshi, Lew, Volkas, Phys. Rev. D 43 (1991) R22 and D 44 (1991) 2118, with kinetic mixing neglected as for
L_mu - L_tau). It is emitted in K+ -> mu+ nu Z' and, through the same vertices with the electron family,
in K+ -> e+ nu Z'.
"""

import sympy

from ..dirac import P_LEFT, gamma
from ..model import MEDIATOR_INDEX, Model

g = sympy.Symbol("g", positive=True)
VECTOR = gamma(MEDIATOR_INDEX)

MODEL = Model(
    name="lmu_minus_le",
    description="gauged L_mu - L_e vector, emitted from the charged-lepton and neutrino lines",
    lagrangian="g Z'_a (mubar gamma^a mu + nubar_mu gamma^a P_L nu_mu - ebar gamma^a e - nubar_e gamma^a P_L nu_e)",
    source="He, Joshi, Lew, Volkas, PRD 43 (1991) R22; PRD 44 (1991) 2118",
    spin=1,
    coupling=g,
    muon_vertex=g * VECTOR,
    neutrino_vertex=g * VECTOR * P_LEFT,
    electron_vertex=-g * VECTOR,
    electron_neutrino_vertex=-g * VECTOR * P_LEFT,
    mediator_tex="Z'",
    coupling_tex="g'",
)
