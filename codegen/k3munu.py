"""Symbolic preparation of the K+ -> l+ nu l'+ l'- kernels (build time), one per kind of process
(amplitudes/k3munu.py): distinct leptons (masses m_l, m_lp) and identical leptons (mass m_l).

Each kernel evaluates the *reduced* sum|M|^2 / (e^4 G_F^2 V_us^2). The derivation gives it as a polynomial in
the five invariants (k1.k2, k1.k3, k1.q, k2.k3, k2.q), the inverse propagators D_i = 1/d_i, f_K, F_V, F_A, R and
the masses (5590 terms for identical leptons). Two exact rewritings make it cheap per event:

1. A basis of the propagator denominators. Every d_i = p_i^2 - m_i^2 is linear in the invariants, and for
   identical leptons the five of them (both photons, both kaon lines, the lepton line) are independent, so the
   invariants are linear in the d_i; for distinct leptons the three d_i are completed by k1.k2 and k2.q. In
   these variables, with D_i d_i = 1, the polynomial becomes a Laurent polynomial with far fewer monomials
   (identical: 533 instead of 1482 kinematic monomials; distinct: 144 instead of 414).
2. Coefficients once per call. The coefficient of each Laurent monomial is a polynomial in the run constants
   (masses, f_K, F_V, F_A, R); the kernel computes them once into an array, and per event evaluates only the
   Laurent polynomial, in nested Horner form (variable order chosen for the fewest operations).
"""

import itertools
from collections import defaultdict

import sympy
from sympy.polys.rings import ring

from amplitudes import k3munu
from amplitudes.kmunugamma import F_A, F_V, R, e
from amplitudes.symbols import G_F, V_us, f_K, m_K

from .printer import cython_code

FORM_FACTORS = (f_K, F_V, F_A, R)
# the two invariants completing the three denominators of distinct leptons (fewer monomials than k1.k3, k2.q)
DISTINCT_COMPLETION = ("k1_k2", "k2_q")
INLINE_LENGTH = 400  # Horner subexpressions longer than this become named statements


def parameters(identical):
    """Kernel arguments after the invariants, in order."""
    masses = (m_K, k3munu.m_l) if identical else (m_K, k3munu.m_l, k3munu.m_lp)
    return masses + FORM_FACTORS


def reduced_polynomial(identical):
    """{exponents of (invariants, propagator symbols (sorted by name), :func:`parameters`): rational coefficient}
    of m_K^2 sum|M|^2 / (e^4 G_F^2 V_us^2) (the structure-dependent terms carry 1/m_K); raises if the derived
    expression has other symbols or does not factor that way."""
    process = k3munu.PROCESSES[identical]
    propagators = sorted(process.symbols.values(), key=str)
    couplings = (e, G_F, V_us)
    try:  # the derivation returns an expanded polynomial over m_K^2 (amplitudes/k3munu.py): no expansion here
        poly = sympy.Poly(k3munu.squared_amplitude(identical) * m_K**2, *k3munu.INDEPENDENT, *propagators,
                          *parameters(identical), *couplings, expand=False)
    except sympy.PolynomialError:
        raise ValueError("K -> l nu l l |M|^2 is not an expanded polynomial over m_K^2") from None
    if poly.domain not in (sympy.ZZ, sympy.QQ):  # other symbols would have gone into the coefficients
        raise ValueError(f"K -> l nu l l |M|^2 has unexpected symbols: coefficients in {poly.domain}")
    terms = poly.terms()
    if any(monomial[-3:] != (4, 2, 2) for monomial, _ in terms):
        raise ValueError("K -> l nu l l |M|^2 is not proportional to e^4 G_F^2 V_us^2")
    return {monomial[:-3]: coefficient for monomial, coefficient in terms}


def basis(identical):
    """[(name, expression in the invariants and masses)]: the denominators d_<propagator> = 1/D_<propagator>,
    completed for distinct leptons by :data:`DISTINCT_COMPLETION`."""
    values = k3munu.PROCESSES[identical].propagator_values()
    variables = [(str(symbol).replace("D_", "d_"), sympy.expand(1 / value))
                 for symbol, value in sorted(values.items(), key=lambda kv: str(kv[0]))]
    if not identical:
        variables += [(name, sympy.Symbol(name, real=True)) for name in DISTINCT_COMPLETION]
    return variables


def laurent_polynomial(reduced, identical):
    """{exponents of the basis variables (negative: powers of 1/d): coefficient in the parameters} of the reduced
    sum|M|^2, from :func:`reduced_polynomial` by an exact rewriting in SymPy's sparse polynomial ring: each
    invariant is linear in the basis variables, and each D_i^n becomes d_i^(2 - n) / d_i^2."""
    names = [name for name, _ in basis(identical)]
    stand_ins = sympy.symbols(f"b0:{len(names)}")
    solution = sympy.solve([b - value for b, (_, value) in zip(stand_ins, basis(identical))], k3munu.INDEPENDENT,
                           dict=True)[0]
    params = parameters(identical)
    poly_ring, *_ = ring([*stand_ins, *params], sympy.QQ)
    invariants = [poly_ring(sympy.expand(solution[i])) for i in k3munu.INDEPENDENT]
    n_propagators = len(k3munu.PROCESSES[identical].symbols)
    top = 2  # highest power of any D_i
    by_invariants = defaultdict(dict)  # invariant exponents -> {exponents in the ring: coefficient}
    for monomial, coefficient in reduced.items():
        propagator_powers = monomial[5:5 + n_propagators]
        if max(propagator_powers) > top:
            raise ValueError("a propagator appears to a power above 2")
        padding = [0] * (len(names) - n_propagators)
        rest = (*(top - n for n in propagator_powers), *padding, *monomial[5 + n_propagators:])
        by_invariants[monomial[:5]][rest] = poly_ring.domain.from_sympy(coefficient)
    total = poly_ring(0)
    for exponents, rest in by_invariants.items():
        product = poly_ring.from_dict(rest)
        for invariant, n in zip(invariants, exponents):
            product *= invariant**n
        total += product
    shift = [top] * n_propagators + [0] * (len(names) - n_propagators)
    collected = defaultdict(lambda: sympy.Integer(0))
    for monomial, coefficient in total.terms():
        key = tuple(n - s for n, s in zip(monomial[:len(names)], shift))
        collected[key] += sympy.Rational(coefficient.numerator, coefficient.denominator) * sympy.Mul(
            *(p**n for p, n in zip(params, monomial[len(names):])))
    return {key: value / m_K**2 for key, value in sorted(collected.items())}


def horner_size(exponents, order):
    """Number of Horner nodes (multiply-adds) for the monomials ``exponents`` with variables in ``order``."""
    prefixes = {tuple(m[v] for v in order[:depth]) for m in exponents for depth in range(1, len(order) + 1)}
    return len(prefixes)


def best_order(exponents, count):
    """The variable order with the fewest Horner nodes (ties: the first in itertools order)."""
    return min(itertools.permutations(range(count)), key=lambda order: horner_size(exponents, order))


class HornerWriter:
    """Nested Horner form of a Laurent polynomial with coefficients c[k]; long subexpressions become statements
    ``cdef double h<k> = ...`` so that no line is unreadable and the Cython parser stays shallow."""

    def __init__(self, names):
        self.names, self.statements = names, []

    def name(self, text):
        if len(text) <= INLINE_LENGTH:
            return text
        symbol = f"h{len(self.statements)}"
        self.statements.append(f"    cdef double {symbol} = {text}")
        return symbol

    @staticmethod
    def power(variable, n):
        return "*".join([variable] * n)

    def chain(self, variable, groups):
        """sum_n variable^n groups[n] (n >= 1) by Horner: v^n1 (g1 + v^(n2-n1) (g2 + ...))."""
        text, previous = None, None
        for n in sorted(groups, reverse=True):
            if text is not None:
                text = f"{groups[n]} + {self.power(variable, previous - n)}*({text})"
            else:
                text = groups[n]
            previous = n
        return f"{self.power(variable, previous)}*({text})"

    def write(self, terms, depth=0):
        """Code for sum over ``terms`` {exponents (in the chosen order): coefficient index}."""
        if depth == len(self.names):
            (index,) = terms.values()
            return f"c[{index}]"
        groups = defaultdict(dict)
        for exponents, index in terms.items():
            groups[exponents[depth]][exponents] = index
        parts = {n: self.name(self.write(sub, depth + 1)) for n, sub in groups.items()}
        variable = self.names[depth]
        pieces = [parts[0]] if 0 in parts else []
        positive = {n: p for n, p in parts.items() if n > 0}
        negative = {-n: p for n, p in parts.items() if n < 0}
        if positive:
            pieces.append(self.chain(variable, positive))
        if negative:
            pieces.append(self.chain(f"inv_{variable}", negative))
        return "(" + " + ".join(pieces) + ")" if len(pieces) > 1 else pieces[0]


def kernel_parts(reduced, identical, prefix):
    """Template fields ``<prefix>_size``, ``<prefix>_coefficients`` (statements filling c[] from the parameters,
    with shared subexpressions) and ``<prefix>_body`` (the basis variables from the invariants, then Horner)."""
    polynomial = laurent_polynomial(reduced, identical)
    variables = basis(identical)
    order = best_order(list(polynomial), len(variables))
    replacements, coefficients = sympy.cse(list(polynomial.values()), symbols=sympy.numbered_symbols("a"),
                                           order="canonical")
    fill = [f"    cdef double {symbol} = {cython_code(value)}" for symbol, value in replacements]
    fill += [f"    c[{k}] = {cython_code(value)}" for k, value in enumerate(coefficients)]
    body = []
    for name, value in variables:
        if name.startswith("d_"):
            body.append(f"    cdef double {name} = {cython_code(value)}")
            body.append(f"    cdef double inv_{name} = 1.0/{name}")
    writer = HornerWriter([variables[v][0] for v in order])
    indexed = {tuple(exponents[v] for v in order): k for k, exponents in enumerate(polynomial)}
    result = writer.write(indexed)
    body += writer.statements + [f"    return {result}"]
    return {f"{prefix}_size": str(len(polynomial)), f"{prefix}_coefficients": "\n".join(fill),
            f"{prefix}_body": "\n".join(body)}
