"""Independent oracle: explicit 4x4 Dirac matrices (Dirac representation) and Minkowski vectors in numpy.

gamma^0 = diag(1, 1, -1, -1), gamma^i = [[0, sigma_i], [-sigma_i, 0]], gamma5 = i g^0 g^1 g^2 g^3,
metric diag(+1, -1, -1, -1), eps^{0123} = +1.
"""

import itertools

import numpy as np

SIGMA = [np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]])]
ZERO2, ONE2 = np.zeros((2, 2)), np.eye(2)
GAMMA = [np.block([[ONE2, ZERO2], [ZERO2, -ONE2]]).astype(complex)] + [
    np.block([[ZERO2, s], [-s, ZERO2]]).astype(complex) for s in SIGMA
]
GAMMA5 = 1j * GAMMA[0] @ GAMMA[1] @ GAMMA[2] @ GAMMA[3]
METRIC = np.diag([1.0, -1.0, -1.0, -1.0])
EYE4 = np.eye(4, dtype=complex)


def levi_civita_upper():
    eps = np.zeros((4, 4, 4, 4))
    for perm in itertools.permutations(range(4)):
        inversions = sum(1 for i in range(4) for j in range(i + 1, 4) if perm[i] > perm[j])
        eps[perm] = (-1) ** inversions
    return eps  # eps^{0123} = +1


EPS_UPPER = levi_civita_upper()


def slashed(p):
    """p/ = gamma^mu p_mu with p given by its upper components."""
    lower = METRIC @ p
    return sum(GAMMA[mu] * lower[mu] for mu in range(4))


def dot(a, b):
    return a @ METRIC @ b


def epsilon(a, b, c, d):
    """eps^{mu nu rho sigma} a_mu b_nu c_rho d_sigma."""
    lo = [METRIC @ x for x in (a, b, c, d)]
    return np.einsum("ijkl,i,j,k,l->", EPS_UPPER, *lo)
