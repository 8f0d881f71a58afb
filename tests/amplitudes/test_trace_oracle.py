"""The trace engine against explicit 4x4 Dirac matrices at random momenta (docs/design.md, Tests)."""

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from amplitudes.dirac import GAMMA5, IDENTITY, P_LEFT, P_RIGHT, dirac_conjugate, gamma, slash
from amplitudes.lorentz import Index, Momentum, contract
from amplitudes.trace import trace
from tests.amplitudes.explicit_dirac import EYE4, GAMMA, METRIC, dot, epsilon, slashed
from tests.amplitudes.explicit_dirac import GAMMA5 as G5

NAMES = ("a", "b", "c", "d")
COMBOS = [{"a": 1}, {"b": 1}, {"c": 1}, {"d": 1}, {"a": 1, "b": -1}, {"c": 2, "d": 1},
          {"a": sympy.Rational(1, 2), "d": 3}]

# components below 1e-9 in size are 0: a product of several such (1e-200^2) underflows in one evaluation and not in
# the other, which says nothing about the traces
components = st.floats(-3, 3, allow_nan=False, allow_infinity=False).map(lambda x: 0.0 if abs(x) < 1e-9 else x)
vectors = st.lists(components, min_size=4, max_size=4).map(np.array)
momentum_sets = st.fixed_dictionaries({n: vectors for n in NAMES})
masses = st.floats(0.01, 2.0)


@st.composite
def chains(draw, max_gammas=10):
    """Token lists: slashed momenta, (p/ + m), gamma5, projectors and up to two contracted index pairs."""
    n_pairs = draw(st.integers(0, 2))
    n_slashed = draw(st.integers(0, max_gammas - 2 * n_pairs))
    tokens = []
    for _ in range(n_slashed):
        combo = draw(st.sampled_from(COMBOS))
        tokens.append(("pm", combo, draw(masses)) if draw(st.booleans()) else ("p", combo))
    for kind in draw(st.lists(st.sampled_from(["g5", "PL", "PR"]), max_size=3)):
        tokens.insert(draw(st.integers(0, len(tokens))), (kind,))
    for name in ("mu", "nu")[:n_pairs]:
        for _ in range(2):
            tokens.insert(draw(st.integers(0, len(tokens))), ("idx", name))
    return tokens


def engine_chain(tokens):
    chain = IDENTITY
    for tok in tokens:
        if tok[0] in ("p", "pm"):
            factor = slash(Momentum(tok[1])) + (sympy.Float(tok[2], 30) if tok[0] == "pm" else 0)
        elif tok[0] == "idx":
            factor = gamma(Index(tok[1]))
        else:
            factor = {"g5": GAMMA5, "PL": P_LEFT, "PR": P_RIGHT}[tok[0]]
        chain = chain * factor
    return chain


def vector_of(momentum, values):
    return sum(float(c) * values[n] for n, c in momentum.terms)


def explicit_matrix(tokens, values, index_values=None, upper=()):
    """Matrix product with each index set to the component given in index_values (upper on the first
    occurrence, lower on the second, except for indices listed in ``upper``)."""
    index_values = index_values or {}
    seen, out = set(), EYE4
    for tok in tokens:
        if tok[0] in ("p", "pm"):
            p = sum(float(c) * values[n] for n, c in tok[1].items())
            factor = slashed(p) + (tok[2] * EYE4 if tok[0] == "pm" else 0)
        elif tok[0] == "idx":
            mu = index_values[tok[1]]
            factor = GAMMA[mu] * (METRIC[mu, mu] if tok[1] in seen and tok[1] not in upper else 1)
            seen.add(tok[1])
        else:
            factor = {"g5": G5, "PL": (EYE4 - G5) / 2, "PR": (EYE4 + G5) / 2}[tok[0]]
        out = out @ factor
    return out


def explicit_trace(tokens, values):
    names = sorted({t[1] for t in tokens if t[0] == "idx"})
    total = 0
    for combo in np.ndindex(*(4,) * len(names)):
        total += np.trace(explicit_matrix(tokens, values, dict(zip(names, combo))))
    return total


def evaluate(tensor, values):
    """Numerical value of a fully contracted Tensor of momenta."""
    total = 0
    for mono, coeff in tensor.items():
        term = complex(coeff)
        for factor in mono:
            vecs = [vector_of(s, values) for s in factor[1:]]
            term *= dot(*vecs) if factor[0] == "g" else epsilon(*vecs)
        total += term
    return total


def scale(tokens, values):
    """Size of the trace without cancellations: 4 prod(|p|_Euclid + m), the tolerance's reference."""
    size = 4.0
    for tok in tokens:
        if tok[0] in ("p", "pm"):
            p = sum(float(c) * values[n] for n, c in tok[1].items())
            size *= np.linalg.norm(p) + (tok[2] if tok[0] == "pm" else 0) + 1e-300
    return size


@settings(max_examples=150, deadline=None)
@given(tokens=chains(), values=momentum_sets)
def test_trace_matches_explicit_matrices(tokens, values):
    engine = evaluate(contract(trace(engine_chain(tokens))), values)
    exact = explicit_trace(tokens, values)
    assert abs(engine - exact) <= 1e-10 * max(abs(exact), scale(tokens, values))


@settings(max_examples=60, deadline=None)
@given(left=chains(max_gammas=6), right=chains(max_gammas=6), values=momentum_sets)
def test_product_of_two_traces_with_shared_indices(left, right, values):
    """Indices shared between two traces exercise g-g, g-eps and eps-eps contractions."""
    relabel = {"mu": "rho", "nu": "sigma"}
    left = [("idx", relabel[t[1]]) if t[0] == "idx" else t for t in left]  # left's own pairs stay inside it
    shared = [("idx", "alpha"), ("idx", "kappa")]
    left_tokens, right_tokens = shared + left, right + shared[::-1]
    engine = evaluate(contract(trace(engine_chain(left_tokens)) * trace(engine_chain(right_tokens))), values)
    exact = 0
    for a, k in np.ndindex(4, 4):
        fixed = {"alpha": a, "kappa": k}  # upper on the left, lowered by the metric on the right
        lowering = METRIC[a, a] * METRIC[k, k]
        exact += lowering * trace_with_fixed(left_tokens, values, fixed) * trace_with_fixed(right_tokens, values, fixed)
    assert abs(engine - exact) <= 1e-10 * max(abs(exact), scale(left_tokens, values) * scale(right_tokens, values))


def trace_with_fixed(tokens, values, fixed):
    """Trace with the indices in ``fixed`` set to those (upper) components, the others summed in pairs."""
    inner = sorted({t[1] for t in tokens if t[0] == "idx"} - set(fixed))
    total = 0
    for combo in np.ndindex(*(4,) * len(inner)):
        total += np.trace(explicit_matrix(tokens, values, {**dict(zip(inner, combo)), **fixed}, upper=set(fixed)))
    return total


def test_gamma5_trace_convention():
    """Tr(g^0 g^1 g^2 g^3 g5) = -4i, i.e. Tr(a/ b/ c/ d/ g5) = -4i eps(a,b,c,d) with eps^{0123} = +1."""
    basis = {n: np.eye(4)[i] for i, n in enumerate(NAMES)}
    tokens = [("p", {n: 1}) for n in NAMES] + [("g5",)]
    engine = evaluate(trace(engine_chain(tokens)), basis)
    assert np.isclose(explicit_trace(tokens, basis), -4j * epsilon(*basis.values()))
    assert np.isclose(engine, explicit_trace(tokens, basis))


@settings(max_examples=50, deadline=None)
@given(tokens=chains(max_gammas=6).filter(lambda t: all(x[0] != "idx" for x in t)), values=momentum_sets)
def test_dirac_conjugate_is_gamma0_dagger_gamma0(tokens, values):
    chain = engine_chain(tokens) * sympy.I  # a complex coefficient must be conjugated too
    conj = dirac_conjugate(chain)

    def matrix(ch):
        out = np.zeros((4, 4), dtype=complex)
        for (slots, has_g5), coeff in ch.items():
            m = complex(coeff) * EYE4
            for s in slots:
                m = m @ slashed(vector_of(s, values))
            out = out + (m @ G5 if has_g5 else m)
        return out

    expected = GAMMA[0] @ matrix(chain).conj().T @ GAMMA[0]
    assert np.allclose(matrix(conj), expected, atol=1e-10 * scale(tokens, values))


def test_unbalanced_index_is_rejected():
    with pytest.raises(ValueError, match="unbalanced"):
        contract(trace(gamma("mu") * gamma("nu") * gamma("mu") * slash(Momentum.named("p"))))
    with pytest.raises(ValueError, match="at most twice"):
        contract(trace(gamma("mu") * gamma("mu") * gamma("mu") * gamma("mu")))
