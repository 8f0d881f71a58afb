"""K+ -> $lepton+ nu X kernels for the model '$name': $description.

Lagrangian: $lagrangian  ($source).
Reduced quantities: sum|M|^2 / (C^2 g^2) with C = sqrt(2) G_F V_us f_K and g = $coupling; masses in GeV (the
argument m_mu is the mass of the charged lepton, $lepton), s12 = (l + q)^2 = m_miss^2 and s23 = (l + k)^2 in
GeV^2 (KMRT arXiv:1902.07715, Eqs. A.3-A.6).
"""

include "_quadrature.pxi"
include "_kmunu_dalitz.pxi"


cdef double msq_reduced(double s12, double s23, double m_K, double m_mu, double m_X) noexcept nogil:
    """sum|M|^2 / (C^2 g^2) in the dot products x = q.l, y = q.k, z = k.l (GeV^2); positive and negative
    monomials of the numerator are summed apart (near the Dalitz boundary for a light mediator they cancel)."""
    cdef double x, y, z
    kmunu_dot_products(s12, s23, m_K, m_mu, m_X, &x, &y, &z)
$msq_body


cdef double dgamma_ds12_reduced(double s12, double x, double r, double m_K, double m_mu,
                                double m_X) noexcept nogil:
    """(1/(256 pi^3 m_K^3)) int ds23 sum|M|^2 / (C^2 g^2) at s12 = m_X^2 + 2x, r = m_K - m_mu - sqrt(s12)."""
    cdef double z_lo, dz
    kmunu_s23_range(s12, x, r, m_K, m_mu, m_X, &z_lo, &dz)
    if dz <= 0.0:
        return 0.0
$spectrum_body


include "_kmunu_api.pxi"
