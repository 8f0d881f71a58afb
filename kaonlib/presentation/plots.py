"""Figures in the style of KMRT (arXiv:1902.07715): reach with the (g-2)_mu band (Figs. 1-2), normalised
branching ratios (Fig. 4), m_miss^2 spectra over the background (Fig. 5 left) and cut-and-count bands for
a range of background systematics (Fig. 5 right). Each function writes one file (PNG or PDF by suffix).
"""

import csv
import math
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from kaonlib import validate  # noqa: E402
from kaonlib.inputs import DEFAULT_G_MINUS_2, G_MINUS_2, M_K, M_MU  # noqa: E402
from kaonlib.mediator import gminus2
from kaonlib.model import DEFAULT_MODEL  # noqa: E402
from kaonlib.model import model as get_model
from kaonlib.presentation.figure_data import RecordingAxes  # noqa: E402
from kaonlib.presentation.output import atomic  # noqa: E402
from kaonlib.processes import rates
from kaonlib.processes.kmunu import models  # noqa: E402
from kaonlib.searches import statistics
from kaonlib.searches.background import numeric  # noqa: E402
from kaonlib.searches.na62 import InvisibleSearch  # noqa: E402
from kaonlib.searches.reach import invisible_reach, reach_point, signal_per_unit_coupling  # noqa: E402
from kaonlib.validate import InputError  # noqa: E402


@dataclass(frozen=True)
class Drawn:
    """What a figure shows: its curves and axis labels (written beside it by kaonlib figures)."""

    curves: list
    x_label: str
    y_label: str
    title: str


def load_overlay(path):
    """A user limit curve from CSV with columns mass_GeV and either coupling or alpha; label = file stem."""
    with open(path, newline="") as stream:
        rows = list(csv.DictReader(stream))
    if not rows or "mass_GeV" not in rows[0] or not ({"coupling", "alpha"} & set(rows[0])):
        raise InputError(f"{path}: an overlay needs columns mass_GeV and coupling (or alpha)")
    column = "alpha" if "alpha" in rows[0] else "coupling"
    masses = validate.array([numeric(r.get("mass_GeV"), path, "mass_GeV") for r in rows], f"{path}: mass_GeV", 0.0)
    values = validate.array([numeric(r.get(column), path, column) for r in rows], f"{path}: {column}", 0.0)
    alphas = values if column == "alpha" else values**2 / (4 * math.pi)
    label = str(path).rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return label, masses, alphas


def column(rows, key):
    """rows[i][key] as floats, NaN (not drawn) where the table has None (undefined)."""
    return np.array([math.nan if r[key] is None else r[key] for r in rows], dtype=float)


def new_figure():
    """A figure and an Axes that records what is drawn (kaonlib.presentation.figure_data)."""
    fig, ax = plt.subplots(figsize=(6.0, 4.5))
    return fig, RecordingAxes(ax)


def finish(fig, ax, path, legend=True):
    """Save the figure (format from the suffix: png, pdf, svg) and return the curves drawn on it."""
    if legend:
        ax.legend(frameon=False, fontsize=9)
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    with atomic(path, "wb") as stream:
        fig.savefig(stream, dpi=150, format=str(path).rsplit(".", 1)[-1].lower())
    plt.close(fig)
    return Drawn(ax.curves, ax.get_xlabel(), ax.get_ylabel(), ax.get_title())


def draw_gm2_region(ax, model, masses, era, floor):
    """The 2 sigma (g-2)_mu region in alpha, mass by mass (kaonlib.mediator.gminus2.region): a green favoured band where
    the input is an anomaly of the sign the model gives at that mass, the grey excluded region above the upper
    limit elsewhere (a model with mixed couplings can change sign along the axis)."""
    regions = [gminus2.region(model, m, era) for m in masses]
    kinds = np.array([r.kind for r in regions])
    measured = G_MINUS_2[era]
    era_text = rf"{era}: $\Delta a_\mu$ = {measured.value:.3g} $\pm$ {measured.uncertainty:.2g}"
    low = np.array([r.low for r in regions]) ** 2 / (4 * math.pi)
    high = np.array([r.high for r in regions]) ** 2 / (4 * math.pi)
    if np.any(kinds == "favoured"):
        band = kinds == "favoured"
        ax.fill_between(masses * 1e3, np.where(band, np.maximum(low, floor), np.nan), np.where(band, high, np.nan),
                        color="tab:green", alpha=0.3, label=rf"$(g-2)_\mu$ favoured, $2\sigma$ ({era_text})")
    if np.any(kinds == "excluded"):
        excluded = kinds == "excluded"
        ax.fill_between(masses * 1e3, np.where(excluded, high, np.nan), np.where(excluded, 1.0, np.nan),
                        color="tab:gray", alpha=0.3, label=rf"$(g-2)_\mu$ excluded, $2\sigma$ ({era_text})")


def plot_reach(model, rows, path, era=DEFAULT_G_MINUS_2, overlays=(), title=None, dimuon_rows=None, bounds=False):
    """alpha reach vs m_X (MeV) with the 2 sigma (g-2)_mu region of ``era`` (KMRT Fig. 1 left, Fig. 2 right):
    the invisible search (red, ``rows``) and/or the di-muon search (blue, ``dimuon_rows``); ``bounds`` overlays the
    constraints library (kaonlib.presentation.bounds_plot)."""
    rows, dimuon_rows = rows or [], dimuon_rows or []
    labels = get_model(model).labels
    masses = np.array([r["mass_GeV"] for r in rows + dimuon_rows])
    masses = np.geomspace(masses.min(), masses.max(), 200)
    fig, ax = new_figure()
    reach_values = [r["alpha_likelihood"] for r in rows] + [r["alpha"] for r in dimuon_rows]
    floor = min(reach_values) / 10
    draw_gm2_region(ax, model, masses, era, floor)
    if bounds:
        from kaonlib.presentation.bounds_plot import draw_bounds

        draw_bounds(ax, model, era)
    if rows:
        invisible_masses = np.array([r["mass_GeV"] for r in rows]) * 1e3
        ax.plot(invisible_masses, [r["alpha_likelihood"] for r in rows], color="tab:red",
                label="NA62 invisible, likelihood (Eq. 11)")
        ax.plot(invisible_masses, column(rows, "alpha_cut_count"), color="tab:red", ls="--",
                label="NA62 invisible, cut and count")
    if dimuon_rows:
        ax.plot([r["mass_GeV"] * 1e3 for r in dimuon_rows], [r["alpha"] for r in dimuon_rows], color="tab:blue",
                label=r"NA62 $K\to 3\mu\nu$ di-muon resonance")
    for label, m, a in overlays:
        ax.plot(np.asarray(m) * 1e3, a, lw=1.5, label=label)
    decay = "invisible" if not dimuon_rows else (r"$\mu^+\mu^-$" if not rows else r"invisible or $\mu^+\mu^-$")
    ax.set(xscale="log" if masses.max() > 3 * masses.min() else "linear", yscale="log",
           xlabel=rf"$m_{{{labels.mediator}}}$ [MeV]",
           ylabel=rf"${labels.alpha}$", title=title or rf"$K^+\to\mu^+\nu {labels.mediator}$, "
           rf"${labels.mediator}\to$ {decay}, 2$\sigma$ reach")
    ax.set_ylim(floor, 1.0)
    return finish(fig, ax, path)


def plot_branching_ratios(path, masses=None, names=None):
    """BR(K+ -> mu+ nu X) at unit coupling vs m_X for every model (KMRT Fig. 4 shows the vector and the scalar)."""
    masses = np.geomspace(1e-3, M_K - M_MU - 1e-3, 120) if masses is None else np.asarray(masses)
    fig, ax = new_figure()
    for name in names or models():
        mediator = get_model(name).labels.mediator
        ax.plot(masses * 1e3, [rates.branching_ratio(name, m, 1.0) for m in masses], label=rf"{name} ${mediator}$")
    ax.set(xscale="log", yscale="log", xlabel=r"$m_X$ [MeV]",
           ylabel=r"BR$(K^+\to\mu^+\nu X)\,/\,g^2$", title="Normalised signal rates")
    return finish(fig, ax, path)


def plot_spectra(path, model=DEFAULT_MODEL, masses=(0.01, 0.1, 0.2, 0.3), coupling=1e-3, search=None):
    """Expected events per 4e-3 GeV^2 bin: background and signal for several m_X (KMRT Fig. 5 left)."""
    search = InvisibleSearch() if search is None else search
    edges, labels = search.edges, get_model(model).labels
    fig, ax = new_figure()
    ax.stairs(search.background_events(), edges, color="black", lw=1.5,
              label=f"background ($N_K$ = {search.kaons:.0e}, GTK $\\times${search.gtk_factor:g} above "
                    f"{search.gtk_threshold:g} GeV$^2$)")
    for m in masses:
        signal = coupling**2 * signal_per_unit_coupling(model, m, search, edges)
        ax.stairs(signal, edges, label=rf"signal $m_{{{labels.mediator}}}$ = {m * 1e3:g} MeV, ${labels.coupling}$ = "
                                      rf"{coupling:g}")
    ax.set(yscale="log", xlabel=r"$m_{\rm miss}^2$ [GeV$^2$]", ylabel=r"events / $4\times10^{-3}$ GeV$^2$",
           title=rf"$K^+\to\mu^+\nu {labels.mediator}$ and the single-muon background")
    return finish(fig, ax, path)


def plot_cut_and_count_bands(path, model=DEFAULT_MODEL, masses=None, kappa_span=10.0):
    """Cut-and-count reach for kappa from kappa_min = 1/sqrt(B(m^2 > 0.05 GeV^2)) (KMRT Eq. C.2) to
    kappa_span x kappa_min, for the 2015 sample (1e8 K, no GTK) and the full NA62 (1e13 K, GTK), with the
    likelihood reach and the S = B line (KMRT Fig. 5 right)."""
    masses = np.geomspace(1e-3, M_K - M_MU - 1e-3, 40) if masses is None else np.asarray(masses)
    fig, ax = new_figure()
    present, future = InvisibleSearch(kaons=1e8, gtk_factor=1.0), InvisibleSearch()
    for search, color, name in ((present, "tab:blue", "2015: $10^8$ K"), (future, "tab:green", "$10^{13}$ K, GTK")):
        kappa_low = statistics.kappa_min(search.background_above(search.min_cut))
        low = column([reach_point(model, m, search, kappa_low) for m in masses], "alpha_cut_count")
        high = column([reach_point(model, m, search, kappa_span * kappa_low) for m in masses], "alpha_cut_count")
        ax.fill_between(masses * 1e3, low, high, color=color, alpha=0.35,
                        label=rf"{name}, $\kappa$ = {kappa_low:.1e} to {kappa_span * kappa_low:.1e}")
    ax.plot(masses * 1e3, [r["alpha_likelihood"] for r in invisible_reach(model, masses, future)], "k--",
            label="likelihood, $10^{13}$ K, statistics only")
    s_equals_b = []
    for m in masses:
        s = signal_per_unit_coupling(model, m, present, np.array([present.min_cut, present.edges[-1]]))[0]
        s_equals_b.append(present.background_above(present.min_cut) / s / (4 * math.pi))
    ax.plot(masses * 1e3, s_equals_b, color="tab:red", ls="--", label=r"$S = B$ (2015, $m^2_{\rm cut}$ = 0.05 GeV$^2$)")
    labels = get_model(model).labels
    ax.set(xscale="log" if masses.max() > 3 * masses.min() else "linear", yscale="log",
           xlabel=rf"$m_{{{labels.mediator}}}$ [MeV]",
           ylabel=rf"${labels.alpha}$", title=r"Cut and count, $S/\sqrt{B+\kappa^2B^2} = 2$",
           ylim=(None, 1.0))
    return finish(fig, ax, path)


def plot_dark_dalitz(path, m_Q=0.1, alpha_D=1e-3, name="K+"):
    """Dalitz density of K -> pi Q Qbar in (s = m_miss^2, t) with the NA62 m_miss^2 regions and the s where
    the KOTO p_T > 130 MeV cut becomes impossible (p* = 130 MeV) marked (FG Fig. 3)."""
    from kaonlib._kernels import dark_dipole
    from kaonlib.processes import dark, dark_events

    ch = dark.channel(name)
    s_grid = np.linspace(4 * m_Q**2, (ch.m_K - ch.m_pi) ** 2, 240)[1:-1]
    t_lo, t_hi = np.empty_like(s_grid), np.empty_like(s_grid)
    dark_dipole.t_limits(s_grid, ch.m_K, ch.m_pi, m_Q, t_lo, t_hi)
    t_grid = np.linspace(t_lo.min(), t_hi.max(), 240)
    ss, tt = np.meshgrid(s_grid, t_grid)
    values = np.empty(ss.size)
    dark_dipole.msq(ss.ravel().copy(), tt.ravel().copy(), ch.m_K, ch.m_pi, m_Q, values)
    weight = dark_events.s_weight(ch, m_Q, alpha_D)(ss.ravel())
    inside = (tt.ravel() >= np.interp(ss.ravel(), s_grid, t_lo)) & (tt.ravel() <= np.interp(ss.ravel(), s_grid, t_hi))
    density = np.where(inside, values * weight, np.nan).reshape(ss.shape)
    fig, ax = new_figure()
    mesh = ax.pcolormesh(ss, tt, density / np.nanmax(density), shading="auto", cmap="viridis")
    fig.colorbar(mesh, ax=ax.ax, label=r"$d^2\Gamma/ds\,dt$ (normalised)")
    for lo, hi in dark.NA62_REGIONS:
        ax.axvspan(lo, hi, color="red", alpha=0.15)
    ax.axvspan(np.nan, np.nan, color="red", alpha=0.15, label=r"NA62 $m^2_{\rm miss}$ regions")
    p_star = dark.pion_momentum(ch, s_grid)
    koto_edge = s_grid[np.argmin(np.abs(p_star - dark.KOTO_PT[0]))]
    ax.axvline(koto_edge, color="orange", ls="--", label=r"KOTO: $p_T < 130$ MeV for all $s$ beyond")
    ax.set(xlabel=r"$s = m^2_{\rm miss} = (k_Q + k_{\bar Q})^2$ [GeV$^2$]", ylabel=r"$t = (p_\pi + k_Q)^2$ [GeV$^2$]",
           title=rf"{ch.name}: $m_Q$ = {m_Q * 1e3:g} MeV, $\alpha_D$ = {alpha_D:g}")
    return finish(fig, ax, path)


def plot_kl_bound(path, rows, era):
    """Largest BR(K_L -> pi0 Q Qbar) allowed by the NA62 K+ bound vs m_Q for several alpha_D (FG Fig. 4)."""
    from kaonlib.processes import dark

    fig, ax = new_figure()
    for alpha in sorted({r["alpha_D"] for r in rows}):
        sel = [r for r in rows if r["alpha_D"] == alpha and math.isfinite(r["max_br_KL"])]
        ax.plot([r["m_Q_GeV"] * 1e3 for r in sel], [r["max_br_KL"] for r in sel], label=rf"$\alpha_D$ = {alpha:g}")
    low, high = dark.window()
    ax.axvspan(low * 1e3, high * 1e3, color="gray", alpha=0.3, label=r"$K^+\to\pi^+Q\bar Q$ closed")
    ax.axhline(dark.KOTO_BOUNDS[era][0], color="black", ls=":", label=f"KOTO bound ({era})")
    ax.set(yscale="log", xlabel=r"$m_Q$ [MeV]", ylabel=r"max BR$(K_L\to\pi^0 Q\bar Q)$",
           title=f"Allowed by the NA62 bound on $K^+$ ({era})")
    return finish(fig, ax, path)
