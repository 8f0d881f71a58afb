"""The constraints library: every shipped bound loads with its provenance; each conversion of a published coupling
convention to a model's own (fixtures in tests/data/constraints, hand-written, one per conversion); the computed
(g-2)_mu region against the one-loop formula of PHYSICS.md section 2 integrated by mpmath; the NA62 recast on a
fixture table; ``kaonlib bounds``."""

import json
import math
from pathlib import Path

import mpmath
import pytest

import kaonlib
from kaonlib.inputs import G_MINUS_2, M_MU
from kaonlib.presentation import cli
from kaonlib.searches import constraints, recast

FIXTURES = Path(__file__).parents[1] / "data" / "constraints"
NA62_FIXTURE = Path(__file__).parents[1] / "data" / "na62_kmunux_fixture.yaml"


def fixture(name):
    return constraints.read(FIXTURES / f"{name}.yaml")


def test_every_shipped_bound_loads_with_its_provenance():
    shipped = constraints.library()
    assert {"bbn_lmu_ltau", "bbn_muon_scalar", "h0_neff_lmu_ltau"} <= set(shipped)
    for entry in shipped.values():
        for key in constraints.PROVENANCE:
            assert str(entry[key]).strip(), key
        assert "arXiv:" in entry["reference"]


def test_alpha_is_converted_to_the_coupling():
    """alpha = 1e-8, 4e-8 -> g = sqrt(4 pi alpha) = 3.5449e-4, 7.0898e-4 (by hand)."""
    bound = constraints.convert(fixture("alpha_lmu_ltau"), kaonlib.model("vector").record)
    assert bound.coupling == pytest.approx((3.5449077e-4, 7.0898154e-4), rel=1e-7)


def test_a_coupling_normalised_differently_is_rescaled():
    """Published vertices g'/2 (g' = 2 g): the limit on g is half the published one."""
    bound = constraints.convert(fixture("half_normalised_lmu_ltau"), kaonlib.model("vector").record)
    assert bound.scale == pytest.approx(0.5) and bound.coupling == pytest.approx((1e-4, 3e-4))


def test_the_sign_convention_of_a_yukawa_drops_out():
    """kaonlib's scalar is -y phi mubar mu; a bound published for +y applies unchanged (rates go as y^2)."""
    bound = constraints.convert(fixture("plus_yukawa_scalar"), kaonlib.model("scalar").record)
    assert bound.scale == 1.0 and bound.coupling == pytest.approx((1e-3, 2e-3))


def test_bounds_do_not_apply_to_other_coupling_structures():
    record = kaonlib.model
    assert constraints.convert(fixture("plus_yukawa_scalar"), record("pseudoscalar").record) is None
    assert constraints.convert(fixture("plus_yukawa_scalar"), record("vector").record) is None  # spin
    for other in ("vector_muon_only", "axial_vector", "lmu_minus_le"):  # not the L_mu - L_tau structure
        assert constraints.convert(fixture("alpha_lmu_ltau"), record(other).record) is None
    assert constraints.ratio({"mu": {"V": 1.0}}, {"mu": {"V": 1.0}, "tau": {"V": -1.0}}) is None
    assert constraints.ratio({"mu": {"V": 2.0}, "tau": {"V": 2.0}}, {"mu": {"V": 1.0}, "tau": {"V": -1.0}}) is None
    assert constraints.ratio({"mu": {"V": -3.0}, "tau": {"V": 3.0}}, {"mu": {"V": 1.0}, "tau": {"V": -1.0}}) == -3.0


def test_a_malformed_file_names_what_is_wrong(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text((FIXTURES / "alpha_lmu_ltau.yaml").read_text().replace("kind: excluded", "kind: maybe"))
    with pytest.raises(ValueError, match="bad.yaml: kind"):
        constraints.read(path)
    path.write_text((FIXTURES / "alpha_lmu_ltau.yaml").read_text().replace("licence: fixture", ""))
    with pytest.raises(ValueError, match="missing licence"):
        constraints.read(path)
    path.write_text((FIXTURES / "alpha_lmu_ltau.yaml").read_text().replace("kind: excluded",
                                                                            "kind: excluded\ndecays: sometimes"))
    with pytest.raises(ValueError, match="bad.yaml: decays must be one of any, visible, invisible, neutrinos"):
        constraints.read(path)


def test_shipped_bounds_attach_by_structure():
    labels = {name: {b.label for b in constraints.bounds(name)} for name in ("vector", "scalar", "pseudoscalar")}
    assert "BBN" in labels["vector"] and any("H_0" in label for label in labels["vector"])
    assert "BBN" in labels["scalar"] and not any("H_0" in label for label in labels["scalar"])
    assert "BBN" not in labels["pseudoscalar"]  # published for the scalar Yukawa only


def one_loop_vector(mass):
    """PHYSICS.md: Delta a / g^2 = 1/(4 pi^2) int_0^1 z (1-z)^2 / ((1-z)^2 + z m_V^2/m_mu^2) dz (mpmath)."""
    r = mpmath.mpf(mass) ** 2 / mpmath.mpf(M_MU) ** 2
    return mpmath.quad(lambda z: z * (1 - z) ** 2 / ((1 - z) ** 2 + z * r), [0, 1]) / (4 * mpmath.pi**2)


@pytest.mark.parametrize("era", ["2025", "2021"])
def test_gm2_region_of_the_vector_is_the_one_loop_formula_at_the_stated_delta_a(era):
    (bound,) = [b for b in constraints.bounds("vector", era) if "g-2" in b.label]
    measured, n = G_MINUS_2[era], len(bound.mass_GeV)
    for i in (0, n // 4, n // 2 - 1):
        mass, coupling = bound.mass_GeV[i], bound.coupling[i]
        delta = float(one_loop_vector(mass)) * coupling**2
        if era == "2025":  # no anomaly: the upper limit leaves the 2 sigma interval
            assert bound.kind == "excluded" and delta == pytest.approx(measured.value + 2 * measured.uncertainty)
        else:  # favoured band: the outline runs along the lower edge first
            assert bound.kind == "favoured" and delta == pytest.approx(measured.value - 2 * measured.uncertainty)


def test_na62_recast_of_a_fixture_table():
    masses, limits = recast.load_hepdata(NA62_FIXTURE, column=0)
    assert masses == pytest.approx([0.01, 0.1, 0.2, 0.3]) and limits[2] == 3e-7
    bound = recast.na62_bound("vector", masses, limits, spin=1)
    model = kaonlib.model("vector")
    for m, g, br in zip(bound.mass_GeV, bound.coupling, limits):
        # KMRT Eq. (2): two neutrino flavours at m/(24 pi) each, mu mu at m (1 + 2 mu) beta/(12 pi) above threshold
        mu = M_MU**2 / m**2
        muons = (1 + 2 * mu) * math.sqrt(1 - 4 * mu) / (12 * math.pi) if mu < 0.25 else 0.0
        invisible = (2 / (24 * math.pi)) / (2 / (24 * math.pi) + muons)
        assert model.branching_ratio(m, g) * invisible == pytest.approx(br, rel=1e-10)
    scalar = recast.load_hepdata(NA62_FIXTURE, column=1)
    with pytest.raises(ValueError, match="does not decay invisibly"):  # phi -> mu mu, gamma gamma only
        recast.na62_bound("scalar", *scalar, spin=0)
    invisible = recast.na62_bound("scalar", *scalar, spin=0, all_invisible=True)  # KMRT's invisible scenario
    for m, g, br in zip(invisible.mass_GeV, invisible.coupling, scalar[1]):
        assert kaonlib.model("scalar").branching_ratio(m, g) == pytest.approx(br, rel=1e-10)
    with pytest.raises(ValueError, match="spin-0 X"):
        recast.na62_bound("vector", *scalar, spin=0)
    with pytest.raises(ValueError, match="dependent variable 5"):
        recast.load_hepdata(NA62_FIXTURE, column=5)


def test_cli_bounds_json(tmp_path, capsys):
    out = tmp_path / "bounds.json"
    table = ["--na62-table", str(NA62_FIXTURE)]
    assert cli.main(["bounds", "vector", "--json", "--out", str(out), *table, "--na62-spin", "1"]) == 0
    result = json.loads(out.read_text())
    assert result["model"] == "vector"
    kinds = {b["label"]: b["kind"] for b in result["bounds"]}
    assert kinds["BBN"] == "excluded" and any("NA62" in label for label in kinds)
    for bound in result["bounds"]:
        assert set(bound) == {"label", "reference", "kind", "region", "decays", "mass_GeV", "coupling"}
        assert bound["region"] == "masses" or len(bound["mass_GeV"]) == len(bound["coupling"])
    decays = {b["label"]: b["decays"] for b in result["bounds"]}
    assert decays["BBN"] == "any" and decays["BABAR $4\\mu$"] == "visible"
    assert all(value == "invisible" for label, value in decays.items() if "NA62" in label)
    assert cli.main(["bounds", "nosuch"]) == 2
    assert cli.main(["bounds", "vector", "--na62-table", str(tmp_path / "missing.yaml"), "--na62-spin", "1"]) == 2
    assert cli.main(["bounds", "vector", *table]) == 2  # the table's spin must be stated
    assert cli.main(["bounds", "vector", *table, "--na62-spin", "0", "--na62-column", "1"]) == 2  # not a vector X
    assert len(capsys.readouterr().err.strip().splitlines()) == 4
    assert math.isfinite(result["bounds"][-1]["coupling"][0])


def test_draw_bounds_in_alpha_and_mev():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kaonlib.presentation import bounds_plot

    fig, ax = plt.subplots()
    drawn = bounds_plot.draw_bounds(ax, "vector", era="2021", gm2=True)
    assert {b.kind for b in drawn} == {"excluded", "favoured"}
    (band,) = [b for b in drawn if b.region == "band"]
    polygon = [p for p in ax.patches if p.get_label() == band.label][0].get_xy()
    assert polygon[0] == pytest.approx((band.mass_GeV[0] * 1e3, band.coupling[0] ** 2 / (4 * math.pi)))
    assert len(bounds_plot.draw_bounds(ax, "vector")) == len(drawn) - 1  # (g-2) left to kaonlib.presentation.plots
    plt.close(fig)


def test_draw_a_target_line():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kaonlib.presentation import bounds_plot

    line = constraints.Bound("target", "ref", "favoured", "line", (0.01, 0.1), (1e-3, 2e-3), {}, 1.0)
    fig, ax = plt.subplots()
    bounds_plot.draw_bounds(ax, "scalar", extra=[line])
    (drawn,) = [artist for artist in ax.lines if artist.get_label() == "target"]
    assert list(drawn.get_xdata()) == pytest.approx([10.0, 100.0])
    assert list(drawn.get_ydata()) == pytest.approx([1e-6 / (4 * math.pi), 4e-6 / (4 * math.pi)])
    plt.close(fig)
