"""kaonlib: rare kaon decays from derived amplitudes to compiled kernels and projections.

Runtime package: numpy and the compiled kernels only (never SymPy, never ``amplitudes``).
"""

__version__ = "0.1.0"
