"""SM K+(P) -> l+(k1) nu(q) l'+(k2) l'-(k3), l, l' in {e, mu}, through a virtual photon: inner bremsstrahlung and
the structure-dependent form factors F_V, F_A, R.

M(k1, k2) = [ubar(q) Gamma^a(k1; l) v(k1)] [e ubar(k3) gamma_a v(k2)] / l^2, l = k2 + k3, with Gamma^a the
gauge-invariant K -> l nu gamma* chain of amplitudes/kmunugamma.py (inner bremsstrahlung with the lepton mass
m_l, the structure-dependent part, and BEG's kaon-pole term, the K+ form factor F_K(t) = 1 + R t/(2 f_K m_K) on
the kaon line; valid for l^2 != 0), in Feynman gauge (the l_a l_b part drops out: the
pair current is conserved and l_a Gamma^a = 0).

* l != l' (mu nu e e, e nu mu mu): sum|M|^2 is the product of the weak and the pair trace, masses m_l and m_lp.
* l = l' (mu nu mu mu, e nu e e): the two l+ are identical fermions, M = M(k1, k2) - M(k2, k1), and the spin
  sum of the interference is one trace,
  sum M12 M21* = Tr[q/ Gamma^a(k1) (k1/ - m) gamma_b (k3/ + m) gamma_a (k2/ - m) bar(Gamma^b(k2))] / (l12^2 l21^2).
The lepton masses stay symbols, so one derivation serves both modes of each kind (:data:`PROCESSES`).
Kinematics: five of the six dot products of k1, k2, k3, q are symbols; k3.q follows from P^2 = m_K^2.

The propagators are kept as symbols (each 1/(p^2 - m^2)), so that the spin sum is a polynomial: it expands
quickly, and the generated kernel computes the few denominators once per point.
"""

from functools import lru_cache

import sympy

from .cache import cached
from .dirac import dirac_conjugate, gamma, slash
from .kinematics import Kinematics
from .kmunugamma import amplitude_chain, e, kaon_form_factor_chain, structure_dependent_chain
from .lorentz import Index, Momentum, contract
from .symbols import m_K
from .trace import trace

m_l, m_lp = sympy.symbols("m_l m_lp", positive=True)  # the lepton from the W, the pair leptons
NAMES = ("k1", "k2", "k3", "q")
k1, k2, k3, q = (Momentum.named(n) for n in NAMES)
P = Momentum.named("P")
ALPHA, BETA = Index("alpha"), Index("beta")
INDEPENDENT = tuple(sympy.Symbol(f"{a}_{b}", real=True) for a, b in
                    (("k1", "k2"), ("k1", "k3"), ("k1", "q"), ("k2", "k3"), ("k2", "q")))
# every module of this package the derivation depends on (the on-disk cache key; checked by the tests)
DERIVATION_MODULES = ("k3munu", "kmunugamma", "dirac", "lorentz", "trace", "kinematics", "symbols")


class Process:
    """Kinematics and propagators of K+ -> l+(k1) nu(q) l'+(k2) l'-(k3): ``identical`` means l = l' (one mass m_l,
    both orderings of the two l+), otherwise the W lepton has mass m_l and the pair leptons m_lp."""

    def __init__(self, identical):
        self.identical = identical
        self.pair_mass = m_l if identical else m_lp
        masses = {"k1": m_l, "k2": self.pair_mass, "k3": self.pair_mass, "q": 0}
        dots = dict(zip((("k1", "k2"), ("k1", "k3"), ("k1", "q"), ("k2", "k3"), ("k2", "q")), INDEPENDENT))
        # the kaon mass shell m_K^2 = sum m_i^2 + 2 sum(dots) eliminates k3.q
        dots[("k3", "q")] = (m_K**2 - sum(m**2 for m in masses.values())) / 2 - sum(INDEPENDENT)
        squares = {(n, n): m**2 for n, m in masses.items()}
        self.kinematics = Kinematics({**dots, **squares}, dependent={"P": {n: 1 for n in NAMES}})
        # 1/(p^2 - m^2) for every propagator; the l+ line from the W carries P - q in both orderings
        self.propagators = {"lepton": (k1 + k2 + k3, m_l), "kaon_1": (P - k2 - k3, m_K), "photon_1": (k2 + k3, 0)}
        if identical:
            self.propagators.update({"kaon_2": (P - k1 - k3, m_K), "photon_2": (k1 + k3, 0)})
        self.symbols = {name: sympy.Symbol(f"D_{name}", real=True) for name in self.propagators}
        self.by_denominator = {self.denominator(p, m): self.symbols[name] for name, (p, m) in self.propagators.items()}

    @property
    def name(self):
        return "identical" if self.identical else "distinct"

    def denominator(self, momentum, mass):
        return sympy.expand(self.kinematics.dot(momentum, momentum) - mass**2)

    def propagator_symbol(self, momentum, mass, kinematics=None):
        """The symbol standing for 1/(p^2 - m^2); raises for a propagator not in ``propagators``."""
        return self.by_denominator[self.denominator(momentum, mass)]

    def propagator_values(self):
        """{symbol: 1/(p^2 - m^2) in the invariants}, to substitute back."""
        return {self.symbols[name]: 1 / self.denominator(p, m) for name, (p, m) in self.propagators.items()}

    def hadronic(self, w_lepton, photon, slot):
        """IB + SD chain Gamma^a for the l+ ``w_lepton`` attached to the W and the photon ``photon``, with the
        kaon-pole term (the K+ form factor on the kaon line, tied to R)."""
        return (amplitude_chain(slot, muon=w_lepton, photon=photon, kinematics=self.kinematics,
                                propagator=self.propagator_symbol, mass=m_l)
                + structure_dependent_chain(slot, photon=photon, kinematics=self.kinematics)
                + kaon_form_factor_chain(slot, photon=photon, kinematics=self.kinematics,
                                         propagator=self.propagator_symbol))

    def direct(self, w_lepton, pair_antilepton, photon_propagator):
        """sum |M(w_lepton, pair_antilepton)|^2: a product of two traces sharing the photon indices."""
        photon, m = pair_antilepton + k3, self.pair_mass
        gamma_a = self.hadronic(w_lepton, photon, ALPHA)
        gamma_b = dirac_conjugate(gamma_a).rename({ALPHA: BETA})
        weak = trace(slash(q) * gamma_a * (slash(w_lepton) - m_l) * gamma_b)
        pair = trace((slash(k3) + m) * gamma(ALPHA) * (slash(pair_antilepton) - m) * gamma(BETA))
        return self.kinematics.to_sympy(contract(weak * pair)) * e**2 * photon_propagator**2

    def interference(self):
        """sum M(k1, k2) M(k2, k1)^* as a single trace (identical leptons only)."""
        chain = (slash(q) * self.hadronic(k1, k2 + k3, ALPHA) * (slash(k1) - m_l) * gamma(BETA) * (slash(k3) + m_l)
                 * gamma(ALPHA) * (slash(k2) - m_l) * dirac_conjugate(self.hadronic(k2, k1 + k3, BETA)))
        photons = self.symbols["photon_1"] * self.symbols["photon_2"]
        return self.kinematics.to_sympy(contract(trace(chain))) * e**2 * photons

    def derive(self):
        total = self.direct(k1, k2, self.symbols["photon_1"])
        if self.identical:
            total += self.direct(k2, k1, self.symbols["photon_2"]) - 2 * sympy.re(self.interference())
        generators = sorted(total.free_symbols, key=str)
        # times m_K^2 (the SD normalisation carries 1/m_K): a polynomial, expanded by SymPy's sparse polynomials
        return sympy.Poly(total * m_K**2, *generators).as_expr() / m_K**2

    def ward_residual(self, w_lepton, photon):
        """sum_spins |l_a Gamma^a|^2 for the virtual photon ``photon`` radiated with the W lepton ``w_lepton``,
        IB + SD with R (zero: gauge invariance at l^2 != 0), with the propagators substituted."""
        chain = self.hadronic(w_lepton, photon, photon)
        residual = self.kinematics.to_sympy(contract(trace(slash(q) * chain * (slash(w_lepton) - m_l)
                                                           * dirac_conjugate(chain))))
        return sympy.simplify(residual.subs(self.propagator_values()))


PROCESSES = {identical: Process(identical) for identical in (False, True)}


@lru_cache(maxsize=None)
def squared_amplitude(identical):
    """sum over spins of |M|^2 (antisymmetrised for identical leptons): a polynomial in the invariants, the
    propagator symbols, the form factors, the couplings and the masses (substitute
    ``PROCESSES[identical].propagator_values()`` for the rational function). The identical-lepton sum takes
    about 80 s, then stays in the on-disk cache (amplitudes/cache.py)."""
    process = PROCESSES[identical]
    return cached(f"four_lepton_{process.name}_squared_amplitude", process.derive, DERIVATION_MODULES)
