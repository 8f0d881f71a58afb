"""A vector coupled to the muon alone (no neutrino coupling): not a conserved current.

L > g V_a mubar gamma^a mu. The Ward identity l_a M^a = 0 fails for K -> mu nu V, so the l_a l_b / m_V^2
term of the polarisation sum survives and the rate grows like 1/m_V^2 (docs/physics.md section 2). Kept as
a registered model so that this statement is checked, not assumed.
"""

import sympy

from ..dirac import gamma
from ..model import MEDIATOR_INDEX, Model

g = sympy.Symbol("g", positive=True)

MODEL = Model(
    name="vector_muon_only",
    description="vector coupled to the muon current only (Ward identity violated)",
    lagrangian="g V_a mubar gamma^a mu",
    source="docs/physics.md section 2 (counter-example to the L_mu - L_tau Ward identity)",
    spin=1,
    coupling=g,
    mediator_tex=r"V",
    coupling_tex=r"g",
    muon_vertex=g * gamma(MEDIATOR_INDEX),
)
