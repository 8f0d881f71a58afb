"""Unweighted dark-dipole decays K -> pi Q Qbar (kaonlib.processes.dark): accept-reject in (s, t) with the
Sommerfeld factor and f_T, the pion direction isotropic, and the lab kinematics of the NA62 beam; used to check the
analytic acceptances of kaonlib.processes.dark event by event."""

from functools import partial

import numpy as np

from kaonlib import validate
from kaonlib._kernels import dark_dipole as kernel
from kaonlib.execution import map_chunks
from kaonlib.processes.dark import (
    KOTO_PT,
    NA62_BEAM,
    NA62_BEAM_SPREAD,
    NA62_MOMENTUM,
    NA62_REGIONS,
    S_T,
    channel,
    check_inputs,
    pion_momentum,
)

CHUNK_EVENTS = 20_000  # accepted decays per chunk (fixed: the events do not depend on the number of workers)


def sample_events(name, m_Q, alpha_D, n, rng=None, executor=None):
    """n unweighted decays: s, t from dGamma/ds dt by accept-reject (Sommerfeld and f_T included), the pion
    direction isotropic in the kaon frame, and for K+ a 75 GeV (1 % rms) beam along z.
    Returns a dict of arrays: s, t (GeV^2), p_star, pion lab momentum |p| and p_T (GeV).
    Made in chunks of :data:`CHUNK_EVENTS` events, chunk i from child i of SeedSequence(rng), on ``executor``
    (None: serially; kaonlib.execution): the events are bitwise the same on any executor."""
    ch = channel(name)
    check_inputs(m_Q, alpha_D)
    n = validate.integer(n, "events", 1, 100_000_000)
    if 4 * m_Q**2 >= (ch.m_K - ch.m_pi) ** 2:
        raise validate.InputError(f"{ch.name} is closed for m_Q = {m_Q} GeV")
    parts = map_chunks(partial(sample_chunk, name, m_Q, alpha_D), n, CHUNK_EVENTS, rng, executor)
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}


def sample_chunk(name, m_Q, alpha_D, size_and_seed):
    """One chunk of :func:`sample_events`: ``n`` decays drawn from ``seed``."""
    n, seed = size_and_seed
    ch = channel(name)
    rng = np.random.default_rng(seed)
    lo, hi = 4 * m_Q**2, (ch.m_K - ch.m_pi) ** 2
    # s = lo + (hi - lo) v^2: the Jacobian ~ v ~ beta cancels the 1/beta of the Sommerfeld factor at threshold,
    # so the weight below is bounded and the envelope from a grid in v (reaching v -> 0) is an upper bound
    weight = s_weight(ch, m_Q, alpha_D)
    grid_v = np.linspace(1e-6, 1.0, 2000)[:-1]
    grid_s = lo + (hi - lo) * grid_v**2
    t_lo, t_hi = np.empty_like(grid_s), np.empty_like(grid_s)
    kernel.t_limits(grid_s, ch.m_K, ch.m_pi, m_Q, t_lo, t_hi)
    envelope = 1.5 * max(np.max(grid_v * weight(grid_s) * msq_max(ch, m_Q, grid_s, t_lo, t_hi)), 1e-300)
    t_min, t_max = t_lo.min(), t_hi.max()
    s_all, t_all = [], []
    while sum(map(len, s_all)) < n:
        v = rng.uniform(0, 1, 4 * n)
        s = lo + (hi - lo) * v**2
        t = rng.uniform(t_min, t_max, 4 * n)
        tl, th = np.empty_like(s), np.empty_like(s)
        kernel.t_limits(s, ch.m_K, ch.m_pi, m_Q, tl, th)
        inside = (t >= tl) & (t <= th)
        s, t, v = s[inside], t[inside], v[inside]
        values = np.empty_like(s)
        kernel.msq(s, t, ch.m_K, ch.m_pi, m_Q, values)
        keep = rng.uniform(0, envelope, s.size) < v * weight(s) * values
        s_all.append(s[keep])
        t_all.append(t[keep])
    s, t = np.concatenate(s_all)[:n], np.concatenate(t_all)[:n]
    p_star = pion_momentum(ch, s)
    cos = rng.uniform(-1, 1, n)
    p_t = p_star * np.sqrt(1 - cos**2)
    e_star = np.sqrt(p_star**2 + ch.m_pi**2)
    beam = NA62_BEAM * (1 + NA62_BEAM_SPREAD * rng.standard_normal(n))
    gamma_beta = beam / ch.m_K
    gamma = np.sqrt(1 + gamma_beta**2)
    p_z = gamma * p_star * cos + gamma_beta * e_star
    return {"s": s, "t": t, "p_star": p_star, "p_lab": np.hypot(p_z, p_t), "p_T": p_t}


def s_weight(ch, m_Q, alpha_D):
    """Sommerfeld x (f_T(s)/f_T(0))^2 as a function of s, from the kernel (ratio to the t-integrated rate)."""

    def weight(s):
        s = np.atleast_1d(np.asarray(s, dtype=float))
        enhanced, plain = np.empty_like(s), np.empty_like(s)
        kernel.dgamma_ds(s, ch.m_K, ch.m_pi, m_Q, alpha_D, S_T, enhanced)
        kernel.dgamma_ds(s, ch.m_K, ch.m_pi, m_Q, 0.0, 0.0, plain)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(plain > 0, enhanced / plain, 0.0)

    return weight


def msq_max(ch, m_Q, s, t_lo, t_hi, points=64):
    """Largest reduced |M|^2 along t at each s (grid search)."""
    best = np.zeros_like(s)
    for f in np.linspace(0, 1, points):
        t = t_lo + f * (t_hi - t_lo)
        out = np.empty_like(s)
        kernel.msq(np.ascontiguousarray(s), np.ascontiguousarray(t), ch.m_K, ch.m_pi, m_Q, out)
        best = np.maximum(best, out)
    return best


def selected_by(events, selection):
    """Boolean mask of sampled events passing 'NA62' or 'KOTO'."""
    if selection == "KOTO":
        return (events["p_T"] > KOTO_PT[0]) & (events["p_T"] < KOTO_PT[1])
    in_region = np.zeros(events["s"].shape, dtype=bool)
    for lo, hi in NA62_REGIONS:
        in_region |= (events["s"] >= lo) & (events["s"] <= hi)
    return in_region & (events["p_lab"] > NA62_MOMENTUM[0]) & (events["p_lab"] < NA62_MOMENTUM[1])
