"""Build-time code generator: SymPy |M|^2 from ``amplitudes`` -> Cython kernels in kaonlib/_kernels."""
