"""The on-disk derivation cache: the K -> mu nu mu mu key covers every module the derivation imports, a stored
result is reused, and a changed source gives a new key."""

import ast
from pathlib import Path

from amplitudes import cache, k3munu

PACKAGE = Path(cache.__file__).parent


def package_imports(module):
    """Modules of the ``amplitudes`` package imported (transitively) by ``module``."""
    found, todo = set(), [module]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        tree = ast.parse((PACKAGE / f"{name}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                todo.append(node.module.split(".")[0])
    return found


def test_key_covers_every_imported_module():
    assert package_imports("k3munu") - {"cache"} == set(k3munu.DERIVATION_MODULES)


def test_stored_result_is_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("KAONLIB_CACHE", str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        return 42

    assert cache.cached("probe", compute, ("symbols",)) == 42
    assert cache.cached("probe", compute, ("symbols",)) == 42
    assert len(calls) == 1 and len(list(tmp_path.glob("probe-*.pickle"))) == 1


def test_key_changes_with_the_modules():
    assert cache.source_key(("symbols",)) != cache.source_key(("symbols", "trace"))
    assert cache.source_key(("symbols",)) == cache.source_key(("symbols",))
