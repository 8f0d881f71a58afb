"""The data beside the figures: what is drawn is what is written (CSV and HEPData), and `kaonlib figures`
writes every figure with its data."""

import tarfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import yaml  # noqa: E402

from kaonlib import cli, figure_data  # noqa: E402
from kaonlib.output import read_csv  # noqa: E402


def test_recorded_curves_are_written_as_drawn(tmp_path):
    fig, raw = plt.subplots()
    ax = figure_data.RecordingAxes(raw)
    ax.plot([1.0, 2.0, 3.0], [4.0, 5.0, np.inf], label="line")
    ax.fill_between([1.0, 2.0], [0.1, 0.2], 1.0, label="band")
    ax.stairs([7.0, 8.0], [0.0, 1.0, 2.0], label="histogram")
    plt.close(fig)
    assert [c.label for c in ax.curves] == ["line", "band", "histogram"] and ax.curves[2].binned
    figure_data.write_csv(tmp_path / "f.csv", ax.curves, "x [GeV]", "y", {"n": 1})
    rows = read_csv(tmp_path / "f.csv")
    assert [r["curve"] for r in rows] == ["line"] * 3 + ["band"] * 2 + ["histogram"] * 2
    assert rows[2]["y"] == "" and rows[3]["y_high"] == "1" and rows[5]["x_high"] == "1"
    figure_data.write_hepdata(tmp_path / "f.hepdata", "test figure", ax.curves, "x [GeV]", "y", {"n": 1})
    with tarfile.open(tmp_path / "f.hepdata" / "submission.tar.gz") as archive:
        names = archive.getnames()
    assert "submission.yaml" in names and len(names) == 4
    tables = sorted((tmp_path / "f.hepdata").glob("*.yaml"))
    line = yaml.safe_load(next(p for p in tables if "line" in p.name).read_text())
    values = [v["value"] for v in line["dependent_variables"][0]["values"]]
    assert values == [4.0, 5.0]  # the undefined point is left out


def test_figures_command_writes_every_figure_with_its_data(tmp_path, capsys):
    assert cli.main(["figures", "--outdir", str(tmp_path), "--quiet"]) == 0
    printed = capsys.readouterr().out
    for stem in ("reach_vector", "reach_scalar", "branching_ratios", "spectra_vector", "cut_and_count_vector"):
        assert (tmp_path / f"{stem}.png").stat().st_size > 10_000
        assert len(read_csv(tmp_path / f"{stem}.csv")) > 10
        assert (tmp_path / f"{stem}.hepdata" / "submission.tar.gz").exists()
        assert f"{stem}.png" in printed
