"""Muon-philic scalar phi (KMRT, arXiv:1902.07715, Eq. 4; docs/physics.md section 2).

L > -y phi mubar mu: phi is emitted from the mu+ line only; the Yukawa flips chirality by itself.
"""

import sympy

from ..dirac import IDENTITY
from ..model import Model

y = sympy.Symbol("y", positive=True)

MODEL = Model(
    name="scalar",
    description="muon-philic scalar, emitted from the mu+ line",
    lagrangian="-y phi mubar mu",
    source="KMRT arXiv:1902.07715 Eq. (4)",
    spin=0,
    coupling=y,
    mediator_tex=r"\phi",
    coupling_tex=r"y_\phi",
    muon_vertex=-y * IDENTITY,
)
