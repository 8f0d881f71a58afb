"""Carry an e+e- -> mu+ mu- X, X -> mu+ mu- limit (BABAR's 4 mu search) from its published coupling structure to any
model whose mediator couples to muons: the limit is a limit on sigma(e+e- -> mu+ mu- X) BR(X -> mu+ mu-), so

    g_model(m) = g_pub(m) sqrt( sigma_pub(m) BR_pub(mu mu; m) / (sigma_model(m) BR_model(mu mu; m)) ),

with sigma per unit coupling from the derived e+e- -> gamma* -> mu- mu+ X (amplitudes/ee_mumu_x.py, generated into
kaonlib/_kernels/ee_mumu_x.py) at the bound's sqrt(s), and the branching ratios from the tree-level widths of each
vertex structure (and X -> gamma gamma for spin 0). This is KMRT's comparison for the muon-philic scalar
(arXiv:1902.07715, Sec. III: "the e+e- -> mu+ mu- phi cross section is much smaller for phi vs. V production").

Assumptions, stated with every recast bound (its source, `kaonlib bounds` text and JSON): the selection
efficiency is the same for both mediators at equal mass (the angular distributions of the radiated X differ), X
decays promptly, and the model has no electron coupling (X radiated from the beams, or e+e- -> X gamma, are not in
the derived process: such a model gets no recast). sqrt(s) = 10.58 GeV for all of BABAR's data (part was taken at
the Upsilon(2S, 3S)): sigma_V/sigma_S changes by at most 3 % between 10.02 and 10.58 GeV, g by 1.5 %.

Cross-section (the derivation's docstring): sigma = e^4 g^2/(6 s^2) int dPhi_3 W, dPhi_3 = ds12 ds23/(128 pi^3 s),
integrated with Gauss-Legendre rules in log variables that resolve the threshold, soft and collinear peaks
(:func:`integrand_grid`; tests/kaonlib/test_ee_recast.py checks it against scipy's adaptive dblquad).
"""

import math
from functools import lru_cache

import numpy as np

from kaonlib.inputs import ALPHA_EM, M_MU
from kaonlib.mediator import decays
from kaonlib.validate import InputError

NODES = 48  # Gauss-Legendre nodes per half range, in each variable
EDGE = 1e-10  # the outer log maps stop at EDGE times the half range from its end (the integrand vanishes there)
GRID = 64  # log-spaced masses on which the cross-section ratio is computed and interpolated (it is smooth)


def log_rule(start, end):
    """Nodes d and weights for int_start^end f(d) dd with d = exp(u), Gauss-Legendre in u (arrays broadcast)."""
    a, b = np.log(start)[..., None], np.log(end)[..., None]
    u, wu = np.polynomial.legendre.leggauss(NODES)
    nodes = np.exp((a + b) / 2 + (b - a) / 2 * u)
    return nodes, (b - a) / 2 * wu * nodes


def integrand_grid(sqrt_s, m_X):
    """(s12, s23, weight) on the integration grid: sum(weight W(s12, s23)) = int ds12 ds23 W.

    Outer: s12 - 4 m_mu^2 and s12_max - s12 in log on the two halves of the range (the muon pair at threshold,
    X soft); inner, at each s12: s23 - m_mu^2 and s13 - m_mu^2 in log on the two halves of the Dalitz range (the
    two collinear propagator peaks). The Kallen functions are written as products of these differences."""
    s, m2 = sqrt_s**2, M_MU**2
    low, high = 4 * m2, (sqrt_s - m_X) ** 2
    half = np.array((high - low) / 2)
    above, w_above = log_rule(EDGE * half, half)  # s12 - 4 m2
    below, w_below = log_rule(EDGE * half, half)  # s12_max - s12
    s12 = np.concatenate([low + above, high - below], axis=-1)
    pair = np.concatenate([above, high - low - below], axis=-1)  # s12 - 4 m2
    soft = np.concatenate([high - low - above, below], axis=-1)  # s12_max - s12
    w12 = np.concatenate([w_above, w_below], axis=-1)
    # Dalitz s23 range at fixed s12 for 1 = mu-(k1), 2 = mu+(k2), 3 = X (PDG Eq. 49.23), with
    # lambda(s12, m2, m2) = s12 (s12 - 4 m2) and lambda(s, s12, m_X^2) = (s12_max - s12)((sqrt_s + m_X)^2 - s12)
    root = np.sqrt(s12 * pair * soft * ((sqrt_s + m_X) ** 2 - s12))
    centre = s12 * (s - s12 - m_X**2)
    lo, hi = m2 + m_X**2 + (centre - root) / (2 * s12), m2 + m_X**2 + (centre + root) / (2 * s12)
    total = s + 2 * m2 + m_X**2 - s12  # s13 + s23
    mid = (lo + hi) / 2
    first, w_first = log_rule(lo - m2, mid - m2)  # s23 - m2
    second, w_second = log_rule(total - hi - m2, total - mid - m2)  # s13 - m2
    s23 = np.concatenate([m2 + first, total[:, None] - m2 - second], axis=1)
    weight = np.concatenate([w_first, w_second], axis=1) * w12[:, None]
    return np.broadcast_to(s12[:, None], s23.shape), s23, weight


def cross_section(structure, spin, m_X, sqrt_s):
    """sigma(e+e- -> gamma* -> mu+ mu- X) per unit coupling^2 in GeV^-2 for a muon vertex ``structure``
    ({"S", "P"} for spin 0, {"V", "A"} for spin 1, kaonlib's lorentz_structure basis) at ``sqrt_s`` GeV."""
    from kaonlib._kernels import ee_mumu_x

    if not 0 < m_X < sqrt_s - 2 * M_MU:
        raise InputError(f"m_X = {m_X} GeV: e+e- -> mu+ mu- X needs 0 < m_X < sqrt(s) - 2 m_mu = "
                         f"{sqrt_s - 2 * M_MU:.4g} GeV")
    s = sqrt_s**2
    s12, s23, weight = integrand_grid(sqrt_s, m_X)
    kernel = ee_mumu_x.w_spin0 if spin == 0 else ee_mumu_x.w_spin1
    integral = np.sum(weight * kernel(s, s12, s23, M_MU, m_X, *decays.coefficients(structure, spin)))
    return (4 * math.pi * ALPHA_EM) ** 2 / (6 * s**2) * integral / (128 * math.pi**3 * s)


def published_dimuon_fraction(vertices, spin, m_X):
    """BR(X -> mu+ mu-) of the published coupling structure ({lepton: {"S"|"P"|"V"|"A": c}})."""
    widths = decays.structure_widths(vertices, spin, m_X)
    return widths.get("mu", 0.0) / sum(widths.values())


def model_dimuon_fraction(name, m_X):
    """BR(X -> mu+ mu-) of the model's mediator from its own derived widths (kaonlib.mediator.decays)."""
    widths = decays.partial_widths(name, m_X, 1.0)
    return widths.get("mu mu", 0.0) / sum(widths.values())


def applies(vertices):
    """The derived process covers a structure with a muon vertex and no electron vertex."""
    return "mu" in vertices and not any(vertices.get("e", {}).values())


@lru_cache(maxsize=None)
def cross_section_ratio(published, model, spin_pub, spin_model, sqrt_s, lo, hi):
    """(masses, sigma_pub / sigma_model) on GRID log-spaced masses in [lo, hi] GeV; the structures as sorted item
    tuples (hashable)."""
    masses = np.geomspace(lo, hi, GRID)
    ratio = [cross_section(dict(published), spin_pub, m, sqrt_s) / cross_section(dict(model), spin_model, m, sqrt_s)
             for m in masses]
    return masses, np.array(ratio)


def recast_couplings(entry, published, name, record):
    """The model's coupling limit (tuple) at the bound's masses from the ``published`` couplings there, or None when
    the recast does not apply."""
    convention, recast = entry["convention"], entry["recast"]
    structure = record["lorentz_structure"]
    if not (applies(structure) and applies(convention["vertices"])):
        return None
    masses = np.asarray(entry["mass_GeV"], dtype=float)
    sqrt_s = float(recast["sqrt_s_GeV"])
    grid, ratio = cross_section_ratio(tuple(sorted(convention["vertices"]["mu"].items())),
                                      tuple(sorted(structure["mu"].items())), convention["spin"], record["spin"],
                                      sqrt_s, float(masses.min()), float(masses.max()))
    sigma_ratio = np.exp(np.interp(np.log(masses), np.log(grid), np.log(ratio)))
    out = []
    for m, g, r in zip(masses, published, sigma_ratio):
        model_br = model_dimuon_fraction(name, m)
        if not model_br > 0:
            return None  # no X -> mu mu at these masses: the 4 mu search does not constrain the model
        out.append(float(g * math.sqrt(r * published_dimuon_fraction(convention["vertices"], convention["spin"], m)
                                       / model_br)))
    return tuple(out)
