"""Every registered model through the runtime: derived decay widths against textbook formulas, the diphoton
loop against KMRT Eq. (6), and every command of the command line (the runtime knows no model by name)."""

import json
import math

import pytest

import kaonlib
from kaonlib import cli, mediators
from kaonlib.inputs import ALPHA_EM, LEPTON_MASSES, M_MU
from kaonlib.output import read_csv

MODELS = kaonlib.models()


def textbook(structure, spin, m, m_f):
    """Gamma / g^2 of X -> f fbar: spin 0 m (c_S^2 b^3 + c_P^2 b)/(8 pi); spin 1 m [c_V^2 (1 + 2 m_f^2/m^2) b
    + c_A^2 b^3]/(12 pi), b = sqrt(1 - 4 m_f^2/m^2) (0 below threshold)."""
    if m <= 2 * m_f:
        return 0.0
    b = math.sqrt(1 - 4 * m_f**2 / m**2)
    if spin == 0:
        return m * (structure["S"] ** 2 * b**3 + structure["P"] ** 2 * b) / (8 * math.pi)
    return m * (structure["V"] ** 2 * (1 + 2 * m_f**2 / m**2) * b + structure["A"] ** 2 * b**3) / (12 * math.pi)


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("mass", [0.005, 0.2, 0.2114, 0.35, 5.0])
def test_generated_widths_equal_the_textbook_formula_of_each_vertex(name, mass):
    model = kaonlib.model(name)
    widths = model.partial_widths(mass, 1e-3)
    for lepton, structure in model.record["lorentz_structure"].items():
        expected = 1e-6 * textbook(structure, model.spin, mass, LEPTON_MASSES[lepton])
        assert widths[f"{lepton} {lepton}"] == pytest.approx(expected, rel=1e-12, abs=0), lepton


def test_acceptance_formulas_for_the_new_models():
    """Gamma(a -> mu mu) = y^2 m beta/(8 pi), Gamma(A -> mu mu) = g^2 m beta^3/(12 pi), relative 1e-8."""
    for m in (0.22, 0.3, 0.38):
        beta = math.sqrt(1 - 4 * M_MU**2 / m**2)
        assert kaonlib.model("pseudoscalar").partial_widths(m, 0.1)["mu mu"] == pytest.approx(
            0.01 * m * beta / (8 * math.pi), rel=1e-8)
        assert kaonlib.model("axial_vector").partial_widths(m, 0.1)["mu mu"] == pytest.approx(
            0.01 * m * beta**3 / (12 * math.pi), rel=1e-8)


@pytest.mark.parametrize("m", [0.01, 0.15, 0.2, 0.3])
def test_scalar_diphoton_is_kmrt_eq6(m):
    """KMRT Eq. (6): alpha^2 alpha_phi m^3/(64 pi^2 m_mu^2) |2 (x + (x - 1) arcsin^2 sqrt x)/x^2|^2 (x <= 1), with
    the continuation of arcsin^2 above threshold."""
    y, x = 0.01, m**2 / (4 * M_MU**2)
    f = math.asin(math.sqrt(x)) ** 2 if x <= 1 else -0.25 * (
        math.log((1 + math.sqrt(1 - 1 / x)) / (1 - math.sqrt(1 - 1 / x))) - 1j * math.pi) ** 2
    expected = ALPHA_EM**2 * (y**2 / (4 * math.pi)) * m**3 / (64 * math.pi**2 * M_MU**2) * abs(
        2 * (x + (x - 1) * f) / x**2) ** 2
    assert kaonlib.model("scalar").partial_widths(m, y)["gamma gamma"] == pytest.approx(expected, rel=1e-12)


def test_pseudoscalar_diphoton_light_limit():
    """A_P -> 2 for m_a << m_mu: Gamma = alpha^2 y^2 m^3 4 / (256 pi^3 m_mu^2) (Djouadi, hep-ph/0503173)."""
    m, y = 1e-4, 0.01
    expected = ALPHA_EM**2 * y**2 * m**3 * 4 / (256 * math.pi**3 * M_MU**2)
    assert kaonlib.model("pseudoscalar").partial_widths(m, y)["gamma gamma"] == pytest.approx(expected, rel=1e-6)


def test_dark_matter_only_for_models_that_declare_it():
    declared = [n for n in MODELS if kaonlib.model(n).dark_matter]
    assert declared == ["vector"]
    for name in set(MODELS) - set(declared):
        with pytest.raises(ValueError, match="declares no"):
            kaonlib.model(name).partial_widths(0.1, 1e-3, mediators.DarkMatter("dirac", 0.01, 1.0))


def run_json(capsys, *args):
    assert cli.main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def finite(values):
    return all(math.isfinite(v) for v in values)


@pytest.mark.parametrize("name", MODELS)
def test_every_command_works_for_every_model(name, capsys, tmp_path):
    br = run_json(capsys, "br", name, "--mass", "50MeV", "--coupling", "1e-3", "--json")
    assert br["branching_ratio"] > 0 and finite([br["branching_ratio"]])
    decays = run_json(capsys, "decays", name, "--mass", "300MeV", "--coupling", "1e-3", "--json")
    assert sum(decays["branching_ratios"].values()) == pytest.approx(1.0) and decays["decay_length_m"] > 0
    gm2 = run_json(capsys, "gm2", name, "--mass", "50MeV", "--coupling", "1e-3", "--json")
    assert gm2["region_kind"] in ("favoured", "excluded") and finite(gm2["coupling_region_2sigma"])
    assert math.copysign(1, gm2["delta_a_mu"]) == math.copysign(1, kaonlib.model(name).delta_a_mu(0.05))
    assert cli.main(["spectrum", name, "--mass", "0.1", "--points", "5", "--out", str(tmp_path / "s.csv")]) == 0
    for search, options in (("invisible", ["--points", "4"]), ("dimuon", ["--points", "3", "--events", "20000"])):
        out = tmp_path / f"{search}.csv"
        assert cli.main(["reach", name, "--search", search, *options, "--out", str(out),
                         "--plot", str(tmp_path / f"{search}.png")]) == 0
        rows = read_csv(out)
        column = "coupling_likelihood" if search == "invisible" else "coupling"
        assert len(rows) == int(options[1]) and finite(float(r[column]) for r in rows)


def test_electron_production_from_the_command_line(capsys):
    result = run_json(capsys, "br", "lmu_minus_le", "--mass", "50MeV", "--coupling", "1e-3", "--lepton", "e", "--json")
    assert result["branching_ratio"] == pytest.approx(
        kaonlib.model("lmu_minus_le").branching_ratio(0.05, 1e-3, lepton="e"), rel=1e-12)
    assert cli.main(["br", "scalar", "--mass", "50MeV", "--lepton", "e"]) == 2
