"""Plot functions: they write files, and the curves they draw carry the right data (no pixel baselines)."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

from kaonlib.inputs import M_K, M_MU
from kaonlib.mediator import gminus2
from kaonlib.presentation import plots, plots_kmrt
from kaonlib.processes import rates
from kaonlib.searches.reach import invisible_reach


@pytest.fixture
def captured(monkeypatch):
    """Keep the last figure's axes instead of closing it."""
    figures, close = [], plt.close
    monkeypatch.setattr(plots.plt, "close", lambda fig: figures.append(fig))
    yield figures
    for fig in figures:
        close(fig)


def test_reach_plot_data_and_labels(tmp_path, captured):
    rows = invisible_reach("vector", [0.01, 0.1, 0.3])
    plots.plot_reach("vector", rows, [tmp_path / "reach.png", tmp_path / "reach.pdf"], era="2021")
    ax = captured[-1].axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert "MeV" in ax.get_xlabel() and "alpha" in ax.get_ylabel()
    likelihood = ax.get_lines()[0]
    assert list(likelihood.get_xdata()) == pytest.approx([10.0, 100.0, 300.0])
    assert list(likelihood.get_ydata()) == pytest.approx([r["alpha_likelihood"] for r in rows])
    band = ax.collections[0].get_paths()[0].vertices  # the (g-2) band polygon, drawn from 1 MeV to m_K - m_mu
    highest = gminus2.coupling_band("vector", M_K - M_MU, "2021")[1]
    assert band[:, 1].max() == pytest.approx(highest**2 / (4 * math.pi), rel=1e-12)
    assert ax.get_xlim() == pytest.approx((1.0, (M_K - M_MU) * 1e3))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("(g-2)" in t for t in labels) and any("likelihood" in t for t in labels)
    assert (tmp_path / "reach.png").stat().st_size > 10_000
    assert (tmp_path / "reach.pdf").read_bytes()[:5] == b"%PDF-"


def test_overlay_loader(tmp_path):
    path = tmp_path / "babar.csv"
    path.write_text("mass_GeV,alpha\n0.2,1e-6\n0.3,2e-6\n")
    label, masses, alphas = plots.load_overlay(path)
    assert label == "babar" and list(alphas) == [1e-6, 2e-6]
    bad = tmp_path / "bad.csv"
    bad.write_text("m,g\n1,2\n")
    with pytest.raises(ValueError, match="mass_GeV"):
        plots.load_overlay(bad)


def test_spectra_show_a_density_without_a_step_in_the_short_last_bin(tmp_path, captured):
    drawn = plots_kmrt.plot_spectra(tmp_path / "spectra.png", masses=(0.1,))
    assert (tmp_path / "spectra.png").stat().st_size > 10_000
    background = drawn.curves[0]
    edges, values = background.x, background.y
    assert edges[-1] - edges[-2] < 4e-3  # the last bin ends at (m_K - m_mu)^2
    # a falling density: the shorter last bin, scaled to 4e-3 GeV^2, continues the trend (no spike, no dip)
    assert values[-3] > values[-2] > values[-1] > 0.5 * values[-2]
    assert captured[-1].axes[0].get_yscale() == "log"


def test_branching_ratio_figure_has_the_di_muon_zoom(tmp_path, captured):
    masses = [0.01, 0.1, 0.25, 0.35]
    drawn = plots_kmrt.plot_branching_ratios(tmp_path / "br.pdf", masses=masses)
    main = captured[-1].axes[0]
    inset = main.child_axes[0]  # the zoom
    assert inset.get_xlim() == pytest.approx((2 * M_MU * 1e3, (M_K - M_MU) * 1e3))
    assert [line.get_color() for line in main.get_lines()] == ["tab:red", "black"]  # KMRT: vector red, scalar black
    vector = next(c for c in drawn.curves if c.label.startswith("vector"))
    assert vector.y[2] == pytest.approx(rates.branching_ratio("vector", 0.25, 1.0), rel=1e-12)
    assert np.array_equal(inset.get_lines()[0].get_xdata(), [250.0, 350.0])


def test_bounds_overlay_keeps_the_bounds_of_the_decay_scenario(tmp_path, captured):
    """All bounds by default; with decays=("any", "invisible") (an invisibly decaying V) BABAR's 4 mu (visible) and
    the H0 band (V -> nu nu) are left out, by their files' decays field, not by their labels."""
    rows = invisible_reach("vector", [0.01, 0.1])
    drawn = plots.plot_reach("vector", rows, tmp_path / "all.png", bounds=True)
    labels = [c.label for c in drawn.curves]
    assert any("H_0" in label for label in labels) and any("BABAR" in label for label in labels)
    assert "BBN" not in labels  # BBN: m_V < 1 MeV, off these axes
    with_bbn = plots.plot_reach("vector", invisible_reach("vector", [5e-4, 0.1]), tmp_path / "bbn.png", bounds=True)
    assert "BBN" in [c.label for c in with_bbn.curves]
    kept = plots.plot_reach("vector", rows, tmp_path / "some.png", bounds=True, decays=("any", "invisible"))
    assert [c.label for c in kept.curves] == [label for label in labels if "H_0" not in label and "BABAR" not in label]
