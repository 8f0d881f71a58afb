"""The kaonlib command line: machine-readable output, and one-line errors with exit status 2."""


import json
import subprocess
import sys

import pytest

import kaonlib.rates as rates
from kaonlib.output import read_csv


def run(*args):
    return subprocess.run([sys.executable, "-m", "kaonlib.cli", *args], capture_output=True, text=True)


def test_br_json():
    result = run("br", "vector", "--mass", "100MeV", "--coupling", "1e-3", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"model", "mass_GeV", "coupling", "branching_ratio", "ratio_to_kmu2"} <= set(data)
    assert data["mass_GeV"] == pytest.approx(0.1)
    assert data["branching_ratio"] == pytest.approx(rates.branching_ratio("vector", 0.1, 1e-3), rel=1e-12)
    assert list(data) == sorted(data)


def test_spectrum_csv(tmp_path):
    out = tmp_path / "spectrum.csv"
    result = run("spectrum", "scalar", "--mass", "0.05GeV", "--out", str(out), "--points", "50")
    assert result.returncode == 0, result.stderr
    rows = read_csv(out)
    assert len(rows) == 50 and set(rows[0]) == {"m2_miss_GeV2", "dBR_dm2miss_per_GeV2"}
    assert all(float(r["dBR_dm2miss_per_GeV2"]) >= 0 for r in rows)


def test_decays_json():
    result = run("decays", "scalar", "--mass", "300MeV", "--coupling", "1e-3", "--json", "--distance", "100")
    data = json.loads(result.stdout)
    assert sum(data["branching_ratios"].values()) == pytest.approx(1.0)
    assert 0 < data["decay_probability"] <= 1


@pytest.mark.parametrize("args", [
    ["br", "axion", "--mass", "0.1"],
    ["br", "vector", "--mass", "0.5GeV"],
    ["br", "vector", "--mass", "0.1", "--coupling", "-1"],
    ["br", "vector", "--mass", "100 MeVs"],
    ["decays", "vector", "--mass", "-1"],
    ["br"],
])
def test_bad_input_exits_2_with_one_line(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kaonlib: error: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["br", "spectrum", "decays", "gm2"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.returncode == 0 and "--mass" in result.stdout


def test_reach_csv_and_plot(tmp_path):
    out, plot, overlay = tmp_path / "reach.csv", tmp_path / "reach.png", tmp_path / "mine.csv"
    overlay.write_text("mass_GeV,coupling\n0.01,1e-3\n0.1,2e-3\n")
    result = run("reach", "scalar", "--search", "invisible", "--points", "5", "--kaons", "1e12",
                 "--out", str(out), "--plot", str(plot), "--overlay", str(overlay))
    assert result.returncode == 0, result.stderr
    rows = read_csv(out)
    assert len(rows) == 5 and float(rows[0]["coupling_likelihood"]) > 0
    assert plot.stat().st_size > 10_000


@pytest.mark.parametrize("args,message", [
    (["reach", "vector", "--out", "x.csv", "--kaons", "0"], "kaons"),
    (["reach", "vector", "--out", "x.csv", "--kappa", "-1"], "kappa"),
    (["reach", "vector", "--out", "x.csv", "--search", "dimuon", "--events", "10"], "[1000,"),
    (["reach", "vector", "--out", "x.csv", "--search", "dimuon", "--form-factor-r", "nan"], "finite"),
    (["reach", "vector", "--out", "x.csv", "--background", "missing.csv"], "missing.csv"),
])
def test_reach_bad_input(tmp_path, args, message):
    result = subprocess.run([sys.executable, "-m", "kaonlib.cli", *args], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_dark_json_is_strict(tmp_path):
    result = run("dark", "--m-q", "179MeV", "--alpha-d", "1e-3", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"non-standard JSON {name}"))
    assert data["br_Kplus"] == 0.0 and data["in_window"] and data["max_br_KL"] is None
    scan = run("dark", "--scan", "--out", str(tmp_path / "scan.csv"), "--plot", str(tmp_path / "bound.png"))
    assert scan.returncode == 0, scan.stderr
    assert len(read_csv(tmp_path / "scan.csv")) == 180
