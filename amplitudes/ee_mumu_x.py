"""e+(p+) e-(p-) -> gamma* -> mu-(k1) mu+(k2) X(l): X radiated from the final-state muons, for a general muon vertex
of a spin-0 or spin-1 mediator (the basis of amplitudes.decays.lorentz_structure: Gamma = c_S + c_P i gamma5, or
gamma^beta (c_V + c_A gamma5)), derived with the trace engine. It is the production process of BABAR's 4 mu search
(PRD 94 (2016) 011102), used to carry BABAR's limit to other muon couplings (kaonlib.searches.ee_recast).

Muon current, per unit e and coupling (the common factors i and the muon charge drop out of |M|^2):

    J^nu = ubar(k1) [ Gamma S(k1 + l, m) gamma^nu + gamma^nu S(-k2 - l, m) Gamma ] v(k2),
    S(p, m) = (p/ + m)/(p^2 - m^2),

and M = e^2 g [vbar(p+) gamma_nu u(p-)] J^nu / s, q = p+ + p- = k1 + k2 + l, s = q^2. With massless electrons the
beam tensor sum_spins [vbar gamma_nu u][...]^* = 4 (p+_nu p-_nu' + p-_nu p+_nu' - (s/2) g_nu nu'), averaged over the
beam direction (the final state is integrated over all orientations), is (4/3)(q_nu q_nu' - s g_nu nu'). Hence

    sigma = e^4 g^2 / (6 s^2) int dPhi_3 W,   W = (q_nu q_nu' / s - g_nu nu') sum_{spins, pol} J^nu J^nu'^*,
    dPhi_3 = ds12 ds23 / (128 pi^3 s)  (PDG Kinematics review, Eq. 49.22, after the angles),

with s12 = (k1 + k2)^2, s23 = (k2 + l)^2 and the flux 1/(2s), the beam spin average 1/4. Current conservation
(q_nu J^nu = 0 for any neutral X vertex; tests/amplitudes/test_ee_mumu_x.py) makes the q q term vanish; it is kept.
"""

from __future__ import annotations

from functools import lru_cache

import sympy

from .dirac import (
    GAMMA5,
    IDENTITY,
    SpinorLine,
    as_chain,
    gamma,
    massive_vector_sum,
    slash,
    spin_summed_square,
    ubar,
    v,
)
from .kinematics import three_body
from .lorentz import Index, Momentum, Tensor, metric_factor
from .model import MEDIATOR_INDEX, MEDIATOR_INDEX_CONJ
from .symbols import m_mu, m_X, s12, s23

s = sympy.Symbol("s", positive=True)
c_S, c_P, c_V, c_A = sympy.symbols("c_S c_P c_V c_A", real=True)
K1, K2, L, Q = (Momentum.named(n) for n in ("k1", "k2", "l", "P"))
PHOTON_INDEX, PHOTON_INDEX_CONJ = Index("nu"), Index("nu'")
KINEMATICS = three_body(sympy.sqrt(s), ("k1", "k2", "l"), (m_mu, m_mu, m_X), s12, s23)
ARGUMENTS = {0: (s, s12, s23, m_mu, m_X, c_S, c_P), 1: (s, s12, s23, m_mu, m_X, c_V, c_A)}


def vertex(spin):
    """The general muon vertex per unit coupling."""
    if spin == 0:
        return c_S * IDENTITY + c_P * sympy.I * GAMMA5
    return gamma(MEDIATOR_INDEX) * (c_V * IDENTITY + c_A * GAMMA5)


def propagator(momentum, mass):
    return (slash(momentum) + mass) / (KINEMATICS.dot(momentum, momentum) - mass**2)


def current(spin, photon=PHOTON_INDEX):
    """Gamma^nu of J^nu = ubar(k1) Gamma^nu v(k2): emission after (from mu-) and before (from mu+) the photon.
    ``photon`` may be a momentum: then the chain is q_nu Gamma^nu (the Ward test)."""
    photon_vertex = as_chain(gamma(PHOTON_INDEX)).rename({PHOTON_INDEX: photon})
    radiated = vertex(spin)
    return radiated * propagator(K1 + L, m_mu) * photon_vertex + photon_vertex * propagator(-K2 - L, m_mu) * radiated


def photon_projector():
    """q_nu q_nu' / s - g_nu nu' (the direction-averaged beam tensor over (4/3) s)."""
    out = Tensor.from_factor(metric_factor(PHOTON_INDEX, PHOTON_INDEX_CONJ), sympy.Integer(-1))
    out.add_term((metric_factor(PHOTON_INDEX, Q), metric_factor(PHOTON_INDEX_CONJ, Q)), 1 / s)
    return out


def summed(chain, spin, photon_open=True):
    """sum over muon spins (and X polarisations) of |ubar(k1) chain v(k2)|^2, contracted with the photon projector
    when the photon index is open."""
    line = SpinorLine(ubar(K1, m_mu), chain, v(K2, m_mu))
    pairs = {PHOTON_INDEX: PHOTON_INDEX_CONJ} if photon_open else {}
    contraction = photon_projector() if photon_open else None
    if spin == 1:
        pairs[MEDIATOR_INDEX] = MEDIATOR_INDEX_CONJ
        polarisation = massive_vector_sum(MEDIATOR_INDEX, MEDIATOR_INDEX_CONJ, L, m_X)
        contraction = polarisation if contraction is None else contraction * polarisation
    return KINEMATICS.to_sympy(spin_summed_square(line, pairs, contraction))


@lru_cache(maxsize=None)
def reduced_square(spin):
    """W(s, s12, s23, m_mu, m_X, c_S, c_P | c_V, c_A): the contracted spin sum of the module docstring."""
    return sympy.expand(sympy.together(summed(current(spin), spin)))


def ward_residual(spin):
    """sum_spins |q_nu J^nu|^2: zero iff the muon current is conserved for every spin and polarisation."""
    return sympy.simplify(summed(current(spin, photon=Q), spin, photon_open=False))
