"""``kaonlib dark``: the dark dipole, K+ -> pi+ Q Qbar and K_L -> pi0 Q Qbar (Fabbrichesi-Gabrielli)."""

import math

from kaonlib import validate
from kaonlib.presentation import output
from kaonlib.presentation.cli.common import add_executor, add_json, emit, energy, executor, inputs_of, number, warn


def add_parser(commands):
    parser = commands.add_parser("dark", help="dark dipole: K+ -> pi+ Q Qbar and K_L -> pi0 Q Qbar (FG)",
                                 description="Dark-dipole rates, NA62/KOTO acceptances and the Grossman-Nir bound")
    parser.add_argument("--m-q", type=energy, help="dark fermion mass (100MeV)")
    parser.add_argument("--alpha-d", type=number(0.0, 1.0, "--alpha-d"),
                        help="dark fine-structure constant, 0 to 1 (1e-3)")
    parser.add_argument("--g-over-lambda", type=number(0.0, 1.0, "--g-over-lambda", unit="GeV^-1"),
                        help="|g_M|/Lambda in GeV^-1 (1e-6)")
    parser.add_argument("--phase", type=number(-2 * math.pi, 2 * math.pi, "--phase"), default=math.pi / 2,
                        help="CP phase of g_M (pi/2: maximal)")
    parser.add_argument("--era", choices=("fg2019", "2025"), default="2025", help="NA62/KOTO inputs")
    parser.add_argument("--min-dipole-scale", type=number(1.0, 1e19, "--min-dipole-scale", unit="GeV"), default=None,
                        help="kaon-mixing bound: smallest Lambda/|g_M| in GeV (an input; not applied by default)")
    parser.add_argument("--scan", action="store_true", help="FG Fig. 4: max BR(K_L) vs m_Q for alpha_D in "
                        "3e-4, 1e-3, 4e-3 (needs --out FILE.csv)")
    add_json(parser)
    parser.add_argument("--out", help="write to this file instead of standard output")
    parser.add_argument("--plot", type=output.check_figure_path,
                        help="with --scan: the bound plot; otherwise the Dalitz plot with cuts")
    add_executor(parser)
    parser.set_defaults(run=run)


def run(args):
    from kaonlib.presentation import plots_fg
    from kaonlib.processes import dark

    point = {"m_q": 0.1, "alpha_d": 1e-3, "g_over_lambda": 1e-6}  # defaults of a single point
    if args.scan:
        given = [name for name in (*point, "json") if getattr(args, name)]
        if given:
            raise validate.InputError(f"--scan scans m_Q and alpha_D itself: {', '.join(given)} not used")
        if not args.out:
            raise validate.InputError("--scan needs --out FILE.csv")
        with executor(args) as runner:
            rows = dark.kl_bound_grid(args.era, args.phase, args.min_dipole_scale, executor=runner)
        output.write_text(args.out, output.csv_text(rows, ["m_Q_GeV", "alpha_D", "max_br_KL"], inputs_of(args)))
        if args.plot:
            plots_fg.plot_kl_bound(args.plot, rows, args.era)
        return
    if args.workers or args.scheduler:
        raise validate.InputError("--workers and --scheduler go with --scan (a single point is computed here)")
    for name, value in point.items():
        setattr(args, name, value if getattr(args, name) is None else getattr(args, name))
    result = dark.summary(args.m_q, args.alpha_d, args.g_over_lambda, args.phase, args.era, args.min_dipole_scale)
    if result["br_Kplus"] * result["acceptance_NA62_Kplus"] > result["NA62_bound"]:
        warn(f"these inputs are already excluded by NA62: BR(K+) x acceptance = "
             f"{result['br_Kplus'] * result['acceptance_NA62_Kplus']:.3g} > {result['NA62_bound']:.3g}")
    emit(args, result)
    if args.plot:
        plots_fg.plot_dark_dalitz(args.plot, args.m_q, args.alpha_d)
