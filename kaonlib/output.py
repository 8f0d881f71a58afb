"""Writing results: atomically, with a record of how they were made.

Every file is written to a temporary file in the same folder and renamed over the target only when complete
(os.replace is atomic on POSIX and Windows), so an interrupted or failed write leaves no partial file and an
existing file untouched, and two concurrent writers never interleave (the last rename wins). Every table and
JSON document carries its provenance: the command line, the inputs and the package version (CSV: ``#`` comment
lines before the header, read with ``pandas.read_csv(path, comment="#")`` or :func:`read_csv`; JSON: a
``metadata`` object).
"""

import csv
import io
import json
import math
import os
import sys
import tempfile
from contextlib import contextmanager

from .validate import InputError

FIGURE_SUFFIXES = (".png", ".pdf", ".svg")


def provenance(inputs=None):
    """{"kaonlib": version, "command": argv, "inputs": {...}} for the metadata of an output."""
    from . import __version__

    return {"kaonlib": __version__, "command": " ".join(["kaonlib", *sys.argv[1:]]), "inputs": dict(inputs or {})}


@contextmanager
def atomic(path, mode="w"):
    """Open a temporary file beside ``path``; on success rename it to ``path``, on any error remove it."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, mode, newline="" if "b" not in mode else None) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, permissions(path))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def permissions(path):
    """The mode of the existing file, or what a plain open() would give (0666 minus the umask)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_writable(*paths):
    """InputError unless each output's folder exists (checked before any work, so a long computation cannot end
    in a failed write)."""
    for path in paths:
        if path is not None and not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            raise InputError(f"cannot write {path!r}: its folder does not exist")


def check_figure_path(path):
    """InputError unless the figure format is one matplotlib writes here (checked before any work is done)."""
    if path is not None and not str(path).lower().endswith(FIGURE_SUFFIXES):
        raise InputError(f"figure {path!r}: the file name must end in {', '.join(FIGURE_SUFFIXES)}")
    return path


def json_safe(value):
    """Non-finite floats become None (JSON has no NaN or Infinity), recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def json_text(result, inputs=None):
    """Sorted, strict JSON of ``result`` with a ``metadata`` object."""
    document = {**json_safe(result), "metadata": provenance(inputs)}
    return json.dumps(document, sort_keys=True, indent=2, allow_nan=False) + "\n"


def csv_text(rows, columns, inputs=None, number_format="{:.8g}"):
    """CSV with ``#`` provenance lines, a header and one line per row; None and non-finite values are empty."""
    buffer = io.StringIO()
    for key, value in provenance(inputs).items():
        buffer.write(f"# {key}: {json.dumps(value, sort_keys=True)}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([format_cell(row.get(c), number_format) for c in columns])
    return buffer.getvalue()


def format_cell(value, number_format):
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return number_format.format(value) if isinstance(value, float) else str(value)


def write_text(path, text):
    """``text`` to ``path`` atomically, or to standard output when path is None."""
    if path is None:
        sys.stdout.write(text)
        return
    with atomic(path) as stream:
        stream.write(text)


def read_csv(path):
    """Rows (dicts of strings) of a CSV written by :func:`csv_text`, skipping the ``#`` lines."""
    with open(path, newline="") as stream:
        return list(csv.DictReader(line for line in stream if not line.startswith("#")))
