"""Dark-matter annihilation chi(p1) chibar(p2) -> V* -> f(k1) fbar(k2) through an s-channel vector, derived with
the trace engine for the three currents of KMRT Eq. (3) (amplitudes.darkmatter) and a lepton vertex
gamma^nu (c_V + c_A gamma5) per unit coupling (the basis of amplitudes.decays.lorentz_structure).

    M = J_chi^beta(p1, p2) D_{beta nu}(q) [ubar(k1) gamma^nu (c_V + c_A gamma5) v(k2)],  q = p1 + p2, s = q^2,
    D_{beta nu} = (-g_{beta nu} + q_beta q_nu / m_V^2) / (s - m_V^2)   (unitary gauge; the q q term is kept),

with J_chi = vbar(p2) Gamma_chi u(p1) for the fermions and (p1 - p2) for the complex scalar (couplings g_chi and g
factored out). The spin sums are averaged over the initial spins (1/4 for fermions, 1 for the scalar). With
t = (p1 - k1)^2 = m_chi^2 + m_f^2 - s/2 + 2 |p||k| cos(theta) in the centre-of-mass frame, |p| = sqrt(s) beta_chi/2,
|k| = sqrt(s) beta_f/2 and the Moller velocity v = 2 beta_chi there (PDG Kinematics review, Eq. 49.32 with
dsigma/dOmega = |M|^2 |k| / (64 pi^2 s |p|)):

    sigma v = beta_f / (16 pi s) int_{-1}^{1} dcos(theta) avg|M|^2,

returned here times (s - m_V^2)^2 / (g_chi g)^2 (the runtime adds the Breit-Wigner denominator). The
non-relativistic limits (s-wave for the Dirac fermion, p-wave for the complex scalar and the Majorana fermion)
are checked in tests/amplitudes/test_annihilation.py against the textbook forms.
"""

from __future__ import annotations

import sympy

from .darkmatter import KMRT_CURRENTS
from .dirac import GAMMA5, IDENTITY, SpinorLine, dirac_conjugate, gamma, massive_vector_sum, u, ubar, v, vbar
from .kinematics import Kinematics
from .lorentz import Index, Momentum, Tensor, contract, metric_factor
from .model import MEDIATOR_INDEX, MEDIATOR_INDEX_CONJ
from .trace import trace

s, m_chi, m_f, m_V = sympy.symbols("s m_chi m_f m_V", positive=True)
c_V, c_A, cos_theta = sympy.symbols("c_V c_A cos_theta", real=True)
P1, P2, K1, K2 = (Momentum.named(n) for n in ("p1", "p2", "k1", "k2"))
LEPTON_INDEX, LEPTON_INDEX_CONJ = Index("nu"), Index("nu'")
ARGUMENTS = (s, m_chi, m_f, m_V, c_V, c_A)  # order of the generated functions' arguments


def kinematics():
    """chi(p1) chibar(p2) -> f(k1) fbar(k2) in (s, cos theta): k2 = p1 + p2 - k1 is dependent."""
    p_k = sympy.sqrt((s / 4 - m_chi**2) * (s / 4 - m_f**2))  # |p||k|
    p1_k1 = s / 4 - p_k * cos_theta
    dots = {("p1", "p1"): m_chi**2, ("p2", "p2"): m_chi**2, ("k1", "k1"): m_f**2,
            ("p1", "p2"): s / 2 - m_chi**2, ("p1", "k1"): p1_k1, ("p2", "k1"): s / 2 - p1_k1}
    return Kinematics(dots, dependent={"k2": {"p1": 1, "p2": 1, "k1": -1}})


def open_square(line, mapping):
    """Tr[(left spin sum) Gamma (right spin sum) bar(Gamma)] with the open indices of Gamma left open
    (renamed by ``mapping`` in the conjugate): the current tensor of one fermion line."""
    conjugate = dirac_conjugate(line.chain).rename(mapping)
    return trace(line.left.spin_sum() * line.chain * line.right.spin_sum() * conjugate)


def dark_tensor(current):
    """sum over chi spins of J^beta J^beta'* for a current of amplitudes.darkmatter (per unit g_chi)."""
    if current.vertex is None:  # complex scalar: (p1 - p2)^beta
        return (Tensor.from_factor(metric_factor(MEDIATOR_INDEX, P1 - P2))
                * Tensor.from_factor(metric_factor(MEDIATOR_INDEX_CONJ, P1 - P2)))
    line = SpinorLine(vbar(P2, m_chi), current.vertex, u(P1, m_chi))
    return open_square(line, {MEDIATOR_INDEX: MEDIATOR_INDEX_CONJ})


def lepton_tensor():
    """sum over lepton spins of [ubar(k1) gamma^nu (c_V + c_A g5) v(k2)] [...]^* with the index nu'."""
    vertex = gamma(LEPTON_INDEX) * (c_V * IDENTITY + c_A * GAMMA5)
    return open_square(SpinorLine(ubar(K1, m_f), vertex, v(K2, m_f)), {LEPTON_INDEX: LEPTON_INDEX_CONJ})


def averaged_square(current):
    """avg |M|^2 (s - m_V^2)^2 / (g_chi g)^2 in (s, cos theta, masses, c_V, c_A)."""
    q = P1 + P2
    propagators = (massive_vector_sum(MEDIATOR_INDEX, LEPTON_INDEX, q, m_V)
                   * massive_vector_sum(MEDIATOR_INDEX_CONJ, LEPTON_INDEX_CONJ, q, m_V))
    summed = kinematics().to_sympy(contract(dark_tensor(current) * lepton_tensor() * propagators))
    spins = 1 if current.vertex is None else 4
    return sympy.expand(summed / spins)


def sigma_v(current):
    """sigma v_Moller (s - m_V^2)^2 / (g_chi g)^2 for the current (GeV^-2 times GeV^4), with
    beta_f = sqrt(1 - 4 m_f^2/s) written as sqrt((s - 4 m_f^2)/s)."""
    integral = sympy.integrate(averaged_square(current), (cos_theta, -1, 1))
    beta_f = sympy.sqrt(s - 4 * m_f**2) / sympy.sqrt(s)
    return sympy.factor(sympy.simplify(beta_f * integral / (16 * sympy.pi * s)))


def sigma_v_all():
    """{kind: sigma v expression} for the KMRT currents."""
    return {current.kind: sigma_v(current) for current in KMRT_CURRENTS}
