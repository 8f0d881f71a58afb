"""What every command shares: the parser that turns usage errors into one line, argument types that check
ranges while parsing, the model and mediator options, and one writer for results."""

import argparse
import sys

from kaonlib import execution, inputs, validate
from kaonlib.model import model as get_model
from kaonlib.presentation import output
from kaonlib.processes.kmunu import models
from kaonlib.units import parse_energy

MAX_POINTS = 10_000  # grid points of a scan: enough for any figure, bounded so a typo cannot run for days
MAX_KAONS = 1e18  # K+ decays: 1e5 times NA62's full sample
NOT_INPUTS = ("run", "json", "quiet", "workers", "scheduler")  # options that do not change a result


class UsageError(Exception):
    """A command line argparse rejects (unknown option, missing argument)."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def argument_type(convert):
    """An argparse type from a converter that raises InputError, so the message names the allowed range."""
    def parse(text):
        try:
            return convert(text)
        except validate.InputError as err:
            raise argparse.ArgumentTypeError(str(err)) from None
    parse.__name__ = getattr(convert, "__name__", "value")
    return parse


energy = argument_type(parse_energy)


def number(low, high, name, **kwargs):
    return argument_type(lambda text: validate.number(text, name, low, high, **kwargs))


def integer(low, high, name):
    def convert(text):
        try:
            value = int(text)
        except ValueError:
            raise validate.InputError(f"{name} = {text!r} must be an integer in [{low}, {high}]") from None
        return validate.integer(value, name, low, high)
    return argument_type(convert)


def add_model(parser):
    parser.add_argument("model", choices=models(), metavar="MODEL", help=f"one of: {', '.join(models())}")


def add_mediator(parser):
    """MODEL, --mass, --coupling and --out: the options of the per-model commands."""
    couplings = ", ".join(f"{name}: {get_model(name).coupling_name}" for name in models())
    add_model(parser)
    parser.add_argument("--mass", type=energy, required=True, help="mediator mass, GeV or with a unit (100MeV)")
    parser.add_argument("--coupling", type=number(0.0, validate.COUPLING_MAX, "--coupling"), default=1.0,
                        help=f"the model's coupling, 0 to 4 pi ({couplings}); default 1")
    parser.add_argument("--out", help="write to this file instead of standard output")


def add_gm2_era(parser):
    """--era: the (g-2)_mu input (kaonlib.inputs.G_MINUS_2)."""
    parser.add_argument("--era", choices=sorted(inputs.G_MINUS_2), default=inputs.DEFAULT_G_MINUS_2,
                        help=f"(g-2)_mu input (default {inputs.DEFAULT_G_MINUS_2})")


def add_form_factor_options(parser):
    """The SM K -> l nu l' l' form factors (kaonlib.processes.k3munu); None means the default set."""
    from kaonlib.processes.k3munu import DEFAULT_FORM_FACTORS, FORM_FACTOR_SETS

    parser.add_argument("--form-factors", choices=sorted(FORM_FACTOR_SETS),
                        help=f"F_V, F_A, R of the SM K -> l nu l' l' (default {DEFAULT_FORM_FACTORS}: O(p^4) ChPT "
                        "with R "
                        "from the O(p^4) kaon radius; chpt-radius: R from the measured radius; measured; ib: none)")
    parser.add_argument("--form-factor-r", type=number(-10.0, 10.0, "--form-factor-r"),
                        help="charge-radius form factor R, overriding the set's")


def add_json(parser):
    parser.add_argument("--json", action="store_true", help="machine-readable, sorted JSON with a metadata block")


def inputs_of(args):
    """The parsed options (for the metadata of every output)."""
    return {key: value for key, value in sorted(vars(args).items()) if key not in NOT_INPUTS}


def text_format(result):
    return "\n".join(f"{key}: {value}" for key, value in sorted(result.items())) + "\n"


def emit(args, result):
    """The result as JSON (--json) or as key: value lines, to --out (atomically) or standard output."""
    text = output.json_text(result, inputs_of(args)) if args.json else text_format(result)
    output.write_text(args.out, text)


def warn(message):
    print(f"kaonlib: warning: {message}", file=sys.stderr)


def add_quiet(parser):
    parser.add_argument("--quiet", action="store_true", help="no progress bar (none is shown off a terminal)")


def progress(args):
    """Show progress bars only on a terminal and without --quiet (no flood in logs)."""
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def add_executor(parser):
    """--workers N or --scheduler ADDRESS: where the work runs (kaonlib.execution); serial without either."""
    where = parser.add_argument_group("execution (default: serially in this process; results are identical)")
    choice = where.add_mutually_exclusive_group()
    choice.add_argument("--workers", type=integer(1, execution.MAX_WORKERS, "--workers"),
                        help='run on a local Dask cluster of N processes (pip install "kaonlib[distributed]")')
    choice.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on an existing Dask scheduler, e.g. tcp://host:8786 (README: Running on a cluster)")


def executor(args):
    """The executor the options ask for, as a context manager."""
    return execution.executor(args.workers, args.scheduler)
