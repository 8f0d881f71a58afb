"""The shipped constraints library (kaonlib/data/constraints): every file loads with its provenance, attaches to the
models of its coupling structure and to no other, and its numbers are the source's. Reference values are typed in
from the sources (the papers' text, DarkCast's limits/BaBar_TheBABAR2016rlg.lmt) or computed by hand, never taken
from the loader. The generic conversions (alpha -> g, g' = 2 g, the Yukawa sign) are in test_constraints.py."""

from pathlib import Path

import pytest

import kaonlib
from kaonlib.searches import constraints

FIXTURES = Path(__file__).parents[1] / "data" / "constraints"

# The models each shipped file must apply to, from its published coupling structure: the gauged L_mu - L_tau vector
# g V(mu, nu_mu L, -tau, -nu_tau L) is kaonlib's "vector" only (not lmu_minus_le, vector_muon_only or the axial
# vector); KMRT's muon-philic scalar -y phi mubar mu is "scalar" only (not the pseudoscalar). A new file needs a row.
APPLIES_TO = {
    "babar_4mu_lmu_ltau": {"vector"},
    "babar_4mu_lmu_ltau_above_jpsi": {"vector"},
    "bbn_lmu_ltau": {"vector"},
    "h0_neff_lmu_ltau": {"vector"},
    "bbn_muon_scalar": {"scalar"},
}
BABAR = ("babar_4mu_lmu_ltau", "babar_4mu_lmu_ltau_above_jpsi")


def shipped(stem):
    return constraints.library()[stem]


DECAYS = {"babar_4mu_lmu_ltau": "visible", "babar_4mu_lmu_ltau_above_jpsi": "visible", "bbn_lmu_ltau": "any",
          "h0_neff_lmu_ltau": "neutrinos", "bbn_muon_scalar": "any"}  # what each measurement assumes of X's decays


def test_every_shipped_file_declares_its_decay_assumption():
    """Written in each file (not the loader's default "any"), and as the physics of the measurement says."""
    import yaml

    for path in sorted(constraints.DATA.glob("*.yaml")):
        assert yaml.safe_load(path.read_text())["decays"] == DECAYS[path.stem], path.stem


def test_every_shipped_file_is_listed_and_loads_with_a_reference_and_a_licence():
    library = constraints.library()
    assert set(library) == set(APPLIES_TO)
    for stem, entry in library.items():
        assert "arXiv:" in entry["reference"] and entry["licence"].strip(), stem
        assert all(str(entry[key]).strip() for key in constraints.PROVENANCE), stem


@pytest.mark.parametrize("stem", sorted(APPLIES_TO))
def test_a_shipped_bound_applies_to_its_structure_only_and_unscaled(stem):
    entry = shipped(stem)
    applies = {name for name in kaonlib.models()
               if constraints.convert(entry, kaonlib.model(name).record) is not None}
    assert applies == APPLIES_TO[stem]
    for name in applies:  # published in the model's own normalisation: r = 1
        bound = constraints.convert(entry, kaonlib.model(name).record)
        assert bound.scale == 1.0 and bound.coupling == pytest.approx([float(c) for c in entry["coupling"]])


def test_babar_lmu_ltau_limit_does_not_apply_to_lmu_minus_le():
    """BABAR's g' is a limit on the L_mu - L_tau structure (muon and tau, with their neutrinos): L_mu - L_e couples to
    electrons instead of taus, so no common factor r maps one onto the other and the limit is not rescaled."""
    for stem in BABAR:
        assert constraints.convert(shipped(stem), kaonlib.model("lmu_minus_le").record) is None


def test_a_coupling_in_units_of_e_is_multiplied_by_e():
    """x = g'/e = 0.1, 0.2 with e = 0.302822 (DarkCast's pars.ge): g = 0.0302822, 0.0605644 (by hand)."""
    bound = constraints.convert(constraints.read(FIXTURES / "per_e_lmu_ltau.yaml"), kaonlib.model("vector").record)
    assert bound.scale == pytest.approx(0.302822, rel=1e-9)
    assert bound.coupling == pytest.approx((0.0302822, 0.0605644), rel=1e-9)


def test_babar_points_are_darkcasts_numbers():
    """Rows of DarkCast limits/BaBar_TheBABAR2016rlg.lmt (mass GeV, g'), typed in from the file: its first and last
    data rows, its minimum and the two rows either side of the J/psi window where it has no points."""
    rows = {0.21371: 1.3849e-3, 0.22662: 6.7362e-4, 3.0478: 4.5246e-3, 3.1476: 7.2916e-3, 7.6818: 9.9631e-2}
    bounds = [constraints.convert(shipped(stem), kaonlib.model("vector").record) for stem in BABAR]
    points = {m: g for bound in bounds for m, g in zip(bound.mass_GeV, bound.coupling)}
    assert {m: points[m] for m in rows} == pytest.approx(rows, rel=1e-12)
    low, high = bounds
    assert (low.mass_GeV[0], low.mass_GeV[-1], high.mass_GeV[0], high.mass_GeV[-1]) == (0.21371, 3.0478, 3.1476,
                                                                                           7.6818)
    assert len(low.mass_GeV) + len(high.mass_GeV) == 1769  # 1772 rows less the three 1.0e+05 "no limit" markers


def test_babar_against_the_paper():
    """arXiv:1606.03501, abstract: Z' masses 0.212-10 GeV, "limits on the coupling parameter g' as low as 7x10^-4"
    (one significant figure: the minimum lies in [6.5e-4, 7.5e-4))."""
    entries = [shipped(stem) for stem in BABAR]
    couplings = [float(c) for entry in entries for c in entry["coupling"]]
    masses = [float(m) for entry in entries for m in entry["mass_GeV"]]
    assert 6.5e-4 <= min(couplings) < 7.5e-4
    assert 0.212 <= min(masses) and max(masses) <= 10.0


def test_text_quoted_edges():
    """KMRT Sec. II / Fig. 2 caption: BBN below 1 MeV; Escudero et al. arXiv:1901.02010 abstract: ~10-20 MeV."""
    assert [float(m) for m in shipped("bbn_lmu_ltau")["mass_GeV"]] == [0.0, 1e-3]
    assert [float(m) for m in shipped("bbn_muon_scalar")["mass_GeV"]] == [0.0, 1e-3]
    assert [float(m) for m in shipped("h0_neff_lmu_ltau")["mass_GeV"]] == [1e-2, 2e-2]

