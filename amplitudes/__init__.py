"""Build-time symbolic layer: Dirac algebra, models and spin-summed |M|^2 (never imported by kaonlib).

    >>> from amplitudes import derive
    >>> derive("vector").squared_amplitude      # sum |M|^2 of K+ -> mu+ nu X in (s12, s23)
"""

from .kmunu import Derivation, derive
from .models import MODELS, get_model

__all__ = ["MODELS", "Derivation", "derive", "get_model"]
