"""K+ -> mu+ nu X |M|^2 from explicit spinors and polarisation vectors, summed over helicities: independent
of the trace engine, of the spin-sum identities and of the polarisation-sum formula -g + l l / m^2."""

import numpy as np
import pytest
import sympy

from amplitudes import MODELS, derive
from amplitudes.model import MEDIATOR_INDEX
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu, m_X, s12, s23
from tests.amplitudes.explicit_dirac import EYE4, GAMMA, GAMMA5, METRIC, slashed

LEPTON_MASSES = {"mu": 0.1056583755, "e": 0.51099895e-3}  # GeV, PDG 2024
PL = (EYE4 - GAMMA5) / 2
SIGMA = [np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]])]
TWO_SPINORS = [np.array([1, 0], complex), np.array([0, 1], complex)]


def sigma_dot(p):
    return sum(p[i] * SIGMA[i] for i in range(3))


def u_spinor(p, m, chi):
    """Dirac representation: u = sqrt(E + m) (chi, sigma.p chi / (E + m))."""
    e = p[0]
    return np.sqrt(e + m) * np.concatenate([chi, sigma_dot(p[1:]) @ chi / (e + m)])


def v_spinor(p, m, eta):
    e = p[0]
    return np.sqrt(e + m) * np.concatenate([sigma_dot(p[1:]) @ eta / (e + m), eta])


def dirac_bar(spinor):
    return spinor.conj() @ GAMMA[0]


def polarisations(l, m):
    """Three physical polarisation vectors (upper components) of a massive vector of momentum l."""
    p = l[1:]
    n = p / np.linalg.norm(p)
    a = np.cross(n, [1.0, 0, 0] if abs(n[0]) < 0.9 else [0, 1.0, 0])
    a /= np.linalg.norm(a)
    b = np.cross(n, a)
    longitudinal = np.concatenate([[np.linalg.norm(p) / m], l[0] / m * n])
    return [np.concatenate([[0.0], a]), np.concatenate([[0.0], b]), longitudinal]


def lower(vector):
    return METRIC @ vector


def vertex_matrix(chain, coupling, eps):
    """The model's vertex as an explicit 4x4 matrix at coupling 1, its vector index contracted with eps*: each
    word of the chain is a product of gamma^beta (-> eps*/) and, last, gamma5."""
    total = np.zeros((4, 4), complex)
    for (slots, has_gamma5), coeff in chain.items():
        matrix = EYE4
        for slot in slots:
            assert slot == MEDIATOR_INDEX, slot
            matrix = matrix @ slashed(eps.conj())
        total += complex(coeff.subs(coupling, 1)) * (matrix @ GAMMA5 if has_gamma5 else matrix)
    return total


def msq_explicit(model, lepton, k, q, l):
    """sum over the l and nu spins and the X polarisations of |ubar(q) Gamma v(k)|^2 with C = coupling = 1:
    emission off the charged lepton (propagator of -(k + l)) and off the neutrino (q + l)."""
    P, m_l = k + q + l, LEPTON_MASSES[lepton]
    mx = np.sqrt(l[0] ** 2 - l[1:] @ l[1:])
    total = 0.0
    epsilons = polarisations(l, mx) if model.spin == 1 else [None]
    charged, neutral = model.vertex(lepton), model.vertex(f"nu_{lepton}")
    for chi in TWO_SPINORS:
        for eta in TWO_SPINORS:
            ub, vk = dirac_bar(u_spinor(q, 0.0, chi)), v_spinor(k, m_l, eta)
            for eps in epsilons:
                amp = 0.0
                if charged is not None:
                    lepton_prop = (slashed(-k - l) + m_l * EYE4) / ((k + l) @ METRIC @ (k + l) - m_l**2)
                    amp += ub @ slashed(P) @ PL @ lepton_prop @ vertex_matrix(charged, model.coupling, eps) @ vk
                if neutral is not None:
                    nu_prop = slashed(q + l) / ((q + l) @ METRIC @ (q + l))
                    amp += ub @ vertex_matrix(neutral, model.coupling, eps) @ nu_prop @ slashed(P) @ PL @ vk
                total += abs(amp) ** 2
    return total


def random_event(rng, mx, m_l):
    """A K -> l nu X configuration in the kaon frame (the kaon mass follows from the momenta)."""
    pk, pl = rng.normal(0, 0.08, 3), rng.normal(0, 0.08, 3)
    k = np.concatenate([[np.sqrt(m_l**2 + pk @ pk)], pk])
    l = np.concatenate([[np.sqrt(mx**2 + pl @ pl)], pl])
    pq = -(pk + pl)
    q = np.concatenate([[np.linalg.norm(pq)], pq])
    return k, q, l


PRODUCTION = [(name, lepton) for name, model in sorted(MODELS.items()) for lepton in model.production_leptons()]


@pytest.mark.parametrize("model,lepton", PRODUCTION)
def test_squared_amplitude_matches_explicit_helicity_sum(model, lepton):
    result = derive(model, lepton)
    m_l = LEPTON_MASSES[lepton]
    reduced = result.squared_amplitude.subs({G_F: 1, V_us: 1, f_K: 1, result.model.coupling: 1}) / 2  # C^2 = 2
    function = sympy.lambdify((s12, s23, m_K, m_mu, m_X), reduced, "math")
    rng = np.random.default_rng(5)
    for mx in (0.02, 0.15):
        k, q, l = random_event(rng, mx, m_l)
        mk = np.sqrt((k + q + l) @ METRIC @ (k + q + l))
        s12_value = (l + q) @ METRIC @ (l + q)
        s23_value = (l + k) @ METRIC @ (l + k)
        explicit = msq_explicit(result.model, lepton, k, q, l)
        assert function(s12_value, s23_value, mk, m_l, mx) == pytest.approx(explicit, rel=1e-9)
