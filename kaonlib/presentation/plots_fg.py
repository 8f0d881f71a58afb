"""The figures of Fabbrichesi and Gabrielli (FG, arXiv:1911.03755): the Grossman-Nir plane (Fig. 1), the Dalitz
density of K -> pi Q Qbar with the experiments' cuts (Fig. 3) and the largest BR(K_L -> pi0 Q Qbar) the NA62 bound
allows (Fig. 4). The dark-dipole physics is kaonlib.processes.dark.
"""

import math

import numpy as np

from kaonlib.inputs import KOTO_BOUNDS, TAU_K, TAU_KL
from kaonlib.presentation.plots import finish, new_figure, styled
from kaonlib.processes import dark

# Isospin breaking between the K+ and K_L matrix elements of K -> pi nu nu: r_K+ = 0.901, r_KL = 0.944 (Marciano and
# Parsa, PRD 53 (1996) R1, as quoted by Buras, Schwab, Uhlig, RMP 80 (2008) 965, hep-ph/0405132 = FG ref. [2]);
# FG Sec. III quote their ratio, 0.954, for the dark-dipole widths too.
R_KPLUS, R_KL = 0.901, 0.944
# Measurements drawn in the Grossman-Nir plane (BR, upper error, lower error); upper limits at 90 % CL
E949 = (1.73e-10, 1.15e-10, 1.05e-10)  # BNL E949, PRL 101 (2008) 191802 (FG Eq. 2)
NA62_2019 = 1.78e-10  # NA62 2016-17 preliminary, KAON2019 (FG Eq. 3)
NA62_2025 = (13.0e-11, 3.3e-11, 3.0e-11)  # NA62 2016-22, arXiv:2412.12015
SM = {"K+": (8.4e-11, 1.0e-11), "KL": (3.4e-11, 0.6e-11)}  # Buras et al., JHEP 11 (2015) 033, arXiv:1503.02693
LINE_STYLES = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "D")
CHANNEL_TEX = {"K+": r"$K^+\to\pi^+Q\bar Q$", "KL": r"$K_L\to\pi^0Q\bar Q$"}


def grossman_nir_factor():
    """BR(K_L -> pi0 nu nu) <= (tau_KL / tau_K+) (r_KL / r_K+) BR(K+ -> pi+ nu nu): isospin gives
    Gamma(K_L) <= Gamma(K+) up to the isospin breaking of the matrix elements (Grossman and Nir, PLB 398 (1997)
    163); with the PDG lifetimes 4.33, the "4.3" quoted by FG Eq. 7 (kaonlib.inputs.GROSSMAN_NIR)."""
    return TAU_KL / TAU_K * R_KL / R_KPLUS


@styled
def plot_grossman_nir(path):
    """FG Fig. 1: BR(K_L -> pi0 nu nu) vs BR(K+ -> pi+ nu nu) with the Grossman-Nir bound (the region above it is
    excluded for any new physics that respects isospin), the NA62 and E949 K+ results, the KOTO limits and the SM."""
    factor = grossman_nir_factor()
    x = np.geomspace(1e-11, 1e-9, 100)
    top = 1e-8
    fig, ax = new_figure((6.0, 4.8))
    ax.fill_between(x, factor * x, top, color="tab:blue", alpha=0.25, lw=0,
                    label=rf"Grossman-Nir: BR$_L$ > {factor:.2f} BR$_+$ (excluded)")
    central, up, down = E949
    ax.fill_between([central - down, central + up], [1e-12, 1e-12], [top, top], color="gray", alpha=0.2, lw=0,
                    label=r"E949 $1\sigma$: $(1.73^{+1.15}_{-1.05})\times10^{-10}$")
    central, up, down = NA62_2025
    ax.fill_between([central - down, central + up], [1e-12, 1e-12], [top, top], color="tab:orange", alpha=0.35,
                    lw=0, label=r"NA62 2016-22 $1\sigma$: $(13.0^{+3.3}_{-3.0})\times10^{-11}$")
    ax.fill_between([NA62_2019, 1e-9], [1e-12, 1e-12], [top, top], color="tab:red", alpha=0.15, lw=0,
                    label=r"NA62 2016-17: BR$_+ < 1.78\times10^{-10}$ (90% CL, FG)")
    for era, style in (("fg2019", ":"), ("2025", "-")):
        limit, source = KOTO_BOUNDS[era]
        ax.plot([1e-11, 1e-9], [limit, limit], color="black", ls=style,
                label=f"KOTO: BR$_L$ < {limit:.1e} (90% CL, {source.split(',')[0]})")
    (k_plus, k_plus_error), (k_long, k_long_error) = SM["K+"], SM["KL"]
    ax.errorbar([k_plus], [k_long], xerr=[k_plus_error], yerr=[k_long_error], fmt="*", color="tab:green",
                markersize=10, label="SM (Buras et al. 2015)")
    ax.set(xscale="log", yscale="log", xlim=(1e-11, 1e-9), ylim=(1e-11, top),
           xlabel=r"BR$_+$ = BR$(K^+\to\pi^+\nu\bar\nu)$", ylabel=r"BR$_L$ = BR$(K_L\to\pi^0\nu\bar\nu)$",
           title="The Grossman-Nir plane")
    return finish(fig, ax, path, "outside")


@styled
def plot_dark_dalitz(path, m_Q=0.1, alpha_D=1e-3, name="K+"):
    """FG Fig. 3: Dalitz density of K -> pi Q Qbar in (s = m_miss^2, t) with the NA62 m_miss^2 regions and the s
    beyond which the KOTO p_T > 130 MeV cut cannot be passed (p* = 130 MeV in K_L -> pi0 Q Qbar, K_L and pi0
    masses; FG draw one plot for both kaons, the Dalitz densities being nearly the same) marked."""
    from kaonlib._kernels import dark_dipole
    from kaonlib.processes import dark_events

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
        ax.axvspan(lo, hi, color="red", alpha=0.15, label=f"NA62 region: {lo:g} < $m^2_{{\\rm miss}}$ < {hi:g} GeV$^2$")
    koto_edge = dark.koto_edges(dark.channel("KL"))[0]  # KOTO sees K_L -> pi0 Q Qbar: K_L and pi0 masses
    ax.plot([koto_edge, koto_edge], [t_lo.min(), t_hi.max()], color="orange", ls="--",
            label=r"KOTO ($K_L\to\pi^0 Q\bar Q$): $p_T < 130$ MeV for all $s$ beyond")
    ax.set(xlabel=r"$s = m^2_{\rm miss} = (k_Q + k_{\bar Q})^2$ [GeV$^2$]", ylabel=r"$t = (p_\pi + k_Q)^2$ [GeV$^2$]",
           title=rf"{CHANNEL_TEX[name]}: $m_Q$ = {m_Q * 1e3:g} MeV, $\alpha_D$ = {alpha_D:g}")
    return finish(fig, ax, path, "lower left")


def no_na62_bound():
    """m_Q (GeV) above which NA62 sets no bound: the Q Qbar mass 2 m_Q is above the top of its m_miss^2 region 2."""
    return math.sqrt(dark.NA62_REGIONS[-1][1]) / 2


@styled
def plot_kl_bound(path, rows, era):
    """FG Fig. 4: largest BR(K_L -> pi0 Q Qbar) allowed by the NA62 bound on K+ vs m_Q for several alpha_D (line style
    and markers tell them apart; the title gives their largest relative spread), with the masses where NA62 sets no
    bound shaded."""
    fig, ax = new_figure()
    alphas = sorted({r["alpha_D"] for r in rows})
    curves = {}
    for index, alpha in enumerate(alphas):
        sel = [r for r in rows if r["alpha_D"] == alpha and math.isfinite(r["max_br_KL"])]
        curves[alpha] = {r["m_Q_GeV"]: r["max_br_KL"] for r in sel}
        ax.plot([r["m_Q_GeV"] * 1e3 for r in sel], [r["max_br_KL"] for r in sel], ls=LINE_STYLES[index % 4],
                marker=MARKERS[index % 4], markevery=(2 * index, 6), markersize=4, label=rf"$\alpha_D$ = {alpha:g}")
    common = set.intersection(*(set(c) for c in curves.values())) if curves else set()
    spread = max((max(c[m] for c in curves.values()) / min(c[m] for c in curves.values()) - 1 for m in common),
                 default=0.0)
    edge, (low, high) = no_na62_bound(), dark.window()
    ax.axvspan(edge * 1e3, low * 1e3, color="tab:red", alpha=0.12, hatch="//",
               label=rf"no NA62 bound: $4m_Q^2$ > {dark.NA62_REGIONS[-1][1]:g} GeV$^2$ (above region 2)")
    ax.axvspan(low * 1e3, high * 1e3, color="gray", alpha=0.3, label=r"$K^+\to\pi^+Q\bar Q$ closed")
    koto = KOTO_BOUNDS[era][0]
    ax.plot([0.0, high * 1e3], [koto, koto], color="black", ls=":", label=f"KOTO bound ({era}): {koto:.1e}")
    ax.set(yscale="log", xlim=(0.0, high * 1e3), xlabel=r"$m_Q$ [MeV]", ylabel=r"max BR$(K_L\to\pi^0 Q\bar Q)$",
           title=f"Allowed by the NA62 bound on $K^+$ ({era}); the $\\alpha_D$ curves differ by at most "
                 f"{100 * spread:.2g}%")
    return finish(fig, ax, path, "upper left")
