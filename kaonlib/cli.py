"""The ``kaonlib`` command line. Every command has --help; masses accept unit suffixes (100MeV, 0.1GeV).

Bad input (unknown model, mass out of range, negative coupling, malformed unit) exits with status 2 and
one line on stderr.
"""

import argparse
import csv
import json
import math
import sys

import numpy as np

from . import background, cli_bounds, dimuon, gminus2, inputs, k3munu, mediators, na62, rates, reach
from .kmunu import check_mass, models
from .model import DEFAULT_MODEL, model as get_model
from .units import parse_energy

NA62_MAX_ENERGY = 75.0  # GeV: the NA62 K+ beam momentum (KMRT Sec. IV), the largest X energy


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def energy(text):
    try:
        return parse_energy(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def build_parser():
    parser = Parser(prog="kaonlib", description="Rare kaon decays K+ -> mu+ nu X from derived amplitudes.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    couplings = ", ".join(f"{name}: {get_model(name).coupling_name}" for name in models())

    def command(name, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("model", help=f"one of: {', '.join(models())}")
        sub.add_argument("--mass", type=energy, required=True, help="mediator mass, GeV or with a unit (100MeV)")
        sub.add_argument("--coupling", type=float, default=1.0, help=f"the model's coupling ({couplings}); default 1")
        sub.add_argument("--out", help="write to this file instead of standard output")
        return sub

    br = command("br", "branching ratio of K+ -> l+ nu X (l = mu, or e for models coupled to the electron)")
    br.add_argument("--json", action="store_true", help="machine-readable, sorted JSON")
    br.add_argument("--lepton", choices=("mu", "e"), default="mu", help="charged lepton l (default mu)")
    spectrum = command("spectrum", "m_miss^2 spectrum dBR/dm_miss^2 as CSV")
    spectrum.add_argument("--points", type=int, default=200, help="grid points from m_X^2 to (m_K - m_l)^2")
    spectrum.add_argument("--lepton", choices=("mu", "e"), default="mu", help="charged lepton l (default mu)")
    decays = command("decays", "partial widths, branching ratios, lifetime and decay length of X")
    decays.add_argument("--json", action="store_true", help="machine-readable, sorted JSON")
    decays.add_argument("--energy", type=energy, default=NA62_MAX_ENERGY, help="lab energy of X (default 75GeV)")
    decays.add_argument("--distance", type=float, default=None, help="also give P(decay before this many metres)")
    decays.add_argument("--dm-kind", choices=mediators.DARK_MATTER_KINDS,
                        help="add X -> chi chi (models that declare this dark-matter current)")
    decays.add_argument("--dm-mass", type=energy, help="dark-matter mass")
    decays.add_argument("--dm-charge", type=float, default=1.0, help="dark-matter charge q_chi (g_chi = q_chi g)")
    decays.add_argument("--invisible-width", type=energy, default=0.0, help="extra invisible width of X")
    gm2 = command("gm2", "signed one-loop (g-2)_mu contribution and the 2 sigma coupling region (favoured or excluded)")
    gm2.add_argument("--era", choices=sorted(inputs.G_MINUS_2), default=inputs.DEFAULT_G_MINUS_2)
    gm2.add_argument("--json", action="store_true", help="machine-readable, sorted JSON")

    reach = commands.add_parser("reach", help="2 sigma NA62 reach in the coupling vs mass",
                                description="2 sigma NA62 reach for K+ -> mu+ nu X (KMRT Sec. IV, App. C)")
    reach.add_argument("model", help=f"one of: {', '.join(models())}")
    reach.add_argument("--search", choices=("invisible", "dimuon"), default="invisible")
    reach.add_argument("--kaons", type=float, default=1e13, help="K+ decays in the fiducial region (1e13)")
    reach.add_argument("--kappa", type=float, default=0.0, help="background systematic for cut and count (0)")
    reach.add_argument("--background", help="background histogram: CSV ('# kaons: N' + m2_low_GeV2, "
                       "m2_high_GeV2, events) or HEPData YAML (with --background-kaons)")
    reach.add_argument("--background-kaons", type=float, help="K+ decays of a HEPData background table")
    reach.add_argument("--gtk-factor", type=float, default=0.25, help="background factor above 0.023 GeV^2")
    reach.add_argument("--era", choices=sorted(inputs.G_MINUS_2), default=inputs.DEFAULT_G_MINUS_2,
                       help="(g-2)_mu input for the band")
    reach.add_argument("--points", type=int, default=200, help="number of masses, log-spaced (200)")
    reach.add_argument("--min-mass", type=energy, default=1e-3, help="lowest mass (1MeV)")
    reach.add_argument("--out", required=True, help="CSV (or .json) file for the reach table")
    reach.add_argument("--plot", help="also draw the reach with the (g-2)_mu band (PNG or PDF)")
    reach.add_argument("--overlay", action="append", default=[], help="CSV curve to overlay (mass_GeV, coupling)")
    dimuon_options = reach.add_argument_group("di-muon search (--search dimuon, KMRT App. C2)")
    dimuon_options.add_argument("--events", type=int, default=1_000_000,
                                help="SM K -> mu nu mu mu Monte Carlo events for the background (1e6)")
    dimuon_options.add_argument("--resolution-slope", type=float, default=5e-5,
                                help="dp/p per GeV: 5e-5 (NA62's 0.005%%/GeV, default) or 0.005 (KMRT Eq. C.4 as printed)")
    add_form_factor_options(dimuon_options)

    sm = commands.add_parser("k3munu", help="SM K+ -> mu+ nu mu+ mu-: BR, expected events, spectrum, events",
                             description="SM K+ -> mu+ nu mu+ mu- from the derived amplitude (IB + F_V, F_A, R)")
    sm.add_argument("--events", type=int, default=200_000, help="Monte Carlo events (2e5: about 0.2 %% precision)")
    sm.add_argument("--kaons", type=float, default=1e11, help="K+ decays for the expected count (1e11)")
    sm.add_argument("--acceptance", type=float, default=0.05, help="acceptance for the expected count (0.05)")
    sm.add_argument("--seed", type=int, default=1, help="random seed (1)")
    add_form_factor_options(sm)
    sm.add_argument("--spectrum", help="CSV of dBR/dm_mumu of the pair closest to --test-mass")
    sm.add_argument("--test-mass", type=energy, default=0.3, help="test mass of the pairing rule (300MeV)")
    sm.add_argument("--unweighted", type=int, default=0, help="also write this many unweighted events")
    sm.add_argument("--events-out", help="CSV for the unweighted events (E, px, py, pz of mu+, nu, mu+, mu-; GeV)")
    sm.add_argument("--json", action="store_true", help="machine-readable, sorted JSON")
    sm.add_argument("--out", help="write to this file instead of standard output")

    dark = commands.add_parser("dark", help="dark dipole: K+ -> pi+ Q Qbar and K_L -> pi0 Q Qbar (FG)",
                               description="Dark-dipole rates, NA62/KOTO acceptances and the Grossman-Nir bound")
    dark.add_argument("--m-q", type=energy, default=0.1, help="dark fermion mass (100MeV)")
    dark.add_argument("--alpha-d", type=float, default=1e-3, help="dark fine-structure constant (1e-3)")
    dark.add_argument("--g-over-lambda", type=float, default=1e-6, help="|g_M|/Lambda in GeV^-1 (1e-6)")
    dark.add_argument("--phase", type=float, default=math.pi / 2, help="CP phase of g_M (pi/2: maximal)")
    dark.add_argument("--era", choices=("fg2019", "2025"), default="2025", help="NA62/KOTO inputs")
    dark.add_argument("--min-dipole-scale", type=float, default=None,
                      help="kaon-mixing bound: smallest Lambda/|g_M| in GeV (an input; not applied by default)")
    dark.add_argument("--scan", action="store_true", help="FG Fig. 4: max BR(K_L) vs m_Q for alpha_D in "
                      "3e-4, 1e-3, 4e-3 (needs --out FILE.csv)")
    dark.add_argument("--json", action="store_true", help="machine-readable, sorted JSON")
    dark.add_argument("--out", help="write to this file instead of standard output")
    dark.add_argument("--plot", help="with --scan: the bound plot; otherwise the Dalitz plot with cuts")

    figures = commands.add_parser("figures", help="the source paper's figures 1, 2, 4 and 5 for every model",
                                  description="Write reach, BR, spectra and cut-and-count figures to a folder")
    figures.add_argument("--outdir", required=True)
    figures.add_argument("--format", choices=("png", "pdf"), default="png")
    figures.add_argument("--era", choices=sorted(inputs.G_MINUS_2), default=inputs.DEFAULT_G_MINUS_2)
    cli_bounds.add_parsers(commands)
    return parser


def add_form_factor_options(parser):
    parser.add_argument("--form-factors", choices=sorted(k3munu.FORM_FACTOR_SETS), default=k3munu.DEFAULT_FORM_FACTORS,
                        help="structure-dependent F_V, F_A: O(p^4) ChPT (default), PDG measured, or none (ib)")
    parser.add_argument("--form-factor-r", type=float, default=None, help="charge-radius form factor R (default 0)")


def run_br(args):
    lepton = args.lepton
    return {
        "model": args.model,
        "lepton": lepton,
        "mass_GeV": args.mass,
        "coupling": args.coupling,
        "branching_ratio": rates.branching_ratio(args.model, args.mass, args.coupling, lepton),
        f"ratio_to_k{lepton}2": rates.ratio_to_kmu2(args.model, args.mass, lepton),
        "normalisation": f"BR_exp(K->{lepton} nu) * Gamma(K->{lepton} nu X) / Gamma(K->{lepton} nu), same vertex",
        f"BR_k{lepton}2_exp": inputs.KL2_BRANCHING_RATIOS[lepton],
    }


def run_decays(args):
    dark_matter = None
    if args.dm_kind is not None:
        if args.dm_mass is None:
            raise ValueError("--dm-kind needs --dm-mass")
        dark_matter = mediators.DarkMatter(args.dm_kind, args.dm_mass, args.dm_charge)
    widths = mediators.partial_widths(args.model, args.mass, args.coupling, dark_matter, args.invisible_width)
    total = sum(widths.values())
    result = {
        "model": args.model,
        "mass_GeV": args.mass,
        "coupling": args.coupling,
        "partial_widths_GeV": widths,
        "total_width_GeV": total,
        "branching_ratios": mediators.branching_ratios(widths),
        "lifetime_s": mediators.lifetime(total),
        "energy_GeV": args.energy,
        "decay_length_m": mediators.decay_length(total, args.mass, args.energy),
    }
    if args.distance is not None:
        result["distance_m"] = args.distance
        result["decay_probability"] = mediators.decay_probability(args.distance, result["decay_length_m"])
    return result


GM2_VERDICT = {
    "favoured": "anomaly: couplings in coupling_region_2sigma explain it",
    "excluded": "no anomaly in this direction: couplings above coupling_region_2sigma[1] are excluded at 2 sigma",
    "none": "the mediator does not couple to the muon: no (g-2)_mu contribution",
}


def run_gm2(args):
    region = gminus2.region(args.model, args.mass, args.era)
    measured = inputs.G_MINUS_2[args.era]
    return {
        "model": args.model,
        "mass_GeV": args.mass,
        "coupling": args.coupling,
        "delta_a_mu": gminus2.delta_a_mu(args.model, args.mass, args.coupling),
        "era": args.era,
        "delta_a_mu_measured": measured.value,
        "delta_a_mu_uncertainty": measured.uncertainty,
        "source": measured.source,
        "region_kind": region.kind,
        "coupling_region_2sigma": [region.low, region.high] if math.isfinite(region.high) else None,
        "verdict": GM2_VERDICT[region.kind],
    }


def load_background(args):
    if args.background is None:
        return None
    if args.background.endswith((".yaml", ".yml")):
        if args.background_kaons is None:
            raise ValueError("a HEPData background needs --background-kaons (the K+ decays of its sample)")
        return background.load_hepdata(args.background, args.background_kaons)
    return background.load_csv(args.background)


def write_rows(path, rows, columns):
    with open(path, "w", newline="") as stream:
        if path.endswith(".json"):
            json.dump(rows, stream, indent=2, sort_keys=True)
        else:
            writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: f"{v:.8g}" for k, v in row.items()} for row in rows)


def run_dimuon_reach(args):
    search = dimuon.DimuonSearch(kaons=args.kaons, events=args.events, resolution_slope=args.resolution_slope,
                                 form_factors=k3munu.form_factors(args.form_factors, args.form_factor_r))
    low = max(check_mass(args.min_mass), dimuon.mass_range()[0])
    rows = dimuon.dimuon_reach(args.model, np.linspace(low, dimuon.mass_range()[1], args.points), search, True)
    write_rows(args.out, rows, dimuon.COLUMNS)
    if args.plot:
        from . import plots

        overlays = [plots.load_overlay(path) for path in args.overlay]
        plots.plot_reach(args.model, None, args.plot, args.era, overlays, dimuon_rows=rows)


def run_reach(args):
    if args.points < 1:
        raise ValueError(f"--points = {args.points} must be at least 1")
    if args.search == "dimuon":
        return run_dimuon_reach(args)
    histogram = load_background(args)
    search = na62.InvisibleSearch(kaons=args.kaons, gtk_factor=args.gtk_factor,
                                  **({"background": histogram} if histogram is not None else {}))
    from . import plots  # matplotlib only when drawing

    overlays = [plots.load_overlay(path) for path in args.overlay]
    masses = reach.default_masses(args.points, check_mass(args.min_mass))
    rows = reach.invisible_reach(args.model, masses, search, args.kappa, args.era, progress=True)
    write_rows(args.out, rows, reach.COLUMNS)
    if args.plot:
        plots.plot_reach(args.model, rows, args.plot, args.era, overlays)


def run_figures(args):
    import os

    from . import plots

    os.makedirs(args.outdir, exist_ok=True)

    def target(name):
        return os.path.join(args.outdir, f"{name}.{args.format}")

    search = dimuon.DimuonSearch()
    sample = search.background_sample()
    for model in models():
        rows = reach.invisible_reach(model, reach.default_masses(60), era=args.era, progress=True)
        visible = [dimuon.reach_point(model, m, search, sample) for m in dimuon.default_masses(60)]
        plots.plot_reach(model, rows, target(f"reach_{model}"), args.era, dimuon_rows=visible)
    plots.plot_branching_ratios(target("branching_ratios"))
    plots.plot_spectra(target(f"spectra_{DEFAULT_MODEL}"))
    plots.plot_cut_and_count_bands(target(f"cut_and_count_{DEFAULT_MODEL}"))


def run_dark(args):
    from . import dark, plots

    if args.scan:
        if not args.out:
            raise ValueError("--scan needs --out FILE.csv")
        rows = [{"m_Q_GeV": m, "alpha_D": a, "max_br_KL": dark.max_kl_branching_ratio(m, a, args.era, args.phase, args.min_dipole_scale)}
                for a in (3e-4, 1e-3, 4e-3) for m in np.linspace(0.005, dark.window()[1] - 1e-4, 60)]
        with open(args.out, "w", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=["m_Q_GeV", "alpha_D", "max_br_KL"], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        if args.plot:
            plots.plot_kl_bound(args.plot, rows, args.era)
        return 0
    result = {key: (None if isinstance(value, float) and not math.isfinite(value) else value)
              for key, value in dark.summary(args.m_q, args.alpha_d, args.g_over_lambda, args.phase, args.era,
                                                              args.min_dipole_scale).items()}
    text = json.dumps(result, sort_keys=True, indent=2) + "\n" if args.json else format_text(result)
    output(args, lambda stream: stream.write(text))
    if args.plot:
        plots.plot_dark_dalitz(args.plot, args.m_q, args.alpha_d)
    return 0


def run_k3munu(args):
    """SM K+ -> mu+ nu mu+ mu-: BR with its Monte Carlo error, the expected events, optional outputs."""
    if args.events < 1000:
        raise ValueError(f"--events = {args.events} must be at least 1000")
    choice = k3munu.form_factors(args.form_factors, args.form_factor_r)
    sample = k3munu.simulate(args.events, choice, args.seed)
    value, error = sample.branching_ratio()
    result = {
        "branching_ratio": value,
        "branching_ratio_mc_error": error,
        "form_factors": {"F_V": choice.F_V, "F_A": choice.F_A, "R": choice.R, "source": choice.source},
        "events": args.events,
        "kaons": args.kaons,
        "acceptance": args.acceptance,
        "expected_events": k3munu.expected_events(args.kaons, args.acceptance, value),
        "bijnens_ecker_gasser_1993": k3munu.BEG_PREDICTION,
        "e787_limit_90cl": k3munu.E787_LIMIT,
    }
    if args.spectrum:
        edges = np.linspace(2 * inputs.M_MU, inputs.M_K - inputs.M_MU, 101)
        density, density_error = sample.mass_spectrum(edges, args.test_mass)
        with open(args.spectrum, "w", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(["m_mumu_low_GeV", "m_mumu_high_GeV", "dBR_dm_per_GeV", "mc_error_per_GeV"])
            writer.writerows(f"{a:.8g} {b:.8g} {c:.8g} {d:.8g}".split()
                             for a, b, c, d in zip(edges[:-1], edges[1:], density, density_error))
        result["spectrum_file"] = args.spectrum
        result["test_mass_GeV"] = args.test_mass
    if args.unweighted:
        if not args.events_out:
            raise ValueError("--unweighted needs --events-out FILE.csv")
        events = sample.unweighted(args.unweighted, args.seed + 1).reshape(args.unweighted, 16)
        names = [f"{c}_{p}" for p in ("mu1", "nu", "mu2", "mubar") for c in ("E", "px", "py", "pz")]
        np.savetxt(args.events_out, events, delimiter=",", header=",".join(names), comments="")
        result["events_file"] = args.events_out
    text = json.dumps(result, sort_keys=True, indent=2) + "\n" if args.json else format_text(result)
    output(args, lambda stream: stream.write(text))
    return 0


def write_spectrum(args, stream):
    if args.points < 2:
        raise ValueError(f"--points = {args.points} must be at least 2")
    check_mass(args.mass, args.lepton)
    grid = np.linspace(args.mass**2, (inputs.M_K - inputs.LEPTON_MASSES[args.lepton]) ** 2, args.points)
    values = rates.spectrum(args.model, args.mass, grid, args.coupling, args.lepton)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["m2_miss_GeV2", "dBR_dm2miss_per_GeV2"])
    writer.writerows((f"{s:.10g}", f"{v:.10g}") for s, v in zip(grid, values))


def format_text(result):
    return "\n".join(f"{key}: {value}" for key, value in sorted(result.items())) + "\n"


def output(args, write):
    if args.out:
        with open(args.out, "w", newline="") as stream:
            write(stream)
    else:
        write(sys.stdout)


def main(argv=None):
    try:
        args = build_parser().parse_args(argv)
        if args.command == "figures":
            run_figures(args)
            return 0
        if args.command == "dark":
            return run_dark(args)
        if args.command == "k3munu":
            return run_k3munu(args)
        if args.command == "bounds":
            return cli_bounds.run(args)
        get_model(args.model)
        if args.command == "reach":
            run_reach(args)
            return 0
        if args.command == "spectrum":
            if not args.out:
                raise ValueError("spectrum needs --out FILE.csv")
            output(args, lambda stream: write_spectrum(args, stream))
            return 0
        result = {"br": run_br, "decays": run_decays, "gm2": run_gm2}[args.command](args)
        text = json.dumps(result, sort_keys=True, indent=2) + "\n" if args.json else format_text(result)
        output(args, lambda stream: stream.write(text))
        return 0
    except (UsageError, ValueError, OSError) as err:
        print(f"kaonlib: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
