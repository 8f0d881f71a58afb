"""kaonlib: rare kaon decays from derived amplitudes to compiled kernels and projections.

Runtime package: numpy and the compiled kernels only (never SymPy, never ``amplitudes``).

    >>> import kaonlib
    >>> kaonlib.width("vector", m_X=0.1, coupling=1e-3)     # Gamma(K+ -> mu+ nu V) in GeV
    >>> kaonlib.msq("scalar", s12, s23, m_X=0.1)           # sum |M|^2 at s12, s23 in GeV^2
"""

from .kmunu import models, msq, width

__version__ = "0.1.0"
__all__ = ["models", "msq", "width"]
