"""One validation layer: every public function checks its inputs here and raises :class:`InputError` (a
ValueError) whose message names the allowed range. The command line catches only InputError (and OSError for
files) and prints it as one line.

Ranges that are not set by kinematics are set by what the physics can represent in double precision:
mediator masses from 1e-15 to 1e6 GeV (the loop integrals and widths stay finite and accurate there), couplings
up to 4 pi (beyond, perturbation theory, which every formula here is, has no meaning).
"""

import math

import numpy as np

MASS_RANGE = (1e-15, 1e6)  # GeV: mediator masses for decays and (g-2)
COUPLING_MAX = 4 * math.pi  # perturbative couplings only


class InputError(ValueError):
    """An unphysical or out-of-range input; the message names the allowed range."""


def number(value, name, low=-math.inf, high=math.inf, unit="", low_open=False, high_open=False):
    """float(value), which must be finite and inside [low, high] (open ends where asked)."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} = {value!r} must be a number") from None
    below = value <= low if low_open else value < low
    above = value >= high if high_open else value > high
    if not math.isfinite(value) or below or above:
        units = f" {unit}" if unit else ""
        bounds = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise InputError(f"{name} = {value!r}{units} is outside the allowed range {bounds}{units} (finite numbers)")
    return value


def integer(value, name, low, high):
    """int(value) with low <= value <= high (sizes of grids and samples are bounded)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InputError(f"{name} = {value!r} must be an integer in [{low}, {high}]")
    if not low <= value <= high:
        raise InputError(f"{name} = {value} is outside the allowed range [{low}, {high}]")
    return int(value)


def coupling(value, name="coupling"):
    return number(value, name, 0.0, COUPLING_MAX)


def mediator_mass(value, name="mediator mass"):
    return number(value, name, *MASS_RANGE, unit="GeV")


def array(values, name, low=-math.inf, high=math.inf, unit=""):
    """A float array whose entries are finite and inside [low, high]."""
    try:
        out = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be numbers") from None
    bad = ~np.isfinite(out) | (out < low) | (out > high)
    if np.any(bad):
        first = out[bad].ravel()[0]
        units = f" {unit}" if unit else ""
        raise InputError(f"{name} contains {first!r}{units}, outside the allowed range [{low:g}, {high:g}]{units} "
                         "(finite numbers)")
    return out


def choice(value, name, allowed):
    if value not in allowed:
        raise InputError(f"unknown {name} {value!r}; choose one of {', '.join(map(str, allowed))}")
    return value
