"""The (g-2)_mu inputs by era against the published a_mu values (x 1e-11), typed here from the papers:
experimental world averages PRL 126 (2021) 141801 (116 592 061(41)), PRL 131 (2023) 161802 (116 592 059(22)),
arXiv:2506.03069 (116 592 071.5(14.5)); SM WP20 Phys. Rept. 887 (2020) 1 (116 591 810(43)) and WP25
arXiv:2505.21476 (116 592 033(62), whose abstract quotes exp - SM = 26(66) against the 2023 average)."""

import math

import pytest

from kaonlib.inputs import DEFAULT_G_MINUS_2, G_MINUS_2
from kaonlib.mediator import gminus2

PUBLISHED = {  # era: (a_mu(exp), sigma, a_mu(SM), sigma), units of 1e-11, offset 116 590 000
    "2021": (2061, 41, 1810, 43),
    "2025-prefinal": (2059, 22, 2033, 62),
    "2025": (2071.5, 14.5, 2033, 62),
}


@pytest.mark.parametrize("era", sorted(PUBLISHED))
def test_each_era_is_experiment_minus_theory(era):
    exp, sigma_exp, sm, sigma_sm = PUBLISHED[era]
    assert G_MINUS_2[era].value == pytest.approx((exp - sm) * 1e-11, rel=1e-12)
    # published differences are rounded to 1e-11
    assert G_MINUS_2[era].uncertainty == pytest.approx(math.hypot(sigma_exp, sigma_sm) * 1e-11, abs=0.5e-11)


def test_default_is_the_final_average_and_no_era_after_2021_is_an_anomaly():
    assert DEFAULT_G_MINUS_2 == "2025"
    assert gminus2.is_anomaly("2021") and gminus2.is_anomaly("kmrt2019")
    assert not gminus2.is_anomaly("2025") and not gminus2.is_anomaly("2025-prefinal")
    # the final average moved the central value up by 12.5e-11 (1e-11 offsets above)
    assert G_MINUS_2["2025"].value - G_MINUS_2["2025-prefinal"].value == pytest.approx(12.5e-11)
    assert gminus2.region("vector", 0.01).kind == "excluded"
