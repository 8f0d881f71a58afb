"""``kaonlib spectrum MODEL --mass M --out FILE.csv``: dBR/dm_miss^2 on a grid."""

import numpy as np

from .. import inputs, output
from ..kmunu import check_mass
from ..rates import spectrum
from .common import MAX_POINTS, add_mediator, inputs_of, integer


def add_parser(commands):
    parser = commands.add_parser("spectrum", help="m_miss^2 spectrum dBR/dm_miss^2 as CSV",
                                 description="dBR/dm_miss^2 of K+ -> l+ nu X on a grid from m_X^2 to (m_K - m_l)^2")
    add_mediator(parser)
    parser.add_argument("--points", type=integer(2, MAX_POINTS, "--points"), default=200,
                        help=f"grid points, 2 to {MAX_POINTS} (200)")
    parser.add_argument("--lepton", choices=("mu", "e"), default="mu", help="charged lepton l (default mu)")
    parser.set_defaults(run=run)


def run(args):
    if not args.out:
        raise output.InputError("spectrum needs --out FILE.csv")
    check_mass(args.mass, args.lepton)
    grid = np.linspace(args.mass**2, (inputs.M_K - inputs.LEPTON_MASSES[args.lepton]) ** 2, args.points)
    values = spectrum(args.model, args.mass, grid, args.coupling, args.lepton)
    rows = [{"m2_miss_GeV2": s, "dBR_dm2miss_per_GeV2": v} for s, v in zip(grid, values)]
    text = output.csv_text(rows, ["m2_miss_GeV2", "dBR_dm2miss_per_GeV2"], inputs_of(args), "{:.10g}")
    output.write_text(args.out, text)
