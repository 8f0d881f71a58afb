"""NA62 di-muon resonance reach (KMRT App. C2): resolution, window counting, the 2 sigma condition, CLI."""


import json
import math

import numpy as np
import pytest

from kaonlib import cli, dimuon, k3munu, mediators, rates
from kaonlib.inputs import M_MU
from kaonlib.output import read_csv

SEARCH = dimuon.DimuonSearch(events=100_000)


@pytest.fixture(scope="module")
def sample():
    return SEARCH.background_sample()


def test_resolution_follows_eq_c3():
    """dp/p = 0.3 % (+) 0.005 %/GeV x 20 GeV = 0.316 %; delta_m/m = dp/p/sqrt2; the printed Eq. (C.4) reading
    (0.005 per GeV) gives 10.0 % and 7.07 %."""
    assert SEARCH.momentum_resolution() == pytest.approx(math.sqrt(0.003**2 + 0.001**2))
    assert SEARCH.mass_resolution(0.3) == pytest.approx(0.3 * math.sqrt(0.003**2 + 0.001**2) / math.sqrt(2))
    literal = dimuon.DimuonSearch(resolution_slope=0.005)
    assert literal.mass_resolution(1.0) == pytest.approx(math.hypot(0.003, 0.1) / math.sqrt(2))


def test_reach_point_is_two_sigma_by_hand(sample):
    """Recompute S and B from their definitions: S(g) with the published ingredients, B from the sample's
    window, and Lambda(S, B) = 4 (close to S = 2 sqrt(B) when S << B)."""
    m = 0.28
    row = dimuon.reach_point("vector", m, SEARCH, sample)
    half = 2 * SEARCH.mass_resolution(m)
    inside = np.min(np.abs(k3munu.pair_masses(sample.momenta) - m), axis=1) <= half
    background = 1e13 * 0.05 * np.sum(sample.weights[inside]) / sample.size
    fraction = mediators.branching_ratios(mediators.partial_widths("vector", m, 1.0))["mu mu"]
    signal = 1e13 * 0.05 * rates.branching_ratio("vector", m, row["coupling"]) * fraction * math.erf(math.sqrt(2))
    assert row["background_events"] == pytest.approx(background, rel=1e-12)
    assert row["signal_events"] == pytest.approx(signal, rel=1e-9)
    assert 2 * (signal - background * math.log1p(signal / background)) == pytest.approx(4.0, rel=1e-9)
    assert 2.0 < signal / math.sqrt(background) < 2.5


def test_reach_scales_as_kaons_to_the_minus_quarter_when_background_dominated(sample):
    """S = 2 sqrt(B) with S ~ N_K g^2 and B ~ N_K gives g ~ N_K^(-1/4) once B >> S (here 1e15 vs 1e17 K)."""
    rows = [dimuon.reach_point("scalar", 0.25, dimuon.DimuonSearch(kaons=n, events=100_000), sample) for n in (1e15, 1e17)]
    assert rows[0]["coupling"] / rows[1]["coupling"] == pytest.approx(100**0.25, rel=0.02)


def test_masses_outside_the_di_muon_range_are_refused(sample):
    with pytest.raises(ValueError, match="di-muon search needs"):
        dimuon.reach_point("vector", 2 * M_MU - 0.01, SEARCH, sample)
    with pytest.raises(ValueError):
        dimuon.DimuonSearch(acceptance=1.5)
    with pytest.raises(ValueError):
        dimuon.DimuonSearch(resolution_slope=-1)


def test_cli_dimuon_reach_and_plot(tmp_path):
    out, plot = tmp_path / "reach.csv", tmp_path / "reach.png"
    code = cli.main(["reach", "scalar", "--search", "dimuon", "--points", "5", "--events", "50000",
                     "--out", str(out), "--plot", str(plot)])
    assert code == 0 and plot.stat().st_size > 0
    rows = read_csv(out)
    assert len(rows) == 5 and all(math.isfinite(float(r["alpha"])) and float(r["alpha"]) > 0 for r in rows)
    assert list(rows[0]) == list(dimuon.COLUMNS)


def test_cli_k3munu_outputs(tmp_path, capsys):
    spectrum, events = tmp_path / "spectrum.csv", tmp_path / "events.csv"
    code = cli.main(["k3munu", "--events", "20000", "--json", "--spectrum", str(spectrum), "--unweighted", "50",
                     "--events-out", str(events), "--kaons", "1e11"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["expected_events"] == pytest.approx(1e11 * 0.05 * result["branching_ratio"])
    assert 0 < result["branching_ratio_mc_error"] < 0.05 * result["branching_ratio"]
    assert len(read_csv(spectrum)) == 100
    assert np.array([[float(v) for v in row.values()] for row in read_csv(events)]).shape == (50, 16)
    assert cli.main(["k3munu", "--unweighted", "5"]) == 2  # needs --events-out
