"""Thermal freeze-out of dark matter annihilating through the mediator, chi chibar -> V* -> f fbar, and the coupling
that gives the observed relic abundance (the thermal target of KMRT Fig. 1 right; Kahn, Krnjaic, Tran, Whitbeck,
arXiv:1804.03144).

Cross-section: derived by the trace engine for the KMRT currents (amplitudes/annihilation.py, generated into
kaonlib/_kernels/annihilation.py as sigma v (s - m_V^2)^2/(g_chi g)^2 per lepton vertex gamma (c_V + c_A gamma5)),
summed over every lepton the model's mediator couples to (the manifest's lorentz_structure), with g_chi = q_chi g
and the Breit-Wigner denominator (s - m_V^2)^2 + m_V^2 Gamma_V^2 (Gamma_V from kaonlib.mediator.decays, chi chibar
included).

Thermal average (Gondolo and Gelmini, Nucl. Phys. B360 (1991) 145, Eq. 3.8), written with sigma (s - 4 m^2) =
sigma v beta_chi s / 2 (v = 2 beta_chi, the centre-of-mass Moller velocity) and exponentially scaled Bessel
functions, x = m/T, sqrt(s) = T (2 x + z):

    <sigma v> = int_0^inf dz sigma v(s) s^2 beta_chi K1e(2x + z) e^(-z) / (8 m^4 K2e(x)^2).

Boltzmann equation for the yield Y = n/s of the total density (chi and chibar for the Dirac fermion and the complex
scalar, whose annihilation rate per pair is halved, Kolb and Turner, The Early Universe, Ch. 5):

    dY/dx = -sqrt(pi/45) M_Pl m g_*s / sqrt(g_*) <sigma v> / (c x^2) (Y^2 - Y_eq^2),
    Y_eq = 45 g_dof x^2 K2(x) / (4 pi^4 g_*s),

c = 1 (Majorana, g_dof = 2) or 2 (Dirac g_dof = 4, complex scalar g_dof = 2), integrated in ln Y from x = 1 to
x = 2000 with an implicit (Radau) method; the d ln g_*s/d ln T term is neglected. Omega h^2 = m Y_inf s_0 /
(rho_c/h^2). Method limits: chi is kept at the photon temperature (KKTW treat annihilation into decoupled
neutrinos more carefully; this matters for T_f below neutrino decoupling, m_chi below ~ 20 MeV).

g_*(T), g_*s(T): ideal gases of the SM species with their full Bose/Fermi statistics and PDG masses (Kolb and
Turner Sec. 3.4): quarks and gluons above T_c = 150 MeV, pions only below; neutrinos decouple instantly at
T_dec = 2 MeV and are then colder, (T_nu/T)^3 = g_s^{e gamma}(T)/g_s^{e gamma}(T_dec) by entropy conservation.
Checked against the textbook 106.75, 10.75, 3.36 and 3.91 (tests/kaonlib/test_freezeout.py).
"""

import math
import warnings
from functools import lru_cache, partial

import numpy as np
from scipy import integrate, interpolate, optimize, special

from kaonlib import validate
from kaonlib._kernels import annihilation
from kaonlib.inputs import LEPTON_MASSES, pdg_mass
from kaonlib.mediator.decays import DarkMatter, partial_widths
from kaonlib.model import model as get_model
from kaonlib.validate import InputError

M_PLANCK = 1.22089e19  # GeV, PDG 2024 Physical constants
S0 = 2891.2  # cm^-3, present entropy density s/k for T0 = 2.7255 K, PDG 2024 Astrophysical constants
RHO_CRIT_H2 = 1.05375e-5  # GeV cm^-3, rho_c / h^2, PDG 2024 Astrophysical constants
GEV2_TO_CM3_PER_S = (1.973269804e-14) ** 2 * 2.99792458e10  # (hbar c)^2 c: 1 GeV^-2 = 1.1673e-17 cm^3/s
OMEGA_H2 = 0.120  # Planck 2018 (arXiv:1807.06209) Omega_c h^2 = 0.120(1)
T_QCD, T_NU_DEC = 0.150, 2e-3  # GeV
NARROW = 1e-11  # a Breit-Wigner half width below NARROW z_0 (in z = sqrt(s)/T - 2x) is taken in the narrow limit
WINDOW, RESOLVED = 1e3, 1e-8  # ... over z_0 +- WINDOW half widths, and at least +- RESOLVED z_0 (the window's
# edges must be distinct floats with s - m_V^2 well above its rounding); the rest, with the far tails, by quadrature
SPECIES = (  # (pdgid or None for massless, internal dof, fermion, "quark" / "hadron" / "nu" / None)
    (None, 2, False, None), (None, 16, False, "quark"),  # photon, gluons
    *((q, 12, True, "quark") for q in (1, 2, 3, 4, 5, 6)),
    (211, 2, False, "hadron"), (111, 1, False, "hadron"),
    (11, 4, True, None), (13, 4, True, None), (15, 4, True, None), (None, 6, True, "nu"),
    (24, 6, False, None), (23, 3, False, None), (25, 1, False, None),
)
DOF = {"majorana": (2, 1), "dirac": (4, 2), "complex_scalar": (2, 2)}  # (g_dof of the total density, c)


def thermal_integrals(x, fermion):
    """(rho, rho + p) / T^4 per internal dof for mass/T = x (arrays): (1/2 pi^2) int u^2 sqrt(u^2 - x^2) f du and
    (1/6 pi^2) int (u^2 - x^2)^(3/2) f du added, in u = x + t^2 with Simpson's rule over t in [0, 9]."""
    t = np.linspace(0.0, 9.0, 901)[:, None]
    u = x[None, :] + t * t
    boltzmann = np.exp(-u)
    with np.errstate(divide="ignore", invalid="ignore"):  # a massless boson at u = 0: the integrand is 0 there
        occupation = boltzmann / (1.0 + boltzmann) if fermion else np.where(u > 0, boltzmann / -np.expm1(-u), 0.0)
    root = t * np.sqrt(2.0 * x[None, :] + t * t)  # sqrt(u^2 - x^2)
    jacobian = 2.0 * t
    rho = integrate.simpson(u * u * root * occupation * jacobian, x=t[:, 0], axis=0) / (2 * math.pi**2)
    pressure = integrate.simpson(root**3 * occupation * jacobian, x=t[:, 0], axis=0) / (6 * math.pi**2)
    return rho, rho + pressure


@lru_cache(maxsize=1)
def dof_table():
    """(ln T grid, g_*, g_*s) for T from 1 keV to 10 TeV."""
    temperatures = np.geomspace(1e-6, 1e4, 1001)
    g_rho, g_s = np.zeros_like(temperatures), np.zeros_like(temperatures)
    electron_photon = np.zeros_like(temperatures)
    for pdgid, dof, fermion, group in SPECIES:
        mass = 0.0 if pdgid is None else pdg_mass(pdgid)
        rho, enthalpy = thermal_integrals(mass / temperatures, fermion)
        active = {"quark": temperatures > T_QCD, "hadron": temperatures <= T_QCD}.get(group, True)
        g_rho_i = np.where(active, dof * rho * 30 / math.pi**2, 0.0)
        g_s_i = np.where(active, dof * enthalpy * 45 / (2 * math.pi**2), 0.0)
        if pdgid in (None, 11) and group is None:
            electron_photon += g_s_i
        if group == "nu":
            nu_pending = (g_rho_i, g_s_i)
            continue
        g_rho += g_rho_i
        g_s += g_s_i
    at_decoupling = np.interp(math.log(T_NU_DEC), np.log(temperatures), electron_photon)
    ratio = np.where(temperatures > T_NU_DEC, 1.0, np.cbrt(electron_photon / at_decoupling))  # T_nu / T
    g_rho += nu_pending[0] * ratio**4
    g_s += nu_pending[1] * ratio**3
    return np.log(temperatures), g_rho, g_s


def g_star(temperature):
    """(g_*, g_*s) at temperature T in GeV (1 keV to 10 TeV)."""
    temperature = validate.number(temperature, "temperature", 1e-6, 1e4, "GeV")
    log_t, g_rho, g_s = dof_table()
    return float(np.interp(math.log(temperature), log_t, g_rho)), float(np.interp(math.log(temperature), log_t, g_s))


def thermal_average(sigma_v, mass, x, resonance=None):
    """<sigma v> (units of sigma_v) at x = m/T for sigma v(s) (a function of s in GeV^2); ``resonance`` =
    (mass, width) of the mediator gives break points at the Breit-Wigner peak z_0 = m_V/T - 2x and at z_0 +- k
    Gamma/(2T), k = 1, 10, ..., 10^12 (its half width in z), so that a narrow peak and its 1/z^2 tails are
    resolved (with break points up to k = 100 only, the 0.64 % of the Lorentzian's area beyond them was lost).
    A peak narrower than NARROW z_0 (below the resolution of z in double precision for couplings below ~1e-7) is
    taken in its narrow-width limit, :func:`narrow_peak`. tests/kaonlib/test_freezeout.py compares both with the
    narrow-width formula."""
    temperature = mass / x
    scale = 8 * mass**4 * special.kve(2, x) ** 2

    def integrand(z):
        root = temperature * (2 * x + z)
        s = root * root
        beta = math.sqrt(max(0.0, 1.0 - 4 * mass * mass / s))
        return sigma_v(s) * s * s * beta * special.k1e(2 * x + z) * math.exp(-z) / scale

    pieces, points, added = [(0.0, 80.0)], None, 0.0
    if resonance is not None:
        peak, half_width = resonance[0] / temperature - 2 * x, resonance[1] / (2 * temperature)
        step = half_width  # break points at peak +- step 10^k
        if 0 < peak < 80 and half_width < NARROW * peak:
            step = max(WINDOW * half_width, RESOLVED * peak)  # the narrow-limit window; break points from its edges
            added = narrow_peak(integrand, peak, half_width, step, temperature, x, resonance[0])
            pieces = [(0.0, peak - step), (peak + step, 80.0)]
        near = {peak + sign * 10.0**k * step for k in range(13) for sign in (-1, 1)}
        points = sorted(z for z in near | {peak} if 0 < z < 80)
    with warnings.catch_warnings():  # a peak far narrower than T: quad reports round-off, its value is kept
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        value = sum(integrate.quad(integrand, lo, hi, points=[z for z in points or () if lo < z < hi] or None,
                                   epsabs=0.0, epsrel=1e-8, limit=400)[0] for lo, hi in pieces)
    return value + added


def narrow_peak(integrand, peak, half_width, window, temperature, x, m_V):
    """The integral of ``integrand`` over z_0 +- window for a Breit-Wigner far narrower than everything else: the
    smooth factor f is read at the window's edges, where the denominator is (s - m_V^2)^2 + (m_V Gamma)^2 with
    s - m_V^2 = 2 T m_V (z - z_0) to first order, and the Lorentzian's area inside the window is
    2 half_width arctan(window / half_width) times the peak height f."""
    heights = []
    for z in (peak - window, peak + window):
        offset = (temperature * (2 * x + z)) ** 2 - m_V**2  # s - m_V^2, far above the float error here
        heights.append(integrand(z) * (1 + (offset / (2 * temperature * m_V * half_width)) ** 2))
    return 0.5 * sum(heights) * 2 * half_width * math.atan(window / half_width)


def relic_density(mass, averaged, kind):
    """Omega h^2 for a thermal average <sigma v>(x) (GeV^-2, a function of x) and a dark-matter kind."""
    dof, halving = DOF[kind]

    def equilibrium(x):
        g_s = g_star(mass / x)[1]
        return math.log(45 * dof * x * x / (4 * math.pi**4 * g_s)) + math.log(special.kve(2, x)) - x

    def rhs(x, w):
        g_rho, g_s = g_star(mass / x)
        rate = math.sqrt(math.pi / 45) * M_PLANCK * mass * g_s / math.sqrt(g_rho) * averaged(x) / (halving * x * x)
        # the second exponent is capped for the solver's trial steps far below equilibrium (never on the solution)
        return [-rate * (math.exp(w[0]) - math.exp(min(2 * equilibrium(x) - w[0], 700.0)))]

    solution = integrate.solve_ivp(rhs, (1.0, 2000.0), [equilibrium(1.0)], method="Radau", rtol=1e-7, atol=1e-10)
    return mass * math.exp(solution.y[0, -1]) * S0 / RHO_CRIT_H2


def mediator_width(name, kind, m_chi, m_V, coupling, q_chi=1.0):
    """Total width of the mediator in GeV, chi chibar included (kaonlib.mediator.decays)."""
    return sum(partial_widths(name, m_V, coupling, DarkMatter(kind, m_chi, q_chi)).values())


def annihilation_rate(name, kind, m_chi, m_V, coupling, q_chi=1.0):
    """sigma v(s) in GeV^-2 of chi chibar -> V* -> l lbar summed over the model's leptons (a function of s)."""
    model = get_model(name)
    m_V, coupling = validate.mediator_mass(m_V), validate.coupling(coupling)
    validate.mediator_mass(m_chi, "m_chi")
    if model.spin != 1 or kind not in model.dark_matter:
        raise InputError(f"model {name!r} has no {kind!r} dark-matter current (its currents: "
                         f"{', '.join(model.dark_matter) or 'none'})")
    width = mediator_width(name, kind, m_chi, m_V, coupling, q_chi)
    channels = [(LEPTON_MASSES[lepton], c["V"], c["A"]) for lepton, c in model.record["lorentz_structure"].items()]
    function = getattr(annihilation, f"sigma_v_{kind}")
    strength = (q_chi * coupling * coupling) ** 2

    def sigma_v(s):
        numerator = sum(function(s, m_chi, m_f, m_V, c_v, c_a) for m_f, c_v, c_a in channels)
        return strength * numerator / ((s - m_V * m_V) ** 2 + (m_V * width) ** 2)

    return sigma_v


def averaged_per_coupling4(name, kind, m_chi, m_V, coupling, q_chi=1.0, points=60):
    """(x grid, <sigma v>(x) / coupling^4): the rate scales as coupling^4 except through the mediator width,
    which is evaluated at ``coupling``."""
    sigma_v = annihilation_rate(name, kind, m_chi, m_V, coupling, q_chi)
    resonance = (m_V, mediator_width(name, kind, m_chi, m_V, coupling, q_chi))
    xs = np.geomspace(1.0, 2000.0, points)
    values = np.array([thermal_average(sigma_v, m_chi, x, resonance) for x in xs]) / coupling**4
    return xs, values


def relic_from_grid(m_chi, kind, grid, coupling):
    """Omega h^2 from a grid of :func:`averaged_per_coupling4` at the coupling (cubic spline in log-log)."""
    xs, values = grid
    spline = interpolate.CubicSpline(np.log(xs), np.log(np.maximum(values, 1e-300)) + 4 * math.log(coupling))
    return relic_density(m_chi, lambda x: math.exp(spline(math.log(x))), kind)


def omega_h2(name, kind, m_chi, m_V, coupling, q_chi=1.0):
    """Omega h^2 of the dark matter for the model's coupling (mediator mass m_V, dark-matter mass m_chi, GeV)."""
    return relic_from_grid(m_chi, kind, averaged_per_coupling4(name, kind, m_chi, m_V, coupling, q_chi), coupling)


def thermal_target(name, kind, m_V, ratio=3.0, q_chi=1.0, omega=OMEGA_H2):
    """The model's coupling g for which Omega h^2 = omega, at m_chi = m_V / ratio (KKTW and KMRT use ratio 3), to
    a relative 1e-4. A first estimate scales <sigma v> tabulated at g = 1e-3 as g^4; the root is then bracketed
    around it and solved with the mediator width at each trial coupling (it enters through the Breit-Wigner
    peak at s = m_V^2). ValueError when no coupling up to sqrt(4 pi) reaches omega."""
    m_chi, limit = m_V / ratio, math.log(math.sqrt(4 * math.pi))
    grid = averaged_per_coupling4(name, kind, m_chi, m_V, 1e-3, q_chi)

    def scaled(log_g):
        return math.log(relic_from_grid(m_chi, kind, grid, math.exp(log_g)) / omega)

    def exact(log_g):
        return math.log(omega_h2(name, kind, m_chi, m_V, math.exp(log_g), q_chi) / omega)

    if scaled(limit) > 0 and exact(limit) > 0:
        raise InputError(f"no perturbative coupling gives Omega h^2 = {omega} for m_V = {m_V} GeV ({kind})")
    try:
        estimate = optimize.brentq(scaled, math.log(1e-8), limit, xtol=1e-3)
        low, high = estimate - 0.1, min(estimate + 0.1, limit)
        while exact(low) < 0 and low > math.log(1e-12):  # over-annihilating at the lower end: widen the bracket
            low -= 0.5
        while exact(high) > 0 and high < limit:
            high = min(high + 0.5, limit)
        return math.exp(optimize.brentq(exact, low, high, xtol=1e-4))
    except ValueError:  # brentq: no sign change in the bracket
        raise InputError(f"no coupling in [1e-12, sqrt(4 pi)] gives Omega h^2 = {omega} for m_V = {m_V} GeV "
                         f"({kind})") from None


def target_or_none(name, ratio, q_chi, omega, task):
    """thermal_target for one (kind, m_V), None where no perturbative coupling reaches omega (a task of
    :func:`target_bounds`)."""
    kind, m_V = task
    try:
        return thermal_target(name, kind, m_V, ratio, q_chi, omega)
    except InputError:
        return None


def target_bounds(name, masses, ratio=3.0, q_chi=1.0, omega=OMEGA_H2, executor=None):
    """The thermal targets of every dark-matter current of the model as kaonlib.searches.constraints.Bound lines (kind
    "favoured", region "line"): the coupling with Omega h^2 = omega at each m_V of ``masses`` (GeV), at
    m_chi = m_V / ratio and g_chi = q_chi g. Masses where no perturbative coupling reaches omega are skipped.
    One freeze-out solve per (current, mass), on ``executor`` (None: serially; kaonlib.execution)."""
    from kaonlib.execution import serial_if_none
    from kaonlib.searches.constraints import Bound

    kinds = get_model(name).dark_matter
    tasks = [(kind, float(m_V)) for kind in kinds for m_V in masses]
    couplings = serial_if_none(executor).map(partial(target_or_none, name, ratio, q_chi, omega), tasks)
    reference = (f"thermal freeze-out, Omega h^2 = {omega}, m_V = {ratio:g} m_chi, q_chi = {q_chi:g}: "
                 "chi chibar -> V* -> l lbar derived by kaonlib (amplitudes/annihilation.py, "
                 "kaonlib.mediator.freezeout)")
    source = {"reference": reference, "figure": "computed", "hepdata": "none",
              "digitised_by": "computed by kaonlib", "licence": "kaonlib"}
    out = []
    for kind in kinds:
        points = [(m_V, g) for (of, m_V), g in zip(tasks, couplings) if of == kind and g is not None]
        if points:
            out.append(Bound(f"thermal target ({kind.replace('_', ' ')})", reference, "favoured", "line",
                             tuple(m for m, _ in points), tuple(g for _, g in points), source, 1.0))
    return out
