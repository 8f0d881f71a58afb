"""Build script: cythonizes the committed, generated kernels in kaonlib/_kernels (no SymPy needed)."""

from pathlib import Path

from setuptools import setup

KERNELS = sorted(str(p) for p in Path("kaonlib/_kernels").glob("*.pyx"))


def extensions():
    if not KERNELS:
        return []
    import numpy
    from Cython.Build import cythonize

    return cythonize(KERNELS, compiler_directives={"language_level": 3}, include_path=[numpy.get_include()])


setup(ext_modules=extensions())
