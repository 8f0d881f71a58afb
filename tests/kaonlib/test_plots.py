"""Plot functions: they write files, and the curves they draw carry the right data (no pixel baselines)."""

import math

import matplotlib.pyplot as plt
import pytest

from kaonlib.mediator import gminus2
from kaonlib.presentation import plots
from kaonlib.searches.reach import invisible_reach


@pytest.fixture
def captured(monkeypatch):
    """Keep the last figure's axes instead of closing it."""
    figures = []
    monkeypatch.setattr(plots.plt, "close", lambda fig: figures.append(fig))
    return figures


def test_reach_plot_data_and_labels(tmp_path, captured):
    rows = invisible_reach("vector", [0.01, 0.1, 0.3])
    plots.plot_reach("vector", rows, tmp_path / "reach.png", era="2021")
    ax = captured[-1].axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert "MeV" in ax.get_xlabel() and "alpha" in ax.get_ylabel()
    likelihood = ax.get_lines()[0]
    assert list(likelihood.get_xdata()) == pytest.approx([10.0, 100.0, 300.0])
    assert list(likelihood.get_ydata()) == pytest.approx([r["alpha_likelihood"] for r in rows])
    band = ax.collections[0].get_paths()[0].vertices  # the (g-2) band polygon
    highest = max(gminus2.coupling_band("vector", m, "2021")[1] for m in (0.01, 0.1, 0.3))
    assert band[:, 1].max() == pytest.approx(highest**2 / (4 * math.pi), rel=1e-12)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("(g-2)" in t for t in labels) and any("likelihood" in t for t in labels)
    assert (tmp_path / "reach.png").stat().st_size > 10_000


def test_overlay_loader(tmp_path):
    path = tmp_path / "babar.csv"
    path.write_text("mass_GeV,alpha\n0.2,1e-6\n0.3,2e-6\n")
    label, masses, alphas = plots.load_overlay(path)
    assert label == "babar" and list(alphas) == [1e-6, 2e-6]
    bad = tmp_path / "bad.csv"
    bad.write_text("m,g\n1,2\n")
    with pytest.raises(ValueError, match="mass_GeV"):
        plots.load_overlay(bad)


def test_other_figures_are_written(tmp_path, captured):
    plots.plot_branching_ratios(tmp_path / "br.pdf", masses=[0.01, 0.1])
    plots.plot_spectra(tmp_path / "spectra.png", masses=(0.1,))
    assert (tmp_path / "br.pdf").stat().st_size > 1000 and (tmp_path / "spectra.png").stat().st_size > 10_000
    spectra_axes = captured[-1].axes[0]
    assert spectra_axes.get_yscale() == "log" and "GeV" in spectra_axes.get_xlabel()
    plt.close("all")
