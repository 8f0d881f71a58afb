"""Figures in the style of KMRT (arXiv:1902.07715): reach with the (g-2)_mu band (Figs. 1-2), normalised
branching ratios (Fig. 4), m_miss^2 spectra over the background (Fig. 5 left) and cut-and-count bands for
a range of background systematics (Fig. 5 right). Each function writes one file (PNG or PDF by suffix).
"""

import csv
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from . import gminus2, rates, statistics  # noqa: E402
from .inputs import DEFAULT_G_MINUS_2, G_MINUS_2, M_K, M_MU  # noqa: E402
from .na62 import InvisibleSearch  # noqa: E402
from .reach import invisible_reach, reach_point, signal_per_unit_coupling  # noqa: E402

COUPLING_NAME = {"vector": r"\alpha_V = g_V^2/4\pi", "scalar": r"\alpha_\phi = y_\phi^2/4\pi",
                 "vector_muon_only": r"\alpha = g^2/4\pi"}
MEDIATOR_NAME = {"vector": "V", "scalar": r"\phi", "vector_muon_only": "V"}


def load_overlay(path):
    """A user limit curve from CSV with columns mass_GeV and either coupling or alpha; label = file stem."""
    with open(path, newline="") as stream:
        rows = list(csv.DictReader(stream))
    if not rows or "mass_GeV" not in rows[0] or not ({"coupling", "alpha"} & set(rows[0])):
        raise ValueError(f"{path}: an overlay needs columns mass_GeV and coupling (or alpha)")
    masses = np.array([float(r["mass_GeV"]) for r in rows])
    if "alpha" in rows[0]:
        alphas = np.array([float(r["alpha"]) for r in rows])
    else:
        alphas = np.array([float(r["coupling"]) ** 2 / (4 * math.pi) for r in rows])
    label = str(path).rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return label, masses, alphas


def finish(fig, ax, path, legend=True):
    if legend:
        ax.legend(frameon=False, fontsize=9)
    ax.grid(True, which="major", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)


def plot_reach(model, rows, path, era=DEFAULT_G_MINUS_2, overlays=(), title=None):
    """alpha reach vs m_X (MeV) with the 2 sigma (g-2)_mu band of ``era`` (KMRT Fig. 1 left, Fig. 2 right)."""
    masses = np.array([r["mass_GeV"] for r in rows])
    fig, ax = plt.subplots(figsize=(6.0, 4.5))
    band = np.array([gminus2.coupling_band(model, m, era) for m in masses]) ** 2 / (4 * math.pi)
    alpha_like = np.array([r["alpha_likelihood"] for r in rows])
    floor = min(alpha_like.min(), band[:, 1].min()) / 10
    measured = G_MINUS_2[era]
    ax.fill_between(masses * 1e3, np.maximum(band[:, 0], floor), band[:, 1], color="tab:green", alpha=0.3,
                    label=rf"$(g-2)_\mu$ $2\sigma$ ({era}: $\Delta a_\mu$ = {measured.value:.3g} $\pm$ "
                          rf"{measured.uncertainty:.2g})")
    ax.plot(masses * 1e3, alpha_like, color="tab:red", label="NA62 invisible, likelihood (Eq. 11)")
    ax.plot(masses * 1e3, [r["alpha_cut_count"] for r in rows], color="tab:red", ls="--",
            label="NA62 invisible, cut and count")
    for label, m, a in overlays:
        ax.plot(np.asarray(m) * 1e3, a, lw=1.5, label=label)
    ax.set(xscale="log", yscale="log", xlabel=rf"$m_{{{MEDIATOR_NAME[model]}}}$ [MeV]",
           ylabel=rf"${COUPLING_NAME[model]}$", title=title or rf"$K^+\to\mu^+\nu {MEDIATOR_NAME[model]}$, "
           rf"${MEDIATOR_NAME[model]}\to$ invisible, 2$\sigma$ reach")
    ax.set_ylim(floor, 1.0)
    finish(fig, ax, path)


def plot_branching_ratios(path, masses=None):
    """BR(K+ -> mu+ nu X) at unit coupling vs m_X for the vector and the scalar (KMRT Fig. 4)."""
    masses = np.geomspace(1e-3, M_K - M_MU - 1e-3, 120) if masses is None else np.asarray(masses)
    fig, ax = plt.subplots(figsize=(6.0, 4.5))
    for model, color, name in (("vector", "tab:red", "vector $V$"), ("scalar", "black", r"scalar $\phi$")):
        ax.plot(masses * 1e3, [rates.branching_ratio(model, m, 1.0) for m in masses], color=color, label=name)
    ax.set(xscale="log", yscale="log", xlabel=r"$m_X$ [MeV]",
           ylabel=r"BR$(K^+\to\mu^+\nu X)\,/\,g^2$", title="Normalised signal rates")
    finish(fig, ax, path)


def plot_spectra(path, model="vector", masses=(0.01, 0.1, 0.2, 0.3), coupling=1e-3, search=None):
    """Expected events per 4e-3 GeV^2 bin: background and signal for several m_X (KMRT Fig. 5 left)."""
    search = InvisibleSearch() if search is None else search
    edges = search.edges
    fig, ax = plt.subplots(figsize=(6.0, 4.5))
    ax.stairs(search.background_events(), edges, color="black", lw=1.5,
              label=f"background ($N_K$ = {search.kaons:.0e}, GTK $\\times${search.gtk_factor:g} above "
                    f"{search.gtk_threshold:g} GeV$^2$)")
    for m in masses:
        signal = coupling**2 * signal_per_unit_coupling(model, m, search, edges)
        ax.stairs(signal, edges, label=rf"signal $m_{{{MEDIATOR_NAME[model]}}}$ = {m * 1e3:g} MeV, g = {coupling:g}")
    ax.set(yscale="log", xlabel=r"$m_{\rm miss}^2$ [GeV$^2$]", ylabel=r"events / $4\times10^{-3}$ GeV$^2$",
           title=rf"$K^+\to\mu^+\nu {MEDIATOR_NAME[model]}$ and the single-muon background")
    finish(fig, ax, path)


def plot_cut_and_count_bands(path, model="vector", masses=None, kappa_span=10.0):
    """Cut-and-count reach for kappa from kappa_min = 1/sqrt(B(m^2 > 0.05 GeV^2)) (KMRT Eq. C.2) to
    kappa_span x kappa_min, for the 2015 sample (1e8 K, no GTK) and the full NA62 (1e13 K, GTK), with the
    likelihood reach and the S = B line (KMRT Fig. 5 right)."""
    masses = np.geomspace(1e-3, M_K - M_MU - 1e-3, 40) if masses is None else np.asarray(masses)
    fig, ax = plt.subplots(figsize=(6.0, 4.5))
    present, future = InvisibleSearch(kaons=1e8, gtk_factor=1.0), InvisibleSearch()
    for search, color, name in ((present, "tab:blue", "2015: $10^8$ K"), (future, "tab:green", "$10^{13}$ K, GTK")):
        kappa_low = statistics.kappa_min(search.background_above(search.min_cut))
        low = [reach_point(model, m, search, kappa_low)["alpha_cut_count"] for m in masses]
        high = [reach_point(model, m, search, kappa_span * kappa_low)["alpha_cut_count"] for m in masses]
        ax.fill_between(masses * 1e3, low, high, color=color, alpha=0.35,
                        label=rf"{name}, $\kappa$ = {kappa_low:.1e} to {kappa_span * kappa_low:.1e}")
    ax.plot(masses * 1e3, [r["alpha_likelihood"] for r in invisible_reach(model, masses, future)], "k--",
            label="likelihood, $10^{13}$ K, statistics only")
    s_equals_b = []
    for m in masses:
        s = signal_per_unit_coupling(model, m, present, np.array([present.min_cut, present.edges[-1]]))[0]
        s_equals_b.append(present.background_above(present.min_cut) / s / (4 * math.pi))
    ax.plot(masses * 1e3, s_equals_b, color="tab:red", ls="--", label=r"$S = B$ (2015, $m^2_{\rm cut}$ = 0.05 GeV$^2$)")
    ax.set(xscale="log", yscale="log", xlabel=rf"$m_{{{MEDIATOR_NAME[model]}}}$ [MeV]",
           ylabel=rf"${COUPLING_NAME[model]}$", title=r"Cut and count, $S/\sqrt{B+\kappa^2B^2} = 2$",
           ylim=(None, 1.0))
    finish(fig, ax, path)
