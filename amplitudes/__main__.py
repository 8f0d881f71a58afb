"""``python -m amplitudes``: derive every model's |M|^2 and print the self-checks."""

import sympy

from .checks import massless_muon_limit, ratio_to_published
from .kmunu import derive, ward_residual
from .models import MODELS
from .published import kmrt_a1_width


def main():
    for name, model in MODELS.items():
        result = derive(name)
        print(f"== {name}: {model.description}  [{model.lagrangian}; {model.source}]")
        print(f"sum |M|^2 = {result.squared_amplitude}")
        print(f"m_mu -> 0 limit: {massless_muon_limit(name)}")
        if model.spin == 1:
            print(f"Ward residual sum|l.M|^2: {ward_residual(name)}")
        if name in ("vector", "scalar"):
            print(f"ratio to KMRT (A.{7 if name == 'vector' else 8}): {ratio_to_published(name)}")
        print()
    width = derive("vector").kmunu_width
    print(f"Gamma(K -> mu nu) from the same vertex: {width}")
    print(f"KMRT (A.1) / derived: {sympy.simplify(kmrt_a1_width() / width)}")


if __name__ == "__main__":
    main()
