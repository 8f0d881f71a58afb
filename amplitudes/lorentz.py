"""Lorentz objects for the trace engine: momenta, indices, and polynomials in g(a, b) and eps(a, b, c, d).

Conventions (used everywhere in ``amplitudes``):

* metric g = diag(+1, -1, -1, -1);
* Levi-Civita with upper indices eps^{0123} = +1 (so eps_{0123} = -1);
* ``eps(a, b, c, d)`` means eps^{mu nu rho sigma} a_mu b_nu c_rho d_sigma;
* ``g(a, b)`` is a.b for momenta, a^mu for (index mu, momentum a), g^{mu nu} for two indices.

A *slot* is either a :class:`Momentum` (a linear combination of named momenta) or an :class:`Index`.
A :class:`Tensor` is a polynomial: a dict from monomials (sorted tuples of factors) to coefficients.
Repeated indices are contracted by :func:`contract`; two Levi-Civita tensors are always replaced by
eps(a1..a4) eps(b1..b4) = -det[g(a_i, b_j)], valid in four dimensions with the sign above.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import sympy


@dataclass(frozen=True, order=True)
class Index:
    """A Lorentz index, identified by its name."""

    name: str

    @property
    def key(self):
        return ("i", self.name)

    def __repr__(self):
        return self.name


class Momentum:
    """A linear combination of named four-momenta with SymPy coefficients, e.g. ``-k - l``."""

    __slots__ = ("terms", "key", "_hash")

    def __init__(self, terms):
        cleaned = {}
        for name, coeff in dict(terms).items():
            coeff = sympy.sympify(coeff)
            if coeff != 0:
                cleaned[name] = coeff
        if not cleaned:
            raise ValueError("a momentum cannot be identically zero")
        self.terms = tuple(sorted(cleaned.items()))
        self.key = ("v", tuple((name, sympy.srepr(c)) for name, c in self.terms))
        self._hash = hash(self.key)

    @classmethod
    def named(cls, name):
        return cls({name: 1})

    def _combine(self, other, sign):
        if not isinstance(other, Momentum):
            return NotImplemented
        merged = defaultdict(lambda: sympy.Integer(0), self.terms)
        for name, coeff in other.terms:
            merged[name] += sign * coeff
        return Momentum(merged)

    def __add__(self, other):
        return self._combine(other, 1)

    def __sub__(self, other):
        return self._combine(other, -1)

    def __neg__(self):
        return Momentum({n: -c for n, c in self.terms})

    def __rmul__(self, scalar):
        return Momentum({n: scalar * c for n, c in self.terms})

    def __eq__(self, other):
        return isinstance(other, Momentum) and self.key == other.key

    def __hash__(self):
        return self._hash

    def __repr__(self):
        return " + ".join(f"({c})*{n}" if c != 1 else n for n, c in self.terms)


def slot_key(slot):
    """Total order on slots, used to canonicalise monomials."""
    if not isinstance(slot, (Index, Momentum)):
        raise TypeError(f"a Lorentz slot must be a Momentum or an Index, got {slot!r}")
    return slot.key


def metric_factor(a, b):
    """The factor g(a, b) in canonical (sorted) form."""
    return ("g",) + tuple(sorted((a, b), key=slot_key))


def epsilon_factor(slots):
    """The factor eps(slots) in canonical form, as (sign, factor); sign 0 if two slots coincide."""
    keys = [slot_key(s) for s in slots]
    if len(set(keys)) < 4:
        return 0, None
    order = sorted(range(4), key=lambda i: keys[i])
    return permutation_sign(order), ("eps",) + tuple(slots[i] for i in order)


def permutation_sign(order):
    """Sign of a permutation given as a list of distinct integers."""
    sign, seen = 1, list(order)
    for i in range(len(seen)):
        for j in range(i + 1, len(seen)):
            if seen[i] > seen[j]:
                sign = -sign
    return sign


class Combination(dict):
    """A linear combination {key: coefficient}; terms whose coefficient cancels to zero are dropped."""

    def accumulate(self, key, coeff):
        total = self.get(key, 0) + coeff
        if total == 0:
            self.pop(key, None)
        else:
            self[key] = total

    def __add__(self, other):
        out = type(self)(self)
        for key, coeff in other.items():
            out.accumulate(key, coeff)
        return out


class Tensor(Combination):
    """Polynomial in g(., .) and eps(., ., ., .) factors: {monomial tuple: coefficient}."""

    @classmethod
    def scalar(cls, value):
        return cls({(): value}) if value != 0 else cls()

    @classmethod
    def from_factor(cls, factor, coeff=1):
        return cls({(factor,): coeff})

    def add_term(self, monomial, coeff):
        self.accumulate(tuple(sorted(monomial, key=factor_key)), coeff)

    def __mul__(self, other):
        if not isinstance(other, Tensor):
            return Tensor({m: c * other for m, c in self.items()})
        out = Tensor()
        for (m1, c1), (m2, c2) in itertools.product(self.items(), other.items()):
            out.add_term(m1 + m2, c1 * c2)
        return out

    __rmul__ = __mul__


@lru_cache(maxsize=None)
def factor_key(factor):
    return (factor[0],) + tuple(slot_key(s) for s in factor[1:])


def monomial_index_counts(monomial):
    counts = defaultdict(int)
    for factor in monomial:
        for slot in factor[1:]:
            if isinstance(slot, Index):
                counts[slot] += 1
    return counts


def check_indices(tensor, free=()):
    """Raise ValueError unless, in every term, each index occurs twice (contracted) or once if in ``free``."""
    free = set(free)
    for mono in tensor:
        for index, n in monomial_index_counts(mono).items():
            if n > 2:
                raise ValueError(f"index {index} occurs {n} times in one term; an index may occur at most twice")
            if n == 1 and index not in free:
                raise ValueError(
                    f"index {index} occurs once (unbalanced): contract it with a second occurrence "
                    f"or declare it free"
                )


def contract(tensor, free=()):
    """Contract every repeated index and expand eps*eps products; returns a new Tensor."""
    check_indices(tensor, free)
    out = Tensor()
    for mono, coeff in tensor.items():
        for reduced, factor_coeff in contract_monomial(mono):
            out.add_term(reduced, coeff * factor_coeff)
    return out


def contract_monomial(monomial):
    """Fully contract one monomial; yields (monomial, integer coefficient) pairs."""
    factors = list(monomial)
    eps_positions = [i for i, f in enumerate(factors) if f[0] == "eps"]
    if len(eps_positions) >= 2:
        i, j = eps_positions[:2]
        rest = [f for n, f in enumerate(factors) if n not in (i, j)]
        for expanded, coeff in epsilon_product(factors[i][1:], factors[j][1:]):
            for mono, c in contract_monomial(tuple(rest) + expanded):
                yield mono, coeff * c
        return
    counts = monomial_index_counts(factors)
    repeated = [index for index, n in counts.items() if n == 2]
    if not repeated:
        yield tuple(sorted(factors, key=factor_key)), 1
        return
    index = repeated[0]
    holders = [n for n, f in enumerate(factors) if index in f[1:]]
    if len(holders) == 1:  # g(mu, mu) = 4; eps with a repeated index never survives canonicalisation
        factors.pop(holders[0])
        for mono, c in contract_monomial(tuple(factors)):
            yield mono, 4 * c
        return
    first, second = (factors[n] for n in holders)
    rest = [f for n, f in enumerate(factors) if n not in holders]
    if first[0] == "eps":
        first, second = second, first
    # first is g(index, a): substitute a for the index in second
    partner = first[2] if first[1] == index else first[1]
    substituted = [partner if s == index else s for s in second[1:]]
    if second[0] == "g":
        new, sign = metric_factor(*substituted), 1
    else:
        sign, new = epsilon_factor(substituted)
        if sign == 0:
            return
    for mono, c in contract_monomial(tuple(rest) + (new,)):
        yield mono, sign * c


def epsilon_product(a, b):
    """eps(a1..a4) eps(b1..b4) = -det[g(a_i, b_j)] as (monomial, coefficient) pairs."""
    for perm in itertools.permutations(range(4)):
        yield tuple(metric_factor(a[i], b[perm[i]]) for i in range(4)), -permutation_sign(perm)
