"""Dark dipole: K+ -> pi+ Q Qbar and K_L -> pi0 Q Qbar through a massless dark photon (docs/physics.md section 4,
after Fabbrichesi and Gabrielli, arXiv:1911.03755, "FG"), with the NA62 and KOTO selections.

Widths (kernel kaonlib/_kernels/dark_dipole.pyx, derived in amplitudes/kpiqq.py):
    Gamma = (g_M/Lambda)^2 e_D^2 (c_T f_T(0)/(M_K + M_pi))^2 x reduced width, e_D^2 = 4 pi alpha_D,
with only the magnetic coupling contributing. K_L = (K0 - K0bar)/sqrt(2) with the isospin relation
<pi0|sbar sigma d|K0> = <pi+|sbar sigma d|K+>/sqrt(2) gives A(K_L) = i Im(g_M) (...) = sin(phi) A(K+)|_{neutral
masses}: Gamma(K_L) carries sin^2(phi) of the coupling's phase and no other factor.
Hadronic input (Baum et al., arXiv:1108.1021): f_T(0) = 0.417(15), s_T = 1.10(14) GeV^-2 (pole form);
c_T = sqrt(2) for K+ -> pi+ is our reading of their normalisation. Every ratio used for the Grossman-Nir
discussion (K_L over K+, acceptances, the largest BR(K_L) allowed by NA62) is independent of c_T, f_T(0) and
g_M/Lambda.

Selections (acceptance at fixed s = m_miss^2, analytic in the pion direction, which is isotropic in the kaon
frame for a spin-0 kaon):
* NA62: m_miss^2 = (P_K - p_pi)^2 = s in [0, 0.01] or [0.026, 0.068] GeV^2, and 15 < |p_pi| < 35 GeV for a
  75 GeV K+ beam with 1 % rms spread. |p_pi|^2 is quadratic and increasing in cos(theta*), so the accepted
  cos(theta*) interval follows from two roots; the beam spread is averaged with Gauss-Hermite nodes.
* KOTO: 130 < p_T(pi0) < 250 MeV; p_T = p* sin(theta*) is boost invariant along the beam, so the accepted
  fraction is sqrt(1 - (130 MeV/p*)^2) - sqrt(1 - (250 MeV/p*)^2) (second term 0 when p* < 250 MeV).
"""

import math
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
from scipy import integrate

from kaonlib import validate
from kaonlib._kernels import dark_dipole as kernel
from kaonlib.execution import chunked, serial_if_none
from kaonlib.inputs import (
    C_T_CHARGED,
    F_T0,
    GROSSMAN_NIR,
    HBAR,
    KOTO_BOUNDS,
    LAMBDA_PLUS,
    M_K,
    M_K0,
    M_PI,
    M_PI0,
    NA62_BOUNDS,
    S_T,
    TAU_K,
    TAU_KL,
)
from kaonlib.processes.phasespace import two_body_momentum

# Selections as used by FG (docs/physics.md section 4, from the NA62 and KOTO signal definitions)
NA62_REGIONS = ((0.0, 0.01), (0.026, 0.068))  # GeV^2, m_miss^2 regions 1 and 2
NA62_MOMENTUM = (15.0, 35.0)  # GeV, pi+ momentum window
NA62_BEAM, NA62_BEAM_SPREAD = 75.0, 0.01  # GeV K+ beam momentum and its relative rms spread
KOTO_PT = (0.130, 0.250)  # GeV, pi0 transverse-momentum window
SCAN_CHUNK = 20  # (m_Q, alpha_D) points per task of an executor
FG_ALPHAS = (3e-4, 1e-3, 4e-3)  # alpha_D: FG scan 3e-4 to 4e-3 (FG Sec. II B and Fig. 4)


@dataclass(frozen=True)
class Channel:
    name: str
    m_K: float
    m_pi: float
    lifetime: float  # s
    c_T: float


CHANNELS = {
    "K+": Channel("K+ -> pi+ Q Qbar", M_K, M_PI, TAU_K, C_T_CHARGED),
    "KL": Channel("K_L -> pi0 Q Qbar", M_K0, M_PI0, TAU_KL, C_T_CHARGED),  # isospin 1/sqrt(2) cancels the K_L 1/sqrt(2)
}

def window():
    """(m_K+ - m_pi+)/2 < m_Q < (m_K0 - m_pi0)/2: K+ -> pi+ Q Qbar closed, K_L -> pi0 Q Qbar open (GeV)."""
    return (M_K - M_PI) / 2, (M_K0 - M_PI0) / 2


def channel(name):
    return CHANNELS[validate.choice(name, "channel", tuple(CHANNELS))]


def check_inputs(m_Q, alpha_D, g_over_lambda=0.0, phase=0.0):
    """m_Q in [1e-6, 1] GeV (K -> pi Q Qbar closes at m_Q = (m_K - m_pi)/2), alpha_D in [0, 1] (perturbative;
    FG scan 3e-4 to 4e-3), |g_M|/Lambda in [0, 1] GeV^-1, phase in [-2 pi, 2 pi]."""
    validate.number(m_Q, "m_Q", 1e-6, 1.0, "GeV")
    validate.number(alpha_D, "alpha_D", 0.0, 1.0)
    validate.number(g_over_lambda, "g_over_lambda", 0.0, 1.0, "GeV^-1")
    validate.number(phase, "phase", -2 * math.pi, 2 * math.pi)


def prefactor(ch, g_over_lambda, alpha_D, phase):
    """(g_M/Lambda)^2 e_D^2 (c_T f_T(0)/(M_K + M_pi))^2, times sin^2(phase) for K_L."""
    cp = math.sin(phase) ** 2 if ch is CHANNELS["KL"] else 1.0
    return cp * g_over_lambda**2 * 4 * math.pi * alpha_D * (ch.c_T * F_T0 / (ch.m_K + ch.m_pi)) ** 2


def width(name, m_Q, alpha_D, g_over_lambda=1.0, phase=math.pi / 2):
    """Gamma in GeV; g_over_lambda = |g_M|/Lambda in GeV^-1, phase = arg(g_M) (K_L only)."""
    ch = channel(name)
    check_inputs(m_Q, alpha_D, g_over_lambda, phase)
    value, _ = kernel.width(ch.m_K, ch.m_pi, m_Q, alpha_D, S_T)
    return value * prefactor(ch, g_over_lambda, alpha_D, phase)


def branching_ratio(name, m_Q, alpha_D, g_over_lambda=1.0, phase=math.pi / 2, selection=None):
    """BR, or with ``selection`` ('NA62' or 'KOTO') the BR times the acceptance of the cuts."""
    ch = channel(name)
    gamma = width(name, m_Q, alpha_D, g_over_lambda, phase)
    if selection is not None:
        gamma *= acceptance(name, m_Q, alpha_D, selection)
    return gamma * ch.lifetime / HBAR


def reduced_spectrum(ch, m_Q, alpha_D, s):
    """Reduced dGamma/ds from the kernel at s (array-like); zero outside [4 m_Q^2, (m_K - m_pi)^2]."""
    s = np.ascontiguousarray(np.ravel(s), dtype=float)
    out = np.empty_like(s)
    kernel.dgamma_ds(s, ch.m_K, ch.m_pi, m_Q, alpha_D, S_T, out)
    return out


def spectrum(name, m_Q, alpha_D, s):
    """Normalised dGamma/ds (1/GeV^2) at s (array-like); zero outside [4 m_Q^2, (m_K - m_pi)^2]."""
    ch = channel(name)
    check_inputs(m_Q, alpha_D)
    out = reduced_spectrum(ch, m_Q, alpha_D, validate.array(s, "s", unit="GeV^2"))
    total, _ = kernel.width(ch.m_K, ch.m_pi, m_Q, alpha_D, S_T)
    return out / total if total > 0 else out


def pion_momentum(ch, s):
    """p* of the pion in the kaon frame at s (GeV)."""
    return two_body_momentum(ch.m_K, np.sqrt(s), ch.m_pi)


def koto_fraction(ch, s):
    """Accepted fraction of cos(theta*) for 130 < p* sin(theta*) < 250 MeV."""
    p_star = pion_momentum(ch, s)
    lo, hi = KOTO_PT
    with np.errstate(divide="ignore", invalid="ignore"):
        outer = np.sqrt(np.clip(1 - (lo / p_star) ** 2, 0, None))
        inner = np.sqrt(np.clip(1 - (hi / p_star) ** 2, 0, None))
    return np.where(p_star > lo, outer - inner, 0.0)


def na62_fraction(ch, s, nodes=24):
    """Accepted fraction of cos(theta*) for 15 < |p_pi| < 35 GeV, averaged over the K+ beam momentum,
    times the m_miss^2 region indicator."""
    s = np.asarray(s, dtype=float)
    p_star = pion_momentum(ch, s)
    e_star = (ch.m_K**2 + ch.m_pi**2 - s) / (2 * ch.m_K)
    x, w = np.polynomial.hermite_e.hermegauss(nodes)  # weight exp(-x^2/2)
    total = np.zeros_like(s)
    for xi, wi in zip(x, w / math.sqrt(2 * math.pi)):
        beam = NA62_BEAM * (1 + NA62_BEAM_SPREAD * xi)
        gamma_beta, gamma = beam / ch.m_K, math.hypot(beam, ch.m_K) / ch.m_K
        # |p|^2 = a c^2 + b c + d in c = cos(theta*), increasing on [-1, 1]
        a, b = (p_star * gamma_beta) ** 2, 2 * gamma * gamma_beta * e_star * p_star
        d = (gamma_beta * e_star) ** 2 + p_star**2

        def root(p):
            disc = np.sqrt(np.clip(b * b - 4 * a * (d - p * p), 0, None))
            with np.errstate(divide="ignore", invalid="ignore"):
                c = np.where(a > 0, (-b + disc) / (2 * a), np.where(d > p * p, -np.inf, np.inf))
            return np.clip(c, -1.0, 1.0)

        total += wi * (root(NA62_MOMENTUM[1]) - root(NA62_MOMENTUM[0])) / 2
    in_region = np.zeros(s.shape, dtype=bool)
    for lo, hi in NA62_REGIONS:
        in_region |= (s >= lo) & (s <= hi)
    return np.where(in_region, total, 0.0)


SELECTIONS = {"NA62": na62_fraction, "KOTO": koto_fraction}


def acceptance(name, m_Q, alpha_D, selection):
    """Fraction of decays passing ``selection`` ('NA62' or 'KOTO'): int ds dGamma/ds A(s) / Gamma."""
    ch = channel(name)
    check_inputs(m_Q, alpha_D)
    validate.choice(selection, "selection", tuple(SELECTIONS))
    lo, hi = 4 * m_Q**2, (ch.m_K - ch.m_pi) ** 2
    if lo >= hi:
        return 0.0
    total, _ = kernel.width(ch.m_K, ch.m_pi, m_Q, alpha_D, S_T)  # once, not once per integration piece
    density = lambda s: reduced_spectrum(ch, m_Q, alpha_D, s) / total  # noqa: E731
    return selected_fraction(density, SELECTIONS[selection], ch, lo, hi)


def koto_edges(ch):
    """s (GeV^2) at which the pion momentum in the kaon frame, p* = lambda^1/2(m_K^2, m_pi^2, s) / 2 m_K, equals the
    KOTO p_T window edges 130 and 250 MeV: s = m_K^2 + m_pi^2 - 2 m_K E_pi with E_pi = sqrt(m_pi^2 + p*^2). Beyond
    the first, p_T <= p* < 130 MeV and no event passes."""
    pion_energy = np.sqrt(np.square(KOTO_PT) + ch.m_pi**2)
    return ch.m_K**2 + ch.m_pi**2 - 2 * ch.m_K * pion_energy


def kinks(ch):
    """s where the acceptances have kinks: the NA62 region edges and p* = 130, 250 MeV (KOTO)."""
    return [e for region in NA62_REGIONS for e in region] + list(koto_edges(ch))


def selected_fraction(density, fraction, ch, lo, hi, nodes=96):
    """int_lo^hi density(s) fraction(ch, s) ds, split at the kinks of the acceptances; on each piece
    s = a + (b - a) sin^2(theta) smooths square-root ends before a Gauss-Legendre rule (vectorised)."""
    edges = sorted({lo, hi, *[float(e) for e in kinks(ch) if lo < e < hi]})
    x, w = np.polynomial.legendre.leggauss(nodes)
    theta, weight = (x + 1) * math.pi / 4, w * math.pi / 4
    total = 0.0
    for a, b in zip(edges[:-1], edges[1:]):
        s = a + (b - a) * np.sin(theta) ** 2
        jacobian = (b - a) * np.sin(2 * theta)
        total += float(np.sum(weight * jacobian * density(s) * fraction(ch, s)))
    return total


def sm_spectrum(ch, s):
    """K -> pi nu nu: dGamma/ds ~ lambda^(3/2)(m_K^2, m_pi^2, s) f_+(s)^2, f_+ = 1 + lambda'_+ s/m_pi^2
    (vector current, massless neutrinos); unnormalised."""
    lam = (2 * ch.m_K * pion_momentum(ch, s)) ** 2  # lambda(m_K^2, s, m_pi^2) = (2 m_K p*)^2
    return lam**1.5 * (1 + LAMBDA_PLUS * s / ch.m_pi**2) ** 2


@lru_cache(maxsize=None)
def sm_acceptance(name, selection):
    """Acceptance of the SM K -> pi nu nu decay under the same selection (the experiments' reference)."""
    ch = channel(name)
    hi = (ch.m_K - ch.m_pi) ** 2
    norm, _ = integrate.quad(lambda s: float(sm_spectrum(ch, s)), 0.0, hi, epsrel=1e-10)
    return selected_fraction(lambda s: sm_spectrum(ch, s) / norm, SELECTIONS[selection], ch, 0.0, hi)


def max_kl_branching_ratio(m_Q, alpha_D, era="2025", phase=math.pi / 2, min_scale=None):
    """Largest BR(K_L -> pi0 Q Qbar) allowed by the NA62 bound on K+ -> pi+ + invisible (FG Fig. 4):
    the bound applies to BR(K+) x A_NA62(dark) / A_NA62(SM), so
    BR_max(K_L) = bound x A_NA62(SM) / A_NA62(dark) x BR(K_L)/BR(K+) (independent of g_M/Lambda).
    Infinite where K+ -> pi+ Q Qbar is closed or outside the NA62 regions (4 m_Q^2 > 0.068 GeV^2): there
    only the kaon-mixing bound on the dipole scale limits it. That bound (FG Eqs. 16-18) is lost from the
    seed, so it is an input: ``min_scale`` = the smallest allowed Lambda/|g_M| in GeV (None: not applied)."""
    validate.choice(era, "experimental era", tuple(NA62_BOUNDS))
    check_inputs(m_Q, alpha_D, phase=phase)
    bound = NA62_BOUNDS[era][0]
    charged = branching_ratio("K+", m_Q, alpha_D) * acceptance("K+", m_Q, alpha_D, "NA62")
    neutral = branching_ratio("KL", m_Q, alpha_D, phase=phase)
    from_na62 = bound * sm_acceptance("K+", "NA62") * neutral / charged if charged > 0 else math.inf
    if min_scale is None:
        return from_na62
    min_scale = validate.number(min_scale, "min_scale", 1.0, 1e19, "GeV")
    return min(from_na62, neutral / min_scale**2)


def kl_bound_rows(era, phase, min_scale, points):
    """{m_Q_GeV, alpha_D, max_br_KL} for each (m_Q, alpha_D) of ``points`` (:func:`max_kl_branching_ratio`)."""
    return [{"m_Q_GeV": m, "alpha_D": a, "max_br_KL": max_kl_branching_ratio(m, a, era, phase, min_scale)}
            for m, a in points]


def kl_bound_grid(era="2025", phase=math.pi / 2, min_scale=None, alphas=FG_ALPHAS, points=60, executor=None):
    """FG Fig. 4: :func:`kl_bound_scan` on a grid of m_Q from 5 MeV to the top of the window for each alpha_D."""
    grid = [(m, a) for a in alphas for m in np.linspace(0.005, window()[1] - 1e-4, points)]
    return kl_bound_scan(grid, era, phase, min_scale, executor)


def kl_bound_scan(points, era="2025", phase=math.pi / 2, min_scale=None, executor=None):
    """:func:`kl_bound_rows` over many points, in chunks of SCAN_CHUNK on ``executor`` (None: serially;
    kaonlib.execution), rows in the order of the points."""
    chunks = serial_if_none(executor).map(partial(kl_bound_rows, era, phase, min_scale), chunked(points, SCAN_CHUNK))
    return [row for chunk in chunks for row in chunk]


def summary(m_Q, alpha_D, g_over_lambda=1e-6, phase=math.pi / 2, era="2025", min_scale=None):
    """Every dark-dipole output at one point, as a flat dict (the CLI prints it)."""
    check_inputs(m_Q, alpha_D, g_over_lambda, phase)
    brs = {name: branching_ratio(name, m_Q, alpha_D, g_over_lambda, phase) for name in CHANNELS}
    acc = {"K+": acceptance("K+", m_Q, alpha_D, "NA62"), "KL": acceptance("KL", m_Q, alpha_D, "KOTO")}
    observed = {name: brs[name] * acc[name] for name in CHANNELS}
    sm = {"K+": sm_acceptance("K+", "NA62"), "KL": sm_acceptance("KL", "KOTO")}
    low, high = window()
    return {
        "m_Q_GeV": m_Q, "alpha_D": alpha_D, "g_over_lambda_per_GeV": g_over_lambda, "phase": phase,
        "br_Kplus": brs["K+"], "br_KL": brs["KL"],
        "acceptance_NA62_Kplus": acc["K+"], "acceptance_KOTO_KL": acc["KL"],
        "acceptance_NA62_sm_pinunu": sm["K+"], "acceptance_KOTO_sm_pinunu": sm["KL"],
        "br_KL_over_br_Kplus": brs["KL"] / brs["K+"] if brs["K+"] > 0 else math.inf,
        "sm_equivalent_ratio_after_cuts": (observed["KL"] / sm["KL"]) / (observed["K+"] / sm["K+"])
        if observed["K+"] > 0 else math.inf,
        "grossman_nir": GROSSMAN_NIR, "window_GeV": [low, high], "in_window": low < m_Q < high,
        "era": era, "max_br_KL": max_kl_branching_ratio(m_Q, alpha_D, era, phase, min_scale),
        "min_dipole_scale_GeV": min_scale,
        "NA62_bound": NA62_BOUNDS[era][0], "KOTO_bound": KOTO_BOUNDS[era][0],
        "sources": f"{NA62_BOUNDS[era][1]}; {KOTO_BOUNDS[era][1]}",
    }
