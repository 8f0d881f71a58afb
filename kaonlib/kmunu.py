"""K+ -> mu+ nu X (and K+ -> e+ nu X, ``lepton="e"``) from the compiled kernels: sum|M|^2 and the width.

The kernels return reduced quantities, divided by C^2 g^2 (C = sqrt(2) G_F V_us f_K, g the model's
coupling); this module multiplies the prefactor back, with the inputs of :mod:`kaonlib.inputs`.
Dalitz variables s12 = (l + q)^2 = m_miss^2, s23 = (l + k)^2 (GeV^2), dGamma = sum|M|^2 /
(256 pi^3 m_K^3) ds12 ds23 (KMRT arXiv:1902.07715 Eq. A.4).
"""

import importlib
import json
import math
from functools import lru_cache
from importlib import resources

import numpy as np

from . import validate
from .inputs import LEPTON_MASSES, M_K, SM_COUPLING_SQUARED
from .validate import InputError

# Tolerance of the region check, relative to the natural scale: s12 may overshoot its range by
# BOUNDARY_SLACK m_K^2, and the boundary function Phi may be as low as -BOUNDARY_SLACK m_K^8 (about a
# point 1e-12 GeV^2 outside a wide s23 range, or a rounding-level miss where the range pinches to a point).
BOUNDARY_SLACK = 1e-12
# Stop when two tanh-sinh levels agree to this; the error of the last level is then far smaller (tanh-sinh
# roughly squares the error per level), checked against scipy in tests/kaonlib/test_kmunu_kernels.py.
WIDTH_RTOL = 1e-11
# Within d = m_K - m_l - m_X of the end point the width falls like d^(7/2); the rounding eps m_X of the input
# mass moves d, so the width is only defined to ~3.5 eps m_X / d: the error estimate may reach 10 eps m_X / d.
END_POINT_CONDITION = 10 * np.finfo(float).eps


def models():
    """Names of the models with generated kernels (from kaonlib/_kernels/manifest.json)."""
    return tuple(manifest()["models"])


@lru_cache(maxsize=None)
def manifest():
    return json.loads(resources.files("kaonlib._kernels").joinpath("manifest.json").read_text())


def record(model):
    """The manifest entry of a model (its metadata, derived channels and kernel modules)."""
    try:
        return manifest()["models"][model]
    except (KeyError, TypeError):
        raise InputError(f"unknown model {model!r}; known models: {', '.join(models())}") from None


@lru_cache(maxsize=None)
def kernel(model, lepton="mu"):
    """The compiled K+ -> l+ nu X kernel module of a model."""
    production = record(model)["production"]
    lepton_mass(lepton)
    if lepton not in production:
        raise InputError(f"model {model!r} does not couple to {lepton} or nu_{lepton}: no K+ -> {lepton}+ nu X; "
                         f"it has lepton {' or '.join(production)}")
    return importlib.import_module(f"kaonlib._kernels.{production[lepton]['module']}")


@lru_cache(maxsize=None)
def kinematics():
    """The compiled model-independent module: Dalitz region and Gamma(K -> l nu)."""
    return importlib.import_module("kaonlib._kernels.kinematics")


def lepton_mass(lepton):
    validate.choice(lepton, "lepton (K+ -> l+ nu X is computed for l = mu or e)", ("mu", "e"))
    return LEPTON_MASSES[lepton]


def check_mass(m_X, lepton="mu"):
    """The mediator mass must satisfy 1e-15 GeV <= m_X < m_K - m_l (below, the soft logarithms of the width
    are beyond double precision)."""
    limit = M_K - lepton_mass(lepton)
    return validate.number(m_X, "m_X", validate.MASS_RANGE[0], limit, "GeV", high_open=True)


def check_coupling(coupling):
    """0 <= coupling <= 4 pi (rates depend on coupling^2)."""
    return validate.coupling(coupling)


def s23_limits(s12, m_X, lepton="mu"):
    """Physical (s23_min, s23_max) in GeV^2 at each s12 (no check that s12 is in range)."""
    s12 = np.ascontiguousarray(s12, dtype=float).ravel()
    lo, hi = np.empty_like(s12), np.empty_like(s12)
    kinematics().s23_limits(s12, M_K, lepton_mass(lepton), m_X, lo, hi)
    return lo, hi


def check_dalitz(s12, s23, m_X, lepton="mu"):
    """InputError unless every (s12, s23) is a number inside the physical region (up to BOUNDARY_SLACK);
    the test itself is the kernel's first_outside (boundary function Phi >= 0, see its docstring)."""
    m_l = lepton_mass(lepton)
    i = kinematics().first_outside(s12, s23, M_K, m_l, m_X, BOUNDARY_SLACK)
    if i < 0:
        return
    if not (np.isfinite(s12[i]) and np.isfinite(s23[i])):
        raise InputError(f"s12 and s23 must be finite numbers (got s12 = {float(s12[i])!r}, s23 = {float(s23[i])!r})")
    s12_min, s12_max = m_X**2, (M_K - m_l) ** 2
    if not s12_min <= s12[i] <= s12_max:
        raise InputError(
            f"s12 = {float(s12[i])!r} GeV^2 is outside the allowed range [m_X^2, (m_K - m_{lepton})^2] = "
            f"[{s12_min:.6g}, {s12_max:.6g}] GeV^2"
        )
    lo, hi = s23_limits(s12[i : i + 1], m_X, lepton)
    raise InputError(
        f"s23 = {float(s23[i])!r} GeV^2 is outside the Dalitz region at s12 = {float(s12[i])!r} GeV^2: "
        f"allowed [{lo[0]:.10g}, {hi[0]:.10g}] GeV^2"
    )


def msq(model, s12, s23, *, m_X, coupling=1.0, check=True, lepton="mu"):
    """Spin-summed |M|^2 (dimensionless) of K+ -> l+ nu X at the Dalitz points (s12, s23) in GeV^2.

    ``check=False`` skips the Dalitz-region check (for trusted loops); mass, coupling and model are always
    checked.
    """
    module, m_X, coupling = kernel(model, lepton), check_mass(m_X, lepton), check_coupling(coupling)
    s12, s23 = np.broadcast_arrays(np.asarray(s12, dtype=float), np.asarray(s23, dtype=float))
    flat12, flat23 = (np.ascontiguousarray(a.ravel()) for a in (s12, s23))
    if check:
        check_dalitz(flat12, flat23, m_X, lepton)
    out = np.empty_like(flat12)
    module.msq(flat12, flat23, M_K, lepton_mass(lepton), m_X, out)
    np.maximum(out, 0.0, out=out)  # a spin sum is >= 0: rounding-level negatives on the boundary are zero
    out *= SM_COUPLING_SQUARED * coupling**2
    return out.reshape(s12.shape)[()]  # a numpy scalar for scalar input


def width_reduced(model, m_X, s12_lo=0.0, s12_hi=np.inf, lepton="mu"):
    """Gamma(K+ -> l+ nu X) / (C^2 coupling^2) in GeV^3, optionally only from s12 = m_miss^2 in
    [s12_lo, s12_hi] (GeV^2; clipped to the kinematic range), by tanh-sinh over the generated dGamma/ds12."""
    module, m_X = kernel(model, lepton), check_mass(m_X, lepton)
    if math.isnan(s12_lo) or math.isnan(s12_hi):
        raise InputError("the m_miss^2 range must be numbers (got NaN)")
    m_l = lepton_mass(lepton)
    value, error = module.partial_width(M_K, m_l, m_X, float(s12_lo), float(min(s12_hi, 1e300)), WIDTH_RTOL)
    if not error <= (WIDTH_RTOL + END_POINT_CONDITION * m_X / (M_K - m_l - m_X)) * abs(value):
        raise RuntimeError(f"width integral for {model!r} at m_X = {m_X} GeV did not converge (error {error:.3g})")
    return value


def width(model, m_X, coupling=1.0, lepton="mu"):
    """Gamma(K+ -> l+ nu X) in GeV."""
    return width_reduced(model, m_X, lepton=lepton) * SM_COUPLING_SQUARED * check_coupling(coupling) ** 2
