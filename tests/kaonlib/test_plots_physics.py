"""The curves of the paper figures carry the physics their labels claim, checked against formulas written out here
(KMRT arXiv:1902.07715, FG arXiv:1911.03755), not against the code that drew them."""

import cmath
import math

import pytest

from kaonlib.inputs import ALPHA_EM, M_MU
from kaonlib.mediator import freezeout
from kaonlib.presentation import plots_fg, plots_kmrt
from kaonlib.processes import dark
from kaonlib.searches.constraints import Bound

HBAR_C = 1.973269804e-16  # GeV m (CODATA 2018)


def curve(drawn, start):
    return next(c for c in drawn.curves if c.label.startswith(start))


def kmrt_scalar_width(m, y):
    """KMRT Eq. (5) + Eq. (6) (Eq. 6 continued above 2 m_mu: arcsin^2 sqrt(x) -> -(ln((1+b)/(1-b)) - i pi)^2/4)."""
    alpha_phi, x = y * y / (4 * math.pi), m * m / (4 * M_MU**2)
    if x <= 1:
        f = math.asin(math.sqrt(x)) ** 2
    else:
        b = math.sqrt(1 - 1 / x)
        f = -((cmath.log((1 + b) / (1 - b)) - 1j * math.pi) ** 2) / 4
    photons = ALPHA_EM**2 * alpha_phi * m**3 / (64 * math.pi**2 * M_MU**2) * abs(2 / x**2 * (x + (x - 1) * f)) ** 2
    muons = alpha_phi * m / 2 * max(0.0, 1 - 4 * M_MU**2 / m**2) ** 1.5
    return photons + muons


def test_lifetime_line_is_where_the_decay_length_is_the_decay_region(tmp_path):
    rows = [{"mass_GeV": 0.25, "alpha": 1e-8}, {"mass_GeV": 0.3, "alpha": 2e-8}]  # a di-muon reach to draw beside
    drawn = plots_kmrt.plot_visible("scalar", rows, tmp_path / "fig2.png", era="2021")
    line = curve(drawn, "lifetime")
    checked = 0
    for mass_mev, alpha in zip(line.x, line.y):
        m = mass_mev / 1e3
        if not any(abs(m - target) / target < 0.03 for target in (0.01, 0.05, 0.15, 0.3)):
            continue
        width = kmrt_scalar_width(m, math.sqrt(4 * math.pi * alpha))
        length = math.sqrt(75.0**2 - m * m) / m * HBAR_C / width  # beta gamma c tau at E = 75 GeV
        assert length == pytest.approx(65.0, rel=1e-6)
        checked += 1
    assert checked >= 4
    # KMRT Eq. (7): l ~ 60 m (3e-6/alpha) (50 MeV/m)^4 (E/75 GeV), the light-scalar limit, within 10 %
    at_50 = plots_kmrt.lifetime_line("scalar", [0.05])[0]
    assert 60.0 * 3e-6 / at_50 == pytest.approx(65.0, rel=0.1)


def test_thermal_target_has_the_relic_abundance_and_the_reach_its_invisible_fraction(tmp_path):
    m_V = 0.3
    g = freezeout.thermal_target("vector", "dirac", m_V, ratio=3.0, q_chi=1.0)
    target = Bound("thermal target (dirac)", "test", "favoured", "line", (m_V,), (g,), {}, 1.0)
    rows = [{"mass_GeV": 0.1, "alpha_likelihood": 1e-9}, {"mass_GeV": m_V, "alpha_likelihood": 2e-8}]
    drawn = plots_kmrt.plot_thermal_targets("vector", rows, [target], tmp_path / "fig1r.png", era="2021")
    assert not any("H_0" in c.label for c in drawn.curves)  # needs V -> nu nu, absent with dark matter (KMRT Fig. 1)
    alpha = curve(drawn, "thermal target, dirac").y[0]
    assert freezeout.omega_h2("vector", "dirac", m_V / 3, m_V, math.sqrt(4 * math.pi * alpha)) == pytest.approx(
        0.120, rel=1e-3)
    # widths / (g^2 m / 12 pi): mu mu (1 + 2r) sqrt(1 - 4r), nu_mu and nu_tau 1/2 each, Dirac chi like a lepton
    r_mu, r_chi = (M_MU / m_V) ** 2, (1 / 3) ** 2
    muons = (1 + 2 * r_mu) * math.sqrt(1 - 4 * r_mu)
    chi = (1 + 2 * r_chi) * math.sqrt(1 - 4 * r_chi)
    invisible = (1.0 + chi) / (1.0 + chi + muons)
    converted = curve(drawn, r"NA62 invisible, BR($V\to\nu").y
    assert converted[0] == pytest.approx(1e-9, rel=1e-9)  # below 2 m_mu every decay is invisible
    assert converted[1] == pytest.approx(2e-8 / invisible, rel=1e-9)


def test_grossman_nir_line_and_bounds(tmp_path):
    drawn = plots_fg.plot_grossman_nir(tmp_path / "gn.png")
    bound = curve(drawn, "Grossman-Nir")
    # tau_KL / tau_K+ (PDG 2024: 5.116e-8 s, 1.2380e-8 s) times r_KL / r_K+ = 0.944 / 0.901 (Marciano-Parsa)
    factor = 5.116e-8 / 1.2380e-8 * 0.944 / 0.901
    assert list(bound.y / bound.x) == pytest.approx([factor] * len(bound.x), rel=2e-3)
    assert factor == pytest.approx(4.3, rel=0.01)  # FG Eq. 7
    na62 = curve(drawn, "NA62 2016-17")
    assert na62.x[0] == pytest.approx(1.78e-10)  # FG Eq. 3
    assert {c.y[0] for c in drawn.curves if c.label.startswith("KOTO")} == {3.0e-9, 2.2e-9}


def test_kl_bound_curves_are_told_apart_and_the_unbounded_masses_are_shaded(tmp_path):
    rows = dark.kl_bound_grid(points=5)
    drawn = plots_fg.plot_kl_bound(tmp_path / "fg4.png", rows, "2025")
    alphas = [c for c in drawn.curves if c.label.startswith(r"$\alpha_D$")]
    assert len(alphas) == 3
    shaded = curve(drawn, "no NA62 bound")
    assert shaded.x[0] == pytest.approx(math.sqrt(0.068) / 2 * 1e3)  # 2 m_Q above m_miss^2 region 2 (0.068 GeV^2)
    assert shaded.x[1] == pytest.approx(dark.window()[0] * 1e3)
    for row in rows:  # no finite bound is drawn where NA62 sees nothing
        assert math.isfinite(row["max_br_KL"]) == (row["m_Q_GeV"] < math.sqrt(0.068) / 2)
