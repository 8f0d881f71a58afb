"""The mediator's derived decay widths as a small generated Python module, and its manifest metadata.

Each channel of amplitudes.decays becomes ``width_<channel>(m_X, m_f)`` = Gamma / coupling^2 in GeV
(dark matter: / (q_chi coupling)^2), zero at and below threshold, with beta written in product form
sqrt((m_X - 2 m_f)(m_X + 2 m_f))/m_X. These are closed forms evaluated a handful of times per mass, so
they are plain Python (no compile step); the |M|^2 kernels are Cython.
"""

from string import Template

import sympy

from amplitudes.decays import beta_product_form, channels, lorentz_structure, m_f
from amplitudes.model import Model

FUNCTION = Template('''

def width_$id(m_X, m_f):
    """Gamma(X -> $name) / $per at mediator mass m_X and daughter mass m_f (GeV); 0 below threshold.
    Derived: $formula"""
    if not m_X > 2.0 * m_f:
        return 0.0
    return $body
''')


def channel_id(channel):
    return channel.dark_matter or channel.name.replace(" ", "_")


def python_code(expr):
    return sympy.pycode(expr, fully_qualified_modules=True, standard="python3")


def module_text(model: Model):
    """Body of kaonlib/_kernels/<name>__decays.py (after the generated-file header)."""
    parts = [f'"""Derived decay widths of the mediator of the model {model.name!r}: {model.description}."""\n\n'
             "import math  # noqa: F401 (used by the generated expressions)\n"]
    for channel in channels(model):
        per = "(q_chi coupling)^2" if channel.dark_matter else "coupling^2"
        width = beta_product_form(channel.width, 0 if channel.daughter.startswith("nu") else m_f)
        parts.append(FUNCTION.substitute(id=channel_id(channel), name=channel.name, per=per,
                                         formula=sympy.sstr(channel.width), body=python_code(width)))
    return "".join(parts)


def metadata(model: Model):
    """Manifest entry describing the decays, the vertex structures and the dark-matter currents."""
    return {
        "channels": [
            {"name": c.name, "function": f"width_{channel_id(c)}", "daughter": c.daughter, "invisible": c.invisible,
             "dark_matter": c.dark_matter, "tex": c.tex}
            for c in channels(model)
        ],
        "lorentz_structure": {
            lepton: {key: float(value) for key, value in lorentz_structure(vertex, model.spin, model.coupling).items()}
            for lepton, vertex in model.vertices().items()
        },
        "dark_matter": [current.kind for current in model.dark_matter],
    }

