"""``kaonlib figures --outdir DIR``: the recipe of the source paper's figures (KMRT Figs. 1, 2, 4, 5) for every
registered model; the drawing is kaonlib.plots."""

import os

from .. import dimuon, inputs, reach
from ..kmunu import models
from ..model import DEFAULT_MODEL
from .common import add_quiet, progress


def add_parser(commands):
    parser = commands.add_parser("figures", help="the source paper's figures 1, 2, 4 and 5 for every model",
                                 description="Write reach, BR, spectra and cut-and-count figures to a folder")
    parser.add_argument("--outdir", required=True)
    parser.add_argument("--format", choices=("png", "pdf", "svg"), default="png")
    parser.add_argument("--era", choices=sorted(inputs.G_MINUS_2), default=inputs.DEFAULT_G_MINUS_2)
    add_quiet(parser)
    parser.set_defaults(run=run)


def run(args):
    from .. import plots

    os.makedirs(args.outdir, exist_ok=True)
    written = []

    def target(name):
        written.append(os.path.join(args.outdir, f"{name}.{args.format}"))
        return written[-1]

    search = dimuon.DimuonSearch()
    sample = search.background_sample()
    for model in models():
        rows = reach.invisible_reach(model, reach.default_masses(60), era=args.era, progress=progress(args))
        visible = [dimuon.reach_point(model, m, search, sample) for m in dimuon.default_masses(60)
                   if dimuon.decays_to_muons(model)]
        plots.plot_reach(model, rows, target(f"reach_{model}"), args.era, dimuon_rows=visible)
    plots.plot_branching_ratios(target("branching_ratios"))
    plots.plot_spectra(target(f"spectra_{DEFAULT_MODEL}"))
    plots.plot_cut_and_count_bands(target(f"cut_and_count_{DEFAULT_MODEL}"))
    print("\n".join(f"wrote {path}" for path in written))
