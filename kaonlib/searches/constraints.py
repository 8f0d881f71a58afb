"""The constraints library: published bounds on a mediator, shipped as data, converted to a model's own coupling.

Each bound is one YAML file in ``kaonlib/data/constraints/`` with its provenance beside the numbers:
``label``, ``kind`` (excluded | favoured | projection), ``decays`` (what it assumes of the mediator's decays,
:data:`DECAYS`; "any" when absent), ``region`` ("above": couplings above the curve; "masses":
every coupling for masses in ``mass_GeV = [low, high]``), ``reference``, ``figure``, ``hepdata``, ``digitised_by``,
``licence``, the published ``convention`` and the curve ``mass_GeV``, ``coupling``.

A bound never names a model. Its ``convention`` declares the coupling structure it was published for: the mediator
spin, the ``quantity`` plotted ("coupling" g or "alpha" = g^2/4pi) and, per SM lepton, the vertex per unit coupling
in the basis of the generated manifest (c_S + c_P i gamma5 for spin 0, gamma^beta (c_V + c_A gamma5) for spin 1,
``kaonlib.model(name).record["lorentz_structure"]``). A bound applies to a model when the spins agree, the model
couples to the same leptons and its vertices are the published ones times one common number r:
c_model[l][k] = r c_pub[l][k] for every lepton l and structure k. The physical couplings then agree when
g_model r = g_pub, so a published limit g_pub becomes g_model = g_pub / |r| (rates go as g^2: the sign of r drops
out). Bounds on other coupling structures (a vector on the muon alone, a pseudoscalar) are not rescaled: they do
not apply, and :func:`bounds` leaves them out, unless the file declares a ``recast``: a production process kaonlib
derives (``recast: {production: "e+e- -> mu+ mu- X, X -> mu+ mu-", sqrt_s_GeV, assumptions}``, BABAR's 4 mu
search), through which the limit on sigma x BR is carried to any muon coupling (kaonlib.searches.ee_recast).

The (g-2)_mu region is computed, not read: :func:`gm2_bounds` evaluates kaonlib.mediator.gminus2.region on a mass
grid for
the model's own one-loop contribution (a favoured band is returned with region "band", a closed outline).
"""

import itertools
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kaonlib.inputs import DEFAULT_G_MINUS_2, G_MINUS_2, M_K, M_MU
from kaonlib.mediator import gminus2
from kaonlib.model import model as get_model
from kaonlib.validate import InputError

DATA = Path(__file__).parents[1] / "data" / "constraints"  # kaonlib/data/constraints
KINDS = ("excluded", "favoured", "projection")
REGIONS = ("above", "masses")
QUANTITIES = {"coupling": lambda values: values, "alpha": lambda values: np.sqrt(4 * math.pi * values)}
PROVENANCE = ("reference", "figure", "hepdata", "digitised_by", "licence")
# What a bound assumes of the mediator's decays: "visible" (to charged leptons or photons seen by the experiment),
# "invisible" (it escapes), "neutrinos" (V -> nu nubar specifically, e.g. the Delta N_eff band), "any" (production,
# loops or lifetime alone). A figure of one decay scenario draws only the bounds that hold in it.
DECAYS = ("any", "visible", "invisible", "neutrinos")
RECASTS = ("e+e- -> mu+ mu- X, X -> mu+ mu-",)  # production processes kaonlib.searches.ee_recast derives
TOLERANCE = 1e-9  # relative, for "the model's vertices are r times the published ones"


@dataclass(frozen=True)
class Bound:
    """A bound in a model's convention: ``coupling`` is the model's own coupling at each ``mass_GeV`` (empty for a
    region of masses); ``source`` keeps the file's provenance fields (and a recast's assumptions) and ``scale`` the
    factor 1/|r| applied (None for a recast, whose factor depends on the mass)."""

    label: str
    reference: str
    kind: str
    region: str
    mass_GeV: tuple
    coupling: tuple
    source: dict
    scale: float
    decays: str = "any"  # the mediator decays the bound assumes (DECAYS)

    def as_dict(self):
        """The JSON form of ``kaonlib bounds --json`` (with "recast": its assumptions, for a recast bound)."""
        out = {"label": self.label, "reference": self.reference, "kind": self.kind, "region": self.region,
               "decays": self.decays, "mass_GeV": list(self.mass_GeV), "coupling": list(self.coupling)}
        if "recast" in self.source:
            out["recast"] = " ".join(self.source["recast"].split())
        return out


def recast_ok(recast, masses):
    """A recast block names a production process kaonlib derives, its sqrt(s) in GeV (a number, with
    e+e- -> mu+ mu- X open at every mass of the bound: m_X < sqrt(s) - 2 m_mu) and its assumptions."""
    if not (isinstance(recast, dict) and recast.get("production") in RECASTS and recast.get("assumptions")):
        return False
    try:
        sqrt_s = float(recast.get("sqrt_s_GeV"))
    except (TypeError, ValueError):
        return False
    return max(masses, default=0.0) < sqrt_s - 2 * M_MU


def read(path):
    """The raw YAML mapping of a bound file, checked: ValueError naming the file and the field otherwise."""
    import yaml  # only when bounds are read: import kaonlib stays fast

    where = Path(path).name
    with open(path) as stream:
        try:
            entry = yaml.safe_load(stream)
        except yaml.YAMLError as err:
            raise InputError(f"{where}: not YAML ({err})") from None
    if not isinstance(entry, dict):
        raise InputError(f"{where}: a bound file is a YAML mapping")
    missing = [key for key in ("label", "kind", "region", "convention", "mass_GeV", "coupling", *PROVENANCE)
               if key not in entry]
    if missing:
        raise InputError(f"{where}: missing {', '.join(missing)}")
    if entry["kind"] not in KINDS or entry["region"] not in REGIONS:
        raise InputError(f"{where}: kind must be one of {KINDS} and region one of {REGIONS}")
    convention = entry["convention"]
    if not isinstance(convention, dict) or not isinstance(convention.get("vertices"), dict):
        raise InputError(f"{where}: convention is a mapping with spin, quantity and vertices")
    if convention.get("quantity") not in QUANTITIES or convention.get("spin") not in (0, 1):
        raise InputError(f"{where}: convention needs spin 0 or 1 and quantity one of {', '.join(QUANTITIES)}")
    try:
        mass, coupling = [float(m) for m in entry["mass_GeV"]], [float(c) for c in entry["coupling"]]
    except (TypeError, ValueError):
        raise InputError(f"{where}: mass_GeV and coupling are lists of numbers") from None
    if entry.setdefault("decays", "any") not in DECAYS:
        raise InputError(f"{where}: decays must be one of {', '.join(DECAYS)} (what the bound assumes of X's decays)")
    if "recast" in entry and not recast_ok(entry["recast"], mass):
        raise InputError(f"{where}: recast needs production (one of {', '.join(RECASTS)}), sqrt_s_GeV (a number "
                         "with every mass below sqrt_s_GeV - 2 m_mu, the channel open) and assumptions")
    if entry["region"] == "masses" and not (len(mass) == 2 and not coupling and 0 <= mass[0] < mass[1]):
        raise InputError(f"{where}: a region of masses is mass_GeV: [low, high] with coupling: []")
    if entry["region"] == "above" and not (len(mass) == len(coupling) >= 2 and np.all(np.diff(mass) > 0)
                                           and min(mass) > 0 and min(coupling) > 0):
        raise InputError(f"{where}: a curve needs increasing masses > 0 and as many couplings > 0")
    return entry


def library(directory=DATA):
    """{file stem: raw entry} of every bound file in ``directory`` (default: the shipped library)."""
    return {path.stem: read(path) for path in sorted(Path(directory).glob("*.yaml"))}


def ratio(structure, published):
    """The common r with structure[l][k] = r published[l][k] for every lepton and structure, or None.

    ``structure`` and ``published`` are {lepton: {"S"|"P"|"V"|"A": coefficient}}; zero coefficients are ignored."""
    def nonzero(vertices):
        return {(lepton, key): float(c) for lepton, coeffs in vertices.items() for key, c in coeffs.items() if c}

    model, paper = nonzero(structure), nonzero(published)
    if not paper or set(model) != set(paper):
        return None
    first = next(iter(paper))
    r = model[first] / paper[first]
    if all(math.isclose(model[key], r * paper[key], rel_tol=TOLERANCE) for key in paper):
        return r
    return None


def convert(entry, record, name=None):
    """The bound ``entry`` in the convention of the model with manifest ``record``, or None when it does not
    apply (another spin or another coupling structure). A bound with a ``recast`` field also applies, given the
    model's ``name``, to other structures through the derived production cross-section
    (kaonlib.searches.ee_recast); its label then says "recast"."""
    convention = entry["convention"]
    r = ratio(record["lorentz_structure"], convention["vertices"]) if convention["spin"] == record["spin"] else None
    published = QUANTITIES[convention["quantity"]](np.asarray(entry["coupling"], dtype=float))
    label, source = entry["label"], {key: entry[key] for key in PROVENANCE}
    if r is not None:
        scale, coupling = 1.0 / abs(r), tuple(float(c) / abs(r) for c in published)
    elif "recast" in entry and name is not None:
        from kaonlib.searches import ee_recast

        coupling = ee_recast.recast_couplings(entry, published, name, record)
        if coupling is None:
            return None
        scale, label = None, f"{label} (recast)"
        source["recast"] = entry["recast"]["assumptions"]
    else:
        return None
    return Bound(label=label, reference=" ".join(entry["reference"].split()), kind=entry["kind"],
                 region=entry["region"], mass_GeV=tuple(float(m) for m in entry["mass_GeV"]), coupling=coupling,
                 source=source, scale=scale, decays=entry["decays"])


def gm2_bounds(name, era=DEFAULT_G_MINUS_2, points=120, n_sigma=2.0):
    """The (g-2)_mu region of the model at n_sigma, computed from its one-loop contribution (kaonlib.mediator.gminus2)
    on
    log-spaced masses from 1 MeV to m_K - m_mu, one :class:`Bound` per run of masses with the same kind: a
    favoured band as one closed outline (region "band": along the lower edge, back along the upper), or the upper
    limit (kind "excluded", region "above"). Empty without a muon coupling."""
    masses = np.geomspace(1e-3, M_K - M_MU, points)
    regions = [gminus2.region(name, m, era, n_sigma) for m in masses]
    measured = G_MINUS_2[era]
    reference = f"one-loop Delta a_mu of the model (kaonlib.mediator.gminus2) against era {era!r}: {measured.source}"
    source = {"reference": reference, "figure": "computed", "hepdata": "none", "digitised_by": "computed by kaonlib",
              "licence": "kaonlib"}
    out, index = [], 0
    for kind, run in itertools.groupby(regions, key=lambda found: found.kind):
        run = list(run)
        mass = masses[index:index + len(run)]
        index += len(run)
        if kind == "favoured":
            outline = (tuple(mass) + tuple(mass[::-1]), tuple(r.low for r in run) + tuple(r.high for r in run[::-1]))
        elif kind == "excluded":
            outline = (tuple(mass), tuple(r.high for r in run))
        else:  # "none": the mediator does not contribute at these masses
            continue
        label = rf"$(g-2)_\mu$ {kind}, ${n_sigma:g}\sigma$ ({era})"
        out.append(Bound(label, reference, kind, "band" if kind == "favoured" else "above",
                         tuple(float(m) for m in outline[0]), tuple(float(c) for c in outline[1]), source, 1.0))
    return out


def bounds(name, era=DEFAULT_G_MINUS_2, directory=DATA, extra=(), gm2=True):
    """Every bound of the library that applies to ``kaonlib.model(name)``, in its own coupling convention, then
    (with ``gm2``) the computed (g-2)_mu region of ``era`` and any ``extra`` :class:`Bound` (e.g. the NA62
    recast, the thermal targets of kaonlib.mediator.freezeout)."""
    record = get_model(name).record
    found = [bound for entry in library(directory).values() if (bound := convert(entry, record, name)) is not None]
    return found + (gm2_bounds(name, era) if gm2 else []) + list(extra)
