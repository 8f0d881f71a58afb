"""Property test over the public API: any number gives InputError or a finite answer, non-negative where the
quantity is (rates, widths, lengths, probabilities)."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kaonlib
from kaonlib import units
from kaonlib.mediator import decays, freezeout, gminus2
from kaonlib.processes import dark, k3munu, rates
from kaonlib.searches import constraints, dimuon, recast, statistics
from kaonlib.searches.na62 import InvisibleSearch
from kaonlib.searches.reach import reach_point
from kaonlib.validate import InputError

ANY = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1e-320, 1e308, -1.0]),
                st.floats(1e-6, 1.0))
MASS = st.one_of(ANY, st.floats(1e-4, 0.39), st.floats(1e-16, 1e-12), st.floats(0.387, 0.39))
COUPLING = st.one_of(ANY, st.floats(0, 12.6))
MODEL = st.sampled_from(kaonlib.models())


def flatten(value):
    if isinstance(value, dict):
        return [x for v in value.values() for x in flatten(v)]
    if isinstance(value, (list, tuple, np.ndarray)):
        return [x for v in value for x in flatten(v)]
    return [value] if isinstance(value, (int, float, np.floating)) and not isinstance(value, bool) else []


def check(call, non_negative=True, allow_infinity=False):
    """InputError, or finite numbers (infinity only where it is the answer: no signal, no sensitivity)."""
    try:
        result = call()
    except InputError:
        return
    numbers = flatten(result.__dict__ if hasattr(result, "__dataclass_fields__") else result)
    assert all(math.isfinite(x) or (allow_infinity and x == math.inf) for x in numbers), result
    if non_negative:
        assert all(x >= 0 for x in numbers), result


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(MODEL, MASS, COUPLING, st.sampled_from(["mu", "e"]))
def test_production(name, mass, coupling, lepton):
    model = kaonlib.model(name)
    check(lambda: model.branching_ratio(mass, coupling, lepton))
    check(lambda: model.width(mass, coupling, lepton))
    check(lambda: model.spectrum(mass, [0.0, 0.01, 0.1, mass], coupling, lepton))
    check(lambda: rates.ratio_to_kmu2(name, mass, lepton))


@FAST
@given(MODEL, MASS, ANY, ANY)
def test_msq(name, mass, s12, s23):
    check(lambda: kaonlib.msq(name, s12, s23, m_X=mass))


@FAST
@given(MODEL, MASS, COUPLING, st.one_of(st.none(), st.tuples(st.sampled_from(decays.DARK_MATTER_KINDS), ANY, ANY)),
       st.one_of(ANY, st.just(0.0)), st.one_of(ANY, st.floats(1, 100)))
def test_decays(name, mass, coupling, dark_matter, invisible, energy):
    model = kaonlib.model(name)

    def widths():
        chi = decays.DarkMatter(*dark_matter) if dark_matter else None
        return model.partial_widths(mass, coupling, chi, invisible)

    check(widths)

    def length():
        total = sum(widths().values())
        return decays.decay_length(total, mass, energy), decays.lifetime(total)

    check(length)
    check(lambda: decays.decay_probability(energy, mass))


@FAST
@given(MODEL, MASS, COUPLING, st.sampled_from(sorted(kaonlib.inputs.G_MINUS_2)))
def test_g_minus_2(name, mass, coupling, era):
    check(lambda: gminus2.delta_a_mu(name, mass, coupling), non_negative=False)
    check(lambda: gminus2.region(name, mass, era), allow_infinity=True)  # high = inf: no muon coupling


@FAST
@given(st.lists(ANY, min_size=1, max_size=4), st.lists(ANY, min_size=1, max_size=4), ANY)
def test_statistics(signal, background, kappa):
    n = min(len(signal), len(background))
    s, b = np.array(signal[:n]), np.array(background[:n])
    check(lambda: statistics.log_likelihood_ratio(s, b))
    check(lambda: statistics.signal_scale_at(s, b), allow_infinity=True)  # inf: no signal at all
    check(lambda: statistics.cut_and_count_signal(b[0], kappa))
    check(lambda: statistics.kappa_min(b[0]))


@FAST
@given(st.one_of(st.text(max_size=12), st.from_regex(r"-?[0-9.]+e?-?[0-9]{0,3} ?(eV|keV|MeV|GeV|TeV)?",
                                                       fullmatch=True)))
def test_parse_energy(text):
    try:
        value = units.parse_energy(text)
    except InputError:
        return
    assert math.isfinite(value)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["K+", "KL"]), st.one_of(ANY, st.floats(0.001, 0.2)), st.one_of(ANY, st.floats(0, 0.01)),
       st.one_of(ANY, st.floats(0, 1e-5)), st.one_of(ANY, st.floats(-3, 3)))
def test_dark(name, m_q, alpha, g, phase):
    check(lambda: dark.branching_ratio(name, m_q, alpha, g, phase))
    check(lambda: dark.spectrum(name, m_q, alpha, [0.01, 0.05]))
    check(lambda: dark.acceptance(name, m_q, alpha, "NA62"))


def test_the_reproducers_of_the_issue():
    """Huge, tiny and end-point inputs that used to raise tracebacks, hang or return NaN."""
    assert math.isfinite(kaonlib.model("vector").branching_ratio(0.3880186235, 1e-3))  # 1e-9 GeV below the end
    with pytest.raises(InputError):
        kaonlib.model("scalar").branching_ratio(1e-40)
    with pytest.raises(InputError):
        statistics.signal_scale_at(np.array([2e-311]), np.array([0.0]))
    assert kaonlib.msq("vector", 1e-6, kaonlib.processes.kmunu.s23_limits([1e-6], 1e-3)[0][0], m_X=1e-3) >= 0
    with pytest.raises(InputError):
        kaonlib.msq("vector", 0.0, 0.0, m_X=1e-7)
    with pytest.raises(InputError):
        decays.decay_length(1.0, -0.3, 75)
    with pytest.raises(InputError):
        decays.decay_length(1.0, 0.0, 75)
    with pytest.raises(InputError):
        units.parse_energy("1e400")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY, st.integers(-5, 3000), st.just(math.inf)), st.sampled_from(sorted(k3munu.MODES)),
       st.one_of(st.none(), ANY, st.floats(0, 0.3)), st.one_of(st.none(), ANY))
def test_four_lepton(events, mode, cut, r_value):
    def branching():
        sample = k3munu.simulate(events, k3munu.form_factors("chpt", r_value), 1, mode, cut)
        edges = np.linspace(0.0, 0.4, 5)
        return sample.branching_ratio(), sample.mass_spectrum(edges, 0.3)

    check(branching)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MODEL, MASS, st.one_of(ANY, st.floats(0, 1)), st.one_of(ANY, st.floats(1e8, 1e14)),
       st.one_of(ANY, st.floats(0.01, 1)))
def test_invisible_reach(name, mass, kappa, kaons, gtk):
    def row():
        search = InvisibleSearch(kaons=kaons, gtk_factor=gtk)
        return {k: v for k, v in reach_point(name, mass, search, kappa).items() if not isinstance(v, str)}

    check(lambda: {k: v for k, v in row().items() if v is not None})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MODEL, st.lists(st.one_of(ANY, st.floats(0.01, 0.37)), min_size=1, max_size=3),
       st.lists(st.one_of(ANY, st.floats(1e-9, 1e-5)), min_size=1, max_size=3), st.booleans())
def test_constraints_and_recast(name, masses, limits, all_invisible):
    check(lambda: [b.coupling for b in constraints.bounds(name, gm2=False)])
    check(lambda: recast.coupling_limit(name, masses, limits, all_invisible=all_invisible))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MODEL, st.one_of(ANY, st.floats(0.212, 0.387)), st.one_of(ANY, st.floats(1e10, 1e15)))
def test_dimuon_reach(name, mass, kaons):
    def row():
        search = dimuon.DimuonSearch(kaons=kaons, events=2000)
        return {k: v for k, v in dimuon.reach_point(name, mass, search, SAMPLE).items() if v is not None}

    check(row, allow_infinity=False)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY, st.sampled_from(["complex_scalar", "majorana", "dirac"]), st.one_of(ANY, st.floats(0.005, 0.3)),
       st.one_of(ANY, st.floats(1e-5, 1e-2)))
def test_freezeout(temperature, kind, m_V, coupling):
    check(lambda: freezeout.g_star(temperature))
    check(lambda: freezeout.annihilation_rate("vector", kind, m_V / 3, m_V, coupling))


SAMPLE = dimuon.DimuonSearch(events=2000).background_sample()
