"""Parsing of masses and energies with an optional unit suffix: '0.1', '100MeV', '0.1 GeV' -> GeV."""

import math
import re

from .validate import InputError

UNITS_IN_GEV = {"eV": 1e-9, "keV": 1e-6, "MeV": 1e-3, "GeV": 1.0, "TeV": 1e3}
PATTERN = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z]*)\s*$")


def parse_energy(text):
    """A number in GeV, or a number followed by one of eV, keV, MeV, GeV, TeV (case as written)."""
    match = PATTERN.match(str(text))
    if not match or (match.group(2) and match.group(2) not in UNITS_IN_GEV):
        raise InputError(
            f"malformed mass or energy {text!r}: expected a number with an optional unit "
            f"({', '.join(UNITS_IN_GEV)}), e.g. 100MeV or 0.1GeV"
        )
    value = float(match.group(1)) * UNITS_IN_GEV.get(match.group(2) or "GeV")
    if not math.isfinite(value) or value > 1e30:
        raise InputError(f"mass or energy {text!r} is not a finite number of GeV below 1e30")
    return value
