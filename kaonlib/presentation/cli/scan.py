"""``kaonlib scan SPEC.yaml --out results.csv`` (or .parquet): a declarative grid of models, masses, couplings and
inputs with the chosen outputs, one row per point (kaonlib.scan; README "Scans"). Finished chunks are kept in
``<out>.parts/`` while the scan runs: a scan interrupted (Ctrl-C, a killed job) and started again with the same
command computes only what is missing. The folder is removed once the table is written."""

import importlib.util
import json
import math
import shutil

from kaonlib import scan
from kaonlib.presentation import output
from kaonlib.presentation.cli.common import add_executor, add_quiet, executor, inputs_of, progress
from kaonlib.validate import InputError

FORMATS = (".csv", ".parquet")


def add_parser(commands):
    parser = commands.add_parser("scan", help="a grid of models x masses x couplings x inputs, resumable",
                                 description="Evaluate the outputs of a YAML scan spec at every grid point (README: "
                                 "Scans); restart the same command to resume an interrupted scan")
    parser.add_argument("spec", help="YAML scan spec: models, masses, couplings, inputs, outputs, chunk_size")
    parser.add_argument("--out", required=True, help="results table: .csv, or .parquet (needs pyarrow)")
    add_quiet(parser)
    add_executor(parser)
    parser.set_defaults(run=run)


def check_out(path):
    """The table format from the suffix; parquet only with pyarrow installed (CSV always works)."""
    suffix = next((s for s in FORMATS if path.lower().endswith(s)), None)
    if suffix is None:
        raise InputError(f"--out {path!r}: the scan table is written as {' or '.join(FORMATS)}")
    if suffix == ".parquet" and not pyarrow_installed():
        raise InputError(f"--out {path!r}: writing parquet needs pyarrow (pip install pyarrow), or write .csv")
    return suffix


def pyarrow_installed():
    return importlib.util.find_spec("pyarrow") is not None


def run(args):
    suffix = check_out(args.out)
    spec = scan.load(args.spec)
    parts = args.out + ".parts"
    with executor(args) as runner:
        rows = scan.run(spec, parts, runner, "scan" if progress(args) else None)
    inputs = {**inputs_of(args), "grid": spec.__dict__}  # the spec file and the checked grid it gave
    columns = list(dict.fromkeys(key for row in rows for key in row))
    if suffix == ".csv":
        output.write_text(args.out, output.csv_text(rows, columns, inputs, "{!r}"))  # repr: exact floats
    else:
        write_parquet(args.out, rows, columns, inputs)
    shutil.rmtree(parts)


def write_parquet(path, rows, columns, inputs):
    """A parquet table (pyarrow); the provenance is the schema metadata "kaonlib" (JSON). Non-finite and undefined
    values are null, as they are empty in CSV."""
    import pyarrow
    import pyarrow.parquet

    def cell(value):
        return None if isinstance(value, float) and not math.isfinite(value) else value

    table = pyarrow.Table.from_pylist([{c: cell(row.get(c)) for c in columns} for row in rows])
    metadata = {"kaonlib": json.dumps(output.provenance(inputs), sort_keys=True, default=list)}
    with output.atomic(path, "wb") as stream:
        pyarrow.parquet.write_table(table.replace_schema_metadata(metadata), stream)
