"""``kaonlib figures --outdir DIR``: the figures of the source papers, KMRT (arXiv:1902.07715) Figs. 1, 2 (both panels
each), 4, 5 (both panels) and FG (arXiv:1911.03755) Figs. 1, 3, 4, plus the reach of every other registered model.
The drawing is kaonlib.presentation.plots (plots_kmrt, plots_fg). Each figure is written as PDF and PNG (--format),
with its curves beside it as CSV and as a HEPData submission (folder <name>.hepdata/, when hepdata_lib is installed:
pip install "kaonlib[hepdata]"). The reaches, the thermal targets and the FG scan run on the executor (--workers,
--scheduler); the invisible vector reach and the di-muon background are computed once and shared by the figures.
"""

import dataclasses
import functools
import importlib.util
import os

import numpy as np

from kaonlib.inputs import M_K, M_MU
from kaonlib.presentation import figure_data
from kaonlib.presentation.cli.common import (
    add_executor,
    add_gm2_era,
    add_quiet,
    argument_type,
    executor,
    inputs_of,
    integer,
    progress,
    warn,
)
from kaonlib.presentation.output import FIGURE_SUFFIXES
from kaonlib.processes import dark
from kaonlib.processes.kmunu import models
from kaonlib.searches import dimuon, na62, reach
from kaonlib.validate import InputError

PAPER_MODELS = ("vector", "scalar")  # drawn as KMRT's Figs. 1 and 2; every other model gets reach_<model>
DARK_MATTER = {"m_V_over_m_chi": 3.0, "q_chi": 1.0}  # kaonlib.mediator.freezeout.thermal_target's defaults
FG_ERA = "2025"  # NA62 and KOTO inputs of FG Fig. 4 (kaonlib.inputs.NA62_BOUNDS, KOTO_BOUNDS)


def formats(text):
    """'pdf,png' -> ('pdf', 'png'), each one matplotlib writes here."""
    chosen = tuple(dict.fromkeys(part.strip().lower().lstrip(".") for part in text.split(",") if part.strip()))
    allowed = tuple(suffix.lstrip(".") for suffix in FIGURE_SUFFIXES)
    if not chosen or any(fmt not in allowed for fmt in chosen):
        raise InputError(f"--format {text!r}: a comma-separated list of {', '.join(allowed)}")
    return chosen


def add_parser(commands):
    parser = commands.add_parser("figures", help="the source papers' figures (KMRT 1, 2, 4, 5; FG 1, 3, 4)",
                                 description="Write the figures of KMRT and FG, with their data, to a folder")
    parser.add_argument("--outdir", required=True)
    parser.add_argument("--format", type=argument_type(formats), default=("pdf", "png"),
                        help="comma-separated: pdf, png, svg (pdf,png)")
    add_gm2_era(parser)
    parser.add_argument("--points", type=integer(2, 1000, "--points"), default=60,
                        help="masses per reach curve (60)")
    parser.add_argument("--dm-points", type=integer(1, 200, "--dm-points"), default=8,
                        help="masses per thermal freeze-out target (8; about 6 s each for each of 3 candidates)")
    add_quiet(parser)
    add_executor(parser)
    parser.set_defaults(run=run)


def invisible(model, args, runner):
    return reach.invisible_reach(model, reach.default_masses(args.points), era=args.era, progress=progress(args),
                                 executor=runner)


def visible(model, args, background):
    """The di-muon reach (empty for a model whose mediator does not decay to muons); ``background()`` gives the SM
    background sample (made once per run)."""
    if not dimuon.decays_to_muons(model):
        return []
    search = dimuon.DimuonSearch()
    return [dimuon.reach_point(model, m, search, background()) for m in dimuon.default_masses(args.points)]


def jobs(args, runner):
    """(file stem, draw) of every figure; draw(path) computes the figure's inputs and draws it to path."""
    from kaonlib.mediator import freezeout
    from kaonlib.presentation import plots, plots_fg, plots_kmrt

    era = args.era
    background = functools.cache(lambda: dimuon.DimuonSearch().background_sample(runner))
    targets = np.geomspace(3e-3, M_K - M_MU, args.dm_points)
    ratio, q_chi = DARK_MATTER["m_V_over_m_chi"], DARK_MATTER["q_chi"]
    vector_reach = functools.cache(lambda: invisible("vector", args, runner))
    out = [
        ("kmrt_fig1_left", lambda path: plots.plot_reach(
            "vector", vector_reach(), path, era, dimuon_rows=visible("vector", args, background), bounds=True)),
        ("kmrt_fig1_right", lambda path: plots_kmrt.plot_thermal_targets(
            "vector", vector_reach(), freezeout.target_bounds("vector", targets, ratio, q_chi, executor=runner), path,
            era, ratio, q_chi)),
        ("kmrt_fig2_left", lambda path: plots_kmrt.plot_visible(
            "scalar", visible("scalar", args, background), path, era)),
        ("kmrt_fig2_right", lambda path: plots.plot_reach(
            "scalar", invisible("scalar", args, runner), path, era, bounds=True,
            decays=plots_kmrt.INVISIBLE)),
        ("kmrt_fig4", plots_kmrt.plot_branching_ratios),
        ("kmrt_fig5_left", plots_kmrt.plot_spectra),
        ("kmrt_fig5_right", plots_kmrt.plot_cut_and_count_bands),
        ("fg_fig1", plots_fg.plot_grossman_nir),
        ("fg_fig3", plots_fg.plot_dark_dalitz),
        ("fg_fig4", lambda path: plots_fg.plot_kl_bound(
            path, dark.kl_bound_grid(FG_ERA, executor=runner), FG_ERA)),
    ]
    for model in models():
        if model not in PAPER_MODELS:
            out.append((f"reach_{model}", lambda path, model=model: plots.plot_reach(
                model, invisible(model, args, runner), path, era, dimuon_rows=visible(model, args, background),
                bounds=True)))
    return out


def recorded_inputs(args):
    """The options and the searches' inputs (N_K, acceptance, kappa, form factors, ...) for every figure's data."""
    invisible_search = {field.name: getattr(na62.InvisibleSearch(), field.name)
                        for field in dataclasses.fields(na62.InvisibleSearch) if field.name != "background"}
    return {**inputs_of(args), "invisible_search": {**invisible_search, "kappa": 0.0,
                                                     "background": "kaonlib.searches.background.na62_2015"},
            "dimuon_search": dataclasses.asdict(dimuon.DimuonSearch()), "dark_matter": DARK_MATTER, "fg_era": FG_ERA}


def run(args):
    os.makedirs(args.outdir, exist_ok=True)
    hepdata = importlib.util.find_spec("hepdata_lib") is not None
    if not hepdata:
        warn('hepdata_lib is not installed: figures get CSV data only (pip install "kaonlib[hepdata]")')
    inputs_used = recorded_inputs(args)
    with executor(args) as runner:
        for name, draw in jobs(args, runner):
            write(name, draw, args, hepdata, inputs_used)


def write(name, draw, args, hepdata, inputs_used):
    """Draw one figure in every format, with its CSV and HEPData beside it, and say what was written."""
    stem = os.path.join(args.outdir, name)
    figures = [f"{stem}.{fmt}" for fmt in args.format]
    drawn = draw(path=figures)
    figure_data.write_csv(f"{stem}.csv", drawn.curves, drawn.x_label, drawn.y_label, inputs_used)
    written = [*figures, f"{stem}.csv"]
    if hepdata:
        figure_data.write_hepdata(f"{stem}.hepdata", drawn.title or name, drawn.curves, drawn.x_label,
                                  drawn.y_label, inputs_used)
        written.append(f"{stem}.hepdata/")
    print("wrote " + ", ".join(written), flush=True)
