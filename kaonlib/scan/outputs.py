"""The outputs of a scan point (kaonlib.scan): each a function of the point's inputs returning its columns."""

import math
import re
from functools import lru_cache

import numpy as np

from kaonlib.mediator import decays, gminus2
from kaonlib.model import model as get_model
from kaonlib.processes import k3munu, rates
from kaonlib.searches import dimuon, na62, reach


def evaluate(spec, points):
    """The rows of a chunk of points (one task of an executor)."""
    return [{**point, **{key: plain(value) for output in spec.outputs for key, value in OUTPUT[output](point).items()}}
            for point in points]


def plain(value):
    """Python scalars (numpy's become their Python twins), so that rows are JSON and compare exactly."""
    return value.item() if isinstance(value, np.generic) else value


def branching_ratio(point):
    """BR(K+ -> l+ nu X); empty for a model that has no K+ -> l+ nu X for this lepton (it couples to neither l
    nor nu_l)."""
    if point["lepton"] not in get_model(point["model"]).leptons:
        return {"branching_ratio": None}
    return {"branching_ratio": rates.branching_ratio(point["model"], point["mass_GeV"], point["coupling"],
                                                     point["lepton"])}


def widths(point):
    """Partial widths of X (kaonlib.mediator.decays; channels named width_<channel>_GeV) and their sum."""
    found = decays.partial_widths(point["model"], point["mass_GeV"], point["coupling"])
    columns = {f"width_{re.sub('[^A-Za-z0-9]+', '_', name)}_GeV": width for name, width in found.items()}
    return {**columns, "width_total_GeV": sum(found.values())}


def gm2(point):
    region = gminus2.region(point["model"], point["mass_GeV"], point["era"])
    return {"delta_a_mu": gminus2.delta_a_mu(point["model"], point["mass_GeV"], point["coupling"]),
            "gm2_region": region.kind, "gm2_coupling_low": region.low,
            "gm2_coupling_high": region.high if math.isfinite(region.high) else None}


@lru_cache(maxsize=8)
def invisible_search(kaons, acceptance, gtk_factor):
    search = na62.InvisibleSearch(kaons=kaons, acceptance=acceptance, gtk_factor=gtk_factor)
    return search, search.background_events()


def invisible(point):
    """The NA62 invisible reach (kaonlib.searches.reach columns)."""
    search, background = invisible_search(point["kaons"], point["acceptance"], point["gtk_factor"])
    row = reach.reach_point(point["model"], point["mass_GeV"], search, point["kappa"], point["era"], background)
    return {key: value for key, value in row.items() if key != "mass_GeV"}


@lru_cache(maxsize=2)
def dimuon_sample(form_factors, events, seed):
    """The SM background sample of the di-muon reach, once per configuration and process."""
    return k3munu.simulate(events, form_factors, seed)


def visible(point):
    """The di-muon reach (kaonlib.searches.dimuon columns, prefixed dimuon_); empty where it is not defined: masses
    outside :func:`kaonlib.searches.dimuon.mass_range` and mediators without X -> mu mu."""
    low, high = dimuon.mass_range()
    if not (low <= point["mass_GeV"] <= high and dimuon.decays_to_muons(point["model"])):
        return {f"dimuon_{column}": None for column in dimuon.COLUMNS if column != "mass_GeV"}
    search = dimuon.DimuonSearch(kaons=point["kaons"], acceptance=point["dimuon_acceptance"],
                                 resolution_slope=point["resolution_slope"], events=point["dimuon_events"],
                                 form_factors=point["form_factors"], seed=point["seed"])
    sample = dimuon_sample(point["form_factors"], point["dimuon_events"], point["seed"])
    row = dimuon.reach_point(point["model"], point["mass_GeV"], search, sample)
    return {f"dimuon_{key}": value for key, value in row.items() if key != "mass_GeV"}


OUTPUT = {"branching_ratio": branching_ratio, "widths": widths, "gm2": gm2, "reach": invisible,
          "dimuon_reach": visible}
