"""A regular (non-editable) build ships every package: build_py into a temporary folder and compare with the
packages of the tree (the tests themselves import from the tree, so they would not notice a missing one)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_build_ships_every_package(tmp_path):
    subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(tmp_path)], cwd=ROOT, check=True,
                   capture_output=True)
    for top in ("kaonlib", "amplitudes", "codegen"):
        for init in (ROOT / top).rglob("__init__.py"):
            assert (tmp_path / init.relative_to(ROOT)).exists(), init.relative_to(ROOT)
    assert (tmp_path / "kaonlib" / "_kernels" / "manifest.json").exists()
    shipped = {p.name for p in (tmp_path / "kaonlib" / "data" / "constraints").glob("*.yaml")}
    assert shipped == {p.name for p in (ROOT / "kaonlib" / "data" / "constraints").glob("*.yaml")} != set()
    assert list((tmp_path / "codegen" / "templates").glob("*.pyx"))
