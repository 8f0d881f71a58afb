"""Recast of a published upper limit on BR(K+ -> mu+ nu X), X invisible, into a limit on any model's coupling.

NA62 (Phys. Lett. B 816 (2021) 136259, arXiv:2101.12304) gives 90 % CL upper limits on BR(K+ -> mu+ nu X) for
m_X = 10-370 MeV, separately for a scalar and a vector X decaying to an invisible final state (the spectrum of
the muon differs between them, hence the acceptance). kaonlib's branching ratio scales as the coupling squared,
BR(m, g) = g^2 BR(m, 1) (kaonlib.processes.rates), and the limit applies to the invisible decays of X, whose
fraction f_inv(m) (kaonlib.mediator.decays, the channels marked invisible) does not depend on the coupling; so

    g_90(m) = sqrt(BR_90(m) / (BR(m, 1) f_inv(m)))

(f_inv = 1 below the di-muon threshold for the L_mu - L_tau vector; above it V -> mu mu weakens the limit).

The table used must be the one for the model's mediator spin (0: scalar, 1: vector). NA62's limit table is
published on HEPData (record of arXiv:2101.12304); kaonlib does not ship a copy: read it with :func:`load_hepdata`
from a YAML table downloaded from hepdata.net.
"""

import math

import numpy as np

from kaonlib import validate
from kaonlib.mediator import decays
from kaonlib.model import model as get_model
from kaonlib.searches.constraints import Bound
from kaonlib.validate import InputError

UNITS = {"GEV": 1.0, "MEV": 1e-3}
NA62_2021 = "NA62, Phys. Lett. B 816 (2021) 136259, arXiv:2101.12304"


def load_hepdata(path, column=0):
    """(m_X in GeV, BR upper limit) from a HEPData YAML table: the first independent variable (its header units
    "MeV" or "GeV") and the dependent variable number ``column``. ValueError naming what is wrong otherwise."""
    import yaml

    with open(path) as stream:
        try:
            table = yaml.safe_load(stream)
        except yaml.YAMLError as err:
            raise InputError(f"{path}: not YAML ({err})") from None
    try:
        axis = table["independent_variables"][0]
        limit = table["dependent_variables"][column]
        unit = str(axis["header"].get("units", "")).upper()
        limit_units = str(limit.get("header", {}).get("units", "") or "").strip()
    except (KeyError, IndexError, TypeError, AttributeError):
        raise InputError(f"{path}: not a HEPData table with an independent variable (with a header) and dependent "
                         f"variable {column}") from None
    if unit not in UNITS:
        raise InputError(f"{path}: mass units {unit!r}; expected MeV or GeV")
    if limit_units:  # e.g. "10^-6": a scale kaonlib would otherwise silently ignore
        raise InputError(f"{path}: the limits carry units {limit_units!r}; give them as plain branching ratios")
    try:
        masses = np.array([float(point["value"]) for point in axis["values"]]) * UNITS[unit]
        limits = np.array([float(point["value"]) for point in limit["values"]])
    except (KeyError, TypeError, ValueError):
        raise InputError(f"{path}: every mass and limit needs a numeric 'value'") from None
    if len(masses) != len(limits) or not (np.all(np.diff(masses) > 0) and np.all(limits > 0)
                                          and np.all(np.isfinite(limits))):
        raise InputError(f"{path}: need increasing masses and as many positive limits")
    return masses, limits


def coupling_limit(name, masses, br_limits, lepton="mu", all_invisible=False):
    """g_90 = sqrt(BR_90 / (BR(m, 1) f_inv(m))) at each mass (GeV) for kaonlib.model(name); masses where the model
    has no K+ -> l+ nu X (m_X >= m_K - m_l) or no invisible decay are not accepted (InputError).
    ``all_invisible``: f_inv = 1, KMRT's invisible scenario (X decays to a dark sector the model file does not list,
    or outside the detector)."""
    model = get_model(name)
    if len(masses) != len(br_limits):
        raise InputError(f"{len(masses)} masses but {len(br_limits)} limits")
    out = []
    for m, br in zip(masses, br_limits):
        br = validate.number(br, "BR limit", 0.0, 1.0)  # a branching ratio: a negative one has no coupling
        invisible = 1.0 if all_invisible else invisible_fraction(model, m)
        if not invisible > 0:
            raise InputError(f"the mediator of {name!r} does not decay invisibly at {m} GeV: NA62's limit does not "
                             "apply")
        out.append(math.sqrt(br / (model.branching_ratio(m, 1.0, lepton) * invisible)))
    return np.array(out)


def invisible_fraction(model, mass):
    """BR(X -> invisible) at coupling 1 (it does not depend on a single coupling): channels marked invisible."""
    widths = decays.branching_ratios(model.partial_widths(mass, 1.0))
    invisible = {c["name"] for c in model.record["channels"] if c["invisible"]}
    return sum(fraction for channel, fraction in widths.items() if channel in invisible)


def na62_bound(name, masses, br_limits, spin, reference=NA62_2021, all_invisible=False):
    """The recast limit as a :class:`kaonlib.searches.constraints.Bound` (kind "excluded", couplings above); ValueError
    when the table's mediator spin is not the model's."""
    model = get_model(name)
    if spin != model.spin:
        raise InputError(f"the BR limit is for a spin-{spin} X; model {name!r} has a spin-{model.spin} mediator")
    coupling = coupling_limit(name, masses, br_limits, all_invisible=all_invisible)
    source = {"reference": reference, "figure": "BR(K+ -> mu+ nu X) upper limits, recast with kaonlib.processes.rates",
              "hepdata": "record of arXiv:2101.12304", "digitised_by": "not digitised: HEPData table",
              "licence": "HEPData (CC0)"}
    return Bound("NA62 $K^+\\to\\mu^+\\nu X$ (recast)", f"{reference}; recast g = sqrt(BR_90 / BR(g = 1))",
                 "excluded", "above", tuple(float(m) for m in masses), tuple(float(c) for c in coupling), source, 1.0,
                 decays="invisible")
