"""``kaonlib four-lepton MODE`` (and its alias ``kaonlib k3munu`` for MODE = mu-nu-mu-mu): the SM K+ -> l+ nu l'+ l'-
branching ratio with its Monte Carlo error and the measured value, the expected events, the pair-mass spectrum and
unweighted events as CSV or as a Les Houches event file (K+ at rest, PDG ids).

Bad input raises ValueError (kaonlib.cli prints one line and exits with status 2); JSON output is sorted.
"""

import argparse
import csv
import json
import sys
from xml.sax.saxutils import escape

import numpy as np

from . import k3munu
from .inputs import M_K
from .units import parse_energy


def energy(text):
    try:
        return parse_energy(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_parsers(commands):
    """Add ``four-lepton`` and ``k3munu`` to argparse's subparsers object ``commands``."""
    four = commands.add_parser("four-lepton", help="SM K+ -> l+ nu l'+ l'-: BR vs measurement, spectrum, events",
                               description="SM K+ -> l+ nu l'+ l'- from the derived amplitude (IB + F_V, F_A, R)")
    four.add_argument("mode", choices=sorted(k3munu.MODES), help="l-nu-l'-l'")
    alias = commands.add_parser("k3munu", help="SM K+ -> mu+ nu mu+ mu- (= four-lepton mu-nu-mu-mu)",
                                description="SM K+ -> mu+ nu mu+ mu- (alias of four-lepton mu-nu-mu-mu)")
    alias.set_defaults(mode=k3munu.DEFAULT_MODE)
    for parser in (four, alias):
        add_options(parser)


def add_options(parser):
    parser.add_argument("--events", type=int, default=200_000, help="Monte Carlo events (2e5: about 0.2-0.4 %%)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--min-pair-mass", type=energy, default=None,
                        help="minimum l'+ l'- mass, every opposite-sign pair (default: the experiment's cut)")
    parser.add_argument("--form-factors", choices=sorted(k3munu.FORM_FACTOR_SETS), default=k3munu.DEFAULT_FORM_FACTORS,
                        help="F_V, F_A, R: O(p^4) ChPT with R from the K+ charge radius (default), measured, or ib")
    parser.add_argument("--form-factor-r", type=float, default=None, help="override the charge-radius form factor R")
    parser.add_argument("--kaons", type=float, default=1e11, help="K+ decays for the expected count (1e11)")
    parser.add_argument("--acceptance", type=float, default=0.05, help="acceptance for the expected count (0.05)")
    parser.add_argument("--spectrum", help="CSV of dBR/dm of the l'+ l'- pair closest to --test-mass")
    parser.add_argument("--test-mass", type=energy, default=0.3, help="test mass of the pairing rule (300MeV)")
    parser.add_argument("--unweighted", type=int, default=0, help="also write this many unweighted events")
    parser.add_argument("--events-out", help="CSV for the unweighted events (E, px, py, pz of l+, nu, l'+, l'-; GeV)")
    parser.add_argument("--lhe", help="Les Houches event file for the unweighted events (K+ at rest, PDG ids)")
    parser.add_argument("--json", action="store_true", help="machine-readable, sorted JSON")
    parser.add_argument("--out", help="write to this file instead of standard output")


def run(args):
    """Simulate, summarise, write the requested files; returns the exit status 0."""
    if args.events < 1000:
        raise ValueError(f"--events = {args.events} must be at least 1000")
    mode = k3munu.mode_named(args.mode)
    choice = k3munu.form_factors(args.form_factors, args.form_factor_r)
    sample = k3munu.simulate(args.events, choice, args.seed, mode, args.min_pair_mass)
    value, error = sample.branching_ratio()
    result = {
        "mode": mode.name,
        "branching_ratio": value,
        "mc_error": error,
        "min_pair_mass_GeV": k3munu.check_cut(mode, args.min_pair_mass),
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
        write_spectrum(args.spectrum, sample, mode, args.test_mass)
        result["spectrum_file"] = args.spectrum
        result["test_mass_GeV"] = args.test_mass
    if args.unweighted:
        if not (args.events_out or args.lhe):
            raise ValueError("--unweighted needs --events-out FILE.csv and/or --lhe FILE.lhe")
        events = sample.unweighted(args.unweighted, args.seed + 1)
        if args.events_out:
            names = [f"{c}_{p}" for p in ("lplus", "nu", "pairplus", "pairminus") for c in ("E", "px", "py", "pz")]
            np.savetxt(args.events_out, events.reshape(len(events), 16), delimiter=",", header=",".join(names),
                       comments="")
            result["events_file"] = args.events_out
        if args.lhe:
            write_lhe(args.lhe, events, mode, value, error)
            result["lhe_file"] = args.lhe
    text = json.dumps(result, sort_keys=True, indent=2) + "\n" if args.json else format_text(result)
    if args.out:
        with open(args.out, "w", newline="") as stream:
            stream.write(text)
    else:
        sys.stdout.write(text)
    return 0


def format_text(result):
    return "\n".join(f"{key}: {value}" for key, value in sorted(result.items())) + "\n"


def write_spectrum(path, sample, mode, test_mass):
    pair_mass = mode.masses[2]
    edges = np.linspace(2 * pair_mass, M_K - mode.masses[0], 101)
    density, density_error = sample.mass_spectrum(edges, test_mass)
    with open(path, "w", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["m_ll_low_GeV", "m_ll_high_GeV", "dBR_dm_per_GeV", "mc_error_per_GeV"])
        writer.writerows(f"{a:.8g} {b:.8g} {c:.8g} {d:.8g}".split()
                         for a, b, c, d in zip(edges[:-1], edges[1:], density, density_error))


def write_lhe(path, events, mode, branching, error):
    """Les Houches Event file (Alwall et al., Comput. Phys. Commun. 176 (2007) 300): one process, unit weights
    (IDWTUP = 3), the decaying K+ at rest (status 2) followed by l+, nu, l'+, l'- (status 1); GeV. The process
    "cross section" slot carries the branching ratio and its Monte Carlo error."""
    lines = ['<LesHouchesEvents version="3.0">',
             f"<header>{escape(f'kaonlib four-lepton {mode.name}: K+ -> l+ nu l-prime+ l-prime- at rest')}</header>",
             "<init>", f"321 0 {M_K:.10e} 0.0 -1 -1 -1 -1 3 1", f"{branching:.6e} {error:.6e} 1.0 1", "</init>"]
    masses = mode.masses
    for event in events:
        lines += ["<event>", f"5 1 1.0 {M_K:.10e} -1.0 -1.0",
                  f"321 2 0 0 0 0 0.0 0.0 0.0 {M_K:.10e} {M_K:.10e} 0.0 9.0"]
        lines += [f"{pid} 1 1 1 0 0 {p[1]:.10e} {p[2]:.10e} {p[3]:.10e} {p[0]:.10e} {m:.10e} 0.0 9.0"
                  for pid, p, m in zip(mode.pdg_ids, event, masses)]
        lines.append("</event>")
    lines.append("</LesHouchesEvents>")
    with open(path, "w") as stream:
        stream.write("\n".join(lines) + "\n")
