"""SM K+(P) -> mu+(k1) nu(q) mu+(k2) mu-(k3) through a virtual photon: inner bremsstrahlung and the
structure-dependent form factors F_V, F_A, R.

M(k1, k2) = [ubar(q) Gamma^a(k1; l) v(k1)] [e ubar(k3) gamma_a v(k2)] / l^2, l = k2 + k3, with Gamma^a the
gauge-invariant K -> mu nu gamma* chain of amplitudes/kmunugamma.py (inner bremsstrahlung plus structure-dependent
part, valid for l^2 != 0), in Feynman gauge (the l_a l_b part drops out: the muon current is conserved and
l_a Gamma^a = 0). The two mu+ are identical fermions: M = M(k1, k2) - M(k2, k1), and the spin sum of the
interference is one trace,
    sum M12 M21* = Tr[q/ Gamma^a(k1) (k1/ - m) gamma_b (k3/ + m) gamma_a (k2/ - m) bar(Gamma^b(k2))] / (l12^2 l21^2).
Kinematics: five of the six dot products of k1, k2, k3, q are symbols; k3.q follows from P^2 = m_K^2.

The propagators are kept as symbols (:data:`PROPAGATORS`, each 1/(p^2 - m^2)), so that the spin sum is a
polynomial: it expands quickly, and the generated kernel computes the few denominators once per point.
"""

from functools import lru_cache

import sympy

from .cache import cached
from .dirac import dirac_conjugate, gamma, slash
from .kinematics import Kinematics
from .kmunugamma import amplitude_chain, e, structure_dependent_chain
from .lorentz import Index, Momentum, contract
from .symbols import m_K, m_mu
from .trace import trace

NAMES = ("k1", "k2", "k3", "q")
DOTS = {(a, b): sympy.Symbol(f"{a}_{b}", real=True) for i, a in enumerate(NAMES) for b in NAMES[i + 1:]}
# the kaon mass shell P^2 = m_K^2 = 3 m_mu^2 + 2 sum(dots) eliminates k3.q: five independent invariants
DOTS[("k3", "q")] = (m_K**2 - 3 * m_mu**2) / 2 - sum(v for key, v in DOTS.items() if key != ("k3", "q"))
INVARIANTS = tuple(v for v in DOTS.values() if isinstance(v, sympy.Symbol))
KINEMATICS = Kinematics({**DOTS, ("k1", "k1"): m_mu**2, ("k2", "k2"): m_mu**2, ("k3", "k3"): m_mu**2, ("q", "q"): 0},
                        dependent={"P": {n: 1 for n in NAMES}})
k1, k2, k3, q = (Momentum.named(n) for n in NAMES)
P = Momentum.named("P")
ALPHA, BETA = Index("alpha"), Index("beta")
# every module of this package the derivation depends on (the on-disk cache key; checked by the tests)
DERIVATION_MODULES = ("k3munu", "kmunugamma", "dirac", "lorentz", "trace", "kinematics", "symbols")

# 1/(p^2 - m^2) for every propagator of the two orderings; the mu+ line carries P - q in both
PROPAGATORS = {
    "muon": (k1 + k2 + k3, m_mu),
    "kaon_1": (P - k2 - k3, m_K),  # W boson attached to mu+(k1)
    "kaon_2": (P - k1 - k3, m_K),
    "photon_1": (k2 + k3, 0),
    "photon_2": (k1 + k3, 0),
}
PROPAGATOR_SYMBOLS = {name: sympy.Symbol(f"D_{name}", real=True) for name in PROPAGATORS}


def denominator(momentum, mass):
    return sympy.expand(KINEMATICS.dot(momentum, momentum) - mass**2)


DENOMINATORS = {denominator(p, m): PROPAGATOR_SYMBOLS[name] for name, (p, m) in PROPAGATORS.items()}


def propagator_symbol(momentum, mass, kinematics=KINEMATICS):
    """The symbol standing for 1/(p^2 - m^2); raises for a propagator not in :data:`PROPAGATORS`."""
    return DENOMINATORS[denominator(momentum, mass)]


def propagator_values():
    """{symbol: 1/(p^2 - m^2) in the invariants}, to substitute back."""
    return {PROPAGATOR_SYMBOLS[name]: 1 / denominator(p, m) for name, (p, m) in PROPAGATORS.items()}


def hadronic(muon, photon, slot):
    """IB + SD chain Gamma^a for the mu+ ``muon`` attached to the W and the photon ``photon``."""
    return (amplitude_chain(slot, muon=muon, photon=photon, kinematics=KINEMATICS, propagator=propagator_symbol)
            + structure_dependent_chain(slot, photon=photon, kinematics=KINEMATICS))


def direct(w_muon, pair_antimuon, photon_propagator):
    """sum |M(w_muon, pair_antimuon)|^2: a product of two traces sharing the photon indices."""
    photon = pair_antimuon + k3
    gamma_a = hadronic(w_muon, photon, ALPHA)
    gamma_b = dirac_conjugate(gamma_a).rename({ALPHA: BETA})
    weak = trace(slash(q) * gamma_a * (slash(w_muon) - m_mu) * gamma_b)
    pair = trace((slash(k3) + m_mu) * gamma(ALPHA) * (slash(pair_antimuon) - m_mu) * gamma(BETA))
    return KINEMATICS.to_sympy(contract(weak * pair)) * e**2 * photon_propagator**2


def interference():
    """sum M(k1, k2) M(k2, k1)^* as a single trace."""
    chain = (slash(q) * hadronic(k1, k2 + k3, ALPHA) * (slash(k1) - m_mu) * gamma(BETA) * (slash(k3) + m_mu)
             * gamma(ALPHA) * (slash(k2) - m_mu) * dirac_conjugate(hadronic(k2, k1 + k3, BETA)))
    photons = PROPAGATOR_SYMBOLS["photon_1"] * PROPAGATOR_SYMBOLS["photon_2"]
    return KINEMATICS.to_sympy(contract(trace(chain))) * e**2 * photons


def derive_squared_amplitude():
    total = (direct(k1, k2, PROPAGATOR_SYMBOLS["photon_1"]) + direct(k2, k1, PROPAGATOR_SYMBOLS["photon_2"])
             - 2 * sympy.re(interference()))
    generators = sorted(total.free_symbols, key=str)
    # times m_K^2 (the SD normalisation carries 1/m_K): a polynomial, expanded by SymPy's sparse polynomials
    return sympy.Poly(total * m_K**2, *generators).as_expr() / m_K**2


@lru_cache(maxsize=None)
def squared_amplitude():
    """sum over spins of |M(k1, k2) - M(k2, k1)|^2: a polynomial in the invariants, the propagator symbols,
    the form factors, the couplings and the masses (substitute :func:`propagator_values` for the rational
    function). Derived in about a minute, then kept in the on-disk cache (amplitudes/cache.py)."""
    return cached("k3munu_squared_amplitude", derive_squared_amplitude, DERIVATION_MODULES)


def ward_residual():
    """sum_spins |l_a Gamma^a|^2 for the virtual photon l = k2 + k3, IB + SD with R (zero: gauge invariance at
    l^2 != 0), with the propagators substituted."""
    chain = hadronic(k1, k2 + k3, k2 + k3)
    residual = KINEMATICS.to_sympy(contract(trace(slash(q) * chain * (slash(k1) - m_mu) * dirac_conjugate(chain))))
    return sympy.simplify(residual.subs(propagator_values()))
