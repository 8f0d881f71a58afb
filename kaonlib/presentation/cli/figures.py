"""``kaonlib figures --outdir DIR``: the recipe of the source paper's figures (KMRT Figs. 1, 2, 4, 5) for every
registered model; the drawing is kaonlib.presentation.plots. Beside each figure: its curves as CSV and as a HEPData
submission (folder <name>.hepdata/, when hepdata_lib is installed: pip install "kaonlib[hepdata]")."""

import importlib.util
import os

from kaonlib import inputs
from kaonlib.model import DEFAULT_MODEL
from kaonlib.presentation import figure_data
from kaonlib.presentation.cli.common import add_executor, add_quiet, executor, inputs_of, progress, warn
from kaonlib.processes.kmunu import models
from kaonlib.searches import dimuon, reach


def add_parser(commands):
    parser = commands.add_parser("figures", help="the source paper's figures 1, 2, 4 and 5 for every model",
                                 description="Write reach, BR, spectra and cut-and-count figures to a folder")
    parser.add_argument("--outdir", required=True)
    parser.add_argument("--format", choices=("png", "pdf", "svg"), default="png")
    parser.add_argument("--era", choices=sorted(inputs.G_MINUS_2), default=inputs.DEFAULT_G_MINUS_2)
    add_quiet(parser)
    add_executor(parser)
    parser.set_defaults(run=run)


def run(args):
    from kaonlib.presentation import plots

    os.makedirs(args.outdir, exist_ok=True)
    hepdata = importlib.util.find_spec("hepdata_lib") is not None
    if not hepdata:
        warn('hepdata_lib is not installed: figures get CSV data only (pip install "kaonlib[hepdata]")')
    inputs_used = inputs_of(args)

    def save(name, draw, *arguments, **options):
        stem = os.path.join(args.outdir, name)
        drawn = draw(*arguments, path=f"{stem}.{args.format}", **options)
        figure_data.write_csv(f"{stem}.csv", drawn.curves, drawn.x_label, drawn.y_label, inputs_used)
        written = [f"{stem}.{args.format}", f"{stem}.csv"]
        if hepdata:
            figure_data.write_hepdata(f"{stem}.hepdata", drawn.title or name, drawn.curves, drawn.x_label,
                                      drawn.y_label, inputs_used)
            written.append(f"{stem}.hepdata/")
        print("wrote " + ", ".join(written))

    search = dimuon.DimuonSearch()
    with executor(args) as runner:
        sample = search.background_sample(runner)
        for model in models():
            rows = reach.invisible_reach(model, reach.default_masses(60), era=args.era, progress=progress(args),
                                         executor=runner)
            masses = dimuon.default_masses(60) if dimuon.decays_to_muons(model) else []
            visible = [dimuon.reach_point(model, m, search, sample) for m in masses]
            save(f"reach_{model}", plots.plot_reach, model, rows, era=args.era, dimuon_rows=visible, bounds=True)
    save("branching_ratios", plots.plot_branching_ratios)
    save(f"spectra_{DEFAULT_MODEL}", plots.plot_spectra)
    save(f"cut_and_count_{DEFAULT_MODEL}", plots.plot_cut_and_count_bands)
