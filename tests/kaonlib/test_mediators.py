"""Mediator decays and (g-2)_mu: thresholds, limits, and the source paper's numbers."""

import math

import pytest

from kaonlib.inputs import G_MINUS_2, M_MU
from kaonlib.mediator import decays, gminus2


def test_vector_muon_channel_opens_at_threshold():
    below = decays.partial_widths("vector", 2 * M_MU * (1 - 1e-9), 1e-3)
    above = decays.partial_widths("vector", 2 * M_MU * 1.01, 1e-3)
    assert below["mu mu"] == 0 and above["mu mu"] > 0
    # far above threshold V -> mu mu = 2 x V -> nu nu (Dirac vs left-handed), KMRT Eq. (2)
    heavy = decays.partial_widths("vector", 2e3, 1e-3)
    assert heavy["mu mu"] == pytest.approx(2 * heavy["nu_mu nu_mu"], rel=1e-6)


def test_scalar_diphoton_dominates_below_the_muon_threshold():
    below = decays.branching_ratios(decays.partial_widths("scalar", 0.15, 1e-3))
    above = decays.branching_ratios(decays.partial_widths("scalar", 0.3, 1e-3))
    assert below["gamma gamma"] == 1.0 and below["mu mu"] == 0.0
    assert above["mu mu"] > 0.99


@pytest.mark.parametrize("model,kwargs", [
    ("vector", {}),
    ("vector", {"dark_matter": decays.DarkMatter("majorana", 0.01, 3.0)}),
    ("scalar", {"invisible_width": 1e-15}),
    ("vector_muon_only", {}),
])
def test_branching_ratios_sum_to_one(model, kwargs):
    brs = decays.branching_ratios(decays.partial_widths(model, 0.3, 1e-3, **kwargs))
    assert sum(brs.values()) == pytest.approx(1.0, rel=1e-14)


def test_dark_matter_channels():
    """Light-chi limits: complex scalar : Majorana : Dirac = 1 : 2 : 4 (g_chi^2 m_V/48pi, /24pi, /12pi)."""
    widths = {kind: decays.partial_widths("vector", 0.1, 1e-3, decays.DarkMatter(kind, 1e-9, 2.0))["chi chi"]
              for kind in decays.DARK_MATTER_KINDS}
    unit = (2.0 * 1e-3) ** 2 * 0.1 / (48 * math.pi)
    assert widths["complex_scalar"] == pytest.approx(unit, rel=1e-12)
    assert widths["majorana"] == pytest.approx(2 * unit, rel=1e-12)
    assert widths["dirac"] == pytest.approx(4 * unit, rel=1e-12)
    closed = decays.partial_widths("vector", 0.1, 1e-3, decays.DarkMatter("dirac", 0.06, 1.0))
    assert closed["chi chi"] == 0.0


def test_diphoton_amplitude_limits_and_continuity():
    assert decays.diphoton_amplitude(1e-3) == pytest.approx(4 / 3 + 14e-3 / 45, rel=1e-6)
    assert abs(decays.diphoton_amplitude(1 - 1e-9) - decays.diphoton_amplitude(1 + 1e-9)) < 1e-3
    assert decays.diphoton_amplitude(1.0) == pytest.approx(2.0)  # f(1) = pi^2/4
    # the series and the closed form meet at the switch x = 1e-4
    series = decays.scalar_to_photons(1.0, 2 * M_MU * math.sqrt(0.999999e-4))
    closed = decays.scalar_to_photons(1.0, 2 * M_MU * math.sqrt(1.000001e-4))
    assert series == pytest.approx(closed, rel=1e-5)


def test_scalar_decay_length_matches_kmrt_eq7():
    """KMRT Eq. (7): l ~ 60 m for alpha_phi = 3e-6, m_phi = 50 MeV, E = 75 GeV (a rounded estimate)."""
    y = math.sqrt(4 * math.pi * 3e-6)
    widths = decays.partial_widths("scalar", 0.05, y)
    length = decays.decay_length(sum(widths.values()), 0.05, 75.0)
    assert 50 < length < 70


def test_decay_probability_and_lifetime():
    assert decays.decay_probability(0.0, 10.0) == 0.0
    assert decays.decay_probability(10.0, 10.0) == pytest.approx(1 - math.exp(-1))
    assert decays.lifetime(6.582119569e-25) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="below the mediator mass"):
        decays.decay_length(1e-10, 0.1, 0.05)


def test_bad_mediator_inputs():
    with pytest.raises(ValueError, match="unknown model"):
        decays.partial_widths("axion", 0.1, 1e-3)
    with pytest.raises(ValueError, match="mass"):
        decays.partial_widths("vector", -0.1, 1e-3)
    with pytest.raises(ValueError, match="coupling"):
        decays.partial_widths("vector", 0.1, -1.0)
    with pytest.raises(ValueError, match="declares no dirac dark-matter current"):
        decays.partial_widths("scalar", 0.1, 1e-3, decays.DarkMatter("dirac", 0.01, 1.0))
    with pytest.raises(ValueError, match="unknown dark-matter kind"):
        decays.DarkMatter("wimp", 0.01, 1.0)


@pytest.mark.parametrize("model,limit", [("vector", 1 / (8 * math.pi**2)), ("scalar", 3 / (16 * math.pi**2))])
def test_g_minus_2_light_mediator_limit(model, limit):
    assert gminus2.delta_a_mu(model, 1e-9) == pytest.approx(limit, rel=1e-6)


def test_g_minus_2_heavy_mediator_limits():
    m = 1e4  # GeV: corrections are O(m_mu^2/m^2 log^2) ~ 1e-8
    r = m**2 / M_MU**2
    assert gminus2.delta_a_mu("vector", m) == pytest.approx(M_MU**2 / (12 * math.pi**2 * m**2), rel=1e-6)
    assert gminus2.delta_a_mu("scalar", m) == pytest.approx(
        M_MU**2 / (8 * math.pi**2 * m**2) * (math.log(r) - 7 / 6), rel=1e-6)


def test_coupling_band_reproduces_the_discrepancy():
    low, high = gminus2.coupling_band("vector", 0.01, "2021")
    measured = G_MINUS_2["2021"]
    assert gminus2.delta_a_mu("vector", 0.01, low) == pytest.approx(measured.value - 2 * measured.uncertainty)
    assert gminus2.delta_a_mu("vector", 0.01, high) == pytest.approx(measured.value + 2 * measured.uncertainty)
    low_2025, _ = gminus2.coupling_band("vector", 0.01)  # default: the latest (2025), no anomaly
    assert low_2025 == 0.0
    with pytest.raises(ValueError, match="unknown"):
        gminus2.coupling_band("vector", 0.01, "1999")


def test_coupling_band_in_the_light_limit_by_hand():
    """Light vector: Delta a = g^2/(8 pi^2), so the 2021 band is g^2 = 8 pi^2 (251 -+ 2 x 59)e-11."""
    low, high = gminus2.coupling_band("vector", 1e-9, "2021")
    assert low == pytest.approx(math.sqrt(8 * math.pi**2 * 133e-11), rel=1e-6)
    assert high == pytest.approx(math.sqrt(8 * math.pi**2 * 369e-11), rel=1e-6)
