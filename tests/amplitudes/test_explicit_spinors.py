"""K+ -> mu+ nu X |M|^2 from explicit spinors and polarisation vectors, summed over helicities: independent
of the trace engine, of the spin-sum identities and of the polarisation-sum formula -g + l l / m^2."""

import numpy as np
import pytest
import sympy

from amplitudes import derive
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu, m_X, s12, s23
from tests.amplitudes.explicit_dirac import EYE4, GAMMA, GAMMA5, METRIC, slashed

MK, MMU = 0.493677, 0.1056583755
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


def msq_explicit(model, k, q, l):
    """sum over mu, nu spins and X polarisations of |ubar(q) Gamma v(k)|^2 with C = coupling = 1."""
    P = k + q + l
    mx = np.sqrt(l[0] ** 2 - l[1:] @ l[1:])
    total = 0.0
    epsilons = polarisations(l, mx) if model != "scalar" else [None]
    for chi in TWO_SPINORS:
        for eta in TWO_SPINORS:
            ub, vk = dirac_bar(u_spinor(q, 0.0, chi)), v_spinor(k, MMU, eta)
            for eps in epsilons:
                vertex = EYE4 * -1 if eps is None else slashed(eps.conj())
                muon_prop = (slashed(-k - l) + MMU * EYE4) / ((k + l) @ METRIC @ (k + l) - MMU**2)
                amp = ub @ slashed(P) @ PL @ muon_prop @ vertex @ vk
                if model == "vector":
                    nu_prop = slashed(q + l) / ((q + l) @ METRIC @ (q + l))
                    amp += ub @ vertex @ PL @ nu_prop @ slashed(P) @ PL @ vk
                total += abs(amp) ** 2
    return total


def random_event(rng, mx):
    """A K -> mu nu X configuration in the kaon frame (the kaon mass follows from the momenta)."""
    pk, pl = rng.normal(0, 0.08, 3), rng.normal(0, 0.08, 3)
    k = np.concatenate([[np.sqrt(MMU**2 + pk @ pk)], pk])
    l = np.concatenate([[np.sqrt(mx**2 + pl @ pl)], pl])
    pq = -(pk + pl)
    q = np.concatenate([[np.linalg.norm(pq)], pq])
    return k, q, l


@pytest.mark.parametrize("model", ["vector", "scalar", "vector_muon_only"])
def test_squared_amplitude_matches_explicit_helicity_sum(model):
    result = derive(model)
    reduced = result.squared_amplitude.subs({G_F: 1, V_us: 1, f_K: 1, result.model.coupling: 1}) / 2  # C^2 = 2
    function = sympy.lambdify((s12, s23, m_K, m_mu, m_X), reduced, "math")
    rng = np.random.default_rng(5)
    for mx in (0.02, 0.15):
        k, q, l = random_event(rng, mx)
        mk = np.sqrt((k + q + l) @ METRIC @ (k + q + l))
        s12_value = (l + q) @ METRIC @ (l + q)
        s23_value = (l + k) @ METRIC @ (l + k)
        assert function(s12_value, s23_value, mk, MMU, mx) == pytest.approx(msq_explicit(model, k, q, l), rel=1e-9)
