"""Dirac chains: products of slashed momenta, gamma^mu, gamma5 and chiral projectors, with SymPy coefficients.

A :class:`Chain` is a linear combination of *words*. A word is kept in the canonical form
``(slots, has_gamma5)``: the gamma matrices in order, with every gamma5 anticommuted to the right
(gamma5 gamma^mu = -gamma^mu gamma5, gamma5^2 = 1). Chiral projectors are P_L = (1 - gamma5)/2 and
P_R = (1 + gamma5)/2.

Spinor lines ``ubar(p1) Gamma v(p2)`` are squared and spin-summed with u ubar = p/ + m, v vbar = p/ - m;
the Dirac conjugate bar(Gamma) = gamma^0 Gamma^dagger gamma^0 reverses the word, keeps gamma^mu and p/,
flips gamma5 -> -gamma5 and complex-conjugates the coefficient.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .lorentz import Combination, Index, Momentum, Tensor, contract, metric_factor
from .trace import trace


class Chain(Combination):
    """Linear combination {(slots, has_gamma5): SymPy coefficient} of gamma-matrix words."""

    def __add__(self, other):
        return Combination.__add__(self, as_chain(other))

    __radd__ = __add__

    def __neg__(self):
        return Chain({w: -c for w, c in self.items()})

    def __sub__(self, other):
        return self + (-as_chain(other))

    def __rsub__(self, other):
        return as_chain(other) - self

    def __mul__(self, other):
        other = as_chain(other)
        out = Chain()
        for (s1, g1), c1 in self.items():
            for (s2, g2), c2 in other.items():
                sign = -1 if g1 and len(s2) % 2 else 1
                out.accumulate((s1 + s2, g1 != g2), sign * c1 * c2)
        return out

    def __rmul__(self, other):
        return as_chain(other) * self

    def __truediv__(self, scalar):
        return self * (1 / sympy.sympify(scalar))

    def rename(self, mapping):
        """Rename Lorentz indices, e.g. to give the conjugate amplitude its own indices."""
        return Chain({(tuple(mapping.get(s, s) for s in slots), g5): c for (slots, g5), c in self.items()})


def as_chain(value):
    if isinstance(value, Chain):
        return value
    value = sympy.sympify(value)
    return Chain({((), False): value}) if value != 0 else Chain()


def gamma(index):
    """gamma^mu for an :class:`Index` (or an index name)."""
    index = index if isinstance(index, Index) else Index(index)
    return Chain({((index,), False): sympy.Integer(1)})


def slash(momentum):
    """p/ = gamma^mu p_mu for a :class:`Momentum`."""
    if not isinstance(momentum, Momentum):
        raise TypeError(f"slash() needs a Momentum, got {momentum!r}")
    return Chain({((momentum,), False): sympy.Integer(1)})


GAMMA5 = Chain({((), True): sympy.Integer(1)})
IDENTITY = as_chain(1)
P_LEFT = (IDENTITY - GAMMA5) / 2
P_RIGHT = (IDENTITY + GAMMA5) / 2


def dirac_conjugate(chain):
    """bar(Gamma) = gamma^0 Gamma^dagger gamma^0.

    Raises ValueError when a coefficient is not manifestly real or complex (symbols must be declared
    real), since its conjugate could not be formed reliably.
    """
    out = Chain()
    for (slots, has_g5), coeff in chain.items():
        conj = sympy.conjugate(coeff)
        if conj.has(sympy.conjugate):
            raise ValueError(
                f"cannot form the Dirac conjugate: coefficient {coeff} involves symbols not declared real"
            )
        # bar(s1..sn g5) = (-g5) sn..s1 = -(-1)^n sn..s1 g5
        sign = -(-1) ** len(slots) if has_g5 else 1
        out.accumulate((tuple(reversed(slots)), has_g5), sign * conj)
    return out


@dataclass(frozen=True)
class Spinor:
    """External spinor: kind 'u' (fermion) or 'v' (antifermion), momentum, mass, barred or not."""

    kind: str
    momentum: Momentum
    mass: sympy.Expr
    barred: bool

    def spin_sum(self):
        """sum_s u ubar = p/ + m,  sum_s v vbar = p/ - m."""
        sign = 1 if self.kind == "u" else -1
        return slash(self.momentum) + sign * self.mass


def u(p, m):
    return Spinor("u", p, sympy.sympify(m), False)


def v(p, m):
    return Spinor("v", p, sympy.sympify(m), False)


def ubar(p, m):
    return Spinor("u", p, sympy.sympify(m), True)


def vbar(p, m):
    return Spinor("v", p, sympy.sympify(m), True)


@dataclass
class SpinorLine:
    """The open fermion line ``left Gamma right``, e.g. ubar(q) Gamma v(k)."""

    left: Spinor
    chain: Chain
    right: Spinor

    def __post_init__(self):
        if not (self.left.barred and not self.right.barred):
            raise ValueError(
                "a spinor line must read  barred spinor . chain . unbarred spinor  "
                f"(got left barred={self.left.barred}, right barred={self.right.barred}); "
                "its conjugate cannot be formed otherwise"
            )
        self.chain = as_chain(self.chain)


def spin_summed_square(line, index_pairs=(), polarisation=None):
    """sum over spins of |left Gamma right|^2 = Tr[(left spin sum) Gamma (right spin sum) bar(Gamma)].

    ``index_pairs`` maps each open index of the amplitude to the index used in the conjugate
    amplitude; ``polarisation`` is the Tensor contracting those pairs (see :func:`massive_vector_sum`).
    The result is fully contracted (unbalanced indices raise ValueError).
    """
    mapping = dict(index_pairs)
    conjugate = dirac_conjugate(line.chain).rename(mapping)
    product = line.left.spin_sum() * line.chain * line.right.spin_sum() * conjugate
    squared = trace(product)
    if polarisation is not None:
        squared = squared * polarisation
    return contract(squared)


def massive_vector_sum(mu, nu, momentum, mass):
    """sum_pol eps_mu eps*_nu = -g_{mu nu} + l_mu l_nu / m^2 for a massive vector of momentum l."""
    out = Tensor.from_factor(metric_factor(mu, nu), sympy.Integer(-1))
    out.add_term((metric_factor(mu, momentum), metric_factor(nu, momentum)), 1 / sympy.sympify(mass) ** 2)
    return out
