"""``kaonlib reach MODEL --out FILE``: the 2 sigma NA62 reach, invisible (single muon) or di-muon search."""

import numpy as np

from kaonlib.presentation import output
from kaonlib.presentation.cli.common import (
    MAX_KAONS,
    MAX_POINTS,
    add_executor,
    add_form_factor_options,
    add_gm2_era,
    add_model,
    add_quiet,
    energy,
    executor,
    inputs_of,
    integer,
    number,
    progress,
    warn,
)
from kaonlib.processes import k3munu
from kaonlib.processes.kmunu import check_mass
from kaonlib.searches import background, dimuon, na62, reach
from kaonlib.validate import InputError

INVISIBLE_ONLY = ("kappa", "background", "background_kaons", "gtk_factor")
DIMUON_ONLY = ("events", "resolution_slope", "form_factors", "form_factor_r")
MAX_EVENTS = 100_000_000  # background Monte Carlo events (about a minute of sampling)


def add_parser(commands):
    parser = commands.add_parser("reach", help="2 sigma NA62 reach in the coupling vs mass",
                                 description="2 sigma NA62 reach for K+ -> mu+ nu X (KMRT Sec. IV, App. C)")
    add_model(parser)
    parser.add_argument("--search", choices=("invisible", "dimuon"), default="invisible")
    parser.add_argument("--kaons", type=number(1.0, MAX_KAONS, "--kaons"), default=1e13,
                        help="K+ decays in the fiducial region (1e13)")
    add_gm2_era(parser)
    parser.add_argument("--points", type=integer(1, MAX_POINTS, "--points"), default=200,
                        help=f"number of masses, 1 to {MAX_POINTS} (200)")
    parser.add_argument("--min-mass", type=energy, default=1e-3, help="lowest mass (1MeV)")
    parser.add_argument("--out", required=True, help="CSV (or .json) file for the reach table")
    parser.add_argument("--plot", type=output.check_figure_path, help="also draw the reach (.png, .pdf or .svg)")
    parser.add_argument("--overlay", action="append", default=[], help="CSV curve to overlay (mass_GeV, coupling)")
    parser.add_argument("--bounds", action="store_true", help="with --plot: overlay the constraints library "
                        "(kaonlib bounds MODEL lists it)")
    add_quiet(parser)
    add_executor(parser)
    invisible = parser.add_argument_group("invisible search (--search invisible, KMRT App. C1)")
    invisible.add_argument("--kappa", type=number(0.0, 10.0, "--kappa"),
                           help="background systematic of the cut and count, 0 to 10 (0)")
    invisible.add_argument("--background", help="background histogram: CSV ('# kaons: N' + m2_low_GeV2, "
                           "m2_high_GeV2, events) or HEPData YAML (with --background-kaons)")
    invisible.add_argument("--background-kaons", type=number(1.0, MAX_KAONS, "--background-kaons"),
                           help="K+ decays of a HEPData background table")
    invisible.add_argument("--gtk-factor", type=number(0.0, 1.0, "--gtk-factor", low_open=True),
                           help="background factor above 0.023 GeV^2 (0.25)")
    visible = parser.add_argument_group("di-muon search (--search dimuon, KMRT App. C2)")
    visible.add_argument("--events", type=integer(1000, MAX_EVENTS, "--events"),
                         help="SM K -> mu nu mu mu Monte Carlo events for the background (1e6)")
    visible.add_argument("--resolution-slope", type=number(0.0, 0.1, "--resolution-slope"),
                         help="dp/p per GeV: 5e-5 (NA62's 0.005%%/GeV, default) or 0.005 (KMRT Eq. C.4 as printed)")
    add_form_factor_options(visible)
    parser.set_defaults(run=run)


def check_options(args):
    """Options of the other search are errors, not silently ignored; outputs are checked before any work."""
    unused = DIMUON_ONLY if args.search == "invisible" else INVISIBLE_ONLY
    given = [name for name in unused if getattr(args, name) is not None]
    if given:
        names = ", ".join("--" + name.replace("_", "-") for name in given)
        raise InputError(f"{names}: not used by the {args.search} search")
    if not args.out.lower().endswith((".csv", ".json")):
        raise InputError(f"--out {args.out!r}: the reach table is written as .csv or .json")
    if args.background_kaons is not None and args.background is None:
        raise InputError("--background-kaons needs --background (a HEPData YAML table)")
    check_mass(args.min_mass)
    if (args.overlay or args.bounds) and not args.plot:
        raise InputError("--overlay and --bounds need --plot (they are drawn, not tabulated)")


def load_background(args):
    if args.background is None:
        return {}
    if args.background.endswith((".yaml", ".yml")):
        if args.background_kaons is None:
            raise InputError("a HEPData background needs --background-kaons (the K+ decays of its sample)")
        return {"background": background.load_hepdata(args.background, args.background_kaons)}
    return {"background": background.load_csv(args.background)}


def default(value, fallback):
    """The option's value, or the default of its search when it was not given (None)."""
    return fallback if value is None else value


def write_table(args, rows, columns):
    inputs_used = inputs_of(args)
    if args.out.lower().endswith(".json"):
        output.write_text(args.out, output.json_text({"rows": rows}, inputs_used))
    else:
        output.write_text(args.out, output.csv_text(rows, columns, inputs_used))


def run(args):
    check_options(args)
    from kaonlib.presentation import plots  # matplotlib only for this command

    overlays = [plots.load_overlay(path) for path in args.overlay]
    search, masses = setup(args)
    with executor(args) as runner:
        if args.search == "dimuon":
            rows = dimuon.dimuon_reach(args.model, masses, search, progress(args), runner)
        else:
            rows = reach.invisible_reach(args.model, masses, search, default(args.kappa, 0.0), args.era,
                                         progress(args), runner)
    if args.search == "dimuon":
        columns, invisible_rows, dimuon_rows = dimuon.COLUMNS, None, rows
    else:
        columns, invisible_rows, dimuon_rows = reach.COLUMNS, rows, None
        if any(row["coupling_cut_count"] is None for row in rows):
            warn("the cut and count is undefined where the background is empty above every allowed cut "
                 "(empty cells in the table)")
    write_table(args, rows, columns)
    if args.plot:
        plots.plot_reach(args.model, invisible_rows, args.plot, args.era, overlays, dimuon_rows=dimuon_rows,
                         bounds=args.bounds)


def setup(args):
    """The search (its inputs checked) and the masses (GeV) of the chosen search."""
    if args.search == "dimuon":
        form_factors = k3munu.form_factors(args.form_factors, args.form_factor_r)
        search = dimuon.DimuonSearch(kaons=args.kaons, events=default(args.events, 1_000_000),
                                     resolution_slope=default(args.resolution_slope, 5e-5), form_factors=form_factors)
        low = max(args.min_mass, dimuon.mass_range()[0])
        return search, np.linspace(low, dimuon.mass_range()[1], args.points)
    search = na62.InvisibleSearch(kaons=args.kaons, gtk_factor=default(args.gtk_factor, 0.25), **load_background(args))
    return search, reach.default_masses(args.points, args.min_mass)
