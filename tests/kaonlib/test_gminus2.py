"""Signed one-loop (g-2)_mu for every Lorentz structure: light and heavy limits derived by hand from the
integrals of kaonlib.mediator.gminus2 (Jegerlehner and Nyffeler, Phys. Rept. 477 (2009) 1), the models' decompositions,
and the coupling region (favoured band or exclusion) for either sign."""

import math

import pytest

import kaonlib
from kaonlib.inputs import G_MINUS_2, M_MU
from kaonlib.mediator import gminus2

PI2 = math.pi**2
LIGHT = 1e-13  # GeV: corrections O(sqrt(r)) for S and V, r = m^2/m_mu^2 ~ 1e-24
HEAVY = 1e5  # GeV: corrections O(log^2(r)/r) ~ 1e-9


def light_limit(structure, mass):
    """r -> 0: the integrands become Q(x)/x^2 (plus the 4x^3/r longitudinal term of the axial vector)."""
    r = mass**2 / M_MU**2
    return {"S": 3 / (16 * PI2), "P": -1 / (16 * PI2), "V": 1 / (8 * PI2), "A": -1 / (4 * PI2 * r)}[structure]


def heavy_limit(structure, mass):
    """r -> infinity: int Q(x)/((1 - x) r) dx, with the logarithms of S and P from x -> 1."""
    r = mass**2 / M_MU**2
    return {"S": (math.log(r) - 7 / 6) / (8 * PI2 * r), "P": -(math.log(r) - 11 / 6) / (8 * PI2 * r),
            "V": 1 / (12 * PI2 * r), "A": -5 / (12 * PI2 * r)}[structure]


@pytest.mark.parametrize("structure", "SPVA")
def test_light_and_heavy_limits_of_each_structure(structure):
    for mass, limit in ((LIGHT, light_limit), (HEAVY, heavy_limit)):
        value = gminus2.loop_integral(structure, mass**2 / M_MU**2)
        assert value == pytest.approx(limit(structure, mass), rel=1e-8), (structure, mass)


@pytest.mark.parametrize("name", kaonlib.models())
@pytest.mark.parametrize("mass", [LIGHT, 0.03, HEAVY])
def test_model_delta_a_is_its_decomposition(name, mass):
    """Delta a of a model = g^2 sum_k c_k^2 I_k with the c_k read from its muon vertex; the sign follows."""
    structure = kaonlib.model(name).record["lorentz_structure"].get("mu", {})
    expected = sum(c * c * gminus2.loop_integral(k, mass**2 / M_MU**2) for k, c in structure.items())
    assert kaonlib.model(name).delta_a_mu(mass, 2e-3) == pytest.approx(4e-6 * expected, rel=1e-12)


def test_pseudoscalar_and_axial_vector_limits():
    """The acceptance numbers of the new models: y^2 and g^2 times the P and A limits, relative 1e-8."""
    for name, structure in (("pseudoscalar", "P"), ("axial_vector", "A")):
        for mass, limit in ((LIGHT, light_limit), (HEAVY, heavy_limit)):
            assert kaonlib.model(name).delta_a_mu(mass, 0.5) == pytest.approx(0.25 * limit(structure, mass), rel=1e-8)


def test_negative_contribution_is_an_exclusion_for_every_era():
    for era in G_MINUS_2:
        found = gminus2.region("pseudoscalar", 0.05, era)
        assert found.kind == "excluded" and found.low == 0
        measured, per_unit = G_MINUS_2[era], gminus2.delta_a_mu("pseudoscalar", 0.05)
        shift = per_unit * found.high**2  # negative
        if gminus2.is_anomaly(era):  # wrong sign: may not worsen the discrepancy by more than 2 sigma
            assert shift == pytest.approx(-2 * measured.uncertainty, rel=1e-10)
        else:  # leaves the 2 sigma interval at its lower edge
            assert shift == pytest.approx(measured.value - 2 * measured.uncertainty, rel=1e-10)


def test_positive_contribution_favoured_only_for_an_anomaly():
    assert gminus2.region("vector", 0.05, "2021").kind == "favoured"
    no_anomaly = gminus2.region("vector", 0.05, "2025")
    measured = G_MINUS_2["2025"]
    assert no_anomaly.kind == "excluded"
    assert gminus2.delta_a_mu("vector", 0.05, no_anomaly.high) == pytest.approx(
        measured.value + 2 * measured.uncertainty, rel=1e-10)
