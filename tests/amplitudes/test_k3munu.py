"""K+ -> l+ nu l'+ l'- through a virtual photon (inner bremsstrahlung and structure-dependent form factors), all
four lepton modes: gauge invariance at l^2 != 0, the Chisholm form of the eps current, and the spin sum
(antisymmetrised for l = l') against explicit Dirac matrices at random four-body points."""

import numpy as np
import pytest

from amplitudes import k3munu
from amplitudes.kinematics import Kinematics
from amplitudes.kmunugamma import epsilon_current
from amplitudes.lorentz import Index, Momentum
from kaonlib.processes import k3munu as runtime
from kaonlib.processes import phasespace
from tests.amplitudes.explicit_dirac import EPS_UPPER, EYE4, GAMMA, GAMMA5, METRIC, dot, slashed
from tests.reference import k3munu_msq_by_mpmath

MU = 0.1056583755
ME = 0.51099895e-3
MK = 0.493677
FK = 0.1557
PL = (EYE4 - GAMMA5) / 2
FORM_FACTORS = (0.096, 0.042, 0.23)  # F_V, F_A, R: every structure-dependent term switched on


@pytest.mark.parametrize("identical, w_lepton, photon", [(False, k3munu.k1, k3munu.k2 + k3munu.k3),
                                                          (True, k3munu.k1, k3munu.k2 + k3munu.k3),
                                                          (True, k3munu.k2, k3munu.k1 + k3munu.k3)])
def test_ward_identity_for_the_virtual_photon(identical, w_lepton, photon):
    """l_a Gamma^a = 0 for inner bremsstrahlung plus F_V, F_A and the transverse R term, with the lepton masses
    as symbols (so for every mode), for each photon of each process."""
    assert k3munu.PROCESSES[identical].ward_residual(w_lepton, photon) == 0


def chain_matrix(chain, vectors, index_value):
    """An engine chain with one free index (given the value 0..3, upper) as an explicit 4x4 matrix."""
    total = np.zeros((4, 4), dtype=complex)
    for (slots, has_g5), coeff in chain.items():
        matrix = EYE4.copy()
        for slot in slots:
            matrix = matrix @ (GAMMA[index_value] if isinstance(slot, Index) else slashed(vectors[slot.terms[0][0]]))
        total += complex(coeff) * (matrix @ GAMMA5 if has_g5 else matrix)
    return total


def test_epsilon_current_is_eps_contracted_with_gamma():
    """eps(a, b, c, nu) gamma_nu from the Chisholm chain equals the explicit sum over nu (eps^{0123} = +1)."""
    rng = np.random.default_rng(3)
    b_vec, c_vec = rng.normal(size=4), rng.normal(size=4)
    kinematics = Kinematics({("b", "b"): dot(b_vec, b_vec), ("b", "c"): dot(b_vec, c_vec),
                             ("c", "c"): dot(c_vec, c_vec)})
    chain = epsilon_current(Index("a"), Momentum.named("b"), Momentum.named("c"), kinematics)
    lower_b, lower_c = METRIC @ b_vec, METRIC @ c_vec
    for a in range(4):
        expected = sum(np.einsum("jk,j,k->", EPS_UPPER[a, :, :, nu], lower_b, lower_c) * GAMMA[nu] * METRIC[nu, nu]
                       for nu in range(4))
        assert np.allclose(chain_matrix(chain, {"b": b_vec, "c": c_vec}, a), expected, atol=1e-12)


def bar(matrix):
    return GAMMA[0] @ matrix.conj().T @ GAMMA[0]


def hadronic(P, muon, photon, mk, form_factors, ml):
    """Gamma^a for a = 0..3 (upper index) with e = G_F = V_us = 1: f_K sqrt2 (IB) + SD written with explicit
    eps^{a nu P l} gamma_nu and (1 - gamma5), independently of the engine's Chisholm rewriting, + the kaon-pole
    term (the kaon line times F_K(t) - 1 = R t/(2 f_K m_K), with its l^a/t completion)."""
    F_V, F_A, R = form_factors
    kaon_vector, w = 2 * P - photon, P - photon
    muon_prop = slashed(P) @ PL @ (slashed(-muon - photon) + ml * EYE4) / (dot(muon + photon, muon + photon) - ml**2)
    kaon_prop = -(slashed(P - photon) @ PL) / (dot(P - photon, P - photon) - mk**2)
    ib = [np.sqrt(2) * FK * (muon_prop @ GAMMA[a] + kaon_prop * kaon_vector[a] + GAMMA[a] @ PL) for a in range(4)]
    # kaon-pole term: the kaon line times F_K(t) - 1 = R t/(2 f_K m_K), plus its l^a/t gauge completion
    t = dot(photon, photon)
    slope = R * t / (2 * FK * mk)
    pole = [np.sqrt(2) * FK * slope * (kaon_prop * kaon_vector[a] - slashed(P - photon) @ PL * photon[a] / t)
            for a in range(4)]
    lower = np.diag(METRIC)
    sd = []
    for a in range(4):
        eps_term = sum(np.einsum("cd,c,d->", EPS_UPPER[a, nu], METRIC @ P, METRIC @ photon) * GAMMA[nu] * lower[nu]
                       for nu in range(4))
        axial = dot(photon, w) * GAMMA[a] - w[a] * slashed(photon)
        radius = dot(photon, photon) * GAMMA[a] - photon[a] * slashed(photon)
        sd.append(-1 / (np.sqrt(2) * mk) * (1j * F_V * eps_term - F_A * axial - R * radius) @ (EYE4 - GAMMA5))
    return [ib[a] + sd[a] + pole[a] for a in range(4)]


def explicit_squared_amplitude(k1, k2, k3, q, form_factors, ml, mlp, identical):
    """sum over spins of |M(k1, k2) - M(k2, k1)|^2 (identical leptons) or |M(k1, k2)|^2 (distinct), divided by
    e^4 G_F^2 V_us^2, with explicit traces; ml is the W lepton's mass, mlp the pair leptons'."""
    P = k1 + k2 + k3 + q
    mk = np.sqrt(dot(P, P))
    lower = np.diag(METRIC)
    w1, w2, a2, a3 = (slashed(k1) - ml * EYE4, slashed(k2) - ml * EYE4, slashed(k2) - mlp * EYE4,
                      slashed(k3) + mlp * EYE4)

    def amplitude_terms(w, pair):
        photon = pair + k3
        return hadronic(P, w, photon, mk, form_factors, ml), 1 / dot(photon, photon)

    g12, d12 = amplitude_terms(k1, k2)
    g21, d21 = amplitude_terms(k2, k1)
    total = 0
    for a in range(4):
        for b in range(4):
            ga, gb = GAMMA[a] * lower[a], GAMMA[b] * lower[b]  # gamma_a, gamma_b (lower indices)
            total += (np.trace(slashed(q) @ g12[a] @ w1 @ bar(g12[b])) * np.trace(a3 @ ga @ a2 @ gb) * d12**2)
            if not identical:
                continue
            direct21 = np.trace(slashed(q) @ g21[a] @ w2 @ bar(g21[b])) * np.trace(a3 @ ga @ w1 @ gb) * d21**2
            cross = np.trace(slashed(q) @ g12[a] @ w1 @ gb @ a3 @ ga @ w2 @ bar(g21[b])) * d12 * d21
            total += direct21 - 2 * cross.real
    return total.real, mk


MODES = {"mu-nu-mu-mu": (MU, MU), "mu-nu-e-e": (MU, ME), "e-nu-e-e": (ME, ME), "e-nu-mu-mu": (ME, MU)}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("form_factors", [(0.0, 0.0, 0.0), FORM_FACTORS, (0.0, 0.0, 0.3), (0.1, 0.0, 0.0)])
def test_spin_sum_matches_explicit_matrices(mode, form_factors):
    """The derived polynomial (evaluated exactly with mpmath, not through the kernel) equals explicit traces at
    generated physical points of every mode, for IB alone and with each structure-dependent term. Tolerance 1e-9;
    1e-7 with an e+ e- pair: one of the generated points has m_ee = 7 MeV, where the float64 traces lose about
    (E/m_ee)^2 x 1e-16 (the same comparison with a 3 MeV lepton mass agrees to 1e-12 everywhere)."""
    ml, mlp = MODES[mode]
    identical = ml == mlp
    momenta, _ = phasespace.generate(MK, (ml, 0.0, mlp, mlp), 3, rng=1)
    invariants = runtime.invariants(momenta)
    masses = (MK, ml) if identical else (MK, ml, mlp)
    for point, values in zip(momenta, invariants):
        k1, q, k2, k3 = point
        expected, mk = explicit_squared_amplitude(k1, k2, k3, q, form_factors, ml, mlp, identical)
        parameters = (mk, *masses[1:], FK, *form_factors)
        tolerance = 1e-7 if mlp == ME else 1e-9
        assert float(k3munu_msq_by_mpmath(values, parameters, identical)) == pytest.approx(expected, rel=tolerance)
