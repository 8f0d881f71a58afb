"""Axial vector A coupled to the muon: L > g A_a mubar gamma^a gamma5 mu.

The axial current is not conserved for a massive muon (d_a Jbar^a_5 = 2 i m_mu mubar gamma5 mu), so the
l_a l_b / m_A^2 term of the polarisation sum survives in K -> mu nu A (like the muon-only vector), and the
(g-2)_mu contribution is negative (Leveille, Nucl. Phys. B137 (1978) 63; kaonlib/gminus2.py).
"""

import sympy

from ..dirac import GAMMA5, gamma
from ..model import MEDIATOR_INDEX, Model

g = sympy.Symbol("g", positive=True)

MODEL = Model(
    name="axial_vector",
    description="axial vector coupled to the muon axial current",
    lagrangian="g A_a mubar gamma^a gamma5 mu",
    source="axial-vector coupling to the muon (see e.g. Jegerlehner and Nyffeler, Phys. Rept. 477 (2009) 1)",
    spin=1,
    coupling=g,
    mediator_tex="A",
    coupling_tex="g_A",
    muon_vertex=g * gamma(MEDIATOR_INDEX) * GAMMA5,
)
