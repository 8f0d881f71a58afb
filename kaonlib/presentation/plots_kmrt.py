"""The figures of KMRT (arXiv:1902.07715) beyond the reach plane of kaonlib.presentation.plots: the thermal targets
(Fig. 1 right), the visible scalar with its lifetime line (Fig. 2 left), the normalised branching ratios with the
di-muon zoom (Fig. 4), the m_miss^2 spectra over the background (Fig. 5 left) and the cut-and-count bands (Fig. 5
right). Each function writes one figure (to one path or several) and returns what it drew (plots.Drawn).
"""

import math

import numpy as np

from kaonlib.inputs import DEFAULT_G_MINUS_2, M_K, M_MU
from kaonlib.mediator import decays
from kaonlib.model import DEFAULT_MODEL
from kaonlib.model import model as get_model
from kaonlib.presentation.plots import (
    COLOURS,
    alpha_range,
    column,
    finish,
    mediator_plane,
    new_figure,
    plot_reach,
    styled,
)
from kaonlib.processes import rates
from kaonlib.searches import statistics
from kaonlib.searches.na62 import InvisibleSearch
from kaonlib.searches.reach import invisible_reach, reach_point, signal_per_unit_coupling

DECAY_REGION = 65.0  # m: "V decays promptly within the 65 m decay region at NA62" (KMRT Sec. II A)
MAX_ENERGY = 75.0  # GeV: "for the maximum phi energy ~ 75 GeV" (KMRT Sec. III, Eq. 7; the NA62 K+ beam momentum)
INVISIBLE = ("any", "invisible")  # bounds that hold when X decays invisibly (kaonlib.searches.constraints.DECAYS)
DM_COLOURS = {"complex_scalar": "tab:purple", "majorana": "darkmagenta", "dirac": "mediumorchid"}
DM_STYLES = {"complex_scalar": "-", "majorana": "--", "dirac": ":"}


def lifetime_line(model, masses, energy=MAX_ENERGY, length=DECAY_REGION):
    """alpha at which the lab-frame decay length of X with energy ``energy`` (GeV), l = (p/m) c hbar/Gamma, equals
    ``length`` (m), at each mass (GeV). Every width of X goes as coupling^2 (tree level and the lepton loop of
    X -> gamma gamma, kaonlib.mediator.decays), so l(g) = l(1)/g^2 and alpha = l(1) / (4 pi length). Below this
    line X decays beyond the decay region: an invisible signal (KMRT Fig. 2 left, dashed grey line)."""
    out = []
    for m in masses:
        total = sum(decays.partial_widths(model, m, 1.0).values())
        out.append(decays.decay_length(total, m, energy) / length / (4 * math.pi))
    return np.array(out)


@styled
def plot_visible(model, dimuon_rows, path, era=DEFAULT_G_MINUS_2, energy=MAX_ENERGY, length=DECAY_REGION):
    """KMRT Fig. 2 left: the di-muon reach of a mediator decaying visibly, with the lifetime line and the
    constraints library."""
    masses = np.geomspace(1e-3, M_K - M_MU, 120)
    line = ("lifetime: $\\ell_{\\rm lab}$ = %g m at $E$ = %g GeV (below: decays beyond the decay region)"
            % (length, energy), masses, lifetime_line(model, masses, energy, length),
            {"color": COLOURS["lifetime"], "ls": "--"})
    mediator = get_model(model).labels.mediator
    return plot_reach(model, None, path, era, dimuon_rows=dimuon_rows, bounds=True, lines=[line],
                      title=rf"$K^+\to\mu^+\nu {mediator}$, ${mediator}\to\mu^+\mu^-,\gamma\gamma$ (visible)")


def invisible_fraction(model, m_V, kind, ratio, q_chi):
    """BR(V -> invisible) with the dark matter of ``kind`` (m_chi = m_V/ratio, g_chi = q_chi g): the channels the
    manifest marks invisible (neutrinos) plus chi chi; independent of the coupling (every width goes as g^2)."""
    dark = decays.DarkMatter(kind, m_V / ratio, q_chi)
    fractions = decays.branching_ratios(decays.partial_widths(model, m_V, 1.0, dark))
    invisible = {c["name"] for c in get_model(model).record["channels"] if c["invisible"]} | {"chi chi"}
    return sum(fraction for channel, fraction in fractions.items() if channel in invisible)


@styled
def plot_thermal_targets(model, rows, targets, path, era=DEFAULT_G_MINUS_2, ratio=3.0, q_chi=1.0):
    """KMRT Fig. 1 right: the thermal freeze-out targets (``targets``: kaonlib.mediator.freezeout.target_bounds, one
    line per dark-matter kind) and the NA62 invisible reach (``rows``) converted to the dark-matter scenario: the
    signal is N_K A BR(K -> mu nu V) BR(V -> invisible), so alpha_reach / BR(V -> nu nu, chi chi) at each mass.
    BABAR 4mu and the H0 band are left out (bounds of decays "visible" and "neutrinos"): they need V -> mu mu or
    V -> nu nu, while V -> chi chi dominates here (KMRT Sec. II)."""
    kinds = [next(kind for kind in DM_COLOURS if kind.replace("_", " ") in t.label) for t in targets]
    reach_masses = np.array([r["mass_GeV"] for r in rows])
    converted = {kind: np.array([r["alpha_likelihood"] / invisible_fraction(model, r["mass_GeV"], kind, ratio, q_chi)
                                 for r in rows]) for kind in kinds}
    target_alphas = [np.square(t.coupling) / (4 * math.pi) for t in targets]
    floor, top = alpha_range(np.concatenate([r for r in converted.values()] + target_alphas
                                            + [[r["alpha_likelihood"] for r in rows]]))
    masses = np.geomspace(min(reach_masses.min(), 1e-3), M_K - M_MU, 200)
    fig, ax = mediator_plane(model, masses, floor, top, era, bounds=True, decays=INVISIBLE)
    ax.plot(reach_masses * 1e3, [r["alpha_likelihood"] for r in rows], color=COLOURS["invisible"],
            label=r"NA62 invisible, BR($V\to$ inv) = 1 (KMRT)")
    for kind, target, alphas in zip(kinds, targets, target_alphas):
        name = kind.replace("_", " ")
        ax.plot(np.asarray(target.mass_GeV) * 1e3, alphas, color=DM_COLOURS[kind], ls=DM_STYLES[kind], lw=2.2,
                label=f"thermal target, {name} $\\chi$")
        ax.plot(reach_masses * 1e3, converted[kind], color=COLOURS["invisible"], ls=DM_STYLES[kind], lw=1.0,
                label=rf"NA62 invisible, BR($V\to\nu\bar\nu,\chi\chi$) of the {name} $\chi$")
    ax.set_title(rf"$L_\mu-L_\tau$ with dark matter: $m_V = {ratio:g}\,m_\chi$, $g_\chi = {q_chi:g}\,g_V$, "
                 r"$\Omega h^2 = 0.12$")
    return finish(fig, ax, path, "outside")


def branching_ratio_masses(points=120):
    """Log-spaced masses from 1 MeV to the end point, with a linear grid over the di-muon range of the zoom."""
    wide = np.geomspace(1e-3, M_K - M_MU - 1e-3, points)
    zoom = np.linspace(2 * M_MU, M_K - M_MU - 1e-3, points // 3)
    return np.union1d(wide, zoom)


@styled
def plot_branching_ratios(path, masses=None, names=("vector", "scalar")):
    """KMRT Fig. 4: BR(K+ -> mu+ nu X) at unit coupling vs m_X, the vector red and the scalar black as in KMRT,
    with the inset zooming on the di-muon range 2 m_mu < m_X < m_K - m_mu (the K -> mu nu X(mu mu) search)."""
    masses = branching_ratio_masses() if masses is None else np.asarray(masses)
    fig, ax = new_figure((6.0, 4.5))
    inset = ax.inset_axes([0.08, 0.08, 0.42, 0.42])
    zoom = masses >= 2 * M_MU
    for index, name in enumerate(names):
        colour = {"vector": "tab:red", "scalar": "black"}.get(name, f"C{index + 2}")
        labels = get_model(name).labels
        values = np.array([rates.branching_ratio(name, m, 1.0) for m in masses])
        ax.plot(masses * 1e3, values, color=colour, label=rf"{name} ${labels.mediator}$, ${labels.coupling} = 1$")
        inset.plot(masses[zoom] * 1e3, values[zoom], color=colour)
    inset.set(yscale="log", xlim=(2 * M_MU * 1e3, (M_K - M_MU) * 1e3), ylim=(1e-9, None),
              title=r"$m_X > 2m_\mu$: $X\to\mu^+\mu^-$")
    inset.tick_params(labelsize=7)
    inset.title.set_fontsize(7)
    ax.indicate_inset_zoom(inset, edgecolor="gray")
    ax.set(xscale="log", yscale="log", ylim=(1e-9, 3.0), xlabel=r"$m_X$ [MeV]",
           ylabel=r"BR$(K^+\to\mu^+\nu X)\,/\,g^2$",
           title=r"Normalised signal rates (BR$(K\to\mu\nu)$ = 0.6356, PDG)")
    return finish(fig, ax, path, "upper right")


@styled
def plot_spectra(path, model=DEFAULT_MODEL, masses=(0.01, 0.1, 0.2, 0.3), coupling=1e-3, search=None):
    """KMRT Fig. 5 left: expected events per 4e-3 GeV^2 (the search's bin width; the last bin, shorter, is scaled to
    that width so that it shows the same density), background and signal for several m_X."""
    search = InvisibleSearch() if search is None else search
    edges, labels = search.edges, get_model(model).labels
    per_width = search.bin_width / np.diff(edges)
    fig, ax = new_figure()
    ax.stairs(search.background_events() * per_width, edges, color="black", lw=1.5,
              label=f"background ($N_K$ = {search.kaons:.0e}, GTK $\\times${search.gtk_factor:g} above "
                    f"{search.gtk_threshold:g} GeV$^2$)")
    for m in masses:
        signal = coupling**2 * signal_per_unit_coupling(model, m, search, edges) * per_width
        ax.stairs(signal, edges, label=rf"signal $m_{{{labels.mediator}}}$ = {m * 1e3:g} MeV, ${labels.coupling}$ = "
                                      rf"{coupling:g}")
    ax.set(yscale="log", xlabel=r"$m_{\rm miss}^2$ [GeV$^2$]",
           ylabel=rf"events / ${search.bin_width * 1e3:g}\times10^{{-3}}$ GeV$^2$",
           xlim=(0.0, edges[-1]), title=rf"$K^+\to\mu^+\nu {labels.mediator}$ and the single-muon background")
    return finish(fig, ax, path)


@styled
def plot_cut_and_count_bands(path, model=DEFAULT_MODEL, masses=None, kappa_span=10.0):
    """KMRT Fig. 5 right: cut-and-count reach for kappa from kappa_min = 1/sqrt(B(m^2 > 0.05 GeV^2)) (KMRT Eq. C.2) to
    kappa_span x kappa_min, for the 2015 sample (1e8 K, no GTK) and the full NA62 (1e13 K, GTK), with the
    likelihood reach and the S = B line."""
    masses = np.geomspace(1e-3, M_K - M_MU - 1e-3, 40) if masses is None else np.asarray(masses)
    fig, ax = new_figure()
    present, future = InvisibleSearch(kaons=1e8, gtk_factor=1.0), InvisibleSearch()
    for search, colour, name in ((present, "tab:blue", "2015: $10^8$ K"), (future, "tab:green", "$10^{13}$ K, GTK")):
        kappa_low = statistics.kappa_min(search.background_above(search.min_cut))
        low = column([reach_point(model, m, search, kappa_low) for m in masses], "alpha_cut_count")
        high = column([reach_point(model, m, search, kappa_span * kappa_low) for m in masses], "alpha_cut_count")
        ax.fill_between(masses * 1e3, low, high, color=colour, alpha=0.35,
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
           xlabel=rf"$m_{{{labels.mediator}}}$ [MeV]", ylabel=rf"${labels.alpha}$",
           title=r"Cut and count, $S/\sqrt{B+\kappa^2B^2} = 2$", ylim=(None, 1.0))
    return finish(fig, ax, path)
