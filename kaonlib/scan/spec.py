"""The scan spec (kaonlib.scan): its keys, the inputs with their defaults and ranges, the grid of points."""

import functools
import hashlib
import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kaonlib import __version__, inputs, validate
from kaonlib.processes import k3munu
from kaonlib.processes.kmunu import check_mass, models
from kaonlib.units import parse_energy

MAX_POINTS = 1_000_000  # grid points of one scan
OUTPUTS = ("branching_ratio", "widths", "gm2", "reach", "dimuon_reach")
NEED_COUPLING = ("branching_ratio", "widths", "gm2")
KEYS = ("models", "masses", "couplings", "inputs", "outputs", "chunk_size")
SAMPLE_INPUTS = ("form_factors", "dimuon_events", "seed")  # make the di-muon background sample
SOURCE_SUFFIXES = (".py", ".pyx", ".pxi", ".yaml", ".json", ".csv")


def choice_of(allowed):
    return lambda value, name: validate.choice(str(value), name, allowed)


def number_in(low, high, **options):
    return lambda value, name: validate.number(value, name, low, high, **options)


def integer_in(low, high):
    def convert(value, name):
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):  # exactly, not through a float
            return validate.integer(value, name, low, high)
        number = validate.number(value, name, low, high)
        if number != int(number):
            raise validate.InputError(f"{name} = {value!r} must be an integer in [{low}, {high}]")
        return int(number)
    return convert


# name: (default, converter, outputs that use it); defaults as in kaonlib.searches.na62 and dimuon (KMRT)
INPUTS = {
    "lepton": ("mu", choice_of(("mu", "e")), ("branching_ratio",)),
    "era": (inputs.DEFAULT_G_MINUS_2, choice_of(tuple(inputs.G_MINUS_2)), ("gm2", "reach")),
    "kaons": (1e13, number_in(1.0, 1e18), ("reach", "dimuon_reach")),
    "acceptance": (0.35, number_in(0.0, 1.0, low_open=True), ("reach",)),
    "kappa": (0.0, number_in(0.0, 10.0), ("reach",)),
    "gtk_factor": (0.25, number_in(0.0, 1.0, low_open=True), ("reach",)),
    "dimuon_acceptance": (0.05, number_in(0.0, 1.0, low_open=True), ("dimuon_reach",)),
    "form_factors": (k3munu.DEFAULT_FORM_FACTORS, choice_of(tuple(k3munu.FORM_FACTOR_SETS)), ("dimuon_reach",)),
    "dimuon_events": (1_000_000, integer_in(1000, 100_000_000), ("dimuon_reach",)),
    "resolution_slope": (5e-5, number_in(0.0, 0.1), ("dimuon_reach",)),
    "seed": (1, integer_in(0, 2**63 - 1), ("dimuon_reach",)),
}


@dataclass(frozen=True)
class Spec:
    models: tuple
    masses: tuple  # GeV
    couplings: tuple  # empty: no coupling axis
    inputs: tuple  # ((name, (values...)), ...) for the inputs the outputs use, in INPUTS order
    outputs: tuple
    chunk_size: int = 50

    def points(self):
        """Every grid point as a dict of its inputs, in a fixed order: the Monte Carlo inputs of the di-muon
        background vary slowest (each sample is then made once per process, not once per point), then models,
        masses, couplings and the other inputs."""
        slow = [(name, values) for name, values in self.inputs if name in SAMPLE_INPUTS]
        axes = [*slow, ("model", self.models), ("mass_GeV", self.masses)]
        axes += [("coupling", self.couplings)] if self.couplings else []
        axes += [(name, values) for name, values in self.inputs if name not in SAMPLE_INPUTS]
        names = [name for name, _ in axes]
        return [dict(zip(names, values)) for values in itertools.product(*(values for _, values in axes))]

    def fingerprint(self):
        """SHA-256 of the spec and of the package's code and data (what the input names stand for: the (g-2)
        eras, the form-factor sets, the kernels): parts of another scan, or made by other code, are never mixed
        in."""
        text = json.dumps({"spec": self.__dict__, "kaonlib": __version__, "sources": sources_hash()}, sort_keys=True,
                          default=list)
        return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def sources_hash():
    """SHA-256 over kaonlib's Python, Cython and data files (their paths and contents)."""
    package = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file()):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def as_list(value, name):
    return list(value) if isinstance(value, (list, tuple)) else [value]


def axis(value, name, convert):
    """A list of values, or {linspace|geomspace: [low, high, n]} (numbers or energies with units)."""
    if isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in ("linspace", "geomspace"):
            raise validate.InputError(f"{name}: a grid is {{linspace: [low, high, n]}} or {{geomspace: [...]}}")
        kind, args = next(iter(value.items()))
        if not isinstance(args, list) or len(args) != 3:
            raise validate.InputError(f"{name}: {kind} needs [low, high, n], got {args!r}")
        low, high = convert(args[0], f"{name} low"), convert(args[1], f"{name} high")
        if kind == "geomspace" and not low > 0:
            raise validate.InputError(f"{name}: geomspace needs low > 0")
        values = list(getattr(np, kind)(low, high, integer_in(1, MAX_POINTS)(args[2], f"{name} n")))
    else:
        values = as_list(value, name)
    if not values:
        raise validate.InputError(f"{name} is empty")
    return tuple(convert(v, name) for v in values)


def energy(value, name):
    return parse_energy(value) if isinstance(value, str) else validate.number(value, name, 0.0, 1e30, "GeV")


def load(spec):
    """A :class:`Spec` from a mapping or a YAML file, every entry checked (InputError names what is wrong)."""
    if isinstance(spec, Spec):
        return spec
    if isinstance(spec, (str, os.PathLike)):
        import yaml

        with open(spec) as stream:
            try:
                spec = yaml.safe_load(stream)
            except yaml.YAMLError as err:
                raise validate.InputError(f"scan spec {str(spec)!r} is not valid YAML: {err}") from None
    if not isinstance(spec, dict):
        raise validate.InputError(f"a scan spec is a mapping with keys {', '.join(KEYS)}")
    unknown = sorted(set(spec) - set(KEYS))
    if unknown:
        raise validate.InputError(f"unknown key(s) {', '.join(unknown)} in the scan spec; known: {', '.join(KEYS)}")
    for key in ("models", "masses", "outputs"):
        if key not in spec:
            raise validate.InputError(f"the scan spec needs {key!r}")
    chosen = models() if spec["models"] == "all" else axis(spec["models"], "models", choice_of(models()))
    outputs = axis(spec["outputs"], "outputs", choice_of(OUTPUTS))
    couplings = axis(spec["couplings"], "couplings", validate.coupling) if "couplings" in spec else ()
    if not couplings and any(o in NEED_COUPLING for o in outputs):
        raise validate.InputError(f"outputs {', '.join(o for o in outputs if o in NEED_COUPLING)} need 'couplings'")
    if couplings and not any(o in NEED_COUPLING for o in outputs):
        raise validate.InputError(f"'couplings' is used only by {', '.join(NEED_COUPLING)}, not asked for")
    given = spec.get("inputs") or {}
    if not isinstance(given, dict):
        raise validate.InputError("'inputs' is a mapping of input names to a value or a list of values")
    for name in given:
        if name not in INPUTS:
            raise validate.InputError(f"unknown input {name!r}; known: {', '.join(INPUTS)}")
        if not set(INPUTS[name][2]) & set(outputs):
            raise validate.InputError(f"input {name!r} is used only by {', '.join(INPUTS[name][2])}, not asked for")
    axes = tuple((name, axis(given.get(name, default), name, convert)) for name, (default, convert, users)
                 in INPUTS.items() if set(users) & set(outputs))
    masses = axis(spec["masses"], "masses", energy)
    check_masses(masses, outputs, dict(axes))
    result = Spec(tuple(chosen), masses, couplings, axes, tuple(dict.fromkeys(outputs)),
                  integer_in(1, 100_000)(spec.get("chunk_size", 50), "chunk_size"))
    size = len(result.models) * len(masses) * max(1, len(couplings)) * int(np.prod([len(v) for _, v in axes]))
    if size > MAX_POINTS:
        raise validate.InputError(f"the grid has {size} points; at most {MAX_POINTS} in one scan")
    return result


def check_masses(masses, outputs, axes):
    """Every mass must lie where each requested output is defined (the di-muon reach is left empty outside)."""
    for m in masses:
        validate.mediator_mass(m, "masses")
        if "reach" in outputs:
            check_mass(m)
        for lepton in axes.get("lepton", ()) if "branching_ratio" in outputs else ():
            check_mass(m, lepton)
