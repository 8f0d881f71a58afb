"""``kaonlib br MODEL --mass M``: BR(K+ -> l+ nu X)."""

from .. import inputs
from ..rates import branching_ratio, ratio_to_kmu2
from .common import add_json, add_mediator, emit, warn


def add_parser(commands):
    parser = commands.add_parser("br", help="branching ratio of K+ -> l+ nu X",
                                 description="BR(K+ -> l+ nu X), l = mu, or e for models coupled to the electron, "
                                 "normalised to the measured BR(K+ -> l+ nu)")
    add_mediator(parser)
    add_json(parser)
    parser.add_argument("--lepton", choices=("mu", "e"), default="mu", help="charged lepton l (default mu)")
    parser.set_defaults(run=run)


def run(args):
    lepton = args.lepton
    value = branching_ratio(args.model, args.mass, args.coupling, lepton)
    if value > 1:
        warn(f"BR = {value:.3g} > 1: coupling {args.coupling:g} is far outside the range where this "
             "perturbative rate (X emitted once, K+ -> l+ nu unchanged) means anything")
    emit(args, {
        "model": args.model,
        "lepton": lepton,
        "mass_GeV": args.mass,
        "coupling": args.coupling,
        "branching_ratio": value,
        f"ratio_to_k{lepton}2": ratio_to_kmu2(args.model, args.mass, lepton),
        "normalisation": f"BR_exp(K->{lepton} nu) * Gamma(K->{lepton} nu X) / Gamma(K->{lepton} nu), same vertex",
        f"BR_k{lepton}2_exp": inputs.KL2_BRANCHING_RATIOS[lepton],
    })
