"""Kinematics: dot products of external momenta in terms of masses and Dalitz invariants.

For a decay M(P) -> 1(p1) 2(p2) 3(p3) the invariants are s12 = (p1 + p2)^2 and s23 = (p2 + p3)^2, and
s13 = M^2 + m1^2 + m2^2 + m3^2 - s12 - s23. For K+(P) -> mu+(k) nu(q) X(l) the source paper (KMRT,
arXiv:1902.07715, Eqs. A.4-A.6) takes 1 = nu, 2 = X, 3 = mu, so s12 = (l + q)^2 = m_miss^2 and
s23 = (l + k)^2.
"""

from __future__ import annotations

import itertools

import sympy

from .lorentz import Index, Momentum, permutation_sign


class Kinematics:
    """Independent momenta with a table of their dot products; dependent momenta are substituted."""

    def __init__(self, dots, dependent=None):
        self.dots = {frozenset((a, b)): sympy.sympify(v) for (a, b), v in dots.items()}
        self.independent = sorted({n for pair in dots for n in pair})
        self.dependent = {name: dict(expansion) for name, expansion in (dependent or {}).items()}

    def momentum(self, name):
        if name not in self.independent and name not in self.dependent:
            raise ValueError(f"unknown momentum {name!r}; known: {self.independent + sorted(self.dependent)}")
        return Momentum.named(name)

    def expand(self, momentum):
        """A Momentum as {independent name: coefficient}."""
        out = {}
        for name, coeff in momentum.terms:
            for base, c in self.dependent.get(name, {name: 1}).items():
                out[base] = out.get(base, 0) + coeff * c
        return out

    def dot(self, a, b):
        ea, eb = self.expand(a), self.expand(b)
        return sum(
            (ca * cb * self.dots[frozenset((na, nb))]
             for (na, ca), (nb, cb) in itertools.product(ea.items(), eb.items())),
            sympy.Integer(0),
        )

    def epsilon(self, slots):
        """eps(a, b, c, d) of momenta expanded multilinearly; zero when fewer than 4 are independent."""
        total = sympy.Integer(0)
        expansions = [self.expand(s) for s in slots]
        for choice in itertools.product(*(e.items() for e in expansions)):
            names = [n for n, _ in choice]
            if len(set(names)) < 4:
                continue
            order = sorted(range(4), key=lambda i: names[i])
            coeff = sympy.prod([c for _, c in choice])
            total += permutation_sign(order) * coeff * sympy.Symbol("eps_" + "_".join(sorted(names)), real=True)
        return total

    def to_sympy(self, tensor):
        """Evaluate a fully contracted Tensor as a SymPy expression in the invariants."""
        terms = []  # summed once at the end: repeated += re-sorts the growing sum (quadratic)
        for mono, coeff in tensor.items():
            term = coeff
            for factor in mono:
                slots = factor[1:]
                if any(isinstance(s, Index) for s in slots):
                    raise ValueError(f"uncontracted index in {factor}; contract every index first")
                term *= self.dot(*slots) if factor[0] == "g" else self.epsilon(slots)
            terms.append(term)
        return sympy.Add(*terms)


def three_body(parent_mass, names, masses, s12, s23):
    """Kinematics of M(P) -> 1 2 3 with invariants s12 = (p1+p2)^2, s23 = (p2+p3)^2; P is dependent."""
    (n1, n2, n3), (m1, m2, m3) = names, masses
    s13 = parent_mass**2 + m1**2 + m2**2 + m3**2 - s12 - s23
    dots = {
        (n1, n1): m1**2, (n2, n2): m2**2, (n3, n3): m3**2,
        (n1, n2): (s12 - m1**2 - m2**2) / 2,
        (n2, n3): (s23 - m2**2 - m3**2) / 2,
        (n1, n3): (s13 - m1**2 - m3**2) / 2,
    }
    return Kinematics(dots, dependent={"P": {n1: 1, n2: 1, n3: 1}})


def two_body(parent_mass, names, masses):
    """Kinematics of M(P) -> 1 2 at rest: p1.p2 = (M^2 - m1^2 - m2^2)/2; P is dependent."""
    (n1, n2), (m1, m2) = names, masses
    dots = {(n1, n1): m1**2, (n2, n2): m2**2, (n1, n2): (parent_mass**2 - m1**2 - m2**2) / 2}
    return Kinematics(dots, dependent={"P": {n1: 1, n2: 1}})


def kallen_masses(s, ma, mb):
    """lambda(s, ma^2, mb^2) as the product (s - (ma + mb)^2)(s - (ma - mb)^2), accurate near threshold."""
    return (s - (ma + mb) ** 2) * (s - (ma - mb) ** 2)


def dalitz_s23_limits(parent_mass, masses, s12):
    """(s23_min, s23_max) at fixed s12 (PDG Kinematics review, Eq. 49.23; same as KMRT Eqs. A.5-A.6):

    s23 = m2^2 + m3^2 + [(s12 + m2^2 - m1^2)(M^2 - s12 - m3^2) -+ sqrt(lambda(s12, m1^2, m2^2)
          lambda(M^2, s12, m3^2))] / (2 s12),

    written with Kallen functions in product form so that it stays accurate at the boundaries.
    """
    m1, m2, m3 = masses
    centre = (s12 + m2**2 - m1**2) * (parent_mass**2 - s12 - m3**2)
    root = sympy.sqrt(kallen_masses(s12, m1, m2) * kallen_masses(parent_mass**2, sympy.sqrt(s12), m3))
    base = m2**2 + m3**2
    return base + (centre - root) / (2 * s12), base + (centre + root) / (2 * s12)
