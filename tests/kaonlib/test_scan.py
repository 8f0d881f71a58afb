"""kaonlib scan: the spec is checked with clear messages, every row carries its inputs and the library's values,
the table is the same serially and on Dask, and an interrupted scan (a failing task, a killed client) resumes to the
same table as an uninterrupted one."""

import math
import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet
import pytest
import yaml

from kaonlib import scan
from kaonlib.mediator import decays, gminus2
from kaonlib.presentation.cli import main
from kaonlib.presentation.output import read_csv
from kaonlib.processes import rates
from kaonlib.scan import outputs
from kaonlib.searches import dimuon, na62, reach
from kaonlib.validate import InputError

SMALL = {"models": ["vector", "scalar"], "masses": [0.05, "250MeV"], "couplings": {"geomspace": [1e-4, 1e-3, 2]},
         "inputs": {"era": ["2021", "2025"], "kaons": "1e12", "dimuon_events": 20_000},
         "outputs": ["branching_ratio", "widths", "gm2", "reach", "dimuon_reach"], "chunk_size": 3}
# a longer scan for interruptions: 120 points in 24 chunks of the reach alone (~1 s serially)
LONG = {"models": ["vector"], "masses": {"geomspace": ["1MeV", "350MeV", 60]}, "outputs": ["reach"],
        "inputs": {"kappa": [0, 1e-3]}, "chunk_size": 5}


def write_spec(path, spec):
    path.write_text(yaml.safe_dump(spec))
    return str(path)


def data_lines(path):
    """Header and rows of a CSV, without its provenance lines (they name the --out file and the command)."""
    return [line for line in path.read_text().splitlines() if not line.startswith("#")]


def test_rows_carry_their_inputs_and_the_library_values(tmp_path):
    rows = scan.run(SMALL, tmp_path / "parts")
    assert len(rows) == 2 * 2 * 2 * 2  # models x masses x couplings x eras
    background = dimuon.DimuonSearch(events=20_000).background_sample()
    for row in rows:
        model, mass, coupling, era = row["model"], row["mass_GeV"], row["coupling"], row["era"]
        assert row["kaons"] == 1e12 and row["lepton"] == "mu" and row["acceptance"] == 0.35
        assert row["branching_ratio"] == rates.branching_ratio(model, mass, coupling)
        widths = decays.partial_widths(model, mass, coupling)
        assert row["width_mu_mu_GeV"] == widths["mu mu"] and row["width_total_GeV"] == sum(widths.values())
        assert row["delta_a_mu"] == gminus2.delta_a_mu(model, mass, coupling)
        assert row["gm2_region"] == gminus2.region(model, mass, era).kind
        search = na62.InvisibleSearch(kaons=1e12)
        assert row["coupling_likelihood"] == reach.reach_point(model, mass, search, 0.0, era)["coupling_likelihood"]
        if mass < dimuon.mass_range()[0]:
            assert row["dimuon_coupling"] is None  # below the di-muon threshold: not defined
        else:
            expected = dimuon.reach_point(model, mass, dimuon.DimuonSearch(kaons=1e12, events=20_000), background)
            assert row["dimuon_coupling"] == expected["coupling"]
    assert sorted({row["coupling"] for row in rows}) == [1e-4, 1e-3]
    assert "width_gamma_gamma_GeV" in rows[-1] and "width_gamma_gamma_GeV" not in rows[0]  # scalar only


def test_csv_and_parquet_hold_the_same_exact_table(tmp_path):
    spec = write_spec(tmp_path / "spec.yaml", SMALL)
    assert main(["scan", spec, "--out", str(tmp_path / "t.csv")]) == 0
    assert main(["scan", spec, "--out", str(tmp_path / "t.parquet")]) == 0
    assert not os.path.exists(tmp_path / "t.csv.parts")  # removed once the table is written
    expected = scan.run(SMALL, tmp_path / "parts")
    from_csv = read_csv(tmp_path / "t.csv")
    table = pyarrow.parquet.read_table(tmp_path / "t.parquet")
    assert b"kaonlib" in table.schema.metadata
    for row, text, stored in zip(expected, from_csv, table.to_pylist(), strict=True):
        for key, value in row.items():
            if isinstance(value, float) and math.isfinite(value):
                assert float(text[key]) == value and stored[key] == value  # repr in CSV: exact
            elif isinstance(value, float) or value is None:
                assert text[key] == "" and stored[key] is None  # not defined: empty cell, null
            else:
                assert text[key] == str(value) and stored[key] == value


def test_table_is_identical_on_dask(scheduler, tmp_path):
    spec = write_spec(tmp_path / "spec.yaml", SMALL)
    assert main(["scan", spec, "--out", str(tmp_path / "serial.csv")]) == 0
    assert main(["scan", spec, "--out", str(tmp_path / "dask.csv"), "--scheduler", scheduler]) == 0
    assert data_lines(tmp_path / "serial.csv") == data_lines(tmp_path / "dask.csv")


def test_a_failing_task_leaves_its_finished_chunks_and_the_rerun_computes_only_the_rest(tmp_path, monkeypatch):
    uninterrupted = scan.run(LONG, tmp_path / "reference")
    calls = []
    original = outputs.OUTPUT["reach"]

    def failing(point):
        calls.append(point["mass_GeV"])
        if len(calls) > 3 * LONG["chunk_size"]:
            raise RuntimeError("interrupted")
        return original(point)

    monkeypatch.setitem(outputs.OUTPUT, "reach", failing)
    with pytest.raises(RuntimeError, match="interrupted"):
        scan.run(LONG, tmp_path / "parts")
    assert sorted(os.listdir(tmp_path / "parts")) == ["chunk-000000.json", "chunk-000001.json", "chunk-000002.json",
                                                      "spec.json"]
    monkeypatch.setitem(outputs.OUTPUT, "reach", original)
    counted = []
    monkeypatch.setitem(outputs.OUTPUT, "reach", lambda point: counted.append(1) or original(point))
    assert scan.run(LONG, tmp_path / "parts") == uninterrupted
    assert len(counted) == len(uninterrupted) - 3 * LONG["chunk_size"]


def test_a_killed_scan_resumes_on_dask_to_the_same_table(scheduler, tmp_path):
    spec = write_spec(tmp_path / "spec.yaml", LONG)
    out, parts = tmp_path / "killed.csv", tmp_path / "killed.csv.parts"
    process = subprocess.Popen([sys.executable, "-m", "kaonlib", "scan", spec, "--out", str(out)])
    deadline = time.monotonic() + 60
    while len(finished_chunks(parts)) < 3 and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not out.exists() and 3 <= len(finished_chunks(parts)) < 24  # killed mid-scan
    assert main(["scan", spec, "--out", str(out), "--scheduler", scheduler]) == 0
    assert main(["scan", spec, "--out", str(tmp_path / "whole.csv")]) == 0
    assert data_lines(out) == data_lines(tmp_path / "whole.csv") and len(data_lines(out)) == 1 + 120
    assert not parts.exists()


def finished_chunks(parts):
    """Chunk files written so far (not the temporary files of a write in progress)."""
    return [name for name in os.listdir(parts) if name.startswith("chunk-")] if parts.exists() else []


def test_parts_of_another_spec_are_refused(tmp_path):
    scan.run(LONG | {"masses": [0.01]}, tmp_path / "parts")
    with pytest.raises(InputError, match="another scan spec"):
        scan.run(LONG | {"masses": [0.02]}, tmp_path / "parts")


@pytest.mark.parametrize("change,message", [
    ({"colour": 1}, "unknown key"),
    ({"masses": None}, "masses"),
    ({"models": ["nonsense"]}, "unknown models 'nonsense'"),
    ({"outputs": ["brr"]}, "unknown outputs 'brr'"),
    ({"outputs": ["branching_ratio"]}, "need 'couplings'"),
    ({"inputs": {"kappa": 1.0, "form_factors": "chpt"}}, "used only by dimuon_reach"),
    ({"inputs": {"kaons": -1}}, "kaons = -1"),
    ({"inputs": {"era": "1999"}}, "unknown era '1999'"),
    ({"inputs": {"flavour": 2}}, "unknown input 'flavour'"),
    ({"masses": {"geomspace": [0, 0.1, 5]}}, "geomspace needs low > 0"),
    ({"masses": {"logspace": [1, 2, 3]}}, "linspace"),
    ({"masses": ["1 furlong"]}, "malformed mass"),
    ({"masses": [0.4]}, "m_X = 0.4"),
    ({"masses": []}, "masses is empty"),
    ({"masses": {"linspace": [0.01, 0.3, 1001]}, "inputs": {"kappa": [i / 100 for i in range(1000)]}},
     "at most 1000000"),
    ({"chunk_size": 0}, "chunk_size"),
    ({"couplings": [1e-4, 1e-3]}, "'couplings' is used only by"),  # LONG asks for the reach alone
])
def test_bad_specs_are_named(change, message):
    spec = {key: value for key, value in (LONG | change).items() if value is not None}
    with pytest.raises(InputError, match=message):
        scan.load(spec)


def test_bad_files_and_formats(tmp_path, monkeypatch, capsys):
    (tmp_path / "list.yaml").write_text("- 1\n- 2\n")
    (tmp_path / "broken.yaml").write_text("models: [vector\n")
    spec = write_spec(tmp_path / "spec.yaml", LONG)
    from kaonlib.presentation.cli import scan as command

    monkeypatch.setattr(command, "pyarrow_installed", lambda: False)
    for given, out, message in ((tmp_path / "list.yaml", "a.csv", "is a mapping"),
                                (tmp_path / "broken.yaml", "a.csv", "not valid YAML"),
                                (tmp_path / "missing.yaml", "a.csv", "No such file"),
                                (spec, "a.xlsx", ".csv or .parquet"),
                                (spec, "a.parquet", "needs pyarrow")):
        assert main(["scan", str(given), "--out", str(tmp_path / out)]) == 2
        assert message in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["broken.yaml", "list.yaml", "spec.yaml"]  # nothing written


def test_a_lepton_the_model_does_not_produce_leaves_its_cell_empty(tmp_path):
    spec = {"models": ["vector", "lmu_minus_le"], "masses": [0.05], "couplings": [1e-3],
            "inputs": {"lepton": ["mu", "e"]}, "outputs": ["branching_ratio"]}
    rows = {(row["model"], row["lepton"]): row["branching_ratio"] for row in scan.run(spec, tmp_path / "parts")}
    assert rows[("vector", "e")] is None  # L_mu - L_tau: no K+ -> e+ nu Z' at tree level
    assert rows[("lmu_minus_le", "e")] == rates.branching_ratio("lmu_minus_le", 0.05, 1e-3, "e")
    assert rows[("vector", "mu")] == rates.branching_ratio("vector", 0.05, 1e-3, "mu")


def test_large_seeds_are_kept_exactly():
    seed = 2**60 + 1  # not a double
    spec = scan.load({"models": ["vector"], "masses": [0.25], "outputs": ["dimuon_reach"], "inputs": {"seed": seed}})
    assert dict(spec.inputs)["seed"] == (seed,)


def test_the_background_sample_is_made_once_per_seed(tmp_path, monkeypatch):
    made, real = [], outputs.k3munu.simulate
    monkeypatch.setattr(outputs.k3munu, "simulate", lambda n, ff, seed: made.append(seed) or real(n, ff, seed))
    outputs.dimuon_sample.cache_clear()
    spec = {"models": ["vector"], "masses": {"linspace": [0.22, 0.3, 4]}, "outputs": ["dimuon_reach"],
            "inputs": {"seed": [1, 2, 3], "dimuon_events": 2000}}
    scan.run(spec, tmp_path / "parts")
    assert sorted(made) == [1, 2, 3]  # the seeds vary slowest: 3 samples for 12 points
