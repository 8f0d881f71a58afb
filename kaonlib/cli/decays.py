"""``kaonlib decays MODEL --mass M``: the mediator's partial widths, lifetime and decay length."""

from .. import validate
from ..mediators import (
    DARK_MATTER_KINDS,
    DarkMatter,
    branching_ratios,
    decay_length,
    decay_probability,
    lifetime,
    partial_widths,
)
from .common import add_json, add_mediator, emit, energy, number

NA62_MAX_ENERGY = 75.0  # GeV: the NA62 K+ beam momentum (KMRT Sec. IV), the largest X energy


def add_parser(commands):
    parser = commands.add_parser("decays", help="partial widths, branching ratios, lifetime and decay length of X",
                                 description="The mediator's derived decay widths (every lepton it couples to, "
                                 "gamma gamma for spin 0, dark matter if declared), lifetime and lab decay length")
    add_mediator(parser)
    add_json(parser)
    parser.add_argument("--energy", type=energy, default=NA62_MAX_ENERGY, help="lab energy of X (default 75GeV)")
    parser.add_argument("--distance", type=number(0.0, 1e30, "--distance", unit="m"), default=None,
                        help="also give P(decay before this many metres)")
    parser.add_argument("--dm-kind", choices=DARK_MATTER_KINDS,
                        help="add X -> chi chi (models that declare this dark-matter current)")
    parser.add_argument("--dm-mass", type=energy, help="dark-matter mass (with --dm-kind)")
    parser.add_argument("--dm-charge", type=float, default=None, help="dark-matter charge q_chi, g_chi = q_chi g (1)")
    parser.add_argument("--invisible-width", type=energy, default=0.0, help="extra invisible width of X")
    parser.set_defaults(run=run)


def run(args):
    dark_matter = None
    if args.dm_kind is not None:
        if args.dm_mass is None:
            raise validate.InputError("--dm-kind needs --dm-mass")
        dark_matter = DarkMatter(args.dm_kind, args.dm_mass, 1.0 if args.dm_charge is None else args.dm_charge)
    elif args.dm_mass is not None or args.dm_charge is not None:
        raise validate.InputError("--dm-mass and --dm-charge need --dm-kind")
    widths = partial_widths(args.model, args.mass, args.coupling, dark_matter, args.invisible_width)
    total = sum(widths.values())
    result = {
        "model": args.model,
        "mass_GeV": args.mass,
        "coupling": args.coupling,
        "partial_widths_GeV": widths,
        "total_width_GeV": total,
        "branching_ratios": branching_ratios(widths),
        "lifetime_s": lifetime(total),
        "energy_GeV": args.energy,
        "decay_length_m": decay_length(total, args.mass, args.energy),
    }
    if args.distance is not None:
        result["distance_m"] = args.distance
        result["decay_probability"] = decay_probability(args.distance, result["decay_length_m"])
    emit(args, result)
