"""Every malformed command line gets a clean answer: exit 2, exactly one line on stderr, no traceback, and no file
created or changed (issue reproducers included). Runs in-process, so an unexpected exception fails the test."""

import os

import pytest

from kaonlib.presentation import cli

EXISTING = "existing.csv"  # present in the working folder with known content; no failing command may touch it
OLD = "old,content\n"

MALFORMED = [
    # model, mass, coupling
    ["br", "axion", "--mass", "0.1"],
    ["br", "vector", "--mass", "0.5GeV"],
    ["br", "vector", "--mass", "0.1", "--coupling", "-1"],
    ["br", "vector", "--mass", "0.1", "--coupling", "1e155"],
    ["br", "vector", "--mass", "0.1", "--coupling", "nan"],
    ["br", "vector", "--mass", "0.1", "--coupling", "inf"],
    ["br", "vector", "--mass", "100 MeVs"],
    ["br", "vector", "--mass", "1e400"],
    ["br", "vector", "--mass", "nan"],
    ["br", "vector", "--mass", "0"],
    ["br", "vector", "--mass", "-0.1"],
    ["br", "scalar", "--mass", "1e-40"],
    ["br", "scalar", "--mass", "0.1", "--lepton", "e"],
    ["br", "scalar", "--mass", "0.1", "--lepton", "tau"],
    ["br", "vector"],
    ["br"],
    ["br", "vector", "--mass", "0.1", "--bogus"],
    ["br", "vector", "--mass", "0.1", "--out", "no/such/folder/x.json"],
    ["spectrum", "vector", "--mass", "0.1", "--points", "1", "--out", EXISTING],
    ["spectrum", "vector", "--mass", "0.1", "--points", "10000000", "--out", EXISTING],
    ["spectrum", "vector", "--mass", "0.1", "--points", "ten", "--out", EXISTING],
    ["spectrum", "vector", "--mass", "0.5", "--out", EXISTING],
    ["spectrum", "vector", "--mass", "0.1"],
    ["spectrum", "lmu_minus_le", "--mass", "0.45", "--out", EXISTING],
    ["decays", "vector", "--mass", "-1"],
    ["decays", "vector", "--mass", "1e-300"],
    ["decays", "vector", "--mass", "0.1", "--coupling", "1e-160", "--json"],
    ["decays", "vector", "--mass", "0.1", "--coupling", "0"],
    ["decays", "vector", "--mass", "0.1", "--energy", "0.01"],
    ["decays", "vector", "--mass", "0.1", "--distance", "-5"],
    ["decays", "vector", "--mass", "0.1", "--distance", "nan"],
    ["decays", "vector", "--mass", "0.3", "--dm-kind", "dirac"],
    ["decays", "vector", "--mass", "0.3", "--dm-mass", "0.01"],
    ["decays", "vector", "--mass", "0.3", "--dm-kind", "wimp", "--dm-mass", "0.01"],
    ["decays", "vector", "--mass", "0.3", "--dm-kind", "dirac", "--dm-mass", "-0.01"],
    ["decays", "vector", "--mass", "0.3", "--dm-kind", "dirac", "--dm-mass", "0.01", "--dm-charge", "inf"],
    ["decays", "scalar", "--mass", "0.3", "--dm-kind", "dirac", "--dm-mass", "0.01"],
    ["decays", "vector", "--mass", "0.3", "--invisible-width", "-1e-9"],
    ["decays", "vector", "--mass", "0.3", "--invisible-width", "1TeV"],
    ["gm2", "vector", "--mass", "1e-200"],
    ["gm2", "vector", "--mass", "0.1", "--coupling", "nan", "--json"],
    ["gm2", "vector", "--mass", "0.1", "--coupling", "-0.1"],
    ["gm2", "vector", "--mass", "0.1", "--coupling", "inf"],
    ["gm2", "vector", "--mass", "0.1", "--era", "1999"],
    ["gm2", "vector", "--mass", "1e7"],
    ["reach", "vector", "--points", "2", "--kappa", "1e300", "--out", "r.csv"],
    ["reach", "vector", "--points", "2", "--kappa", "1.7e308", "--out", "r.csv"],
    ["reach", "vector", "--points", "2", "--kaons", "1e300", "--out", "r.csv"],
    ["reach", "vector", "--points", "2", "--kaons", "1e-310", "--out", "r.csv"],
    ["reach", "vector", "--points", "2", "--kaons", "0", "--out", "r.csv"],
    ["reach", "vector", "--points", "0", "--out", "r.csv"],
    ["reach", "vector", "--points", "10000000", "--out", "r.csv"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--plot", "r.xyz"],
    ["reach", "vector", "--points", "2", "--out", "r.txt"],
    ["reach", "vector", "--points", "2"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--background-kaons", "-5"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--background-kaons", "5"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--background", "missing.csv"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--background", "bad.yaml", "--background-kaons", "1e8"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--background", "tagged.yaml", "--background-kaons", "1e8"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--background", "nested.yaml", "--background-kaons", "1e8"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--background", "short_row.csv"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--background", "bad.yaml"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--overlay", "short_row.csv"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--overlay", "missing.csv"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--gtk-factor", "2"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--era", "1999"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--min-mass", "0.5"],
    ["reach", "vector", "--points", "2", "--out", "r.csv", "--events", "5000"],
    ["reach", "vector", "--search", "dimuon", "--points", "2", "--out", "r.csv", "--kappa", "-1"],
    ["reach", "vector", "--search", "dimuon", "--points", "2", "--out", "r.csv", "--background", "missing.csv"],
    ["reach", "vector", "--search", "dimuon", "--points", "2", "--out", "r.csv", "--events", "10"],
    ["reach", "vector", "--search", "dimuon", "--points", "2", "--out", "r.csv", "--events", "10000000000"],
    ["reach", "vector", "--search", "dimuon", "--points", "2", "--out", "r.csv", "--form-factor-r", "nan"],
    ["reach", "vector", "--search", "dimuon", "--points", "2", "--out", "r.csv", "--form-factor-r", "1e300"],
    ["reach", "vector", "--search", "dimuon", "--points", "2", "--out", "r.csv", "--resolution-slope", "-1"],
    ["reach", "vector", "--search", "visible", "--out", "r.csv"],
    ["figures"],
    ["figures", "--outdir", "figs", "--format", "gif"],
    ["k3munu", "--events", "10"],
    ["k3munu", "--events", "10000000000"],
    ["k3munu", "--kaons", "inf"],
    ["k3munu", "--kaons", "-1"],
    ["k3munu", "--acceptance", "2"],
    ["k3munu", "--test-mass", "1TeV", "--events", "2000"],
    ["k3munu", "--form-factor-r", "1e300"],
    ["k3munu", "--unweighted", "5", "--events", "2000"],
    ["k3munu", "--form-factors", "magic"],
    ["four-lepton", "e-nu-e-e", "--min-pair-mass", "380MeV", "--events", "2000", "--unweighted", "5",
     "--events-out", "x.csv"],  # no event passes: nothing to unweight (used to loop forever)
    ["four-lepton", "e-nu-e-e", "--min-pair-mass", "nan"],
    ["dark", "--json", "--g-over-lambda", "nan"],
    ["dark", "--json", "--g-over-lambda=-1e-6"],
    ["dark", "--json", "--phase", "nan"],
    ["dark", "--json", "--phase", "inf"],
    ["dark", "--json", "--alpha-d", "-1"],
    ["dark", "--json", "--m-q", "0"],
    ["dark", "--json", "--m-q", "2GeV"],
    ["dark", "--json", "--era", "1999"],
    ["dark", "--scan"],
    ["dark", "--json", "--plot", "d.xyz"],
    ["dark", "--min-dipole-scale", "-1"],
    [],
    ["nonsense"],
]

BAD_FILES = {
    "bad.yaml": "a: [\n",
    "tagged.yaml": "!!python/object/apply:os.system ['echo hacked']\n",
    "nested.yaml": "[" * 100_000 + "\n",
    "short_row.csv": "# kaons: 1e8\nm2_low_GeV2,m2_high_GeV2,events\n0,0.05\n",
}


def test_there_are_at_least_80_and_every_command_is_covered():
    assert len(MALFORMED) >= 80
    commands = {args[0] for args in MALFORMED if args}
    assert {"br", "spectrum", "decays", "gm2", "reach", "figures", "k3munu", "dark"} <= commands


@pytest.mark.parametrize("args", MALFORMED, ids=[" ".join(a) or "empty" for a in MALFORMED])
def test_malformed_command_exits_2_with_one_line_and_touches_no_file(args, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / EXISTING).write_text(OLD)
    for name, text in BAD_FILES.items():
        (tmp_path / name).write_text(text)
    before = sorted(os.listdir(tmp_path))
    code = cli.main(args)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kaonlib: error: "), err
    assert "Traceback" not in err and out == ""
    assert sorted(os.listdir(tmp_path)) == before and (tmp_path / EXISTING).read_text() == OLD
