"""``kaonlib k3munu``: the SM K+ -> mu+ nu mu+ mu- branching ratio, expected events, spectrum and events."""

import numpy as np

from .. import inputs, k3munu, output
from ..validate import InputError
from .common import add_form_factor_options, add_json, emit, energy, inputs_of, integer, number

MAX_EVENTS = 100_000_000


def add_parser(commands):
    parser = commands.add_parser("k3munu", help="SM K+ -> mu+ nu mu+ mu-: BR, expected events, spectrum, events",
                                 description="SM K+ -> mu+ nu mu+ mu- from the derived amplitude (IB + F_V, F_A, R)")
    parser.add_argument("--events", type=integer(1000, MAX_EVENTS, "--events"), default=200_000,
                        help="Monte Carlo events (2e5: about 0.2 %% precision)")
    parser.add_argument("--kaons", type=number(1.0, 1e16, "--kaons"), default=1e11,
                        help="K+ decays for the expected count (1e11)")
    parser.add_argument("--acceptance", type=number(0.0, 1.0, "--acceptance", low_open=True), default=0.05,
                        help="acceptance for the expected count (0.05)")
    parser.add_argument("--seed", type=integer(0, 2**63 - 1, "--seed"), default=1, help="random seed (1)")
    add_form_factor_options(parser)
    parser.add_argument("--spectrum", help="CSV of dBR/dm_mumu of the pair closest to --test-mass")
    parser.add_argument("--test-mass", type=energy, help="test mass of the pairing rule (300MeV)")
    parser.add_argument("--unweighted", type=integer(0, 10_000_000, "--unweighted"), default=0,
                        help="also write this many unweighted events")
    parser.add_argument("--events-out", help="CSV for the unweighted events (E, px, py, pz of mu+, nu, mu+, mu-; GeV)")
    add_json(parser)
    parser.add_argument("--out", help="write to this file instead of standard output")
    parser.set_defaults(run=run)


def run(args):
    if bool(args.unweighted) != bool(args.events_out):
        raise InputError("--unweighted N and --events-out FILE.csv go together")
    if args.test_mass is not None and not args.spectrum:
        raise InputError("--test-mass needs --spectrum FILE.csv (it chooses the pair of the spectrum)")
    args.test_mass = 0.3 if args.test_mass is None else args.test_mass
    if not 2 * inputs.M_MU < args.test_mass < inputs.M_K - inputs.M_MU:
        raise InputError(f"--test-mass = {args.test_mass!r} GeV must lie between 2 m_mu and m_K - m_mu")
    choice = k3munu.form_factors(args.form_factors or k3munu.DEFAULT_FORM_FACTORS, args.form_factor_r)
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
        rows = [{"m_mumu_low_GeV": a, "m_mumu_high_GeV": b, "dBR_dm_per_GeV": c, "mc_error_per_GeV": d}
                for a, b, c, d in zip(edges[:-1], edges[1:], density, density_error)]
        output.write_text(args.spectrum, output.csv_text(rows, list(rows[0]), inputs_of(args)))
        result["spectrum_file"], result["test_mass_GeV"] = args.spectrum, args.test_mass
    if args.unweighted:
        events = sample.unweighted(args.unweighted, args.seed + 1).reshape(args.unweighted, 16)
        names = [f"{c}_{p}" for p in ("mu1", "nu", "mu2", "mubar") for c in ("E", "px", "py", "pz")]
        rows = [dict(zip(names, map(float, event))) for event in events]
        output.write_text(args.events_out, output.csv_text(rows, names, inputs_of(args), "{:.10g}"))
        result["events_file"] = args.events_out
    emit(args, result)
