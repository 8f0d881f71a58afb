"""On-disk cache for slow derivations (the four-body K -> mu nu mu mu spin sum takes about a minute).

An entry is keyed by the SHA-256 of the source files of the modules the derivation imports (listed by the
caller; tests/amplitudes/test_cache.py checks the list against the actual imports) and the SymPy version, so a
change to any of them derives afresh; the cache never serves a result of other code. Location:
``$KAONLIB_CACHE`` or ``~/.cache/kaonlib``. Entries are pickled SymPy expressions written by this package.
"""

import hashlib
import os
import pickle
from pathlib import Path

import sympy

PACKAGE = Path(__file__).parent


def source_key(modules):
    digest = hashlib.sha256(sympy.__version__.encode())
    for module in sorted(set(modules) | {"cache"}):
        path = PACKAGE / f"{module}.py"
        digest.update(module.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir():
    return Path(os.environ.get("KAONLIB_CACHE", Path.home() / ".cache" / "kaonlib"))


def cached(name, compute, modules):
    """compute() once per version of the ``modules`` (names in this package); later calls, also in other
    processes, load the stored result."""
    path = cache_dir() / f"{name}-{source_key(modules)[:32]}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    value = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(pickle.dumps(value))
    temporary.replace(path)  # atomic: concurrent processes never read a partial file
    return value
