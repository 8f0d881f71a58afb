"""SymPy symbols shared by the models: masses, SM constants and Dalitz invariants (all real, positive)."""

import sympy

s12, s23 = sympy.symbols("s12 s23", positive=True)
m_K, m_mu, m_X = sympy.symbols("m_K m_mu m_X", positive=True)
G_F, V_us, f_K = sympy.symbols("G_F V_us f_K", positive=True)
