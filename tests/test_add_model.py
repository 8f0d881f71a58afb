"""Adding a model end to end, as a user would: a file written outside the project (only name, spin, coupling and
vertices) dropped into amplitudes/models/ of a copy of the tree, ``python -m codegen``, an incremental in-place
build, then the command line. Nothing else is edited."""

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
M_MU = 0.1056583755  # GeV, PDG 2024 (only to form the textbook expectations below)
USER_MODEL = '''"""A vector coupled to the right-handed muon (written outside the project)."""

import sympy

from ..dirac import P_RIGHT, gamma
from ..model import MEDIATOR_INDEX, Model

g = sympy.Symbol("g", positive=True)

MODEL = Model(name="right_vector", spin=1, coupling=g, muon_vertex=g * gamma(MEDIATOR_INDEX) * P_RIGHT)
'''


def run(tree, *args):
    env = {**os.environ, "PYTHONPATH": str(tree)}
    result = subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A copy of the tree with its built kernels, plus the user's model, regenerated and rebuilt."""
    copy = tmp_path_factory.mktemp("tree")
    for part in ("amplitudes", "codegen", "kaonlib"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"),
                        copy_function=shutil.copy2)
    for part in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / part, copy / part)
    (copy / "amplitudes" / "models" / "right_vector.py").write_text(USER_MODEL)
    run(copy, "-m", "codegen")
    build = run(copy, "setup.py", "build_ext", "--inplace")
    return copy, build


def test_only_the_new_kernel_is_compiled(tree):
    _, build = tree
    assert "kaonlib._kernels.vector: up to date, not rebuilt" in build
    assert "kaonlib._kernels.right_vector: up to date" not in build
    assert "kaonlib._kernels.k3munu: up to date, not rebuilt" in build


def cli_json(copy, *args):
    return json.loads(run(copy, "-m", "kaonlib.cli", *args))


def test_commands_for_the_new_model(tree):
    copy, _ = tree
    where = run(copy, "-c", "import kaonlib; print(kaonlib.__file__)")
    assert where.startswith(str(copy))
    br = cli_json(copy, "br", "right_vector", "--mass", "0.05", "--coupling", "1e-3", "--json")
    assert br["branching_ratio"] > 0 and math.isfinite(br["branching_ratio"])
    m = 0.3
    decays = cli_json(copy, "decays", "right_vector", "--mass", str(m), "--coupling", "0.1", "--json")
    # c_V = c_A = 1/2: Gamma = g^2 m [(1 + 2 mu) b + b^3] / (48 pi), mu = m_mu^2/m^2, b = sqrt(1 - 4 mu)
    mu = M_MU**2 / m**2
    b = math.sqrt(1 - 4 * mu)
    assert decays["partial_widths_GeV"]["mu mu"] == pytest.approx(0.01 * m * ((1 + 2 * mu) * b + b**3) / (48 * math.pi),
                                                                   rel=1e-8)
    # heavy limit of (1/4)(I_V + I_A) = (1/4)(1 - 5)/(12 pi^2 r) = -1/(12 pi^2 r); light: the axial -1/(16 pi^2 r)
    for mass, expected in ((1e5, -1 / (12 * math.pi**2 * (1e5 / M_MU) ** 2)),
                           (1e-13, -1 / (16 * math.pi**2 * (1e-13 / M_MU) ** 2))):
        gm2 = cli_json(copy, "gm2", "right_vector", "--mass", str(mass), "--coupling", "1", "--json")
        assert gm2["delta_a_mu"] == pytest.approx(expected, rel=1e-7)
        assert gm2["region_kind"] == "excluded"
    out = copy / "reach.csv"
    run(copy, "-m", "kaonlib.cli", "reach", "right_vector", "--search", "invisible", "--points", "5", "--out", str(out))
    rows = [line.split(",") for line in out.read_text().splitlines() if not line.startswith("#")]
    assert len(rows) == 6
    likelihood = rows[0].index("coupling_likelihood")
    assert all(math.isfinite(float(row[likelihood])) and float(row[likelihood]) > 0 for row in rows[1:])
