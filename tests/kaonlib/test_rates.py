"""Branching ratios and spectra against independent integrations of the symbolic |M|^2."""

import math

import numpy as np
import pytest
from scipy import integrate

import kaonlib.rates as rates
from amplitudes import derive
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu
from kaonlib import inputs
from tests.reference import width_by_scipy

MAX_MASS = inputs.M_K - inputs.M_MU
MASSES = np.geomspace(1e-3, MAX_MASS - 1e-3, 10)


def kmu2_width_symbolic(name):
    """Gamma(K -> mu nu) from the SymPy derivation, evaluated with kaonlib's inputs."""
    values = {G_F: inputs.G_F, V_us: inputs.V_US, f_K: inputs.F_K, m_K: inputs.M_K, m_mu: inputs.M_MU}
    return float(derive(name).kmunu_width.subs(values))


@pytest.mark.parametrize("name", ["vector", "scalar"])
@pytest.mark.parametrize("mass", MASSES)
def test_ratio_to_kmu2_matches_independent_integration(name, mass):
    expected = width_by_scipy(name, mass) / kmu2_width_symbolic(name)
    assert rates.ratio_to_kmu2(name, mass) == pytest.approx(expected, rel=1e-8, abs=0)
    coupling = 3e-4
    assert rates.branching_ratio(name, mass, coupling) == pytest.approx(
        inputs.BR_KMU2 * coupling**2 * expected, rel=1e-8, abs=0)


@pytest.mark.parametrize("name", ["vector", "scalar"])
@pytest.mark.parametrize("mass", [1e-3, 0.05, 0.2, 0.38])
def test_spectrum_integrates_to_branching_ratio(name, mass):
    lo, hi = mass**2, MAX_MASS**2
    # log map s12 = e^a flattens the small-m_X peak
    total, _ = integrate.quad(lambda a: rates.spectrum(name, mass, math.exp(a), 2.0) * math.exp(a),
                              math.log(lo), math.log(hi), epsabs=0, epsrel=1e-11, limit=400)
    assert total == pytest.approx(rates.branching_ratio(name, mass, 2.0), rel=1e-8, abs=0)


def test_spectrum_is_zero_outside_the_kinematic_range():
    values = rates.spectrum("vector", 0.1, [0.0, 0.005, MAX_MASS**2 + 1e-6, 1.0])
    assert np.array_equal(values, np.zeros(4))
    with pytest.raises(ValueError, match="finite"):
        rates.spectrum("vector", 0.1, [np.nan])


def test_kmu2_width_from_inputs_agrees_with_measurement_within_2_percent():
    """Tree-level Gamma(K -> mu nu) from G_F, V_us, f_K vs BR_exp hbar / tau_K. The residual, about -2 %,
    is the size of the electroweak radiative correction the tree level omits (README, Physics notes)."""
    tree = rates.kmu2_width_reduced("vector") * inputs.SM_COUPLING_SQUARED
    measured = inputs.BR_KMU2 * inputs.HBAR / inputs.TAU_K
    assert abs(tree / measured - 1) < 0.02
    assert tree == pytest.approx(kmu2_width_symbolic("vector"), rel=1e-14)


def test_kmu2_width_textbook_formula():
    """G_F^2 V_us^2 f_K^2 m_K m_mu^2 (1 - m_mu^2/m_K^2)^2 / (8 pi), typed independently."""
    textbook = (inputs.G_F * inputs.V_US * inputs.F_K) ** 2 * inputs.M_K * inputs.M_MU**2 * (
        1 - inputs.M_MU**2 / inputs.M_K**2) ** 2 / (8 * math.pi)
    assert rates.kmu2_width_reduced("scalar") * inputs.SM_COUPLING_SQUARED == pytest.approx(textbook, rel=1e-13)


def test_inputs_record_their_sources():
    assert inputs.PDG_EDITION.startswith("PDG table particle20")
    for name, value in {**inputs.CONSTANTS, **inputs.G_MINUS_2}.items():
        assert value.source, name
    assert inputs.M_K == pytest.approx(0.493677, abs=2e-5)  # PDG K+ mass, docs/physics.md section 1
    assert inputs.M_MU == pytest.approx(0.1056583755, rel=1e-9)
