"""``kaonlib gm2 MODEL --mass M``: the signed one-loop (g-2)_mu and the 2 sigma coupling region."""

import math

from kaonlib import inputs
from kaonlib.mediator.gminus2 import delta_a_mu, region
from kaonlib.presentation.cli.common import add_gm2_era, add_json, add_mediator, emit

VERDICT = {
    "favoured": "anomaly: couplings in coupling_region_2sigma explain it",
    "excluded": "no anomaly in this direction: couplings above coupling_region_2sigma[1] are excluded at 2 sigma",
    "none": "the mediator does not couple to the muon: no (g-2)_mu contribution",
}


def add_parser(commands):
    parser = commands.add_parser("gm2", help="signed one-loop (g-2)_mu and the 2 sigma coupling region",
                                 description="Delta a_mu of the mediator (signed) and the 2 sigma coupling region: "
                                 "favoured for an anomaly of the model's sign, otherwise excluded above a limit")
    add_mediator(parser)
    add_json(parser)
    add_gm2_era(parser)
    parser.set_defaults(run=run)


def run(args):
    found = region(args.model, args.mass, args.era)
    measured = inputs.G_MINUS_2[args.era]
    emit(args, {
        "model": args.model,
        "mass_GeV": args.mass,
        "coupling": args.coupling,
        "delta_a_mu": delta_a_mu(args.model, args.mass, args.coupling),
        "era": args.era,
        "delta_a_mu_measured": measured.value,
        "delta_a_mu_uncertainty": measured.uncertainty,
        "source": measured.source,
        "region_kind": found.kind,
        "coupling_region_2sigma": [found.low, found.high] if math.isfinite(found.high) else None,
        "verdict": VERDICT[found.kind],
    })
