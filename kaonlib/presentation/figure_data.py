"""The data beside every figure: what a plot draws is recorded while it is drawn and written as CSV and as a
HEPData submission (hepdata_lib, optional extra ``kaonlib[hepdata]``), with the inputs that made it.

:class:`RecordingAxes` wraps a matplotlib Axes: ``plot`` records a curve (x, y), ``fill_between`` a band
(x, low, high), ``stairs`` a histogram (bin edges, values), ``fill`` a closed outline (its vertices), ``axvspan``
an interval of x at every y (a band from 0 to infinity); everything else passes through (an inset, a zoom of
curves already recorded, is drawn on a plain Axes).
"""

import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from kaonlib.presentation.output import atomic, csv_text, provenance


@dataclass(frozen=True)
class Curve:
    label: str
    x: np.ndarray  # points, or bin edges for a histogram (one more than the values)
    y: np.ndarray  # values, or the lower edge of a band
    y_high: np.ndarray | None = None  # upper edge of a band

    @property
    def binned(self):
        return self.x.size == self.y.size + 1


class RecordingAxes:
    """An Axes that remembers the curves drawn on it (labels of unlabelled curves are numbered)."""

    def __init__(self, ax):
        self.ax, self.curves = ax, []

    def record(self, label, x, y, y_high=None):
        label = label if label and not str(label).startswith("_") else f"curve {len(self.curves) + 1}"
        as_array = lambda v: np.asarray(v, dtype=float).ravel()  # noqa: E731
        high = None if y_high is None else np.broadcast_to(as_array(y_high), as_array(y).shape)
        self.curves.append(Curve(str(label), as_array(x), as_array(y), high))

    def plot(self, x, y, *args, **kwargs):
        self.record(kwargs.get("label"), x, y)
        return self.ax.plot(x, y, *args, **kwargs)

    def fill_between(self, x, y1, y2=0, **kwargs):
        self.record(kwargs.get("label"), x, np.broadcast_to(y1, np.shape(x)), np.broadcast_to(y2, np.shape(x)))
        return self.ax.fill_between(x, y1, y2, **kwargs)

    def stairs(self, values, edges, **kwargs):
        self.record(kwargs.get("label"), edges, values)
        return self.ax.stairs(values, edges, **kwargs)

    def fill(self, x, y, **kwargs):
        self.record(kwargs.get("label"), x, y)
        return self.ax.fill(x, y, **kwargs)

    def axvspan(self, x_low, x_high, **kwargs):
        self.record(kwargs.get("label"), [x_low, x_high], [0.0, 0.0], [np.inf, np.inf])
        return self.ax.axvspan(x_low, x_high, **kwargs)

    def __getattr__(self, name):
        return getattr(self.ax, name)


def rows(curves):
    """Long-format rows: curve, x (or x_low, x_high for bins), y (or y_low, y_high for bands)."""
    out = []
    for curve in curves:
        for i, y in enumerate(curve.y):
            row = {"curve": curve.label, "y": float(y)}
            if curve.binned:
                row["x_low"], row["x_high"] = float(curve.x[i]), float(curve.x[i + 1])
            else:
                row["x"] = float(curve.x[i])
            if curve.y_high is not None:
                row["y_high"] = float(curve.y_high[i])
            out.append(row)
    return out


def write_csv(path, curves, x_name, y_name, inputs):
    columns = ["curve", "x", "x_low", "x_high", "y", "y_high"]
    text = csv_text(rows(curves), columns, {**inputs, "x": x_name, "y": y_name})
    with atomic(path) as stream:
        stream.write(text)


@contextmanager
def working_directory(path):
    """hepdata_lib writes its submission.tar.gz into the current directory."""
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def write_hepdata(folder, title, curves, x_name, y_name, inputs):
    """A HEPData submission (YAML tables and submission.tar.gz) in ``folder``, one table per curve, built in a
    temporary folder and moved into place when complete. A curve with no finite point (an interval of x at every
    y, drawn by ``axvspan``) has no table: the submission's comment names it with its x interval."""
    from hepdata_lib import Submission, Table, Variable

    submission = Submission()
    intervals = []
    for number, curve in enumerate(curves, 1):
        keep = np.isfinite(curve.y) & (np.isfinite(curve.y_high) if curve.y_high is not None else True)
        if not keep.any():
            intervals.append(f"{curve.label}: every {y_name} for {x_name} from {curve.x.min():.6g} to "
                             f"{curve.x.max():.6g}")
            continue
        table = Table(re.sub(r"[^A-Za-z0-9 ._,:=()+-]", "", f"{number} {curve.label}")[:64])  # names files: unique
        table.description = f"{title}: {curve.label} (points where the curve is not defined are left out)"
        x = Variable(x_name, is_independent=True, is_binned=curve.binned)
        x.values = [(a, b) for a, b, k in zip(curve.x[:-1], curve.x[1:], keep) if k] if curve.binned else curve.x[keep]
        table.add_variable(x)
        for name, values in ((y_name, curve.y), (f"{y_name} (upper edge)", curve.y_high)):
            if values is not None:
                y = Variable(name, is_independent=False, is_binned=False)
                y.values = values[keep]
                table.add_variable(y)
        submission.add_table(table)
    regions = f" Regions without a table: {'; '.join(intervals)}." if intervals else ""
    submission.comment = f"{title}. Made by {provenance(inputs)['command']} with inputs {inputs}.{regions}"
    parent = os.path.dirname(os.path.abspath(folder))
    staging = tempfile.mkdtemp(prefix=".hepdata.", dir=parent)
    try:
        with working_directory(staging):
            submission.create_files(os.path.join(staging, "tables"), validate=False)
            shutil.move("submission.tar.gz", os.path.join(staging, "tables", "submission.tar.gz"))
        if os.path.exists(folder):
            shutil.rmtree(folder)
        os.replace(os.path.join(staging, "tables"), folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
