"""kaonlib's K+ -> l+ nu l'+ l'- |M|^2 against NA62's own generator, point by point.

The reference values in tests/data/kch2lnull_reference.json are NA62's kch2lnull.F (Sozzi and Goudzovski 2002; BEG's
amplitude with V1, A1, A2 and the kaon-pole term A4), evaluated at fixed phase-space points by compiling the
public file (github danecross/PyNA62Analysis, commit d251891, na62fw/NA62MC/Generator/) locally; its code is not in
this repository, only its outputs and the recipe (the JSON's "how"). The test maps BEG's inputs to kaonlib's form
factors with the formulas of the README (F_V = -sqrt2 V1, F_A = -sqrt2 A1, R = f_K m_K <r^2>/3), so a sign, a
factor of sqrt2 or a term counted twice would show here.

Normalisation of kch2lnull.F (read from the file): with FUNNY = 1 its CROSS is
|M|^2 / (2 m_K^2 (2 pi)^8 G_F^2 V_us^2) in units of m_K, times 1/2 for identical leptons (XNORM of CROSS_EQ is half
that of CROSS_NE), with 1/alpha = 137.035989; hence the reduced |M|^2 of the kernel (|M|^2 / ((4 pi alpha)^2 G_F^2
V_us^2)) = CROSS 2 m_K^2 (2 pi)^8 S / (4 pi alpha_NA62)^2, S = 2 for identical leptons.
"""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from kaonlib._kernels import k3munu as kernel
from kaonlib.processes import k3munu

REFERENCE = json.loads((Path(__file__).parents[1] / "data" / "kch2lnull_reference.json").read_text())
INPUTS = REFERENCE["inputs"]


def beg_form_factors(radius_squared):
    """F_V, F_A, R from BEG's O(p^4) inputs: V1 = -m_K/(8 pi^2 F), A1 = -4 (L9 + L10) m_K/F, F_K(t) - 1 =
    <r^2> t/6, mapped with F_V = -sqrt2 V1, F_A = -sqrt2 A1 and R = f_K m_K <r^2>/3 (f_K = sqrt2 F_K)."""
    m_K, F = INPUTS["m_K"], INPUTS["F_pi"]
    f_K = math.sqrt(2) * INPUTS["F_K_over_m_K"] * m_K
    F_V = math.sqrt(2) * m_K / (8 * math.pi**2 * F)
    F_A = math.sqrt(2) * 4 * (INPUTS["L9"] + INPUTS["L10"]) * m_K / F
    return f_K, F_V, F_A, f_K * m_K * radius_squared / 3


def kernel_values(mode, F_V, F_A, R):
    data = REFERENCE["modes"][mode]
    f_K = beg_form_factors(0.0)[0]
    invariants = k3munu.invariants(np.array(data["momenta"]))
    if k3munu.MODES[mode].identical:
        return kernel.identical(invariants, INPUTS["m_K"], data["m_l"], f_K, F_V, F_A, R)
    return kernel.distinct(invariants, INPUTS["m_K"], data["m_l"], data["m_lp"], f_K, F_V, F_A, R)


def expected(mode, column):
    symmetry = 2 if k3munu.MODES[mode].identical else 1
    alpha = 1 / INPUTS["inverse_alpha"]
    factor = 2 * INPUTS["m_K"] ** 2 * (2 * math.pi) ** 8 * symmetry / (4 * math.pi * alpha) ** 2
    return np.array(REFERENCE["modes"][mode][column]) * factor


# the e+ e- modes' IB cancels between terms of order 1 down to m_e^2/m_K^2 ~ 1e-6: both codes round there
TOLERANCE = {"mu-nu-mu-mu": 1e-9, "mu-nu-e-e": 1e-9, "e-nu-mu-mu": 1e-7, "e-nu-e-e": 1e-5}


@pytest.mark.parametrize("mode", sorted(k3munu.MODES))
def test_inner_bremsstrahlung_equals_na62(mode):
    values = kernel_values(mode, 0.0, 0.0, 0.0)
    np.testing.assert_allclose(values, expected(mode, "cross_ib"), rtol=TOLERANCE[mode])


@pytest.mark.parametrize("mode", sorted(k3munu.MODES))
def test_structure_dependent_amplitude_equals_na62(mode):
    """F_V, F_A, the charge-radius term A2 and the kaon-pole term A4, with F_K(t) - 1 = <r^2> t/6 on both sides:
    kaonlib's R and kaon-pole chains are BEG's A2 and A4 (neither missing nor counted twice)."""
    _, F_V, F_A, R = beg_form_factors(INPUTS["r2_GeV-2"])
    values = kernel_values(mode, F_V, F_A, R)
    np.testing.assert_allclose(values, expected(mode, "cross_linear"), rtol=TOLERANCE[mode])
    assert not np.allclose(values, kernel_values(mode, F_V, F_A, 0.0), rtol=1e-3)  # R matters at these points


def test_default_form_factors_are_begs_inputs():
    """kaonlib's default 'chpt' F_V and F_A are these O(p^4) inputs through the mapping above."""
    chpt = k3munu.form_factors("chpt")
    _, F_V, F_A, _ = beg_form_factors(0.0)
    assert chpt.F_V == pytest.approx(F_V, rel=1e-12)
    assert chpt.F_A == pytest.approx(F_A, rel=1e-12)
