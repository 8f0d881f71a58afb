"""K(P) -> pi(p) Q(k1) Qbar(k2) through a massless dark photon A' and a flavour-changing dipole.

Model (docs/physics.md section 4, our parametrisation of Fabbrichesi-Gabrielli arXiv:1911.03755):
    L > (1/Lambda) sbar sigma_{mu nu} (g_M + i g_E gamma5) d F'^{mu nu} + h.c. + e_D Qbar gamma^mu Q A'_mu.
Hadronic elements: <pi(p)| sbar sigma_{mu nu} d |K(P)> = i F (P_mu p_nu - P_nu p_mu), F = c_T f_T(q^2)/(M_K + M_pi),
and, with sigma_{mu nu} gamma5 = +(i/2) eps_{mu nu rho sigma} sigma^{rho sigma} (eps^{0123} = +1, gamma5 =
i g0 g1 g2 g3; checked with explicit matrices in the tests), <pi| sbar sigma_{mu nu} gamma5 d |K> = F eps_{mu nu rho
sigma} P^rho p^sigma / 2 up to a constant. For an A' of momentum q = P - p (F'^{mu nu} -> i(q^mu e^nu - q^nu e^mu)):

* magnetic: 2 F [(P.q) p^nu - (p.q) P^nu] e_nu = 2 F [q^2 p^nu - (p.q) q^nu] e_nu: a conserved current;
* electric: eps(q, e, P, p) = 0 because q = P - p: g_E does not contribute to K -> pi A'.

With the propagator -i [g_{nu rho} - (1 - xi) q_nu q_rho / q^2] / q^2 the magnetic current gives
J.L / q^2 = p.L + terms proportional to q.L = 0 (L = ubar gamma v, vector-current conservation), so the 1/q^2
pole of the massless dark photon cancels against the q^2 of the dipole and nothing depends on xi:
    M = 2 (g_M/Lambda) F e_D ubar(k1) p/ v(k2).
The functions below derive these statements with the trace engine instead of assuming them.
Dalitz variables: s = (k1 + k2)^2 = q^2, t = (p + k1)^2 (1 = Qbar, 2 = Q, 3 = pi).
"""

from functools import lru_cache

import sympy

from .dirac import SpinorLine, gamma, slash, spin_summed_square, ubar, v
from .kinematics import three_body
from .lorentz import Index, Momentum, Tensor, epsilon_factor

s, t = sympy.symbols("s t", positive=True)
m_K, m_pi, m_Q = sympy.symbols("m_K m_pi m_Q", positive=True)
g_M, g_E, e_D, Lam, F, xi = sympy.symbols("g_M g_E e_D Lambda F xi", positive=True)
P, p, k1, k2 = (Momentum.named(n) for n in ("P", "p", "k1", "k2"))
q = k1 + k2
KINEMATICS = three_body(m_K, ("k2", "k1", "p"), (m_Q, m_Q, m_pi), s, t)
NU, NU_CONJ = Index("nu"), Index("nu'")


def dot(a, b):
    return KINEMATICS.dot(a, b)


def magnetic_chain(gauge=xi):
    """Gamma of M = ubar(k1) Gamma v(k2) for the g_M term, with the xi-dependent part of the propagator."""
    current = dot(P, q) * slash(p) - dot(p, q) * slash(P)  # J/ with J^nu = (P.q) p^nu - (p.q) P^nu
    current_dot_q = dot(P, q) * dot(p, q) - dot(p, q) * dot(P, q)
    feynman = current / s
    longitudinal = (1 - gauge) * current_dot_q / s**2 * slash(q)
    return 2 * g_M / Lam * F * e_D * (feynman - longitudinal)  # -g_{nu rho}: overall sign dropped


def line(chain):
    return SpinorLine(ubar(k1, m_Q), chain, v(k2, m_Q))


@lru_cache(maxsize=None)
def squared_amplitude(gauge=xi):
    """Spin-summed |M|^2 of K -> pi Q Qbar for real positive g_M (the CP phase enters as sin^2 for K_L)."""
    tensor = spin_summed_square(line(magnetic_chain(gauge)))
    return sympy.factor(sympy.cancel(KINEMATICS.to_sympy(tensor)))


phi = sympy.Symbol("phi", real=True)


def channel_squared_amplitude(channel):
    """sum|M|^2 for 'K+' (K+ -> pi+) or 'KL' (K_L -> pi0) with the coupling's phase g_M = |g_M| e^{i phi}.

    K+: the operator's coefficient g_M enters as |g_M|^2. K_L = (K0 - K0bar)/sqrt(2): K0 -> pi0 carries g_M
    and the isospin factor 1/sqrt(2) relative to K+ -> pi+, K0bar -> pi0 the conjugate coupling g_M*
    (from the h.c. term) with the same factor, so the K_L coefficient is (1/sqrt2)(1/sqrt2)(e^{i phi} -
    e^{-i phi}) |g_M| = i sin(phi) |g_M|. Masses are the generic m_K, m_pi (charged or neutral)."""
    if channel == "K+":
        return squared_amplitude()
    if channel == "KL":
        coefficient = (1 / sympy.sqrt(2)) * (1 / sympy.sqrt(2)) * (sympy.exp(sympy.I * phi) - sympy.exp(-sympy.I * phi))
        weight = sympy.simplify(sympy.expand_complex(coefficient * sympy.conjugate(coefficient)))
        return weight * squared_amplitude()
    raise ValueError(f"unknown channel {channel!r}; choose 'K+' or 'KL'")


def electric_squared_amplitude():
    """sum |M_E|^2 for the g_E term: eps(q, nu, P, p) ubar gamma_nu v, squared and contracted (it vanishes)."""
    sign, eps = epsilon_factor((q, NU, P, p))
    sign_c, eps_c = epsilon_factor((q, NU_CONJ, P, p))
    current = Tensor.from_factor(eps, sign) * Tensor.from_factor(eps_c, sign_c)
    lepton = spin_summed_square(line(gamma(NU)), index_pairs={NU: NU_CONJ}, polarisation=current)
    return sympy.simplify(KINEMATICS.to_sympy(lepton) * (g_E / Lam * F * e_D) ** 2)


def longitudinal_term_dependence():
    """d/dc of sum|M|^2 for the Feynman-gauge chain plus c q/ (c a free symbol): zero, so the q_rho q_sigma part of
    the propagator drops out through the Dirac equation of the Q line whatever multiplies it."""
    c = sympy.Symbol("c", real=True)
    chain = magnetic_chain(1) + c * slash(q)
    return sympy.simplify(sympy.diff(KINEMATICS.to_sympy(spin_summed_square(line(chain))), c))


def current_conservation():
    """q_nu J^nu for the magnetic current (zero: the xi term of the propagator cannot contribute)."""
    return sympy.simplify(dot(P, q) * dot(p, q) - dot(p, q) * dot(P, q))


def dirac_equation_check():
    """sum |ubar(k1) q/ v(k2)|^2 (zero: the q_rho q_sigma part of any propagator drops out)."""
    return sympy.simplify(KINEMATICS.to_sympy(spin_summed_square(line(slash(q)))))

