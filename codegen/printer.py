"""SymPy -> Cython expression printer: no ``**`` and no ``pow`` on doubles (docs/design.md, known traps).

Integer powers become explicit products (x*x*x), negative ones a division by that product; x^(1/2) is
``sqrt``. Any other power raises, so a kernel can never fall back to complex ``cpow``.
"""

import sympy
from sympy.printing.c import C99CodePrinter


class CythonPrinter(C99CodePrinter):
    def _print_Pow(self, expr):
        base, exp = expr.base, expr.exp
        if exp == sympy.Rational(1, 2):
            return f"sqrt({self._print(base)})"
        if exp == -sympy.Rational(1, 2):
            return f"(1.0/sqrt({self._print(base)}))"
        if not exp.is_Integer:
            raise ValueError(f"cannot print the non-integer power {expr} without pow()")
        factor = self.parenthesize(base, sympy.printing.precedence.PRECEDENCE["Mul"] + 1)
        product = "*".join([factor] * abs(int(exp)))
        return f"({product})" if exp > 0 else f"(1.0/({product}))"

    def _print_Rational(self, expr):
        return f"({float(expr.p)!r}/{float(expr.q)!r})"

    def _print_Integer(self, expr):
        return f"{float(expr)!r}"


def cython_code(expr):
    return CythonPrinter().doprint(expr)
