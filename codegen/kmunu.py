"""Symbolic preparation of the K+ -> mu+ nu X kernels (build time).

The kernels work with the *reduced* |M|^2 = sum|M|^2 / (C^2 g^2), C = sqrt(2) G_F V_us f_K and g the
model's coupling; kaonlib multiplies the prefactor back. Two rewritings keep double precision:

* |M|^2 in the dot products x = q.l = (s12 - m_X^2)/2, y = q.k = (m_K^2 + m_X^2 - s12 - s23)/2 and
  z = k.l = (s23 - m_X^2 - m_mu^2)/2, with m_K^2 = m_X^2 + m_mu^2 + 2(x + y + z) eliminated. Every term of
  the spin sum carries the neutrino momentum q, so the numerator vanishes manifestly as x, y -> 0 (the
  soft-neutrino corner s12 -> m_X^2, s23 -> m_K^2) instead of through cancellations in (s12, s23).
* dGamma/ds12 = (1/(256 pi^3 m_K^3)) int ds23 |M|^2 (KMRT Eq. A.4) done analytically: with
  s23 = m_X^2 + m_mu^2 + 2z the integrand is rational in z; each partial fraction is integrated in a form
  proportional to the range dz (see :func:`s23_integral`), so nothing cancels as dz shrinks.
"""

from dataclasses import dataclass

import sympy
from sympy.codegen.cfunctions import log1p

from amplitudes import derive
from amplitudes.kmunu import SM_COUPLING, kmunu_width
from amplitudes.symbols import m_K, m_mu, m_X, s12, s23

x, y, z = sympy.symbols("x y z", positive=True)
z_lo, dz = sympy.symbols("z_lo dz", positive=True)


@dataclass(frozen=True)
class KmunuKernelSource:
    """Everything the templates need for one model."""

    name: str
    reduced: sympy.Expr  # sum|M|^2 / (C^2 g^2) in (s12, s23, m_K, m_mu, m_X): the symbolic input
    msq_dot: sympy.Expr  # the same in (x, y, z, m_mu, m_X)
    s23_integral: sympy.Expr  # int ds23 reduced, in (x, z_lo, dz, m_K, m_mu, m_X)


def reduced_squared_amplitude(name, lepton="mu"):
    """sum|M|^2 / (C^2 g^2) of K+ -> l+ nu X; raises if the derived expression does not factor that way."""
    derivation = derive(name, lepton)
    reduced = sympy.cancel(derivation.squared_amplitude / (SM_COUPLING**2 * derivation.model.coupling**2))
    allowed = {s12, s23, m_K, m_mu, m_X}
    if not reduced.free_symbols <= allowed:
        raise ValueError(f"model {name!r}: |M|^2 is not C^2 g^2 times a function of {sorted(map(str, allowed))}")
    return reduced


def in_dot_products(reduced):
    """The reduced |M|^2 in (x, y, z), m_K eliminated."""
    expr = reduced.subs({s12: m_X**2 + 2 * x, s23: m_X**2 + m_mu**2 + 2 * z})
    expr = expr.subs(m_K, sympy.sqrt(m_X**2 + m_mu**2 + 2 * (x + y + z)))
    return sympy.factor(sympy.cancel(expr))


def s23_integral(reduced):
    """int_{s23_lo}^{s23_lo + 2 dz} ds23 reduced at s12 = m_X^2 + 2x, in (x, z_lo, dz), term by term.

    The integrand's partial fractions in z are c z^n and c (a + b z)^-k. With Z = z_lo + dz, A = a + b z_lo:
    z^(n+1) differences are dz sum_j Z^j z_lo^(n-j); k = 1 gives (c/b) log1p(b dz / A); k >= 2 gives
    c dz sum_j (A + b dz)^j A^(k-2-j) / ((k-1) A^(k-1) (A + b dz)^(k-1)).
    """
    integrand = sympy.cancel(reduced.subs({s23: m_X**2 + m_mu**2 + 2 * z, s12: m_X**2 + 2 * x}))
    total = sympy.Integer(0)
    for term in sympy.Add.make_args(sympy.apart(integrand, z)):
        coeff, z_part = term.as_independent(z, as_Add=False)
        total += 2 * coeff * definite_integral(z_part)  # ds23 = 2 dz
    return total


def definite_integral(z_part):
    """int_{z_lo}^{z_lo + dz} z_part dz for z_part = z^n or (a + b z)^-k."""
    base, exponent = z_part.as_base_exp()
    if z_part == 1 or base == z:
        n = 0 if z_part == 1 else int(exponent)
        if n < 0:
            raise ValueError(f"unexpected pole at z = 0 in the s23 integrand: {z_part}")
        return dz * sum((z_lo + dz) ** j * z_lo ** (n - j) for j in range(n + 1)) / (n + 1)
    a, b = base.subs(z, 0), sympy.diff(base, z)
    if not (exponent.is_Integer and exponent < 0 and sympy.diff(base, z, 2) == 0):
        raise ValueError(f"unexpected factor {z_part} in the s23 integrand")
    k, at_lo = -int(exponent), a + b * z_lo
    if k == 1:
        return log1p(b * dz / at_lo) / b
    at_hi = at_lo + b * dz
    numerator = sum(at_hi**j * at_lo ** (k - 2 - j) for j in range(k - 1))
    return dz * numerator / ((k - 1) * at_lo ** (k - 1) * at_hi ** (k - 1))


def kernel_source(name, lepton="mu"):
    reduced = reduced_squared_amplitude(name, lepton)
    return KmunuKernelSource(name, reduced, in_dot_products(reduced), s23_integral(reduced))


def kl2_width_reduced():
    """Gamma(K+ -> l+ nu) / C^2 from the SM vertex, in (m_K, m_mu): the same for every model."""
    return sympy.factor(kmunu_width() / SM_COUPLING**2)
