"""The figure toolkit and the reach figure of KMRT (arXiv:1902.07715): one style for every figure, an Axes that
records what it draws (kaonlib.presentation.figure_data), saving to several formats, and the (m_X, alpha) plane
with the (g-2)_mu region and the constraints library. The other figures: kaonlib.presentation.plots_kmrt (KMRT
Figs. 1 right, 2, 4, 5) and kaonlib.presentation.plots_fg (FG Figs. 1, 3, 4).
"""

import csv
import functools
import math
import os
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from kaonlib import validate  # noqa: E402
from kaonlib.inputs import DEFAULT_G_MINUS_2, G_MINUS_2, M_K, M_MU  # noqa: E402
from kaonlib.mediator import gminus2  # noqa: E402
from kaonlib.model import model as get_model  # noqa: E402
from kaonlib.presentation.figure_data import RecordingAxes  # noqa: E402
from kaonlib.presentation.output import atomic  # noqa: E402
from kaonlib.searches.background import numeric  # noqa: E402
from kaonlib.validate import InputError  # noqa: E402

# One style for every figure (matplotlib's own mathtext renders the TeX labels; no LaTeX installation needed)
STYLE = {
    "font.family": "serif", "font.serif": ["STIXGeneral", "DejaVu Serif"], "mathtext.fontset": "stix",
    "font.size": 10, "axes.labelsize": 11, "axes.titlesize": 10, "legend.fontsize": 7.5, "legend.frameon": False,
    "xtick.direction": "in", "ytick.direction": "in", "xtick.top": True, "ytick.right": True,
    "xtick.minor.visible": True, "ytick.minor.visible": True, "lines.linewidth": 1.6,
    "axes.grid": True, "grid.alpha": 0.25, "savefig.dpi": 200, "pdf.fonttype": 42,
}
COLOURS = {"invisible": "tab:red", "dimuon": "tab:blue", "gm2": "tab:green", "lifetime": "dimgray"}  # KMRT's


def styled(draw):
    """Draw under :data:`STYLE` (the same look for every figure, whatever the caller's rcParams)."""
    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with plt.style.context(STYLE):
            return draw(*args, **kwargs)
    return wrapper


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
    column_name = "alpha" if "alpha" in rows[0] else "coupling"
    masses = validate.array([numeric(r.get("mass_GeV"), path, "mass_GeV") for r in rows], f"{path}: mass_GeV", 0.0)
    values = validate.array([numeric(r.get(column_name), path, column_name) for r in rows], f"{path}: {column_name}",
                            0.0)
    alphas = values if column_name == "alpha" else values**2 / (4 * math.pi)
    label = str(path).rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return label, masses, alphas


def column(rows, key):
    """rows[i][key] as floats, NaN (not drawn) where the table has None (undefined)."""
    return np.array([math.nan if r[key] is None else r[key] for r in rows], dtype=float)


def new_figure(size=(6.4, 4.6)):
    """A figure and an Axes that records what is drawn (kaonlib.presentation.figure_data)."""
    fig, ax = plt.subplots(figsize=size)
    return fig, RecordingAxes(ax)


def finish(fig, ax, path, legend="inside"):
    """Save the figure to ``path`` (one path or several: the format of each from its suffix, png, pdf or svg) and
    return the curves drawn on it. ``legend``: "inside", "outside" (right of the axes, for crowded figures) or
    None. A label drawn twice (a bound in two pieces) is listed once."""
    drawn, labels = ax.get_legend_handles_labels()
    handles = dict(zip(labels, drawn))  # one entry per label, in the order first drawn
    if legend == "outside":
        ax.legend(handles.values(), handles.keys(), loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0)
    elif legend:
        ax.legend(handles.values(), handles.keys(), loc="best" if legend == "inside" else legend)
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    for one in paths:
        with atomic(one, "wb") as stream:
            fig.savefig(stream, format=str(one).rsplit(".", 1)[-1].lower(), bbox_inches="tight")
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
                        color=COLOURS["gm2"], alpha=0.3, lw=0, label=rf"$(g-2)_\mu$ favoured, $2\sigma$ ({era_text})")
    if np.any(kinds == "excluded"):
        excluded = kinds == "excluded"
        ax.fill_between(masses * 1e3, np.where(excluded, high, np.nan), np.where(excluded, 1.0, np.nan),
                        color="tab:gray", alpha=0.3, lw=0, label=rf"$(g-2)_\mu$ excluded, $2\sigma$ ({era_text})")


def mediator_plane(model, masses, floor, top, era=DEFAULT_G_MINUS_2, bounds=False, decays=None):
    """The (m_X [MeV], alpha) frame of KMRT Figs. 1 and 2: the (g-2)_mu region of ``era`` on ``masses`` (GeV) and,
    with ``bounds``, the constraints library (kaonlib.presentation.bounds_plot; with ``decays``, only the bounds
    whose decay assumption is one of them). Axis ranges: the masses, and alpha from ``floor`` to ``top``."""
    labels = get_model(model).labels
    fig, ax = new_figure((6.4, 4.6))
    draw_gm2_region(ax, model, masses, era, floor)
    if bounds:
        from kaonlib.presentation.bounds_plot import draw_bounds

        draw_bounds(ax, model, era, decays=decays, mass_range=(masses.min(), masses.max()))
    ax.set(xscale="log" if masses.max() > 3 * masses.min() else "linear", yscale="log",
           xlabel=rf"$m_{{{labels.mediator}}}$ [MeV]", ylabel=rf"${labels.alpha}$",
           xlim=(masses.min() * 1e3, masses.max() * 1e3), ylim=(floor, top))
    return fig, ax


def alpha_range(values):
    """(floor, top) of the alpha axis around the drawn reach: a decade below its lowest point, up to 1e-3 (the reach
    rises steeply only at the kinematic end point) or three decades above the floor when that is higher."""
    finite = np.asarray(values, dtype=float)
    floor = finite[np.isfinite(finite) & (finite > 0)].min() / 10
    return floor, min(1.0, max(1e-3, 1e3 * floor))


@styled
def plot_reach(model, rows, path, era=DEFAULT_G_MINUS_2, overlays=(), title=None, dimuon_rows=None, bounds=False,
               lines=(), legend="outside", decays=None):
    """alpha reach vs m_X (MeV) with the 2 sigma (g-2)_mu region of ``era`` (KMRT Fig. 1 left, Fig. 2): the invisible
    search (red, ``rows``) and/or the di-muon search (blue, ``dimuon_rows``); ``bounds`` overlays the constraints
    library (with ``decays``, only the bounds of those decay assumptions); ``overlays`` are (label, masses GeV, alpha)
    user curves, ``lines`` (label, masses GeV, alpha, style)."""
    rows, dimuon_rows = rows or [], dimuon_rows or []
    labels = get_model(model).labels
    reach_masses = np.array([r["mass_GeV"] for r in rows + dimuon_rows])
    masses = np.geomspace(min(reach_masses.min(), 1e-3), M_K - M_MU, 200)
    floor, top = alpha_range([r["alpha_likelihood"] for r in rows] + [r["alpha"] for r in dimuon_rows])
    fig, ax = mediator_plane(model, masses, floor, top, era, bounds, decays)
    if rows:
        invisible_masses = np.array([r["mass_GeV"] for r in rows]) * 1e3
        ax.plot(invisible_masses, [r["alpha_likelihood"] for r in rows], color=COLOURS["invisible"],
                label="NA62 invisible, likelihood (Eq. 11)")
        ax.plot(invisible_masses, column(rows, "alpha_cut_count"), color=COLOURS["invisible"], ls="--",
                label="NA62 invisible, cut and count")
    if dimuon_rows:
        ax.plot([r["mass_GeV"] * 1e3 for r in dimuon_rows], [r["alpha"] for r in dimuon_rows],
                color=COLOURS["dimuon"], label=r"NA62 $K\to 3\mu\nu$ di-muon resonance")
    for label, m, a in overlays:
        ax.plot(np.asarray(m) * 1e3, a, lw=1.5, label=label)
    for label, m, a, style in lines:
        ax.plot(np.asarray(m) * 1e3, a, label=label, **style)
    decay = "invisible" if not dimuon_rows else (r"$\mu^+\mu^-$" if not rows else r"invisible or $\mu^+\mu^-$")
    ax.set_title(title or rf"$K^+\to\mu^+\nu {labels.mediator}$, ${labels.mediator}\to$ {decay}, 2$\sigma$ reach")
    return finish(fig, ax, path, legend)
