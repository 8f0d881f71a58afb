"""``kaonlib bounds MODEL [--json]``: the constraints that apply to a model, in its own coupling convention.

JSON: {"model": ..., "bounds": [{"label", "reference", "kind" (excluded | favoured | projection), "region",
"decays" (what the bound assumes of the mediator's decays: any | visible | invisible | neutrinos), "mass_GeV": [...],
"coupling": [...], and "recast" (its assumptions) for a recast bound}], "metadata": {...}}. Regions: "above"
(couplings above the curve), "band"
(a closed outline), "masses" (every coupling for mass_GeV = [low, high]; coupling is empty), "line" (the thermal
targets of --dm-targets: the coupling that gives the observed relic abundance). Bad input raises InputError (a
ValueError), which kaonlib.presentation.cli turns into exit status 2 and one line on stderr.
"""

import numpy as np

from kaonlib.inputs import M_K, M_MU
from kaonlib.mediator import freezeout
from kaonlib.presentation import output
from kaonlib.presentation.cli.common import add_gm2_era, add_json, add_model, inputs_of, integer, number
from kaonlib.searches import constraints, recast
from kaonlib.validate import InputError


def add_parser(commands):
    """Register the ``bounds`` command on the CLI's sub-parsers."""
    sub = commands.add_parser("bounds", help="existing constraints for a model, in its own coupling",
                              description="Bounds of the constraints library (kaonlib/data/constraints) that apply "
                                          "to the model, converted to its coupling, and its computed (g-2)_mu region")
    add_model(sub)
    add_json(sub)
    add_gm2_era(sub)
    sub.add_argument("--na62-table", help="HEPData YAML table of NA62's BR(K+ -> mu+ nu X) upper limits "
                                          "(arXiv:2101.12304) for the model's mediator spin: add its recast")
    sub.add_argument("--na62-column", type=integer(0, 100, "--na62-column"), default=0,
                     help="dependent variable of that table (default 0)")
    sub.add_argument("--na62-spin", type=int, choices=(0, 1), help="spin of the X of that column: 0 scalar, 1 vector")
    sub.add_argument("--na62-all-invisible", action="store_true",
                     help="recast with BR(X -> invisible) = 1 (KMRT's invisible scenario) instead of the model's own "
                          "invisible fraction")
    sub.add_argument("--dm-targets", type=integer(0, 200, "--dm-targets"), default=0, metavar="POINTS",
                     help="add the thermal freeze-out targets of the model's dark-matter currents at POINTS masses "
                          "from 3 MeV to m_K - m_mu (about 10 s a point and current)")
    sub.add_argument("--dm-ratio", type=number(2.0, 1e3, "--dm-ratio", low_open=True), default=3.0,
                     help="m_V / m_chi of the targets, above 2 (default 3)")
    sub.add_argument("--dm-charge", type=number(0.0, 1e3, "--dm-charge", low_open=True), default=1.0,
                     help="q_chi of the targets, g_chi = q_chi g (default 1)")
    sub.add_argument("--out", help="write to this file instead of standard output")
    sub.set_defaults(run=run)


def run(args):
    extra = []
    if args.na62_table:
        if args.na62_spin is None:
            raise InputError("--na62-table needs --na62-spin (0: the scalar-X limits, 1: the vector-X limits)")
        masses, limits = recast.load_hepdata(args.na62_table, args.na62_column)
        extra.append(recast.na62_bound(args.model, masses, limits, args.na62_spin,
                                       all_invisible=args.na62_all_invisible))
    if args.dm_targets:
        masses = np.geomspace(3e-3, M_K - M_MU, args.dm_targets)
        extra += freezeout.target_bounds(args.model, masses, args.dm_ratio, args.dm_charge)
    found = constraints.bounds(args.model, args.era, extra=extra)
    if args.json:
        text = output.json_text({"model": args.model, "bounds": [b.as_dict() for b in found]}, inputs_of(args))
    else:
        text = "".join(summary(b) + "\n" for b in found)
    output.write_text(args.out, text)
    return 0


def summary(bound):
    """One line: kind, label, mass range and coupling range, reference (and a recast's assumptions)."""
    masses = f"{min(bound.mass_GeV):.3g}-{max(bound.mass_GeV):.3g} GeV"
    couplings = f"coupling {min(bound.coupling):.3g}-{max(bound.coupling):.3g}" if bound.coupling else "any coupling"
    recast = bound.as_dict().get("recast")
    return (f"{bound.kind:9s} {bound.label} [{bound.region}; {masses}; {couplings}] {bound.reference}"
            + (f" [{recast}]" if recast else ""))
