"""``kaonlib four-lepton MODE`` and its alias ``kaonlib k3munu``: JSON contract, cuts, outputs, and the Les Houches
event file read back with pylhe (an independent parser)."""

import json

import numpy as np
import pylhe
import pytest

from kaonlib.presentation import cli
from kaonlib.processes import k3munu


def run_json(capsys, argv):
    assert cli.main(argv + ["--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_keys_and_measurement(capsys):
    result = run_json(capsys, ["four-lepton", "mu-nu-e-e", "--events", "20000"])
    assert {"mode", "branching_ratio", "mc_error", "events", "form_factors"} <= set(result)
    assert result["mode"] == "mu-nu-e-e" and result["events"] == 20000
    assert result["min_pair_mass_GeV"] == pytest.approx(0.145)  # E865's cut is the default
    assert 0 < result["mc_error"] < 0.05 * result["branching_ratio"]
    measured = result["measured"]
    pull = (result["branching_ratio"] - measured["value"]) / np.hypot(measured["error"], result["mc_error"])
    assert measured["pull_sigma"] == pytest.approx(pull)
    assert result["form_factors"]["R"] == pytest.approx(k3munu.FORM_FACTOR_SETS["chpt"].R)


def test_alias_equals_the_mu_nu_mu_mu_mode(capsys):
    alias = run_json(capsys, ["k3munu", "--events", "5000", "--seed", "4"])
    mode = run_json(capsys, ["four-lepton", "mu-nu-mu-mu", "--events", "5000", "--seed", "4"])
    alias.pop("metadata"), mode.pop("metadata")  # the provenance names the command typed
    assert alias == mode


def test_lower_cut_gives_a_larger_rate(capsys):
    default = run_json(capsys, ["four-lepton", "e-nu-e-e", "--events", "20000", "--seed", "2"])
    lower = run_json(capsys, ["four-lepton", "e-nu-e-e", "--events", "20000", "--seed", "2",
                              "--min-pair-mass", "100MeV"])
    assert lower["branching_ratio"] > default["branching_ratio"]


def test_lhe_file_reads_back(tmp_path, capsys):
    """pylhe reads the events: PDG ids of K+ -> e+ nu_e mu+ mu-, four-momentum conservation, mass shells."""
    path = tmp_path / "events.lhe"
    result = run_json(capsys, ["four-lepton", "e-nu-mu-mu", "--events", "20000", "--unweighted", "30",
                               "--lhe", str(path)])
    events = list(pylhe.LHEFile.fromfile(str(path)).events)
    assert "kaonlib" in path.read_text().split("</header>")[0]  # provenance in the header
    assert result["lhe_file"] == str(path) and len(events) == 30
    mode = k3munu.MODES["e-nu-mu-mu"]
    for event in events:
        kaon, *daughters = event.particles
        assert kaon.id == 321 and [int(p.id) for p in daughters] == [-11, 12, -13, 13]
        total = np.sum([[p.e, p.px, p.py, p.pz] for p in daughters], axis=0)
        assert np.allclose(total, [kaon.e, 0, 0, 0], atol=1e-9)
        for p, m in zip(daughters, mode.masses):
            assert p.e**2 - p.px**2 - p.py**2 - p.pz**2 == pytest.approx(m**2, abs=1e-9)


def test_bad_input_exits_2(capsys):
    assert cli.main(["four-lepton", "tau-nu-e-e"]) == 2
    assert cli.main(["four-lepton", "e-nu-e-e", "--min-pair-mass", "-5MeV"]) == 2
    assert cli.main(["four-lepton", "e-nu-e-e", "--unweighted", "5"]) == 2  # needs an output file
    assert len(capsys.readouterr().err.strip().splitlines()) == 3
