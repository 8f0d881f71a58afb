"""Branching ratios and m_miss^2 spectra of K+ -> mu+ nu X.

Normalisation (PHYSICS.md section 2; KMRT's own prefactors are inconsistent, see README "Physics notes"):

    BR(K -> mu nu X) = BR_exp(K -> mu nu) * Gamma(K -> mu nu X) / Gamma(K -> mu nu),

with both widths computed from the same SM vertex (C = sqrt(2) G_F V_us f_K), so that G_F, V_us and f_K
cancel. The spectrum is dBR/dm_miss^2 with m_miss^2 = s12 = (p_K - p_mu)^2 = (q + l)^2, in GeV^-2.
"""

import numpy as np

from .inputs import BR_KMU2, M_K, M_MU
from .kmunu import check_coupling, check_mass, kernel, width_reduced


def kmu2_width_reduced(model):
    """Gamma(K+ -> mu+ nu) / C^2 (GeV^3), from the model's generated kernel (same vertex)."""
    return kernel(model).kmu2_width(M_K, M_MU)


def ratio_to_kmu2(model, m_X):
    """Gamma(K -> mu nu X) / (coupling^2 Gamma(K -> mu nu)): dimensionless, independent of G_F V_us f_K."""
    return width_reduced(model, m_X) / kmu2_width_reduced(model)


def branching_ratio(model, m_X, coupling=1.0):
    """BR(K+ -> mu+ nu X) = BR_exp(K -> mu nu) coupling^2 Gamma(K -> mu nu X)/Gamma(K -> mu nu)|_coupling=1."""
    return BR_KMU2 * check_coupling(coupling) ** 2 * ratio_to_kmu2(model, m_X)


def spectrum(model, m_X, m2_miss, coupling=1.0):
    """dBR/dm_miss^2 in GeV^-2 at m2_miss (GeV^2, array-like); zero outside [m_X^2, (m_K - m_mu)^2]."""
    module, m_X, coupling = kernel(model), check_mass(m_X), check_coupling(coupling)
    s12 = np.asarray(m2_miss, dtype=float)
    if not np.all(np.isfinite(s12)):
        raise ValueError("m2_miss must be finite numbers (got NaN or inf)")
    flat = np.ascontiguousarray(s12.ravel())
    inside = (flat >= m_X**2) & (flat <= (M_K - M_MU) ** 2)
    out = np.zeros_like(flat)
    values = np.empty(np.count_nonzero(inside))
    module.dgamma_ds12(np.ascontiguousarray(flat[inside]), M_K, M_MU, m_X, values)
    out[inside] = values
    out *= BR_KMU2 * coupling**2 / kmu2_width_reduced(model)
    return out.reshape(s12.shape)[()]  # a numpy scalar for scalar input
