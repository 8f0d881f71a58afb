"""Branching ratios and m_miss^2 spectra of K+ -> l+ nu X (l = mu by default, or e).

Normalisation (KMRT's own prefactors are inconsistent, see README "Physics notes"):

    BR(K -> l nu X) = BR_exp(K -> l nu) * Gamma(K -> l nu X) / Gamma(K -> l nu),

with both widths computed from the same SM vertex (C = sqrt(2) G_F V_us f_K), so that G_F, V_us and f_K
cancel. The spectrum is dBR/dm_miss^2 with m_miss^2 = s12 = (p_K - p_l)^2 = (q + l)^2, in GeV^-2.
"""

import numpy as np

from . import validate
from .inputs import KL2_BRANCHING_RATIOS, M_K
from .kmunu import check_coupling, check_mass, kernel, kinematics, lepton_mass, record, width_reduced


def kmu2_width_reduced(model, lepton="mu"):
    """Gamma(K+ -> l+ nu) / C^2 (GeV^3) from the SM vertex; the same for every model (``model`` is checked)."""
    record(model)
    return kinematics().kl2_width(M_K, lepton_mass(lepton))


def ratio_to_kmu2(model, m_X, lepton="mu"):
    """Gamma(K -> l nu X) / (coupling^2 Gamma(K -> l nu)): dimensionless, independent of G_F V_us f_K."""
    return width_reduced(model, m_X, lepton=lepton) / kmu2_width_reduced(model, lepton)


def branching_ratio(model, m_X, coupling=1.0, lepton="mu"):
    """BR(K+ -> l+ nu X) = BR_exp(K -> l nu) coupling^2 Gamma(K -> l nu X)/Gamma(K -> l nu)|_coupling=1."""
    ratio = ratio_to_kmu2(model, m_X, lepton)  # checks the lepton first
    return KL2_BRANCHING_RATIOS[lepton] * check_coupling(coupling) ** 2 * ratio


def spectrum(model, m_X, m2_miss, coupling=1.0, lepton="mu"):
    """dBR/dm_miss^2 in GeV^-2 at m2_miss (GeV^2, array-like); zero outside [m_X^2, (m_K - m_l)^2]."""
    module, m_X, coupling = kernel(model, lepton), check_mass(m_X, lepton), check_coupling(coupling)
    m_l = lepton_mass(lepton)
    s12 = validate.array(m2_miss, "m2_miss", unit="GeV^2")
    flat = np.ascontiguousarray(s12.ravel())
    inside = (flat >= m_X**2) & (flat <= (M_K - m_l) ** 2)
    out = np.zeros_like(flat)
    values = np.empty(np.count_nonzero(inside))
    module.dgamma_ds12(np.ascontiguousarray(flat[inside]), M_K, m_l, m_X, values)
    out[inside] = values
    out *= KL2_BRANCHING_RATIOS[lepton] * coupling**2 / kmu2_width_reduced(model, lepton)
    return out.reshape(s12.shape)[()]  # a numpy scalar for scalar input


def partial_branching_ratio(model, m_X, m2_low, m2_high, lepton="mu"):
    """BR(K+ -> l+ nu X) at coupling 1 with m_miss^2 in [m2_low, m2_high] (GeV^2, clipped to the range)."""
    reduced = width_reduced(model, m_X, m2_low, m2_high, lepton) / kmu2_width_reduced(model, lepton)
    return KL2_BRANCHING_RATIOS[lepton] * reduced
