"""The data beside the figures: what is drawn is what is written (CSV and HEPData), and `kaonlib figures`
writes every figure with its data."""

import tarfile

import matplotlib  # noqa: E402
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import yaml  # noqa: E402

from kaonlib.presentation import cli, figure_data  # noqa: E402
from kaonlib.presentation.output import read_csv  # noqa: E402


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


PAPER_FIGURES = ("kmrt_fig1_left", "kmrt_fig1_right", "kmrt_fig2_left", "kmrt_fig2_right", "kmrt_fig4",
                 "kmrt_fig5_left", "kmrt_fig5_right", "fg_fig1", "fg_fig3", "fg_fig4")


def test_figures_command_lists_every_paper_figure():
    from kaonlib.presentation.cli import figures

    args = cli.build_parser().parse_args(["figures", "--outdir", "x"])
    assert args.format == ("pdf", "png")
    names = [name for name, _ in figures.jobs(args, None)]
    assert names[:len(PAPER_FIGURES)] == list(PAPER_FIGURES)
    assert {f"reach_{m}" for m in ("pseudoscalar", "axial_vector", "lmu_minus_le")} <= set(names)
    assert figures.formats(" PNG, svg,png ") == ("png", "svg")


@pytest.mark.slow
def test_figures_command_writes_every_figure_with_its_data(tmp_path, capsys):
    """About 1.5 minutes: every figure at low resolution (3 masses per reach, 2 thermal-target masses)."""
    assert cli.main(["figures", "--outdir", str(tmp_path), "--quiet", "--points", "3", "--dm-points", "2"]) == 0
    printed = capsys.readouterr().out
    for stem in PAPER_FIGURES:
        for suffix in ("png", "pdf"):
            assert (tmp_path / f"{stem}.{suffix}").stat().st_size > 10_000
            assert f"{stem}.{suffix}" in printed
        assert (tmp_path / f"{stem}.pdf").read_bytes()[:5] == b"%PDF-"
        rows = read_csv(tmp_path / f"{stem}.csv")
        assert len(rows) > 2 and all(r["curve"] for r in rows)
        assert (tmp_path / f"{stem}.hepdata" / "submission.tar.gz").exists()
        assert f"{stem}.hepdata/" in printed
    thermal = {r["curve"] for r in read_csv(tmp_path / "kmrt_fig1_right.csv")}
    assert {f"thermal target, {kind} $\\chi$" for kind in ("complex scalar", "majorana", "dirac")} <= thermal
    with open(tmp_path / "kmrt_fig1_left.csv") as stream:
        metadata = stream.read().split("\ncurve,")[0]
    assert '"acceptance": 0.35' in metadata and '"kaons": 10000000000000.0' in metadata and '"kappa": 0.0' in metadata
