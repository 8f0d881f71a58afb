"""Registry of the models: one small declarative module per model, listed here."""

from . import scalar, vector, vector_muon_only

MODELS = {m.MODEL.name: m.MODEL for m in (vector, scalar, vector_muon_only)}


def get_model(name):
    """The Model called ``name``; ValueError listing the known names otherwise."""
    try:
        return MODELS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown model {name!r}; known models: {', '.join(sorted(MODELS))}") from None
