"""Statistics, the NA62 invisible search model and the reach (KMRT Sec. IV A and App. C1)."""

import math

import numpy as np
import pytest
from scipy import integrate

from kaonlib import rates, statistics
from kaonlib.background import Histogram, load_csv, load_hepdata, na62_2015
from kaonlib.na62 import InvisibleSearch
from kaonlib.reach import invisible_reach, reach_point, signal_per_unit_coupling


@pytest.mark.parametrize("s,b", [(0.5, 0.1), (3.0, 2.0), (10.0, 1000.0)])
def test_single_bin_asimov_formulas(s, b):
    """Footnote 3 of KMRT with D = B (exclusion) and with D = S + B (discovery), written out."""
    exclusion = -2 * ((b * math.log(s + b) - (s + b)) - (b * math.log(b) - b))
    discovery = 2 * ((s + b) * math.log(1 + s / b) - s)
    assert statistics.log_likelihood_ratio([s], [b]) == pytest.approx(exclusion, rel=1e-12)
    assert statistics.log_likelihood_ratio([s], [b], data="signal+background") == pytest.approx(discovery, rel=1e-12)


@pytest.mark.parametrize("data", ["background", "signal+background"])
def test_two_sigma_signal_tends_to_two_sqrt_b(data):
    for b in (1e4, 1e6, 1e8):
        s = statistics.signal_scale_at([1.0], [b], data=data)
        assert s == pytest.approx(2 * math.sqrt(b), rel=2 / math.sqrt(b))


def test_kappa_min_reproduces_kmrt_c2():
    """KMRT (C.2): kappa_min ~ 1/sqrt(B) = 4e-2 (1e8 K, 652 events above 0.05 GeV^2, no GTK) and 2.5e-4
    (1e13 K, 1.6e7 events with the GTK factor), from the default background model."""
    present = InvisibleSearch(kaons=1e8, gtk_factor=1.0)
    future = InvisibleSearch()
    b_present, b_future = present.background_above(0.05), future.background_above(0.05)
    assert b_present == pytest.approx(652, rel=1e-3)
    assert b_future == pytest.approx(1.6e7, rel=0.03)
    assert statistics.kappa_min(b_present) == pytest.approx(4e-2, rel=0.05)
    assert statistics.kappa_min(b_future) == pytest.approx(2.5e-4, rel=0.05)


def test_default_background_matches_published_integrals():
    h = na62_2015()
    assert h.cumulative(1.0) * 1e8 == pytest.approx(2.4e7, rel=1e-9)
    assert (h.cumulative(1.0) - h.cumulative(0.023)) * 1e8 == pytest.approx(5.6e3, rel=1e-9)
    assert (h.cumulative(1.0) - h.cumulative(0.05)) * 1e8 == pytest.approx(652, rel=1e-9)
    assert np.all(np.diff(h.per_kaon[40:-1]) <= 0)  # falling beyond the K_mu2 peak (last bin: overflow)


@pytest.mark.parametrize("model", ["vector", "scalar"])
def test_signal_bins_add_up_to_the_branching_ratio(model):
    search = InvisibleSearch()
    signal = signal_per_unit_coupling(model, 0.05, search, search.edges)
    expected = search.kaons * search.acceptance * rates.branching_ratio(model, 0.05, 1.0)
    assert signal.sum() == pytest.approx(expected, rel=1e-10)


def test_reach_point_by_hand():
    """Recompute the cut-and-count point with branching_ratio and the spectrum, independently of reach."""
    search = InvisibleSearch()
    row = reach_point("vector", 0.1, search, kappa=1e-3)
    g = row["coupling_cut_count"]
    cut = row["m2_cut_GeV2"]
    br_above, _ = integrate.quad(lambda m2: rates.spectrum("vector", 0.1, m2, g), cut, search.edges[-1],
                                 epsabs=0, epsrel=1e-10, limit=200)
    signal = search.kaons * search.acceptance * br_above
    b = search.background_above(cut)
    assert signal / math.sqrt(b + (1e-3 * b) ** 2) == pytest.approx(2.0, rel=1e-6)
    # likelihood reach: total signal at the reach equals N_K A BR(g)
    g_l = row["coupling_likelihood"]
    assert row["signal_likelihood_events"] == pytest.approx(
        search.kaons * search.acceptance * rates.branching_ratio("vector", 0.1, g_l), rel=1e-10)


def test_reach_scales_as_kaons_to_the_minus_quarter_when_statistics_dominate():
    masses = [0.01, 0.2]
    base = invisible_reach("scalar", masses, InvisibleSearch(kaons=1e13))
    more = invisible_reach("scalar", masses, InvisibleSearch(kaons=1.6e14))
    for a, b in zip(base, more):
        assert b["coupling_likelihood"] / a["coupling_likelihood"] == pytest.approx(16 ** -0.25, rel=1e-3)
        assert b["coupling_cut_count"] / a["coupling_cut_count"] == pytest.approx(16 ** -0.25, rel=1e-3)


def test_systematics_weaken_the_cut_and_count_reach():
    stat = reach_point("vector", 0.05, InvisibleSearch(), kappa=0.0)
    sys = reach_point("vector", 0.05, InvisibleSearch(), kappa=1e-2)
    assert sys["coupling_cut_count"] > 1.5 * stat["coupling_cut_count"]


def test_reach_solves_lambda_equals_four():
    """At the returned g^2 the Asimov Lambda, written out here from footnote 3, is 4."""
    search = InvisibleSearch()
    background = search.background_events()
    signal = signal_per_unit_coupling("scalar", 0.02, search, search.edges)
    g2 = statistics.signal_scale_at(signal, background)
    s = g2 * signal
    assert 2 * np.sum(s - background * np.log1p(s / background)) == pytest.approx(4.0, rel=1e-9)


def test_likelihood_agrees_with_pyhf():
    """pyhf's t_mu on the same histogram, with the signal scaled so that mu = 1 is our 2 sigma reach."""
    import pyhf  # a test dependency (the dev extra)

    search = InvisibleSearch(kaons=1e11)
    background = search.background_events()
    signal = signal_per_unit_coupling("vector", 0.05, search, search.edges)
    keep = background > 0
    g2 = statistics.signal_scale_at(signal[keep], background[keep])
    spec = {"channels": [{"name": "mmiss2", "samples": [
        {"name": "signal", "data": (g2 * signal[keep]).tolist(),
         "modifiers": [{"name": "mu", "type": "normfactor", "data": None}]},
        {"name": "background", "data": background[keep].tolist(), "modifiers": []},
    ]}]}
    model = pyhf.Model(spec, poi_name="mu")
    data = background[keep].tolist() + model.config.auxdata
    bounds = model.config.suggested_bounds()
    bounds[model.config.poi_index] = (0.0, 10.0)
    pyhf_lambda = float(pyhf.infer.test_statistics.tmu(1.0, data, model, model.config.suggested_init(), bounds,
                                                       model.config.suggested_fixed()))
    assert pyhf_lambda == pytest.approx(4.0, rel=0.01)


def test_background_loaders(tmp_path):
    csv_file = tmp_path / "bkg.csv"
    csv_file.write_text("# kaons: 1e8\nm2_low_GeV2,m2_high_GeV2,events\n0,0.05,100\n0.05,0.1,10\n0.1,0.16,1\n")
    h = load_csv(csv_file)
    assert h.per_kaon.sum() == pytest.approx(111e-8)
    yaml_file = tmp_path / "table.yaml"
    yaml_file.write_text(
        "independent_variables:\n- header: {name: m2miss, units: GeV2}\n  values:\n"
        "  - {low: 0.0, high: 0.05}\n  - {low: 0.05, high: 0.1}\n"
        "dependent_variables:\n- header: {name: events}\n  values:\n  - {value: 100}\n  - {value: 10}\n")
    assert load_hepdata(yaml_file, kaons=1e8).per_kaon.sum() == pytest.approx(110e-8)


@pytest.mark.parametrize("text,message", [
    ("# kaons: 1e8\nm2_low_GeV2,m2_high_GeV2,events\n0,0.05,-1\n", "non-negative"),
    ("# kaons: 1e8\nm2_low_GeV2,m2_high_GeV2,events\n0.05,0.1,1\n0.1,0.05,1\n", "strictly increasing"),
    ("# kaons: 1e8\nm2_low_GeV2,m2_high_GeV2,events\n0,0.05,1\n0.06,0.1,1\n", "contiguous"),
    ("# kaons: 1e8\nlow,high,events\n0,0.05,1\n", "missing columns"),
    ("m2_low_GeV2,m2_high_GeV2,events\n0,0.05,1\n", "# kaons"),
])
def test_bad_background_files(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        load_csv(path)


def test_bad_search_inputs():
    with pytest.raises(ValueError, match="kaons"):
        InvisibleSearch(kaons=0)
    with pytest.raises(ValueError, match="kappa"):
        invisible_reach("vector", [0.1], kappa=-1.0)
    with pytest.raises(ValueError, match="strictly increasing"):
        Histogram([0.0, 0.1, 0.05], [1.0, 1.0])


def test_binning_has_no_sliver_bins():
    top = InvisibleSearch().edges[-1]
    for n in (19, 31, 38, 62, 100):
        edges = InvisibleSearch(bin_width=top / n).edges
        assert edges.size == n + 1 and np.min(np.diff(edges)) > 0.5 * top / n


def test_background_must_cover_the_search_range():
    short = Histogram([0.0, 0.05, 0.14], [1e-6, 1e-8])
    with pytest.raises(ValueError, match="covers"):
        InvisibleSearch(background=short)


def test_cut_and_count_ignores_cuts_without_background():
    top = InvisibleSearch().edges[-1]
    empty_tail = Histogram([0.0, 0.05, 0.1, top], [1e-3, 1e-7, 0.0])
    row = reach_point("vector", 0.05, InvisibleSearch(background=empty_tail))
    assert row["coupling_cut_count"] > 0 and row["background_cut_count_events"] > 0


def test_nan_inputs_raise():
    with pytest.raises(ValueError, match="no NaN"):
        statistics.log_likelihood_ratio([1.0], [float("nan")])
    with pytest.raises(ValueError, match="background"):
        statistics.kappa_min(0.0)
    with pytest.raises(ValueError, match="min_cut"):
        InvisibleSearch(min_cut=float("nan"))


def test_default_background_has_no_spike_at_the_end_point():
    """The exponential ends at the kinematic end point (its integrals are checked above): the last fine bin
    continues the falling density instead of collecting the tail beyond the end point."""
    from kaonlib.background import na62_2015

    histogram = na62_2015()
    density = histogram.per_kaon / np.diff(histogram.edges)
    assert 0 < density[-1] < density[-2] < density[-3]
