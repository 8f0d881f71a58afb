"""SM K+(P) -> mu+(k1) nu(q) mu+(k2) mu-(k3), inner bremsstrahlung through a virtual photon (a building block of
the di-muon background; the structure-dependent form factors are not included yet).

M(k1, k2) = [ubar(q) Gamma^a(k1; l) v(k1)] [e ubar(k3) gamma_a v(k2)] / l^2, l = k2 + k3, with Gamma^a the
gauge-invariant radiative K -> mu nu gamma* chain of amplitudes/kmunugamma.py (valid for l^2 != 0), in Feynman
gauge (the l_a l_b part drops out: the muon current is conserved and l_a Gamma^a = 0). The two mu+ are
identical fermions: M = M(k1, k2) - M(k2, k1), and the spin sum of the interference is one trace,
    sum M12 M21* = Tr[q/ Gamma^a(k1) (k1/ - m) gamma_b (k3/ + m) gamma_a (k2/ - m) bar(Gamma^b(k2))] / (l12^2 l21^2).
Kinematics: five of the six dot products of k1, k2, k3, q are symbols; k3.q follows from P^2 = m_K^2.
"""

from functools import lru_cache

import sympy

from .dirac import dirac_conjugate, gamma, slash
from .kinematics import Kinematics
from .kmunugamma import amplitude_chain, e
from .lorentz import Index, Momentum, contract
from .symbols import m_K, m_mu
from .trace import trace

NAMES = ("k1", "k2", "k3", "q")
DOTS = {(a, b): sympy.Symbol(f"{a}_{b}", real=True) for i, a in enumerate(NAMES) for b in NAMES[i + 1:]}
# the kaon mass shell P^2 = m_K^2 = 3 m_mu^2 + 2 sum(dots) eliminates k3.q: five independent invariants
DOTS[("k3", "q")] = (m_K**2 - 3 * m_mu**2) / 2 - sum(v for key, v in DOTS.items() if key != ("k3", "q"))
KINEMATICS = Kinematics({**DOTS, ("k1", "k1"): m_mu**2, ("k2", "k2"): m_mu**2, ("k3", "k3"): m_mu**2, ("q", "q"): 0},
                        dependent={"P": {n: 1 for n in NAMES}})
k1, k2, k3, q = (Momentum.named(n) for n in NAMES)
ALPHA, BETA = Index("alpha"), Index("beta")


def hadronic(muon, photon, slot):
    return amplitude_chain(slot, muon=muon, photon=photon, kinematics=KINEMATICS)


def propagator(photon):
    return 1 / KINEMATICS.dot(photon, photon)


def direct(w_muon, pair_antimuon):
    """sum |M(w_muon, pair_antimuon)|^2: a product of two traces sharing the photon indices."""
    photon = pair_antimuon + k3
    gamma_a = hadronic(w_muon, photon, ALPHA)
    gamma_b = dirac_conjugate(gamma_a).rename({ALPHA: BETA})
    weak = trace(slash(q) * gamma_a * (slash(w_muon) - m_mu) * gamma_b)
    pair = trace((slash(k3) + m_mu) * gamma(ALPHA) * (slash(pair_antimuon) - m_mu) * gamma(BETA))
    return KINEMATICS.to_sympy(contract(weak * pair)) * e**2 * propagator(photon) ** 2


def interference():
    """sum M(k1, k2) M(k2, k1)^* as a single trace (real: the eps terms cancel)."""
    chain = (slash(q) * hadronic(k1, k2 + k3, ALPHA) * (slash(k1) - m_mu) * gamma(BETA) * (slash(k3) + m_mu)
             * gamma(ALPHA) * (slash(k2) - m_mu) * dirac_conjugate(hadronic(k2, k1 + k3, BETA)))
    return KINEMATICS.to_sympy(contract(trace(chain))) * e**2 * propagator(k2 + k3) * propagator(k1 + k3)


@lru_cache(maxsize=None)
def squared_amplitude():
    """sum over spins of |M(k1, k2) - M(k2, k1)|^2 in the dot products (inner bremsstrahlung only)."""
    return sympy.expand(direct(k1, k2) + direct(k2, k1) - 2 * sympy.re(interference()))


def ward_residual():
    """sum_spins |l_a Gamma^a|^2 for the virtual photon l = k2 + k3 (zero: gauge invariance at l^2 != 0)."""
    chain = hadronic(k1, k2 + k3, k2 + k3)
    return sympy.simplify(KINEMATICS.to_sympy(contract(trace(slash(q) * chain * (slash(k1) - m_mu)
                                                              * dirac_conjugate(chain)))))
