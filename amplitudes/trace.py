"""Four-dimensional Dirac traces, with gamma5, as polynomials in g(a, b) and eps(a, b, c, d).

Convention: gamma5 = i gamma^0 gamma^1 gamma^2 gamma^3 and eps^{0123} = +1, which give

    Tr(a/ b/ c/ d/ gamma5) = -4 i eps(a, b, c, d)                                     (1)

(checked against explicit Dirac matrices in tests/amplitudes/test_trace_oracle.py).

Without gamma5 the trace is expanded along its first slot,

    Tr(a1 ... an) = sum_{k=2..n} (-1)^k g(a1, ak) Tr(a2 ... [ak] ... an),   Tr(1) = 4,   (2)

and with gamma5 (n even, n >= 6) the first three slots are reduced by the Chisholm identity
a1 a2 a3 = g12 a3 - g13 a2 + g23 a1 + i eps(a1, a2, a3, mu) gamma_mu gamma5 (sign fixed by (1)):

    Tr(a1 ... an g5) = g12 Tr(a3 a4 .. g5) - g13 Tr(a2 a4 .. g5) + g23 Tr(a1 a4 .. g5)
                       - sum_j (-1)^(j+1) eps(a1, a2, a3, b_j) Tr(b_1 .. [b_j] .. b_m),   (3)

with b = (a4, ..., an); the last line uses gamma5 b1..bm gamma5 = -b1..bm for odd m and (2) for
Tr(gamma_mu b1 .. bm). No dummy index is introduced. Results are cached per word.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import sympy

from .lorentz import Tensor, epsilon_factor, metric_factor


def trace(chain):
    """Trace of a :class:`amplitudes.dirac.Chain`; returns a Tensor with SymPy coefficients."""
    terms = defaultdict(list)  # monomials of the cached word traces are canonical already
    for (slots, has_g5), coeff in chain.items():
        word = trace_with_g5(slots) if has_g5 else trace_word(slots)
        factor = coeff * sympy.I if has_g5 else coeff
        for mono, c in word.items():
            terms[mono].append(factor * c)
    out = Tensor()
    for mono, coeffs in terms.items():
        out.accumulate(mono, sympy.Add(*coeffs))
    return out


@lru_cache(maxsize=None)
def trace_word(slots):
    """Tr(slot_1 ... slot_n) without gamma5, as a Tensor with integer coefficients; eq. (2)."""
    n = len(slots)
    if n == 0:
        return Tensor.scalar(4)
    if n % 2:
        return Tensor()
    out = Tensor()
    first = slots[0]
    for k in range(1, n):
        rest = slots[1:k] + slots[k + 1:]
        sign = 1 if k % 2 == 1 else -1
        factor = metric_factor(first, slots[k])
        for mono, c in trace_word(rest).items():
            out.add_term(mono + (factor,), sign * c)
    return out


@lru_cache(maxsize=None)
def trace_with_g5(slots):
    """T with Tr(slot_1 ... slot_n gamma5) = i T, integer coefficients; eqs. (1) and (3)."""
    n = len(slots)
    if n < 4 or n % 2:
        return Tensor()
    if n == 4:
        sign, eps = epsilon_factor(slots)
        return Tensor.from_factor(eps, -4 * sign) if sign else Tensor()
    a1, a2, a3, rest = slots[0], slots[1], slots[2], slots[3:]
    out = Tensor()
    for sign, (x, y), kept in ((1, (a1, a2), a3), (-1, (a1, a3), a2), (1, (a2, a3), a1)):
        factor = metric_factor(x, y)
        for mono, c in trace_with_g5((kept,) + rest).items():
            out.add_term(mono + (factor,), sign * c)
    for j, b in enumerate(rest):
        eps_sign, eps = epsilon_factor((a1, a2, a3, b))
        if not eps_sign:
            continue
        sign = -eps_sign * (1 if j % 2 == 0 else -1)
        for mono, c in trace_word(rest[:j] + rest[j + 1:]).items():
            out.add_term(mono + (eps,), sign * c)
    return out
