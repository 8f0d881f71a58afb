"""Declarative scans: a grid of models x masses x couplings x inputs, and the outputs asked for at each point
(README "Scans"). A spec is a mapping (a YAML file for ``kaonlib scan``):

    models: [vector, scalar]                  # or "all"
    masses: {geomspace: [1MeV, 300MeV, 40]}   # or linspace, or a list; GeV or with a unit
    couplings: [1e-4, 1e-3]                   # needed by branching_ratio, widths, gm2 (list, linspace, geomspace)
    inputs: {kaons: [1e12, 1e13], era: ["2021", "2025"]}   # each a value or a list (a grid axis)
    outputs: [branching_ratio, widths, gm2, reach, dimuon_reach]
    chunk_size: 50                            # points per chunk (default 50)

Every point is one row with its inputs (model, mass_GeV, coupling and each input its outputs use, defaults
filled in) and its outputs. Points are taken in a fixed order and cut into fixed chunks, so the table does not
depend on the executor (kaonlib.execution); finished chunks are kept in a folder and skipped when a scan is
restarted (:func:`run`).
"""

import json
import os
from functools import partial

from kaonlib import validate
from kaonlib.execution import chunked, progress_bar, serial_if_none
from kaonlib.presentation.output import atomic
from kaonlib.scan.outputs import evaluate
from kaonlib.scan.spec import INPUTS, OUTPUTS, Spec, load

__all__ = ["INPUTS", "OUTPUTS", "Spec", "load", "run"]


def run(spec, parts, executor=None, progress=None):
    """Rows of the scan ``spec``. Finished chunks are kept in the folder ``parts`` (one JSON file each, written
    atomically) and not computed again when the scan is restarted; ``progress``: a label for a progress bar."""
    spec = load(spec)
    chunks = chunked(spec.points(), spec.chunk_size)
    store = Parts(parts, spec)
    todo = [index for index in range(len(chunks)) if not store.done(index)]
    bar = progress_bar(len(chunks), progress)
    if bar is not None:
        bar.update(len(chunks) - len(todo))
    runner = serial_if_none(executor)
    for position, rows in runner.completed(partial(evaluate, spec), [chunks[index] for index in todo]):
        store.write(todo[position], rows)
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    return [row for index in range(len(chunks)) for row in store.read(index)]


class Parts:
    """The folder of finished chunks of one scan: spec.json (the spec and its fingerprint), chunk-NNNNNN.json."""

    def __init__(self, folder, spec):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        stamp = os.path.join(folder, "spec.json")
        fingerprint = spec.fingerprint()
        if os.path.exists(stamp):
            with open(stamp) as stream:
                if json.load(stream).get("fingerprint") != fingerprint:
                    raise validate.InputError(f"{folder!r} holds the chunks of another scan spec: remove it or "
                                              "write the results elsewhere")
        else:
            with atomic(stamp) as stream:
                json.dump({"fingerprint": fingerprint, "spec": spec.__dict__}, stream, default=list)

    def path(self, index):
        return os.path.join(self.folder, f"chunk-{index:06d}.json")

    def done(self, index):
        return os.path.exists(self.path(index))

    def write(self, index, rows):
        with atomic(self.path(index)) as stream:
            json.dump(rows, stream)

    def read(self, index):
        with open(self.path(index)) as stream:
            return json.load(stream)
