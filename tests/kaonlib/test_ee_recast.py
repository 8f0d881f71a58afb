"""The BABAR 4 mu recast (kaonlib.searches.ee_recast): the cross-section against scipy's adaptive dblquad of the same
integrand, the generic pair widths against every model's derived widths, the published L_mu - L_tau BR(Z' -> mu mu)
by hand, and the recast limits where they follow by hand (same muon vertex: only the BRs differ)."""

import math

import numpy as np
import pytest
from scipy import integrate

import kaonlib
from kaonlib._kernels import ee_mumu_x
from kaonlib.inputs import ALPHA_EM, LEPTON_MASSES, M_MU
from kaonlib.mediator import decays
from kaonlib.searches import constraints, ee_recast
from kaonlib.validate import InputError

BABAR = ("babar_4mu_lmu_ltau", "babar_4mu_lmu_ltau_above_jpsi")
LMU_LTAU = {"mu": {"V": 1.0}, "nu_mu": {"V": 0.5, "A": -0.5}, "tau": {"V": -1.0}, "nu_tau": {"V": -0.5, "A": 0.5}}


def dalitz_limits(s12, m_X, sqrt_s):
    """(s23_min, s23_max) at fixed s12 for mu- mu+ X, PDG Eq. 49.23 with the Kallen functions written out."""
    s, m2 = sqrt_s**2, M_MU**2
    root = math.sqrt(max(s12 * (s12 - 4 * m2) * ((s - s12 - m_X**2) ** 2 - 4 * s12 * m_X**2), 0.0))
    centre = s12 * (s - s12 - m_X**2)
    return m2 + m_X**2 + (centre - root) / (2 * s12), m2 + m_X**2 + (centre + root) / (2 * s12)


def dblquad_cross_section(structure, spin, m_X, sqrt_s):
    s = sqrt_s**2
    function = ee_mumu_x.w_spin0 if spin == 0 else ee_mumu_x.w_spin1
    coefficients = decays.coefficients(structure, spin)
    value, _ = integrate.dblquad(lambda s23, s12: function(s, s12, s23, M_MU, m_X, *coefficients), 4 * M_MU**2,
                                 (sqrt_s - m_X) ** 2, lambda x: dalitz_limits(x, m_X, sqrt_s)[0],
                                 lambda x: dalitz_limits(x, m_X, sqrt_s)[1], epsrel=1e-8, epsabs=0)
    return (4 * math.pi * ALPHA_EM) ** 2 / (6 * s**2) * value / (128 * math.pi**3 * s)


@pytest.mark.parametrize("structure, spin, m_X", [({"V": 1.0}, 1, 0.3), ({"S": 1.0}, 0, 0.215),
                                                  ({"A": 1.0}, 1, 3.0), ({"P": 1.0}, 0, 7.5)])
def test_cross_section_against_adaptive_dblquad(structure, spin, m_X):
    assert ee_recast.cross_section(structure, spin, m_X, 10.58) == pytest.approx(
        dblquad_cross_section(structure, spin, m_X, 10.58), rel=1e-7)


def test_the_integration_grid_covers_the_dalitz_area():
    """sum of the weights = the Dalitz area int (s23_max - s23_min) ds12, by scipy quad."""
    sqrt_s, m_X = 10.58, 0.5
    _, _, weight = ee_recast.integrand_grid(sqrt_s, m_X)

    def width(s12):
        low, high = dalitz_limits(s12, m_X, sqrt_s)
        return high - low

    area, _ = integrate.quad(width, 4 * M_MU**2, (sqrt_s - m_X) ** 2, epsrel=1e-12, limit=200)
    assert weight.sum() == pytest.approx(area, rel=1e-9)


def test_cross_section_needs_an_open_channel():
    with pytest.raises(InputError, match="m_X"):
        ee_recast.cross_section({"V": 1.0}, 1, 10.5, 10.58)


@pytest.mark.parametrize("mass", [0.25, 1.0, 4.0])
def test_pair_widths_reproduce_every_models_derived_widths(mass):
    for name in kaonlib.models():
        record = kaonlib.model(name).record
        derived = decays.partial_widths(name, mass, 1.0)
        for lepton, structure in record["lorentz_structure"].items():
            expected = derived[f"{lepton} {lepton}"]
            width = decays.pair_width(structure, record["spin"], mass, LEPTON_MASSES[lepton])
            assert width == pytest.approx(expected, rel=1e-12, abs=1e-300), (name, lepton)


@pytest.mark.parametrize("mass", [0.25, 1.0, 4.0])
def test_a_published_structure_has_the_branching_ratio_of_the_model_with_that_structure(mass):
    """A spin-0 convention may give only c_S (absent keys are 0): -y phi mubar mu written as mu: {S: 1.0} has the
    scalar model's BR(phi -> mu mu), gamma gamma included (the model's own derived widths)."""
    assert ee_recast.published_dimuon_fraction({"mu": {"S": 1.0}}, 0, mass) == pytest.approx(
        ee_recast.model_dimuon_fraction("scalar", mass), rel=1e-12)
    assert ee_recast.published_dimuon_fraction(LMU_LTAU, 1, mass) == pytest.approx(
        ee_recast.model_dimuon_fraction("vector", mass), rel=1e-12)


@pytest.mark.parametrize("mass", [0.25, 1.0, 3.0, 5.0])
def test_published_lmu_ltau_dimuon_fraction_by_hand(mass):
    """KMRT Eq. 2: Gamma(mu mu) : Gamma(nu nu) per flavour = (1 + 2x) beta : 1/2, x = m_mu^2/m^2, and tau tau
    above 2 m_tau."""
    def charged(m_l):
        x = (m_l / mass) ** 2
        return (1 + 2 * x) * math.sqrt(1 - 4 * x) if mass > 2 * m_l else 0.0

    mu, tau = charged(M_MU), charged(LEPTON_MASSES["tau"])
    expected = mu / (mu + tau + 1.0)
    assert ee_recast.published_dimuon_fraction(LMU_LTAU, 1, mass) == pytest.approx(expected, rel=1e-12)


def test_recast_to_the_same_structure_is_the_identity_and_to_the_muon_only_vector_only_the_br_changes():
    """Applying the recast to the L_mu - L_tau model itself returns BABAR's numbers; for the vector on muons alone
    (same muon vertex, BR(mu mu) = 1) g = g' sqrt(BR_pub(mu mu)) with the BR by hand."""
    entry = constraints.library()[BABAR[0]]
    published = np.asarray(entry["coupling"], dtype=float)
    same = ee_recast.recast_couplings(entry, published, "vector", kaonlib.model("vector").record)
    assert same == pytest.approx(published, rel=1e-10)
    bound = constraints.convert(entry, kaonlib.model("vector_muon_only").record, "vector_muon_only")
    assert bound.label.endswith("(recast)") and bound.scale is None
    for mass, g_pub, g in list(zip(entry["mass_GeV"], published, bound.coupling))[::150]:
        x = (M_MU / mass) ** 2
        mu = (1 + 2 * x) * math.sqrt(1 - 4 * x)
        assert g == pytest.approx(g_pub * math.sqrt(mu / (mu + 1.0)), rel=1e-9)


def test_the_scalar_recast_is_weaker_than_the_vector_limit_below_the_j_psi():
    """KMRT Sec. III say e+e- -> mu+mu- phi is "much smaller" than for a vector; kaonlib's sigma_V/sigma_phi is 4-12
    below 3 GeV, so below the J/psi the scalar's BABAR bound is weaker despite BR(phi -> mu mu) = 1 against 0.2-0.5
    for L_mu - L_tau. (Near 7 GeV the ratio falls to ~2.4 and BR(Z' -> mu mu) to ~0.4: the two limits are close.)"""
    entry = constraints.library()[BABAR[0]]
    scalar = constraints.convert(entry, kaonlib.model("scalar").record, "scalar")
    assert np.all(np.asarray(scalar.coupling) > 1.3 * np.asarray(entry["coupling"], dtype=float))


def test_no_recast_for_a_model_coupled_to_electrons_or_without_a_name():
    """L_mu - L_e radiates X from the beams too (not in the derived process): no bound. Without the model's name
    (its BRs) the recast is not attempted."""
    entry = constraints.library()[BABAR[0]]
    assert constraints.convert(entry, kaonlib.model("lmu_minus_le").record, "lmu_minus_le") is None
    assert constraints.convert(entry, kaonlib.model("scalar").record) is None
    labels = [bound.label for bound in constraints.bounds("scalar", gm2=False)]
    assert labels.count("BABAR $4\\mu$ (recast)") == 2
    recast = next(b for b in constraints.bounds("scalar", gm2=False) if "recast" in b.label).as_dict()["recast"]
    assert "efficiency" in recast and "prompt" in recast


def test_a_recast_field_is_checked(tmp_path):
    import yaml

    entry = dict(constraints.library()[BABAR[0]])
    for bad in ({"production": "pp -> Z X", "sqrt_s_GeV": 10.58, "assumptions": "x"},
                {**entry["recast"], "sqrt_s_GeV": -1.0}, {**entry["recast"], "assumptions": ""},
                {**entry["recast"], "sqrt_s_GeV": "ten"}, {**entry["recast"], "sqrt_s_GeV": [10.58]},
                {**entry["recast"], "sqrt_s_GeV": None}, {**entry["recast"], "sqrt_s_GeV": float("nan")},
                {**entry["recast"], "sqrt_s_GeV": 3.2}):  # 3.2 GeV: the 3.05 GeV mass has no room for 2 muons
        path = tmp_path / "bad.yaml"
        path.write_text(yaml.safe_dump({**entry, "recast": bad}))
        with pytest.raises(InputError, match="recast"):
            constraints.read(path)
