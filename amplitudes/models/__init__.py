"""Registry of the models: every module in this folder that defines ``MODEL`` is one (no list to edit).

Drop a file ``amplitudes/models/<name>.py`` defining ``MODEL = Model(name="<name>", ...)`` here, run
``python -m codegen`` and rebuild (README, "Add a model").
"""

import importlib
import pkgutil


def discover():
    """{name: Model} of every module of this package, sorted by name; the module file is named after it."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        model = getattr(importlib.import_module(f"{__name__}.{info.name}"), "MODEL", None)
        if model is None:
            continue
        if model.name != info.name:
            raise ValueError(f"amplitudes/models/{info.name}.py defines the model {model.name!r}: name the file "
                             f"{model.name}.py (the generated kernels are named after the model)")
        found[model.name] = model
    return found


MODELS = discover()


def get_model(name):
    """The Model called ``name``; ValueError listing the known names otherwise."""
    try:
        return MODELS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown model {name!r}; known models: {', '.join(sorted(MODELS))}") from None
