"""K+(P) -> mu+(k) nu_mu(q) X(l): amplitudes built from a model's vertices, and their spin sums.

Written for l = mu; K+ -> e+ nu_e X is the same derivation with the model's electron and nu_e vertices, the
symbol m_mu then standing for the charged lepton's mass (``lepton="e"``).

SM vertex (docs/physics.md section 2): M0 = C ubar_nu(q) P/ P_L v_mu(k), C = sqrt(2) G_F V_us f_K, which gives
the textbook Gamma(K -> mu nu) = G_F^2 V_us^2 f_K^2 m_K m_mu^2 (1 - m_mu^2/m_K^2)^2 / (8 pi).

Emission of X off the nu_mu line (fermion propagator of momentum q + l) and off the mu+ line (the
antifermion propagator carries -(k + l) along the fermion flow):

    M = C ubar(q) [ V_nu S(q + l, 0) P/ P_L  +  P/ P_L S(-k - l, m_mu) V_mu ] v(k),
    S(p, m) = (p/ + m) / (p^2 - m^2).

Spin sum: sum |M|^2 = Tr[q/ Gamma (k/ - m_mu) bar(Gamma)], contracted with -g + l l / m_X^2 for a vector.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy

from .dirac import P_LEFT, SpinorLine, as_chain, massive_vector_sum, slash, spin_summed_square, ubar, v
from .kinematics import three_body, two_body
from .lorentz import Momentum
from .model import MEDIATOR_INDEX, MEDIATOR_INDEX_CONJ, Model
from .models import get_model
from .symbols import G_F, V_us, f_K, m_K, m_mu, m_X, s12, s23

SM_COUPLING = sympy.sqrt(2) * G_F * V_us * f_K
P, k, q, l = (Momentum.named(n) for n in ("P", "k", "q", "l"))
KINEMATICS = three_body(m_K, ("q", "l", "k"), (0, m_X, m_mu), s12, s23)  # 1 = nu, 2 = X, 3 = mu (KMRT)


def sm_vertex():
    return SM_COUPLING * slash(P) * P_LEFT


def propagator(momentum, mass, kinematics=KINEMATICS):
    """Fermion propagator numerator over denominator, (p/ + m)/(p^2 - m^2), without the factor i."""
    return (slash(momentum) + mass) / (kinematics.dot(momentum, momentum) - mass**2)


def amplitude_chain(model, contract_mediator_with=None, lepton="mu"):
    """Gamma of M = ubar(q) Gamma v(k); optionally the vector index contracted with a momentum (Ward test)."""
    vertex_mu, vertex_nu = model.vertex(lepton), model.vertex(f"nu_{lepton}")
    if contract_mediator_with is not None:
        vertex_mu, vertex_nu = (
            None if vtx is None else contract_index(vtx, contract_mediator_with) for vtx in (vertex_mu, vertex_nu)
        )
    chain = as_chain(0)
    if vertex_nu is not None:
        chain = chain + vertex_nu * propagator(q + l, 0) * sm_vertex()
    if vertex_mu is not None:
        chain = chain + sm_vertex() * propagator(-k - l, m_mu) * vertex_mu
    return chain


def contract_index(chain, momentum):
    """Replace gamma^beta (the mediator index) by p/ : the contraction p_beta Gamma^beta."""
    return as_chain(chain).rename({MEDIATOR_INDEX: momentum})


def spin_summed(chain, spin):
    line = SpinorLine(ubar(q, 0), chain, v(k, m_mu))
    if spin == 1:
        polarisation = massive_vector_sum(MEDIATOR_INDEX, MEDIATOR_INDEX_CONJ, l, m_X)
        tensor = spin_summed_square(line, {MEDIATOR_INDEX: MEDIATOR_INDEX_CONJ}, polarisation)
    else:
        tensor = spin_summed_square(line)
    return KINEMATICS.to_sympy(tensor)


def production_model(name, lepton):
    model = get_model(name)
    if lepton not in model.production_leptons():
        raise ValueError(f"model {name!r} does not couple to {lepton} or nu_{lepton}: no K+ -> {lepton}+ nu X")
    return model


@lru_cache(maxsize=None)
def squared_amplitude(name, lepton="mu"):
    """Spin-summed |M|^2 of K+ -> l+ nu X for a registered model, simplified, in (s12, s23)."""
    model = production_model(name, lepton)
    return simplify_rational(spin_summed(amplitude_chain(model, lepton=lepton), model.spin))


def ward_residual(name, lepton="mu"):
    """sum_spins |l_beta M^beta|^2: zero iff the Ward identity l_beta M^beta = 0 holds for every spin."""
    model = production_model(name, lepton)
    if model.spin != 1:
        raise ValueError(f"model {name!r} has a scalar mediator: no Ward identity to check")
    return simplify_rational(spin_summed(amplitude_chain(model, contract_mediator_with=l, lepton=lepton), 0))


def simplify_rational(expr):
    """Put a rational function over a common denominator with a factored numerator and denominator."""
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    return sympy.factor(num) / sympy.factor(den)


def kmunu_squared_amplitude():
    """sum |M0|^2 for K+ -> mu+ nu from the SM vertex alone: C^2 m_mu^2 (m_K^2 - m_mu^2)."""
    kin = two_body(m_K, ("q", "k"), (0, m_mu))
    line = SpinorLine(ubar(q, 0), sm_vertex(), v(k, m_mu))
    return sympy.factor(kin.to_sympy(spin_summed_square(line)))


@lru_cache(maxsize=None)
def kmunu_width():
    """Gamma(K+ -> mu+ nu) = sum|M0|^2 |p| / (8 pi m_K^2), |p| = (m_K^2 - m_mu^2)/(2 m_K) (PDG Eq. 49.17)."""
    momentum = (m_K**2 - m_mu**2) / (2 * m_K)
    return sympy.factor(kmunu_squared_amplitude() * momentum / (8 * sympy.pi * m_K**2))


@dataclass(frozen=True)
class Derivation:
    """A model's derived spin-summed |M|^2 and the K -> mu nu width from the same SM vertex."""

    model: Model
    squared_amplitude: sympy.Expr
    kmunu_width: sympy.Expr


def derive(name, lepton="mu"):
    """Derive K+ -> l+ nu X for the registered model ``name`` (ValueError for an unknown name or a lepton the
    model does not couple to)."""
    return Derivation(production_model(name, lepton), squared_amplitude(name, lepton), kmunu_width())
