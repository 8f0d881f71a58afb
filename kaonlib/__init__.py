"""kaonlib: rare kaon decays from derived amplitudes to compiled kernels and projections.

Runtime package: numpy and the compiled kernels only (never SymPy, never ``amplitudes``).

    >>> import kaonlib
    >>> kaonlib.models()                                   # every model with generated kernels
    >>> v = kaonlib.model("vector")                        # one entry point per model (kaonlib.model)
    >>> v.branching_ratio(0.1, coupling=1e-3), v.partial_widths(0.3, 1e-3), v.delta_a_mu(0.1, 1e-3)
    >>> kaonlib.width("vector", m_X=0.1, coupling=1e-3)     # Gamma(K+ -> mu+ nu V) in GeV
    >>> kaonlib.msq("scalar", s12, s23, m_X=0.1)           # sum |M|^2 at s12, s23 in GeV^2
"""

from kaonlib.model import Model, model
from kaonlib.processes.kmunu import models, msq, width

__version__ = "0.1.0"
__all__ = ["Model", "model", "models", "msq", "width"]
