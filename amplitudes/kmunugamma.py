"""K+(P) -> mu+(k) nu(q) gamma(l), inner bremsstrahlung, derived from the SM vertex by minimal coupling.

Diagrams (SM vertex C ubar(q) P/_W P_L v(k), C = sqrt(2) G_F V_us f_K, P_W the momentum of the kaon that
annihilates; photon current of charge e for K+ and mu+):
    mu+ line:   + e C ubar(q) P/ P_L S(-k - l, m_mu) gamma^a v(k)
    K+ line:    - e C (2P - l)^a / ((P - l)^2 - m_K^2) ubar(q) (P/ - l/) P_L v(k)
    contact:    + e C ubar(q) gamma^a P_L v(k)        (from gauging the K+ W vertex)
The relative signs are those for which l_a M^a = 0 (checked: ward_residual); they reproduce the eikonal structure
P.e/P.l - k.e/k.l of soft emission by two like charges. With the Ward identity the photon polarisation
sum is -g_{ab}. Dalitz variables x = 2 P.l / m_K^2, y = 2 P.k / m_K^2 (Bijnens, Ecker, Gasser,
Nucl. Phys. B396 (1993) 81), so m_miss^2 = (q + l)^2 = m_K^2 (1 - y + r), r = m_mu^2/m_K^2.
This derivation checks the inner-bremsstrahlung density used for the default NA62 background
(kaonlib/background.py) and is the radiative core of the SM K+ -> mu+ nu mu+ mu- background.
"""

from functools import lru_cache

import sympy

from .dirac import P_LEFT, SpinorLine, gamma, slash, spin_summed_square, ubar, v
from .kinematics import three_body
from .lorentz import Index, Momentum, Tensor, metric_factor
from .symbols import G_F, V_us, f_K, m_K, m_mu

e = sympy.Symbol("e", positive=True)
x, y = sympy.symbols("x y", positive=True)
s12, s23 = sympy.symbols("s12 s23", positive=True)
C = sympy.sqrt(2) * G_F * V_us * f_K
P, k, q, l = (Momentum.named(n) for n in ("P", "k", "q", "l"))
KINEMATICS = three_body(m_K, ("q", "l", "k"), (0, 0, m_mu), s12, s23)  # 1 = nu, 2 = gamma, 3 = mu
ALPHA, ALPHA_CONJ = Index("alpha"), Index("alpha'")


def dot(a, b):
    return KINEMATICS.dot(a, b)


def photon_vertex(slot):
    """gamma^a for an index, or l/ for the momentum l (the Ward-identity contraction)."""
    return gamma(slot) if isinstance(slot, Index) else slash(slot)


def amplitude_chain(slot=ALPHA, muon=k, photon=l, kinematics=KINEMATICS):
    """Gamma^a of M^a = ubar(q) Gamma^a v(muon) for a photon (real or virtual) of momentum ``photon``.
    The kaon diagram's (2P - l)^a is written as the matrix (gamma^a K/ + K/ gamma^a)/2 = K^a (K = 2P - l),
    exact in four dimensions, so that every term is a chain."""
    vertex, kaon_vector = photon_vertex(slot), slash(2 * P - photon)
    square = kinematics.dot
    muon_line = slash(P) * P_LEFT * (slash(-muon - photon) + m_mu) / (square(muon + photon, muon + photon) - m_mu**2)
    kaon = -(slash(P - photon) * P_LEFT) * (vertex * kaon_vector + kaon_vector * vertex) / 2 / (
        square(P - photon, P - photon) - m_K**2)
    return e * C * (muon_line * vertex + kaon + vertex * P_LEFT)


def line(chain):
    return SpinorLine(ubar(q, 0), chain, v(k, m_mu))


def ward_residual():
    """sum_spins |l_a M^a|^2 (zero for a gauge-invariant amplitude)."""
    return sympy.simplify(KINEMATICS.to_sympy(spin_summed_square(line(amplitude_chain(l)))))


@lru_cache(maxsize=None)
def squared_amplitude():
    """sum over spins and photon polarisations (-g_{ab}, allowed by the Ward identity) of |M|^2 in (s12, s23)."""
    polarisation = Tensor.from_factor(metric_factor(ALPHA, ALPHA_CONJ), sympy.Integer(-1))
    tensor = spin_summed_square(line(amplitude_chain()), {ALPHA: ALPHA_CONJ}, polarisation)
    return sympy.factor(sympy.cancel(KINEMATICS.to_sympy(tensor)))


def bijnens_ecker_gasser_density():
    """BEG's inner-bremsstrahlung density: dGamma/dx dy = Gamma(K_mu2) alpha/(2 pi (1 - r)^2) f_IB(x, y),
    f_IB = (1 - y + r)/(x^2 (x + y - 1 - r)) [x^2 + 2 (1 - x)(1 - r) - 2 x r (1 - r)/(x + y - 1 - r)]."""
    r = m_mu**2 / m_K**2
    z = x + y - 1 - r
    f_ib = (1 - y + r) / (x**2 * z) * (x**2 + 2 * (1 - x) * (1 - r) - 2 * x * r * (1 - r) / z)
    width = G_F**2 * V_us**2 * f_K**2 * m_K * m_mu**2 * (1 - r) ** 2 / (8 * sympy.pi)
    alpha = e**2 / (4 * sympy.pi)
    return width * alpha / (2 * sympy.pi * (1 - r) ** 2) * f_ib


def derived_density():
    """dGamma/dx dy = m_K |M|^2 / (256 pi^3) with s12 = m_K^2 (1 - y + r), s13 = m_K^2 (1 - x)."""
    r = m_mu**2 / m_K**2
    s12_value = m_K**2 * (1 - y + r)
    s13_value = m_K**2 * (1 - x)
    s23_value = m_K**2 + m_mu**2 - s12_value - s13_value
    return m_K * squared_amplitude().subs({s12: s12_value, s23: s23_value}) / (256 * sympy.pi**3)
