"""Mediator decays X -> f fbar and the Lorentz structure of a vertex, derived from a model's vertices.

Two-body width of X (mass m_X, spin J) at rest into f(p1) fbar(p2) of mass m_f (PDG Kinematics review,
Eq. 49.17, |p| = m_X beta / 2, beta = sqrt(1 - 4 m_f^2/m_X^2)):

    Gamma = sum|M|^2 beta / (16 pi m_X (2J + 1))  [x 1/2 for identical particles],

with M = ubar(p1) Gamma_f v(p2) (times eps_beta for a vector, polarisation sum -g + P P / m_X^2) spin-summed by
the trace engine. The complex-scalar dark-matter current has M = g_chi eps.(p1 - p2) (amplitudes.darkmatter).

Every fermion vertex of a model is also written in the basis of the general one-loop (g-2) and diphoton
formulas: spin 0, Gamma = c_S + c_P i gamma5; spin 1, Gamma = gamma^beta (c_V + c_A gamma5)
(as in Jegerlehner and Nyffeler, Phys. Rept. 477 (2009) 1, Sec. 7, whose C_P gamma5 is our c_P i gamma5).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from .dirac import SpinorLine, massive_vector_sum, spin_summed_square, ubar, v
from .kinematics import two_body
from .lorentz import Momentum, Tensor, contract, metric_factor
from .model import MEDIATOR_INDEX, MEDIATOR_INDEX_CONJ, Model
from .symbols import m_X

m_f = sympy.Symbol("m_f", positive=True)  # mass of each daughter
beta = sympy.Symbol("beta", positive=True)  # sqrt(1 - 4 m_f^2 / m_X^2), kept as a symbol
P1, P2, P = (Momentum.named(n) for n in ("p1", "p2", "P"))
CHARGED = {"e": "e", "mu": "mu", "tau": "tau"}
TEX = {"e": "e^+e^-", "mu": r"\mu^+\mu^-", "tau": r"\tau^+\tau^-", "nu_e": r"\nu_e\bar\nu_e",
       "nu_mu": r"\nu_\mu\bar\nu_\mu", "nu_tau": r"\nu_\tau\bar\nu_\tau"}


@dataclass(frozen=True)
class Channel:
    """X -> f fbar: ``width`` is Gamma / coupling^2 (times q_chi^2 for dark matter) in (m_X, m_f, beta)."""

    name: str  # "mu mu", "nu_mu nu_mu", "chi chi"
    daughter: str  # lepton key of amplitudes.model.LEPTON_FIELDS, or "chi"
    width: sympy.Expr
    invisible: bool
    dark_matter: str | None  # the current's kind for "chi chi"
    tex: str


def polarisation_squared(amplitude_square, spin):
    """Contract |M|^2 with open mediator indices (beta, beta') with the massive-vector polarisation sum."""
    if spin == 1:
        return contract(amplitude_square * massive_vector_sum(MEDIATOR_INDEX, MEDIATOR_INDEX_CONJ, P, m_X))
    return amplitude_square


def kinematics(mass):
    return two_body(m_X, ("p1", "p2"), (mass, mass))


def width_from_squared(msq, spin, identical=False):
    """Gamma from sum|M|^2: |p|/(8 pi m_X^2) / (2J + 1) with |p| = m_X beta/2."""
    symmetry = sympy.Rational(1, 2) if identical else 1
    return sympy.factor(symmetry * msq * beta / (16 * sympy.pi * m_X * (2 * spin + 1)))


def fermion_pair_width(vertex, spin, mass, identical=False):
    """Gamma(X -> f fbar) for the vertex chain (coupling included), daughters of ``mass`` (m_f or 0)."""
    line = SpinorLine(ubar(P1, mass), vertex, v(P2, mass))
    mapping = {MEDIATOR_INDEX: MEDIATOR_INDEX_CONJ} if spin == 1 else {}
    polarisation = massive_vector_sum(MEDIATOR_INDEX, MEDIATOR_INDEX_CONJ, P, m_X) if spin == 1 else None
    msq = kinematics(mass).to_sympy(spin_summed_square(line, mapping, polarisation))
    return width_from_squared(msq, spin, identical)


def scalar_pair_width(mass):
    """Gamma(V -> chi chi*) for the vertex (p1 - p2)^beta (unit coupling)."""
    current = Tensor.from_factor(metric_factor(MEDIATOR_INDEX, P1 - P2))
    conjugate = Tensor.from_factor(metric_factor(MEDIATOR_INDEX_CONJ, P1 - P2))
    msq = kinematics(mass).to_sympy(polarisation_squared(current * conjugate, 1))
    return width_from_squared(msq, 1)


def channels(model: Model):
    """Every tree-level X -> f fbar channel of the model, widths per unit coupling^2 (and q_chi^2)."""
    out = []
    g = model.coupling
    for lepton, vertex in model.vertices().items():
        mass = m_f if lepton in CHARGED else 0
        width = sympy.factor(sympy.cancel(fermion_pair_width(vertex, model.spin, mass) / g**2))
        out.append(Channel(f"{lepton} {lepton}", lepton, width, lepton not in CHARGED, None, TEX[lepton]))
    for current in model.dark_matter:
        if current.vertex is None:
            width = scalar_pair_width(m_f)
        else:
            width = fermion_pair_width(current.vertex, model.spin, m_f, current.identical)
        out.append(Channel("chi chi", "chi", width, True, current.kind, current.tex))
    return out


def lorentz_structure(vertex, spin, coupling):
    """{"S", "P", "V", "A"}: the vertex per unit coupling as c_S + c_P i gamma5 (spin 0) or
    gamma^beta (c_V + c_A gamma5) (spin 1), read from the canonical words of the chain (gamma5 to the right).
    ValueError for any other structure or a coefficient that is not a real number."""
    allowed = {((), False): "S", ((), True): "P"} if spin == 0 else {
        ((MEDIATOR_INDEX,), False): "V", ((MEDIATOR_INDEX,), True): "A"}
    out = dict.fromkeys("SPVA", sympy.Integer(0))
    for word, coeff in vertex.items():
        if word not in allowed:
            raise ValueError(f"vertex word {word} is not a scalar, pseudoscalar, vector or axial structure "
                             f"for a spin-{spin} mediator")
        value = sympy.simplify(coeff / coupling * (-sympy.I if allowed[word] == "P" else 1))
        if not (value.is_number and value.is_real):
            raise ValueError(f"vertex coefficient {coeff} is not a real number times the coupling {coupling}")
        out[allowed[word]] = value
    return out


def beta_product_form(width, mass):
    """Substitute beta = sqrt((m_X - 2m)(m_X + 2m))/m_X, accurate near threshold."""
    return width.subs(beta, sympy.sqrt((m_X - 2 * mass) * (m_X + 2 * mass)) / m_X)

