"""``kaonlib four-lepton MODE`` (and its alias ``kaonlib k3munu`` for MODE = mu-nu-mu-mu): the SM K+ -> l+ nu l'+ l'-
branching ratio with its Monte Carlo error and the measured value, the expected events, the pair-mass spectrum and
unweighted events as CSV or as a Les Houches event file (K+ at rest, PDG ids)."""

import json
from xml.sax.saxutils import escape

import numpy as np

from kaonlib.inputs import M_K
from kaonlib.presentation import output
from kaonlib.presentation.cli.common import (
    add_executor,
    add_form_factor_options,
    add_json,
    emit,
    energy,
    executor,
    inputs_of,
    integer,
    number,
)
from kaonlib.processes import k3munu
from kaonlib.validate import InputError

MAX_EVENTS = 100_000_000  # weighted events (about a minute per 1e7)
MAX_UNWEIGHTED = 10_000_000


def add_parser(commands):
    """``four-lepton`` and its alias ``k3munu``."""
    four = commands.add_parser("four-lepton", help="SM K+ -> l+ nu l'+ l'-: BR vs measurement, spectrum, events",
                               description="SM K+ -> l+ nu l'+ l'- from the derived amplitude (IB + F_V, F_A, R)")
    four.add_argument("mode", choices=sorted(k3munu.MODES), help="l-nu-l'-l'")
    alias = commands.add_parser("k3munu", help="SM K+ -> mu+ nu mu+ mu- (= four-lepton mu-nu-mu-mu)",
                                description="SM K+ -> mu+ nu mu+ mu- (alias of four-lepton mu-nu-mu-mu)")
    alias.set_defaults(mode=k3munu.DEFAULT_MODE)
    for parser in (four, alias):
        add_options(parser)
        parser.set_defaults(run=run)


def add_options(parser):
    parser.add_argument("--events", type=integer(1000, MAX_EVENTS, "--events"), default=200_000,
                        help="Monte Carlo events (2e5: about 0.2-0.4 %%)")
    parser.add_argument("--seed", type=integer(0, 2**63 - 1, "--seed"), default=1, help="random seed (1)")
    parser.add_argument("--min-pair-mass", type=energy, default=None,
                        help="minimum l'+ l'- mass, every opposite-sign pair (default: the experiment's cut)")
    add_form_factor_options(parser)
    parser.add_argument("--kaons", type=number(1.0, 1e16, "--kaons"), default=1e11,
                        help="K+ decays for the expected count (1e11)")
    parser.add_argument("--acceptance", type=number(0.0, 1.0, "--acceptance", low_open=True), default=0.05,
                        help="acceptance for the expected count (0.05)")
    parser.add_argument("--spectrum", help="CSV of dBR/dm of the l'+ l'- pair closest to --test-mass")
    parser.add_argument("--test-mass", type=energy, help="test mass of the pairing rule (300MeV)")
    parser.add_argument("--unweighted", type=integer(0, MAX_UNWEIGHTED, "--unweighted"), default=0,
                        help="also write this many unweighted events")
    parser.add_argument("--events-out", help="CSV for the unweighted events (E, px, py, pz of l+, nu, l'+, l'-; GeV)")
    parser.add_argument("--lhe", help="Les Houches event file for the unweighted events (K+ at rest, PDG ids)")
    add_json(parser)
    parser.add_argument("--out", help="write to this file instead of standard output")
    add_executor(parser)


def check_options(args, mode):
    """Every output option needs its partner, and the test mass must lie in the pair-mass range."""
    if bool(args.unweighted) != bool(args.events_out or args.lhe):
        raise InputError("--unweighted N goes with --events-out FILE.csv and/or --lhe FILE.lhe")
    if args.test_mass is not None and not args.spectrum:
        raise InputError("--test-mass needs --spectrum FILE.csv (it chooses the pair of the spectrum)")
    args.test_mass = 0.3 if args.test_mass is None else args.test_mass
    low, high = 2 * mode.masses[2], M_K - mode.masses[0]
    if args.spectrum and not low < args.test_mass < high:
        raise InputError(f"--test-mass = {args.test_mass!r} GeV must lie in ({low:.4f}, {high:.4f}) GeV "
                         f"for {mode.name}")


def run(args):
    """Simulate, summarise, write the requested files (each atomically, after every input is checked)."""
    mode = k3munu.mode_named(args.mode)
    check_options(args, mode)
    choice = k3munu.form_factors(args.form_factors, args.form_factor_r)
    cut = k3munu.check_cut(mode, args.min_pair_mass)
    with executor(args) as runner:
        sample = k3munu.simulate(args.events, choice, args.seed, mode, args.min_pair_mass, runner)
    value, error = sample.branching_ratio()
    result = {
        "mode": mode.name,
        "branching_ratio": value,
        "mc_error": error,
        "min_pair_mass_GeV": cut,
        "form_factors": {"F_V": choice.F_V, "F_A": choice.F_A, "R": choice.R, "source": choice.source},
        "events": args.events,
        "kaons": args.kaons,
        "acceptance": args.acceptance,
        "expected_events": k3munu.expected_events(args.kaons, args.acceptance, value),
    }
    if mode.measurement:
        m = mode.measurement
        result["measured"] = {"value": m.value, "error": m.error, "source": m.source,
                              "pull_sigma": (value - m.value) / float(np.hypot(m.error, error))}
    if mode.name == k3munu.DEFAULT_MODE:
        result["bijnens_ecker_gasser_1993"] = k3munu.BEG_PREDICTION
        result["e787_limit_90cl"] = k3munu.E787_LIMIT
    if args.spectrum:
        output.write_text(args.spectrum, spectrum_csv(args, sample, mode))
        result["spectrum_file"], result["test_mass_GeV"] = args.spectrum, args.test_mass
    if args.unweighted:
        events = sample.unweighted(args.unweighted, args.seed + 1)
        if args.events_out:
            names = [f"{c}_{p}" for p in ("lplus", "nu", "pairplus", "pairminus") for c in ("E", "px", "py", "pz")]
            rows = [dict(zip(names, map(float, event))) for event in events.reshape(len(events), 16)]
            output.write_text(args.events_out, output.csv_text(rows, names, inputs_of(args), "{:.10g}"))
            result["events_file"] = args.events_out
        if args.lhe:
            output.write_text(args.lhe, lhe_text(events, mode, value, error, inputs_of(args)))
            result["lhe_file"] = args.lhe
    emit(args, result)


def spectrum_csv(args, sample, mode):
    edges = np.linspace(2 * mode.masses[2], M_K - mode.masses[0], 101)
    density, density_error = sample.mass_spectrum(edges, args.test_mass)
    rows = [{"m_ll_low_GeV": a, "m_ll_high_GeV": b, "dBR_dm_per_GeV": c, "mc_error_per_GeV": d}
            for a, b, c, d in zip(edges[:-1], edges[1:], density, density_error)]
    return output.csv_text(rows, list(rows[0]), inputs_of(args))


def lhe_text(events, mode, branching, error, inputs):
    """Les Houches Event file (Alwall et al., Comput. Phys. Commun. 176 (2007) 300): one process, unit weights
    (IDWTUP = 3), the decaying K+ at rest (status 2) followed by l+, nu, l'+, l'- (status 1); GeV. The process
    "cross section" slot carries the branching ratio and its Monte Carlo error; the header records the provenance
    (command, inputs, kaonlib version) as JSON."""
    made_by = json.dumps(output.provenance(inputs), sort_keys=True)
    lines = ['<LesHouchesEvents version="3.0">',
             f"<header>{escape(f'kaonlib four-lepton {mode.name}: K+ -> l+ nu l-prime+ l-prime- at rest')}",
             f"<kaonlib>{escape(made_by)}</kaonlib></header>",
             "<init>", f"321 0 {M_K:.10e} 0.0 -1 -1 -1 -1 3 1", f"{branching:.6e} {error:.6e} 1.0 1", "</init>"]
    for event in events:
        lines += ["<event>", f"5 1 1.0 {M_K:.10e} -1.0 -1.0",
                  f"321 2 0 0 0 0 0.0 0.0 0.0 {M_K:.10e} {M_K:.10e} 0.0 9.0"]
        lines += [f"{pid} 1 1 1 0 0 {p[1]:.10e} {p[2]:.10e} {p[3]:.10e} {p[0]:.10e} {m:.10e} 0.0 9.0"
                  for pid, p, m in zip(mode.pdg_ids, event, mode.masses)]
        lines.append("</event>")
    lines.append("</LesHouchesEvents>")
    return "\n".join(lines) + "\n"
