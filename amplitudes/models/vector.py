"""Gauged L_mu - L_tau vector V (KMRT, arXiv:1902.07715, Eqs. 1 and 3; docs/physics.md section 2).

L > g V_a (mubar gamma^a mu + nubar_mu gamma^a P_L nu_mu - taubar gamma^a tau - nubar_tau gamma^a P_L nu_tau)
+ g q_chi V_a J_chi^a: mu, tau and their neutrinos carry unit charge (opposite for the tau family), so V is
emitted from the mu+ and the nu_mu lines of K+ -> mu+ nu V. Kinetic mixing (eps ~ g/67) is negligible here.
The dark-matter currents are KMRT's Eq. (3).
"""

import sympy

from ..darkmatter import KMRT_CURRENTS
from ..dirac import P_LEFT, gamma
from ..model import MEDIATOR_INDEX, Model

g = sympy.Symbol("g", positive=True)
VECTOR = gamma(MEDIATOR_INDEX)

MODEL = Model(
    name="vector",
    description="gauged L_mu - L_tau vector, emitted from the mu+ and the nu_mu lines",
    lagrangian="g V_a (mubar gamma^a mu + nubar_mu gamma^a P_L nu_mu"
    " - taubar gamma^a tau - nubar_tau gamma^a P_L nu_tau)",
    source="KMRT arXiv:1902.07715 Eqs. (1), (3)",
    spin=1,
    coupling=g,
    muon_vertex=g * VECTOR,
    neutrino_vertex=g * VECTOR * P_LEFT,
    tau_vertex=-g * VECTOR,
    tau_neutrino_vertex=-g * VECTOR * P_LEFT,
    mediator_tex="V",
    coupling_tex="g_V",
    dark_matter=KMRT_CURRENTS,
)
