"""Squared amplitudes as printed in KMRT (Krnjaic, Marques-Tavares, Redigolo, Tobioka, arXiv:1902.07715),
transcribed for comparison only: kaonlib's rates come from the derived expressions, never from these.

lambda_mu = 2 G_F f_K m_mu V_us (KMRT Eq. A.2); m12^2 -> s12 = (l + q)^2, m23^2 -> s23 = (l + k)^2.

Findings (derived in amplitudes.kmunu, checked in tests/amplitudes/test_kmunu.py):
* (A.7), vector: equals the derived |M|^2 exactly (constant 1) with the vertex C = sqrt(2) G_F V_us f_K,
  because lambda_mu^2 = 2 m_mu^2 C^2.
* (A.8), scalar: the printed last term m_phi^2 (m23^2 - m_mu^2 m_K^2) mixes mass dimensions 2 and 4.
  The derivation gives m_phi^2 (m23^4 - m_mu^2 m_K^2); with it (A.8) equals the derived |M|^2 exactly.
* (A.1): Gamma(K -> mu nu) = m_K lambda_mu^2 (1 - m_mu^2/m_K^2)^2 / (2 pi) is 16 times the width from the
  same vertex, G_F^2 V_us^2 f_K^2 m_K m_mu^2 (1 - m_mu^2/m_K^2)^2 / (8 pi); it is inconsistent with (A.7).
"""

import sympy

from .symbols import G_F, V_us, f_K, m_K, m_mu, m_X, s12, s23

LAMBDA_MU = 2 * G_F * f_K * m_mu * V_us  # KMRT Eq. (A.2)


def kmrt_a7_vector(g):
    """KMRT Eq. (A.7) as printed."""
    d23 = s23 - m_mu**2
    return g**2 * LAMBDA_MU**2 * (
        2
        + (s12 + 2 * m_mu**2 - 2 * m_K**2) / d23
        - (m_K**2 - m_mu**2) * (m_X**2 + 2 * m_mu**2) / d23**2
        + 2 * ((m_K**2 - m_mu**2) ** 2 + m_X**2 * m_mu**2) / (s12 * d23)
        - m_X**2 * (m_K**2 - m_mu**2) / s12**2
        + (s23 + m_mu**2 - 2 * m_K**2) / s12
    )


def kmrt_a8_scalar(y, corrected=True):
    """KMRT Eq. (A.8); ``corrected=False`` gives the printed, dimensionally inconsistent last term."""
    last = m_X**2 * ((s23**2 if corrected else s23) - m_mu**2 * m_K**2)
    bracket = m_K**2 * (s23 + m_mu**2) ** 2 - s23 * ((s23 + m_mu**2) ** 2 + s12 * (s23 - m_mu**2)) + last
    return LAMBDA_MU**2 * y**2 / (2 * m_mu**2 * (s23 - m_mu**2) ** 2) * bracket


def kmrt_a1_width():
    """KMRT Eq. (A.1) as printed."""
    return m_K * LAMBDA_MU**2 / (2 * sympy.pi) * (1 - m_mu**2 / m_K**2) ** 2
