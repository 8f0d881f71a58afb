"""2 sigma reach of the NA62 invisible search in the coupling of K+ -> mu+ nu X (X invisible).

Signal in a bin of m_miss^2 (KMRT Eq. C.1): S_i = N_K A BR(K -> mu nu X, m_miss^2 in bin i), with the BR
normalised to the measured K -> mu nu rate (kaonlib.processes.rates). S is proportional to g^2, so each method gives
g^2 directly:
* likelihood: Lambda(g^2 s, B) = 4 with Eq. (11) (kaonlib.searches.statistics), all bins up to (m_K - m_mu)^2;
* cut and count: g^2 s(m_cut) / sqrt(B + kappa^2 B^2) = 2, minimised over m_cut^2 >= 0.05 GeV^2.
"""

import math
from functools import partial

import numpy as np

from kaonlib.execution import chunked, serial_if_none
from kaonlib.inputs import DEFAULT_G_MINUS_2, M_K, M_MU
from kaonlib.mediator import gminus2
from kaonlib.processes.kmunu import check_mass
from kaonlib.processes.rates import partial_branching_ratio
from kaonlib.searches import statistics
from kaonlib.searches.na62 import InvisibleSearch
from kaonlib.validate import InputError

MASS_CHUNK = 25  # masses per task of an executor (~0.1 s of work, well above a Dask task's overhead)
COLUMNS = (
    "mass_GeV", "coupling_likelihood", "alpha_likelihood", "signal_likelihood_events", "background_events",
    "coupling_cut_count", "alpha_cut_count", "m2_cut_GeV2", "signal_cut_count_events",
    "background_cut_count_events", "gm2_region", "gm2_coupling_low", "gm2_coupling_high",
)


def signal_per_unit_coupling(model, m_X, search, edges):
    """Expected signal events in each m_miss^2 bin for coupling 1."""
    scale = search.kaons * search.acceptance
    return np.array([scale * partial_branching_ratio(model, m_X, lo, hi) for lo, hi in zip(edges[:-1], edges[1:])])


def reach_point(model, m_X, search, kappa=0.0, era=DEFAULT_G_MINUS_2, background=None):
    """One row of the reach table (see COLUMNS) for mediator mass m_X in GeV. Undefined entries are None (empty
    in CSV, null in JSON): the cut and count when the background is empty above every allowed cut, the (g-2)
    upper edge for a mediator that does not couple to the muon."""
    m_X = check_mass(m_X)
    edges = search.edges
    background = search.background_events() if background is None else background
    signal = signal_per_unit_coupling(model, m_X, search, edges)
    g2 = statistics.signal_scale_at(signal, background)

    best = (math.inf, None, None, None)  # stays when no cut has background: cut and count undefined (None)
    for cut in search.cuts():
        s = signal_per_unit_coupling(model, m_X, search, [cut, (M_K - M_MU) ** 2])[0]
        b = search.background_above(cut)
        if s > 0 and b > 0:  # B = 0 would need no signal at all: S/sqrt(B) is meaningless there
            needed = statistics.cut_and_count_signal(b, kappa)
            best = min(best, (needed / s, cut, needed, b))
    g2_cut, cut, s_cut, b_cut = best
    region = gminus2.region(model, m_X, era)
    defined = cut is not None
    return {
        "mass_GeV": m_X,
        "coupling_likelihood": math.sqrt(g2),
        "alpha_likelihood": g2 / (4 * math.pi),
        "signal_likelihood_events": g2 * float(signal.sum()),
        "background_events": float(background.sum()),
        "coupling_cut_count": math.sqrt(g2_cut) if defined else None,
        "alpha_cut_count": g2_cut / (4 * math.pi) if defined else None,
        "m2_cut_GeV2": cut,
        "signal_cut_count_events": s_cut,
        "background_cut_count_events": b_cut,
        "gm2_region": region.kind,  # favoured (band), excluded (above gm2_coupling_high) or none
        "gm2_coupling_low": region.low,
        "gm2_coupling_high": region.high if math.isfinite(region.high) else None,
    }


def reach_rows(model, search, kappa, era, background, masses):
    """Rows of :func:`reach_point` for a chunk of masses (one task of an executor)."""
    return [reach_point(model, m, search, kappa, era, background) for m in masses]


def invisible_reach(model, masses, search=None, kappa=0.0, era=DEFAULT_G_MINUS_2, progress=False, executor=None):
    """Reach rows for each mass (GeV), computed in chunks of MASS_CHUNK masses on ``executor`` (None: serially,
    kaonlib.execution); ``progress`` shows a bar (the CLI does for long scans)."""
    search = InvisibleSearch() if search is None else search
    if not (math.isfinite(kappa) and kappa >= 0):
        raise InputError(f"kappa = {kappa!r} must be finite and >= 0")
    task = partial(reach_rows, model, search, kappa, era, search.background_events())
    chunks = serial_if_none(executor).map(task, chunked(masses, MASS_CHUNK), f"reach {model}" if progress else None)
    return [row for chunk in chunks for row in chunk]


def default_masses(n=200, low=1e-3):
    """n masses log-spaced from ``low`` GeV to 1 MeV below m_K - m_mu."""
    return np.geomspace(low, M_K - M_MU - 1e-3, n)
