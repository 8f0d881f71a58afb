"""Freeze-out: g_*(T) against the textbook values, the Gondolo-Gelmini average against mpmath and its
non-relativistic limits, the relic abundance of a standard WIMP (Steigman, Dasgupta, Beacom, PRD 86 (2012) 023506,
arXiv:1204.3622: <sigma v> = 2.2e-26 cm^3/s for a Majorana WIMP above 10 GeV), the model's annihilation rate
against the closed-form s-wave, and the thermal target."""

import math

import mpmath
import pytest

from kaonlib.mediator import freezeout

CM3_PER_S = 1 / freezeout.GEV2_TO_CM3_PER_S  # GeV^-2 per cm^3/s


@pytest.mark.parametrize("temperature, g_rho, g_s, tolerance", [
    (1e3, 106.75, 106.75, 1e-3),  # every SM species relativistic (the top at m_t/T = 0.17 lowers it by 0.03 %)
    (1e-2, 10.75, 10.75, 2e-3),  # photons, e+-, three neutrinos
    (1e-5, 3.363, 3.909, 5e-3),  # today's values with T_nu = (4/11)^(1/3) T (PDG Big-Bang cosmology review);
])                               # instantaneous decoupling at 2 MeV, where m_e/T = 0.26, adds 0.3 %
def test_degrees_of_freedom_are_the_textbook_values(temperature, g_rho, g_s, tolerance):
    assert freezeout.g_star(temperature) == pytest.approx((g_rho, g_s), rel=tolerance)


def gondolo_gelmini(x, sigma_v):
    """<sigma v> = int_{4m^2} sigma (s - 4m^2) sqrt(s) K1(sqrt(s)/T) ds / (8 m^4 T K2(x)^2) with m = 1, in s,
    sigma = sigma v / (2 beta) (mpmath, 20 digits; cut where K1 has fallen by e^-200)."""
    mpmath.mp.dps = 20
    temperature = mpmath.mpf(1) / x

    def integrand(s):
        beta = mpmath.sqrt(1 - 4 / s)
        return sigma_v(s) / (2 * beta) * (s - 4) * mpmath.sqrt(s) * mpmath.besselk(1, mpmath.sqrt(s) / temperature)

    edges = [4 * (1 + k / mpmath.mpf(x)) ** 2 for k in (0, 0.5, 5, 50, 200)]
    return mpmath.quad(integrand, edges) / (8 * temperature * mpmath.besselk(2, x) ** 2)


@pytest.mark.parametrize("x", [5.0, 20.0, 100.0])
def test_thermal_average_against_mpmath(x):
    s_wave = lambda s: 2e-9  # noqa: E731
    p_wave = lambda s: 1e-9 * 4 * (1 - 4 / s)  # b v^2 with v = 2 beta  # noqa: E731
    for sigma_v in (s_wave, p_wave):
        assert freezeout.thermal_average(sigma_v, 1.0, x) == pytest.approx(float(gondolo_gelmini(x, sigma_v)), rel=1e-7)


def test_thermal_average_has_the_non_relativistic_limits():
    """s-wave: <a> -> a; p-wave: <b v^2> -> 6 b / x (Maxwell-Boltzmann <v^2> for the relative velocity)."""
    x = 2000.0
    assert freezeout.thermal_average(lambda s: 1e-9, 3.0, x) == pytest.approx(1e-9, rel=1e-3)
    assert freezeout.thermal_average(lambda s: 4e-9 * (1 - 36 / s), 3.0, x) == pytest.approx(6e-9 / x, rel=2e-3)


def test_standard_wimp_relic_abundance():
    """A 100 GeV Majorana WIMP with <sigma v> = 2.2e-26 cm^3/s gives Omega h^2 ~ 0.11-0.12 (SDB 2012); the
    <sigma v> for Omega h^2 = 0.12 is within 2.0-2.4e-26 cm^3/s; a Dirac WIMP (chi and chibar) needs twice it."""
    majorana = freezeout.relic_density(100.0, lambda x: 2.2e-26 * CM3_PER_S, "majorana")
    assert 0.105 < majorana < 0.125
    needed = 2.2e-26 * majorana / 0.12  # Omega ~ 1/<sigma v> up to a logarithm: refine once
    refined = freezeout.relic_density(100.0, lambda x: needed * CM3_PER_S, "majorana")
    assert refined == pytest.approx(0.12, rel=0.01) and 2.0e-26 < needed < 2.4e-26
    dirac = freezeout.relic_density(100.0, lambda x: 2.2e-26 * CM3_PER_S, "dirac")
    assert dirac == pytest.approx(2 * majorana, rel=0.01)


def test_model_rate_is_the_closed_form_s_wave():
    """L_mu - L_tau below the muon threshold: chi chibar -> nu nubar (two flavours, each half a vector coupling),
    sigma v -> q^2 g^4 2 m^2 / (2 pi (4 m^2 - m_V^2)^2) for a Dirac chi at rest."""
    m_chi, m_V, g = 0.05, 0.15, 1e-3
    rate = freezeout.annihilation_rate("vector", "dirac", m_chi, m_V, g)
    s = 4 * m_chi**2 * (1 + 1e-10)
    assert rate(s) == pytest.approx(g**4 * 2 * m_chi**2 / (2 * math.pi * (4 * m_chi**2 - m_V**2) ** 2), rel=1e-6)
    with pytest.raises(ValueError, match="no 'dirac' dark-matter current"):
        freezeout.annihilation_rate("scalar", "dirac", m_chi, m_V, g)


@pytest.mark.parametrize("kind, dof, identical", [("dirac", 2, 1), ("complex_scalar", 1, 1), ("majorana", 2, 2)])
@pytest.mark.parametrize("m_chi, coupling, x", [(2e-3, 1e-6, 20.0), (0.1, 1e-5, 25.0), (1e-2, 1e-8, 30.0),
                                                 (0.05, 1e-11, 22.0)])  # the last two: below float resolution
def test_resonant_thermal_average_is_the_narrow_width_limit(kind, dof, identical, m_chi, coupling, x):
    """At small coupling the on-shell V dominates <sigma v> (m_V = 3 m_chi: s = m_V^2 in the Boltzmann tail). The
    narrow-width limit of Gondolo-Gelmini with the Breit-Wigner cross-section (PDG Resonances review,
    sigma = 16 pi (2J+1)/(g1 g2 (s - 4m^2)) m_V^2 Gamma_in Gamma_out / ((s - m_V^2)^2 + m_V^2 Gamma^2)) is

        <sigma v> = 16 pi^2 (2J+1) m_V^2 Gamma_in Gamma_out K1(m_V/T) / (g1 g2 Gamma 8 m^4 T K2(x)^2),

    with the derived decay widths (kaonlib.mediator.decays); identical Majorana fermions annihilate in pairs, so
    detailed balance with V -> chi chi gives twice that (their yield equation has c = 1, module docstring). This
    ties the derived annihilation cross-section to the derived widths, and checks the narrow peak is integrated
    (by quadrature, or in the narrow-width limit when its width in z is below double precision)."""
    from scipy import special

    from kaonlib.mediator.decays import DarkMatter, partial_widths

    m_V, temperature = 3 * m_chi, m_chi / x
    widths = partial_widths("vector", m_V, coupling, DarkMatter(kind, m_chi, 1.0))
    total, into_chi = sum(widths.values()), widths["chi chi"]
    expected = (identical * 16 * math.pi**2 * 3 * m_V**2 * into_chi * (total - into_chi) * special.k1(m_V / temperature)
                / (dof * dof * total * 8 * m_chi**4 * temperature * special.kn(2, x) ** 2))
    rate = freezeout.annihilation_rate("vector", kind, m_chi, m_V, coupling)
    assert freezeout.thermal_average(rate, m_chi, x, (m_V, total)) == pytest.approx(expected, rel=2e-3)


def test_thermal_target_of_a_dirac_fermion():
    """At m_V = 3 m_chi = 300 MeV (neutrinos only) the target coupling g satisfies Omega h^2 = 0.12, and g^4 times
    the closed-form s-wave is within 15 % of the constant <sigma v> that gives 0.12 at that mass (the difference:
    thermal corrections to the s-wave, the Breit-Wigner tail)."""
    m_V, m_chi = 0.3, 0.1
    g = freezeout.thermal_target("vector", "dirac", m_V)
    assert freezeout.omega_h2("vector", "dirac", m_chi, m_V, g) == pytest.approx(0.12, rel=1e-3)
    s_wave = 2 * m_chi**2 / (2 * math.pi * (4 * m_chi**2 - m_V**2) ** 2)
    constant = 4.4e-26 * CM3_PER_S
    constant *= freezeout.relic_density(m_chi, lambda x: constant, "dirac") / 0.12
    assert g**4 * s_wave == pytest.approx(constant, rel=0.15)


def test_targets_as_bounds_and_on_the_command_line(tmp_path, monkeypatch):
    """target_bounds gives one "line" per dark-matter current of the model; ``kaonlib bounds --dm-targets`` adds
    them (the solver is replaced by a stub here: its physics is tested above)."""
    import json

    from kaonlib.presentation import cli

    monkeypatch.setattr(freezeout, "thermal_target", lambda name, kind, m_V, *args: 1e-3 * m_V)
    lines = freezeout.target_bounds("vector", [0.01, 0.1])
    assert [b.label for b in lines] == ["thermal target (complex scalar)", "thermal target (majorana)",
                                        "thermal target (dirac)"]
    assert all(b.region == "line" and b.coupling == pytest.approx((1e-5, 1e-4)) for b in lines)
    assert freezeout.target_bounds("scalar", [0.01]) == []  # no dark-matter current
    out = tmp_path / "bounds.json"
    assert cli.main(["bounds", "vector", "--json", "--dm-targets", "2", "--out", str(out)]) == 0
    kinds = {b["label"]: (b["kind"], b["region"]) for b in json.loads(out.read_text())["bounds"]}
    assert kinds["thermal target (dirac)"] == ("favoured", "line")
    assert cli.main(["bounds", "vector", "--dm-targets", "-1"]) == 2
