"""The fused K+ -> l+ nu l'+ l'- sampler (phase space, |M|^2 and cuts in one compiled loop) against the separate
steps: the same events and weights for distinct leptons, and for identical leptons (two photon-pole channels) the
same branching ratio as the one-channel generator with the cut applied afterwards."""

import math

import numpy as np
import pytest

from kaonlib import inputs
from kaonlib.processes import k3munu, phasespace
from kaonlib.validate import InputError


def separate_steps(mode, n, seed, cut):
    """BR weights from phasespace.four_body (one channel) and the compiled |M|^2, the cut applied to every pair:
    Gamma = S (2 pi)^-8 / (2 m_K) < sum|M|^2 w >, BR = BR(K_mu2) Gamma / Gamma_tree(K_mu2) (k3munu docstring)."""
    mode = k3munu.MODES[mode]
    momenta, phase_space = phasespace.four_body(inputs.M_K, mode.masses, n, rng=seed, min_pair_mass=cut)
    symmetry = 0.5 if mode.identical else 1.0
    msq = k3munu.squared_amplitude(momenta, mode=mode)
    width = msq * phase_space * symmetry / ((2 * math.pi) ** 8 * 2 * inputs.M_K)
    weights = inputs.BR_KMU2 * width / k3munu.kmu2_tree_width()
    return momenta, np.where(np.all(k3munu.pair_masses(momenta, mode) >= cut * (1 - 1e-9), axis=1), weights, 0.0)


@pytest.mark.parametrize("mode, cut", [("mu-nu-e-e", 0.145), ("e-nu-mu-mu", 0.0), ("mu-nu-e-e", 0.0011)])
def test_fused_loop_equals_the_separate_steps_for_distinct_leptons(mode, cut):
    """Same uniforms, same events (bit for bit) and the same weights to rounding."""
    momenta, weights = separate_steps(mode, 2000, 3, cut)
    fused_momenta, fused_weights = k3munu.weighted_events(phasespace.four_body_uniforms(2000, 3), mode=mode,
                                                          min_pair_mass=cut)
    assert np.array_equal(fused_momenta, momenta)
    assert np.allclose(fused_weights, weights, rtol=1e-12, atol=0)


@pytest.mark.parametrize("mode, cut", [("mu-nu-mu-mu", 0.0), ("e-nu-e-e", 0.150), ("e-nu-e-e", 0.03)])
def test_two_channels_give_the_one_channel_branching_ratio(mode, cut):
    """Identical leptons: the two-channel sampler (either pair's photon pole) and the one-channel generator with
    the cut on both pairs applied afterwards agree within 4 combined standard errors."""
    _, one = separate_steps(mode, 300_000, 5, cut)
    _, two = k3munu.weighted_events(phasespace.four_body_uniforms(300_000, 6), mode=mode, min_pair_mass=cut)
    error = math.hypot(one.std() / math.sqrt(one.size), two.std() / math.sqrt(two.size))
    assert abs(one.mean() - two.mean()) < 4 * error
    assert np.all(two >= 0) and np.all(np.isfinite(two))


def test_two_channels_tame_the_second_photon_pole():
    """K+ -> e+ nu e+ e- with no cut: the one-channel weights vary by a factor 15 around their mean (the e+ e-
    pair it does not sample flat in ln m^2 sits on its photon pole); with both channels the relative spread is ~1."""
    _, one = separate_steps("e-nu-e-e", 200_000, 7, 0.0)
    _, two = k3munu.weighted_events(phasespace.four_body_uniforms(200_000, 8), mode="e-nu-e-e")
    assert one.std() / one.mean() > 5
    assert two.std() / two.mean() < 2


def test_sampler_rejects_bad_uniforms_and_cuts():
    kernel = k3munu.compiled_kernel(mode="mu-nu-mu-mu")
    with pytest.raises(ValueError, match="eight columns"):
        kernel.weighted_events(np.zeros((3, 7)), 0.0, 1.0)
    with pytest.raises(ValueError, match="no phase space"):
        kernel.weighted_events(np.zeros((3, 8)), inputs.M_K, 1.0)
    for uniforms, cut in ((np.zeros((3, 7)), 0.0), (np.full((3, 8), 1.0), 0.0), (np.zeros((3, 8)), -0.2),
                          (np.zeros((3, 8)), math.nan)):
        with pytest.raises(InputError):
            k3munu.weighted_events(uniforms, mode="mu-nu-mu-mu", min_pair_mass=cut)
    _, weights = k3munu.weighted_events(np.zeros((3, 8), dtype=np.float32), mode="mu-nu-mu-mu")  # cast, not refused
    assert np.all(np.isfinite(weights)) and np.all(weights >= 0)  # boundary uniforms: |M|^2 clamped at 0


@pytest.mark.parametrize("mode, cut", [("mu-nu-mu-mu", 0.0), ("mu-nu-e-e", 0.145)])
def test_fused_sampler_against_a_flat_generator(mode, cut):
    """The fused sampler against phasespace.generate (flat: no shared phase-space code, no importance sampling)
    with the compiled |M|^2 and the cut on every pair, within 4 combined standard errors."""
    spec = k3munu.MODES[mode]
    momenta, phase_space = phasespace.generate(inputs.M_K, spec.masses, 400_000, rng=9)
    symmetry = 0.5 if spec.identical else 1.0
    msq = k3munu.squared_amplitude(momenta, mode=mode)
    width = msq * phase_space * symmetry / ((2 * math.pi) ** 8 * 2 * inputs.M_K)
    flat = np.where(np.all(k3munu.pair_masses(momenta, mode) > cut, axis=1),
                    inputs.BR_KMU2 * width / k3munu.kmu2_tree_width(), 0.0)
    fused = k3munu.simulate(400_000, rng=10, mode=mode, min_pair_mass=cut).weights
    error = math.hypot(flat.std() / math.sqrt(flat.size), fused.std() / math.sqrt(fused.size))
    assert abs(flat.mean() - fused.mean()) < 4 * error
    assert error < 0.03 * fused.mean()  # a comparison that can fail: both estimates to a few per cent
