"""Self-checks of the derived K+ -> mu+ nu X amplitudes against limits and the source paper.

Each returns a SymPy expression; the tests in tests/amplitudes/ assert on them and
``python -m amplitudes`` prints them.
"""

import sympy

from .kmunu import squared_amplitude
from .models import get_model
from .published import kmrt_a7_vector, kmrt_a8_scalar
from .symbols import m_mu


def massless_muon_limit(name):
    """|M|^2 for m_mu -> 0 at fixed G_F f_K V_us: zero for the vector (helicity suppression), not the scalar."""
    return sympy.factor(sympy.limit(squared_amplitude(name), m_mu, 0))


def ratio_to_published(name, corrected=True):
    """Derived |M|^2 divided by KMRT (A.7) (vector) or (A.8) (scalar, printed or corrected last term)."""
    model = get_model(name)
    published = {
        "vector": lambda: kmrt_a7_vector(model.coupling),
        "scalar": lambda: kmrt_a8_scalar(model.coupling, corrected=corrected),
    }
    if name not in published:
        raise ValueError(f"the source paper gives no |M|^2 for model {name!r}; it has: {sorted(published)}")
    return sympy.factor(sympy.cancel(squared_amplitude(name) / published[name]()))

