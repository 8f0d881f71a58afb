"""Overlay the constraints library (kaonlib.searches.constraints) on a matplotlib axes in the plane of KMRT's figures:
alpha = coupling^2 / 4 pi versus the mediator mass in MeV.

Styles by kind: "excluded" grey fill, "favoured" green fill, "projection" a dashed line. Regions: "above" fills
from the curve to the top of the axes, "band" fills the closed outline, "masses" shades the mass interval at every
coupling, "line" (thermal targets) is drawn as a line. The computed (g-2)_mu region is left out by default
(kaonlib.presentation.plots draws it); ``gm2=True`` adds it.
"""

import math

import numpy as np

from kaonlib.inputs import DEFAULT_G_MINUS_2
from kaonlib.searches import constraints

STYLE = {"excluded": {"color": "tab:gray", "alpha": 0.25}, "favoured": {"color": "tab:green", "alpha": 0.3},
         "projection": {"color": "black", "ls": "--", "lw": 1.2}}
LINE = {"lw": 1.5}  # thermal targets: one colour each from the axes' cycle


def to_alpha(couplings):
    return np.asarray(couplings, dtype=float) ** 2 / (4 * math.pi)


def draw_bound(ax, bound, top=1.0):
    """Draw one :class:`kaonlib.searches.constraints.Bound` on ``ax`` (x: MeV, y: alpha); returns the artist."""
    style, mass = STYLE[bound.kind], np.asarray(bound.mass_GeV) * 1e3
    if bound.region == "masses":
        return ax.axvspan(mass[0], mass[1], label=bound.label, lw=0, **style)
    if bound.region == "line":
        return ax.plot(mass, to_alpha(bound.coupling), label=bound.label, **LINE)[0]
    if bound.kind == "projection":
        return ax.plot(mass, to_alpha(bound.coupling), label=bound.label, **style)[0]
    if bound.region == "band":
        return ax.fill(mass, to_alpha(bound.coupling), label=bound.label, lw=0, **style)[0]
    return ax.fill_between(mass, to_alpha(bound.coupling), top, label=bound.label, lw=0, **style)


def draw_bounds(ax, model, era=DEFAULT_G_MINUS_2, gm2=False, extra=(), top=1.0):
    """Every bound that applies to ``model`` (kaonlib.searches.constraints.bounds, plus ``extra``), drawn in alpha
    vs MeV;
    returns the drawn bounds. ``top`` is the alpha up to which "above" regions are filled."""
    found = constraints.bounds(model, era, extra=extra, gm2=gm2)
    for bound in found:
        draw_bound(ax, bound, top)
    return found
