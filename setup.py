"""Build script: cythonizes the committed, generated kernels in kaonlib/_kernels (no SymPy needed).

Editable and in-place builds (``pip install -e .``, ``python setup.py build_ext --inplace``) are incremental:
a kernel whose compiled module in kaonlib/_kernels is newer than its .pyx and the .pxi files it includes is
neither cythonized nor compiled again (``python -m codegen`` rewrites only the kernels whose text changed).
A regular install (``pip install .``) builds every kernel.
"""

import re
import shutil
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

KERNEL_DIR = Path("kaonlib/_kernels")
KERNELS = sorted(KERNEL_DIR.glob("*.pyx"))


def built_module(pyx):
    """The compiled module of a kernel in the source tree for this Python (its exact extension suffix), if any."""
    module = pyx.with_name(pyx.stem + sysconfig.get_config_var("EXT_SUFFIX"))
    return module if module.exists() else None


def included(pyx):
    """The .pxi files a kernel includes (its ``include "_name.pxi"`` lines)."""
    names = re.findall(r'^include\s+"([^"]+)"', pyx.read_text(), flags=re.MULTILINE)
    return [pyx.parent / name for name in names]


def up_to_date(pyx):
    module = built_module(pyx)
    sources = [pyx, *included(pyx)]
    return module is not None and module.stat().st_mtime >= max(s.stat().st_mtime for s in sources)


class IncrementalBuildExt(build_ext):
    """Cythonizes at build time; in editable and in-place builds it skips the kernels that are up to date in the
    source tree (their module is copied to where setuptools expects the build output)."""

    def finalize_options(self):
        import numpy
        from Cython.Build import cythonize

        extensions = self.distribution.ext_modules
        incremental = self.inplace or getattr(self, "editable_mode", False)
        self.fresh = {Path(e.sources[0]).stem for e in extensions if incremental and up_to_date(Path(e.sources[0]))}
        stale = [e for e in extensions if Path(e.sources[0]).stem not in self.fresh]
        kept = [e for e in extensions if Path(e.sources[0]).stem in self.fresh]
        self.distribution.ext_modules = kept + (cythonize(stale, compiler_directives={"language_level": 3},
                                                          include_path=[numpy.get_include()]) if stale else [])
        super().finalize_options()

    def build_extension(self, ext):
        stem = ext.name.rsplit(".", 1)[-1]
        if stem not in self.fresh:
            return super().build_extension(ext)
        source, target = built_module(KERNEL_DIR / f"{stem}.pyx"), Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.resolve() != source.resolve():
            shutil.copy2(source, target)
        print(f"{ext.name}: up to date, not rebuilt")


setup(ext_modules=[Extension(f"kaonlib._kernels.{p.stem}", [str(p)]) for p in KERNELS],
      cmdclass={"build_ext": IncrementalBuildExt})
