"""Muon-philic pseudoscalar a: L > -i y a mubar gamma5 mu (hermitian for real y).

Emitted from the mu+ line only. Its (g-2)_mu contribution is negative (Leveille, Nucl. Phys. B137 (1978) 63;
kaonlib/gminus2.py), and below 2 m_mu it decays to two photons through the muon loop with the
pseudoscalar loop function (Djouadi, Phys. Rept. 459 (2008) 1, hep-ph/0503173, Eq. 2.28).
"""

import sympy

from ..dirac import GAMMA5
from ..model import Model

y = sympy.Symbol("y", positive=True)

MODEL = Model(
    name="pseudoscalar",
    description="muon-philic pseudoscalar, emitted from the mu+ line",
    lagrangian="-i y a mubar gamma5 mu",
    source="pseudoscalar Yukawa coupling to the muon (see e.g. Jegerlehner and Nyffeler, Phys. Rept. 477 (2009) 1)",
    spin=0,
    coupling=y,
    mediator_tex="a",
    coupling_tex="y_a",
    muon_vertex=-sympy.I * y * GAMMA5,
)
