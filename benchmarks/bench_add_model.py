"""Time to add a model: write a model file into a copy of the tree, derive and generate (``python -m codegen``)
and build incrementally (``python setup.py build_ext --inplace``, what ``pip install -e .`` runs); target < 60 s.

Run from the repository root after an in-place or editable build: python benchmarks/bench_add_model.py
"""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 60.0  # s
MODEL = '''import sympy

from ..dirac import IDENTITY
from ..model import Model

y = sympy.Symbol("y", positive=True)

MODEL = Model(name="bench_scalar", spin=0, coupling=y, muon_vertex=-2 * y * IDENTITY)
'''


def timed(tree, *args):
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=tree, check=True, capture_output=True)
    return time.perf_counter() - start


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        for part in ("amplitudes", "codegen", "kaonlib"):
            shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns("__pycache__"),
                            copy_function=shutil.copy2)
        for part in ("setup.py", "pyproject.toml", "README.md"):
            shutil.copy2(ROOT / part, tree / part)
        (tree / "amplitudes" / "models" / "bench_scalar.py").write_text(MODEL)
        generate = timed(tree, "-m", "codegen")
        build = timed(tree, "setup.py", "build_ext", "--inplace")
        unchanged = timed(tree, "setup.py", "build_ext", "--inplace")
    total = generate + build
    print(f"derive + generate: {generate:.1f} s; incremental build (one new kernel): {build:.1f} s; "
          f"rebuild with nothing changed: {unchanged:.1f} s")
    print(f"add a model: {total:.1f} s (target < {TARGET:g} s, ratio {total / TARGET:.2f})")
