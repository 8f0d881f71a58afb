"""The ``kaonlib`` command line: one small module per command, each parsing its options, calling the library
and handing the result to one writer (kaonlib.output: atomic files, provenance in every output).

Every command has --help; masses accept unit suffixes (100MeV, 0.1GeV). Bad input exits with status 2 and one
line on stderr (the library's InputError, argparse's usage errors and file errors); nothing is written then.
"""

import sys

from .. import __version__, cli_bounds
from ..output import check_writable
from ..validate import InputError
from . import br, dark, decays, figures, gm2, k3munu, reach, spectrum
from .common import Parser, UsageError

COMMANDS = (br, spectrum, decays, gm2, reach, figures, k3munu, dark)
OUTPUTS = ("out", "plot", "spectrum", "events_out", "lhe")  # file options: their folders are checked first


def build_parser():
    parser = Parser(prog="kaonlib", description="Rare kaon decays from derived amplitudes: K+ -> l+ nu X, "
                    "the NA62 searches, the SM four-lepton decays and the dark dipole.")
    parser.add_argument("--version", action="version", version=f"kaonlib {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in COMMANDS:
        command.add_parser(commands)
    cli_bounds.add_parsers(commands)
    return parser


def main(argv=None):
    try:
        args = build_parser().parse_args(argv)
        check_writable(*(getattr(args, name, None) for name in OUTPUTS))
        return args.run(args) or 0
    except (UsageError, InputError, OSError) as err:
        print(f"kaonlib: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
