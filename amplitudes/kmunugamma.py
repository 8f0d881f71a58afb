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

Structure-dependent (SD) part, in the PDG/BEG form with dimensionless form factors F_V, F_A (and R for a
virtual photon), lepton current ubar(q) gamma_nu (1 - gamma5) v(k), W = P - l:
    M_SD^a = -e G_F V_us / (sqrt(2) m_K) ubar(q) [i F_V eps^{a nu P l} gamma_nu
                                                  - F_A ((l.W) gamma^a - W^a l/)
                                                  - R (l^2 gamma^a - l^a l/)] (1 - gamma5) v(k).
The overall sign (the SD-IB relative sign) and the 1/(sqrt(2) m_K) normalisation are fixed by requiring the
real-photon density to equal the standard decomposition
    dGamma/dx dy = A_IB f_IB + A_SD [(F_V + F_A)^2 f_SD+ + (F_V - F_A)^2 f_SD-] - A_INT [(F_V + F_A) f_INT+
                   + (F_V - F_A) f_INT-]
(Bijnens, Ecker, Gasser, NPB 396 (1993) 81; the PDG review of radiative pion and kaon decays), in which the
chiral-perturbation-theory F_V and F_A are positive; :func:`standard_density` and the tests check it
symbolically. The eps^{a nu l P} gamma_nu current is written with the Chisholm identity of amplitudes/trace.py
as a chain of gamma matrices (:func:`epsilon_current`), checked against explicit matrices in the tests.
"""

from functools import lru_cache

import sympy

from .dirac import GAMMA5, P_LEFT, SpinorLine, gamma, slash, spin_summed_square, ubar, v
from .kinematics import three_body
from .lorentz import Index, Momentum, Tensor, metric_factor
from .symbols import G_F, V_us, f_K, m_K, m_mu

e = sympy.Symbol("e", positive=True)
F_V, F_A, R = sympy.symbols("F_V F_A R", real=True)
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


def component(slot, momentum):
    """p^a as the matrix (gamma^a p/ + p/ gamma^a)/2 (exact in four dimensions), or p.l for a momentum slot."""
    vertex, vector = photon_vertex(slot), slash(momentum)
    return (vertex * vector + vector * vertex) / 2


def epsilon_current(slot, b, c, kinematics):
    """eps(a, b, c, nu) gamma_nu as a chain: by the Chisholm identity a/ b/ c/ = (a.b) c/ - (a.c) b/ + (b.c) a/
    + i eps(a, b, c, nu) gamma_nu gamma5 (amplitudes/trace.py), with gamma5^2 = 1."""
    vertex = photon_vertex(slot)
    symmetric = component(slot, b) * slash(c) - component(slot, c) * slash(b) + kinematics.dot(b, c) * vertex
    return -sympy.I * (vertex * slash(b) * slash(c) - symmetric) * GAMMA5


def inverse_propagator(momentum, mass, kinematics):
    return 1 / (kinematics.dot(momentum, momentum) - mass**2)


def amplitude_chain(slot=ALPHA, muon=k, photon=l, kinematics=KINEMATICS, propagator=inverse_propagator):
    """Gamma^a of the inner-bremsstrahlung M^a = ubar(q) Gamma^a v(muon) for a photon (real or virtual) of
    momentum ``photon``. The kaon diagram's (2P - l)^a is the matrix :func:`component`, so that every term is a
    chain. ``propagator(p, m, kinematics)`` gives 1/(p^2 - m^2) (a symbol may stand for it)."""
    vertex = photon_vertex(slot)
    muon_line = slash(P) * P_LEFT * (slash(-muon - photon) + m_mu) * propagator(muon + photon, m_mu, kinematics)
    kaon = -(slash(P - photon) * P_LEFT) * component(slot, 2 * P - photon) * propagator(P - photon, m_K, kinematics)
    return e * C * (muon_line * vertex + kaon + vertex * P_LEFT)


def structure_dependent_chain(slot=ALPHA, photon=l, kinematics=KINEMATICS):
    """Gamma_SD^a of M_SD^a = ubar(q) Gamma_SD^a v(k) (module docstring), with the R term in its transverse form
    R (l^2 g^{ab} - l^a l^b) gamma_b (the l^a l^b part drops out against a conserved lepton-pair current), so that
    l_a Gamma_SD^a = 0 term by term."""
    vertex, w = photon_vertex(slot), P - photon
    vector = sympy.I * F_V * epsilon_current(slot, P, photon, kinematics)  # eps(a, nu, P, l) = eps(a, P, l, nu)
    axial = F_A * (kinematics.dot(photon, w) * vertex - component(slot, w) * slash(photon))
    charge_radius = R * (kinematics.dot(photon, photon) * vertex - component(slot, photon) * slash(photon))
    return -e * G_F * V_us / (sympy.sqrt(2) * m_K) * (vector - axial - charge_radius) * 2 * P_LEFT


def line(chain):
    return SpinorLine(ubar(q, 0), chain, v(k, m_mu))


def ward_residual():
    """sum_spins |l_a M^a|^2 (zero for a gauge-invariant amplitude)."""
    return sympy.simplify(KINEMATICS.to_sympy(spin_summed_square(line(amplitude_chain(l)))))


@lru_cache(maxsize=None)
def squared_amplitude(structure_dependent=False):
    """sum over spins and photon polarisations (-g_{ab}, allowed by the Ward identity) of |M|^2 in (s12, s23),
    inner bremsstrahlung alone or with the structure-dependent part."""
    chain = amplitude_chain() + (structure_dependent_chain() if structure_dependent else 0)
    polarisation = Tensor.from_factor(metric_factor(ALPHA, ALPHA_CONJ), sympy.Integer(-1))
    tensor = spin_summed_square(line(chain), {ALPHA: ALPHA_CONJ}, polarisation)
    return sympy.factor(sympy.cancel(KINEMATICS.to_sympy(tensor)))


def inner_bremsstrahlung_prefactor():
    """A_IB = Gamma(K_mu2) alpha/(2 pi (1 - r)^2), Gamma(K_mu2) = G_F^2 V_us^2 f_K^2 m_K m_mu^2 (1 - r)^2/(8 pi)."""
    r = m_mu**2 / m_K**2
    width = G_F**2 * V_us**2 * f_K**2 * m_K * m_mu**2 * (1 - r) ** 2 / (8 * sympy.pi)
    alpha = e**2 / (4 * sympy.pi)
    return width * alpha / (2 * sympy.pi * (1 - r) ** 2)


def bijnens_ecker_gasser_density():
    """BEG's inner-bremsstrahlung density: dGamma/dx dy = A_IB f_IB(x, y),
    f_IB = (1 - y + r)/(x^2 (x + y - 1 - r)) [x^2 + 2 (1 - x)(1 - r) - 2 x r (1 - r)/(x + y - 1 - r)]."""
    r = m_mu**2 / m_K**2
    z = x + y - 1 - r
    f_ib = (1 - y + r) / (x**2 * z) * (x**2 + 2 * (1 - x) * (1 - r) - 2 * x * r * (1 - r) / z)
    return inner_bremsstrahlung_prefactor() * f_ib


def standard_density():
    """The decomposition of the module docstring with A_SD = A_IB (m_K/f_K)^2 / (4 r), A_INT = A_IB (m_K/f_K)
    and, with z = x + y - 1 - r,
    f_SD+ = z [(x + y - 1)(1 - x) - r], f_SD- = (1 - y + r) [(1 - x)(1 - y) + r],
    f_INT+ = (1 - y + r)/(x z) [(1 - x)(1 - x - y) + r], f_INT- = (1 - y + r)/(x z) [x^2 - (1 - x)(1 - x - y) - r]."""
    r = m_mu**2 / m_K**2
    z = x + y - 1 - r
    a_sd = inner_bremsstrahlung_prefactor() / (4 * r) * (m_K / f_K) ** 2
    a_int = inner_bremsstrahlung_prefactor() * (m_K / f_K)
    f_sd_plus = z * ((x + y - 1) * (1 - x) - r)
    f_sd_minus = (1 - y + r) * ((1 - x) * (1 - y) + r)
    f_int_plus = (1 - y + r) / (x * z) * ((1 - x) * (1 - x - y) + r)
    f_int_minus = (1 - y + r) / (x * z) * (x**2 - (1 - x) * (1 - x - y) - r)
    return (bijnens_ecker_gasser_density() + a_sd * ((F_V + F_A) ** 2 * f_sd_plus + (F_V - F_A) ** 2 * f_sd_minus)
            - a_int * ((F_V + F_A) * f_int_plus + (F_V - F_A) * f_int_minus))


def derived_density(structure_dependent=False):
    """dGamma/dx dy = m_K |M|^2 / (256 pi^3) with s12 = m_K^2 (1 - y + r), s13 = m_K^2 (1 - x)."""
    r = m_mu**2 / m_K**2
    s12_value = m_K**2 * (1 - y + r)
    s13_value = m_K**2 * (1 - x)
    s23_value = m_K**2 + m_mu**2 - s12_value - s13_value
    msq = squared_amplitude(structure_dependent)
    return m_K * msq.subs({s12: s12_value, s23: s23_value}) / (256 * sympy.pi**3)
