"""Overlay the constraints library (kaonlib.searches.constraints) on a matplotlib axes in the plane of KMRT's figures:
alpha = coupling^2 / 4 pi versus the mediator mass in MeV.

Styles by kind: "excluded" a light fill edged in its own colour (one colour per bound, so that overlapping bounds
stay apart), "favoured" green fill, "projection" a dashed line. Regions: "above" fills
from the curve to the top of the axes, "band" fills the closed outline, "masses" shades the mass interval at every
coupling, "line" (thermal targets) is drawn as a line. The computed (g-2)_mu region is left out by default
(kaonlib.presentation.plots draws it); ``gm2=True`` adds it.
"""

import math

import numpy as np

from kaonlib.inputs import DEFAULT_G_MINUS_2
from kaonlib.searches import constraints

STYLE = {"excluded": {"alpha": 0.2}, "favoured": {"color": "darkgreen", "alpha": 0.3},
         "projection": {"color": "black", "ls": "--", "lw": 1.2}}
EXCLUDED_COLOURS = ("tab:orange", "tab:brown", "tab:purple", "tab:olive", "tab:cyan", "tab:pink",
                    "darkkhaki", "slateblue")  # not grey: the (g-2) exclusion
LINE = {"lw": 1.5}  # thermal targets: one colour each from the axes' cycle


def to_alpha(couplings):
    return np.asarray(couplings, dtype=float) ** 2 / (4 * math.pi)


def draw_bound(ax, bound, top=1.0, colour=EXCLUDED_COLOURS[0]):
    """Draw one :class:`kaonlib.searches.constraints.Bound` on ``ax`` (x: MeV, y: alpha); returns the artist.
    ``colour``: that of an excluded region (its fill and edge)."""
    style, mass = dict(STYLE[bound.kind]), np.asarray(bound.mass_GeV) * 1e3
    if bound.kind == "excluded":
        style.update(facecolor=colour, edgecolor=colour)
    if bound.region == "masses":
        return ax.axvspan(mass[0], mass[1], label=bound.label, lw=0.8, **style)
    if bound.region == "line":
        return ax.plot(mass, to_alpha(bound.coupling), label=bound.label, **LINE)[0]
    if bound.kind == "projection":
        return ax.plot(mass, to_alpha(bound.coupling), label=bound.label, **style)[0]
    if bound.region == "band":
        return ax.fill(mass, to_alpha(bound.coupling), label=bound.label, lw=0.8, **style)[0]
    return ax.fill_between(mass, to_alpha(bound.coupling), top, label=bound.label, lw=0.8, **style)


def overlaps(bound, mass_range):
    """Whether the bound's masses cover part of ``mass_range`` (GeV, low and high) of nonzero length."""
    if mass_range is None:
        return True
    return min(bound.mass_GeV) < mass_range[1] and max(bound.mass_GeV) > mass_range[0]


def draw_bounds(ax, model, era=DEFAULT_G_MINUS_2, gm2=False, extra=(), top=1.0, decays=None, mass_range=None):
    """Every bound that applies to ``model`` (kaonlib.searches.constraints.bounds, plus ``extra``), drawn in alpha
    vs MeV; with ``decays`` (a tuple of kaonlib.searches.constraints.DECAYS) only the bounds whose decay assumption
    holds in the figure's scenario (e.g. KMRT Fig. 1 right, V -> chi chi: "any" and "invisible", which drops BABAR's
    visible 4 mu and the H0 band of V -> nu nu) and, given ``mass_range`` (GeV), not those entirely outside it (no
    legend entry for a bound off the axes); returns the drawn bounds. ``top`` is the alpha up to which "above"
    regions are filled."""
    found = [bound for bound in constraints.bounds(model, era, extra=extra, gm2=gm2)
             if (decays is None or bound.decays in decays) and overlaps(bound, mass_range)]
    colours = {}  # one colour per excluded label: a bound shipped in pieces keeps its colour
    for bound in found:
        if bound.kind == "excluded" and bound.label not in colours:
            colours[bound.label] = EXCLUDED_COLOURS[len(colours) % len(EXCLUDED_COLOURS)]
        draw_bound(ax, bound, top, colours.get(bound.label, EXCLUDED_COLOURS[0]))
    return found
