"""The ``kaonlib`` command line: one small module per command, each parsing its options, calling the library
and handing the result to one writer (kaonlib.presentation.output: atomic files, provenance in every output).

Every command has --help; masses accept unit suffixes (100MeV, 0.1GeV). Bad input exits with status 2 and one
line on stderr (the library's InputError, argparse's usage errors and file errors); nothing is written then.
"""

import sys

from kaonlib import __version__
from kaonlib.presentation.cli import bounds, br, dark, decays, figures, four_lepton, gm2, reach, scan, spectrum
from kaonlib.presentation.cli.common import Parser, UsageError
from kaonlib.presentation.output import check_writable
from kaonlib.validate import InputError

COMMANDS = (br, spectrum, decays, gm2, reach, figures, four_lepton, dark, bounds, scan)
OUTPUTS = ("out", "plot", "spectrum", "events_out", "lhe")  # file options: their folders are checked first


def build_parser():
    parser = Parser(prog="kaonlib", description="Rare kaon decays from derived amplitudes: K+ -> l+ nu X, "
                    "the NA62 searches, the SM four-lepton decays and the dark dipole.")
    parser.add_argument("--version", action="version", version=f"kaonlib {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for command in COMMANDS:
        command.add_parser(commands)
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
