"""Independent references for the compiled kernels: the SymPy |M|^2 evaluated with mpmath or with scipy
quadrature (never the generated code)."""

import math
from functools import lru_cache

import mpmath
import sympy
from scipy import integrate

from amplitudes import derive
from amplitudes.kinematics import dalitz_s23_limits
from amplitudes.symbols import G_F, V_us, f_K, m_K, m_mu, m_X, s12, s23
from kaonlib import inputs

DALITZ_ARGS = (s12, s23, m_K, m_mu, m_X)


@lru_cache(maxsize=None)
def physical_msq(name, module, lepton="mu"):
    """sum|M|^2 with G_F, V_us, f_K from kaonlib.inputs (as exact decimals) and coupling 1, lambdified; the
    argument m_mu is the charged lepton's mass."""
    derivation = derive(name, lepton)
    values = {G_F: sympy.Rational(repr(inputs.G_F)), V_us: sympy.Rational(repr(inputs.V_US)),
              f_K: sympy.Rational(repr(inputs.F_K)), derivation.model.coupling: 1}
    return sympy.lambdify(DALITZ_ARGS, derivation.squared_amplitude.subs(values), module)


S23_LIMITS = {module: sympy.lambdify((m_K, m_mu, m_X, s12), dalitz_s23_limits(m_K, (0, m_X, m_mu), s12), module)
              for module in ("math", "mpmath")}


def width_by_scipy(name, mass, rtol=1e-12, lepton="mu"):
    """Gamma(K -> l nu X) at coupling 1 by nested scipy.integrate.quad (KMRT Eq. A.4), with log maps
    s12 = e^a and s23 = m_l^2 + e^b that flatten the 1/s12 and 1/(s23 - m_l^2) peaks."""
    f = physical_msq(name, "math", lepton)
    mk, mmu = inputs.M_K, inputs.LEPTON_MASSES[lepton]

    def inner(a):
        s = math.exp(a)
        lo, hi = S23_LIMITS["math"](mk, mmu, mass, s)
        if not hi > lo:
            return 0.0
        value, _ = integrate.quad(lambda b: f(s, mmu**2 + math.exp(b), mk, mmu, mass) * math.exp(b),
                                  math.log(lo - mmu**2), math.log(hi - mmu**2), epsabs=0, epsrel=rtol, limit=200)
        return value * s

    total, _ = integrate.quad(inner, 2 * math.log(mass), 2 * math.log(mk - mmu), epsabs=0, epsrel=rtol, limit=200)
    return total / (256 * math.pi**3 * mk**3)


def msq_by_mpmath(name, s12_value, s23_value, mass, digits=60, lepton="mu"):
    """sum|M|^2 at coupling 1 evaluated with mpmath at the given decimal precision. 30 digits are not
    enough everywhere: at the soft-neutrino corner (s12 -> m_X^2, s23 -> m_K^2) the (s12, s23) form
    cancels down to ~1e-27 of its terms, so the default is 60."""
    with mpmath.workdps(digits):
        args = [mpmath.mpf(v) for v in (s12_value, s23_value, inputs.M_K, inputs.LEPTON_MASSES[lepton], mass)]
        return physical_msq(name, "mpmath", lepton)(*args)


@lru_cache(maxsize=None)
def k3munu_polynomial(identical):
    """The reduced K -> l nu l' l' |M|^2 (amplitudes/k3munu.py over e^4 G_F^2 V_us^2) as exact polynomial terms
    [(coefficient, exponents)] in (invariants, propagator symbols, parameters), and the propagators'
    denominators as polynomials: an evaluation path that shares nothing with the generated code (no cse, no
    printer, no compiler). Parameters in the kernel's order: m_K, m_l, (m_lp if not identical), f_K, F_V, F_A, R."""
    from amplitudes import k3munu
    from amplitudes.kmunugamma import F_A, F_V, R, e

    process = k3munu.PROCESSES[identical]
    masses = (m_K, k3munu.m_l) if identical else (m_K, k3munu.m_l, k3munu.m_lp)
    generators = (*k3munu.INDEPENDENT, *process.symbols.values(), *masses, f_K, F_V, F_A, R)
    reduced = k3munu.squared_amplitude(identical) / (e**4 * G_F**2 * V_us**2) * m_K**2  # SD terms carry 1/m_K
    terms = [(mpmath.mpf(c.p) / c.q, exponents) for exponents, c in sympy.Poly(reduced, *generators).terms()]
    values = process.propagator_values()
    denominators = [sympy.Poly(1 / values[symbol], *k3munu.INDEPENDENT, *masses) for symbol in process.symbols.values()]
    return terms, denominators, len(masses)


def k3munu_msq_by_mpmath(invariant_values, parameters, identical, digits=50, absolute=False):
    """The reduced |M|^2 at one point with mpmath at ``digits`` significant digits (inputs taken as exact); with
    ``absolute``, the sum of the absolute values of its terms instead (the scale of double-precision rounding)."""
    terms, denominators, n_masses = k3munu_polynomial(identical)
    with mpmath.workdps(digits):
        inv = [mpmath.mpf(float(v)) for v in invariant_values]
        params = [mpmath.mpf(float(v)) for v in parameters]
        inverse = [1 / sum(mpmath.mpf(c.p) / c.q * mpmath.fprod(v**n for v, n in zip(inv + params[:n_masses], ex))
                           for ex, c in d.terms()) for d in denominators]
        point = inv + inverse + params
        values = (c * mpmath.fprod(v**n for v, n in zip(point, ex) if n) for c, ex in terms)
        total = mpmath.fsum(abs(v) for v in values) if absolute else mpmath.fsum(values)
        return total / params[0] ** 2
