"""The package's layout rules, checked on its source and its public API.

* No module imports another module's private (``_name``) functions or
  classes: shared machinery lives in private modules with public names
  (``_engine``, ``_validation``, ``_results``, ``_format``, ``plots._style``)
  and is imported from there.
* ``rng``, ``executor``, ``n_threads`` and ``ax`` are keyword-only wherever
  they appear in the public API.
* Every public result class is a frozen attrs class.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import attrs
import pytest

import statkmeans

PACKAGE = Path(statkmeans.__file__).parent
SOURCES = sorted(p for p in PACKAGE.rglob("*.py"))
KEYWORD_ONLY = ("rng", "executor", "n_threads", "ax")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute name of the module an ImportFrom reads from."""
    if node.level == 0:
        return node.module or ""
    package = module.split(".")
    is_package = (PACKAGE.parent / Path(*package) / "__init__.py").exists()
    base = package if is_package else package[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_module(name: str) -> bool:
    path = PACKAGE.parent / Path(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists() or any(
        path.parent.glob(path.name + ".*.so")) or path.with_suffix(".pyx").exists()


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_names_across_modules(path):
    """Imports of another module's _private names, and module._private uses, are errors."""
    module = _module_name(path)
    tree = ast.parse(path.read_text(), str(path))
    bad = []
    imported_modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            if not source.startswith("statkmeans"):
                continue
            for alias in node.names:
                full = f"{source}.{alias.name}"
                if _is_module(full):
                    imported_modules.add(alias.asname or alias.name)
                elif _private(alias.name) and source != module:
                    bad.append(f"line {node.lineno}: from {source} import {alias.name}")
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr)
                and isinstance(node.value, ast.Name) and node.value.id in imported_modules):
            bad.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    assert not bad, f"{module} uses private names of other modules: {bad}"


def test_the_rule_catches_a_private_import(tmp_path):
    """The check above is not vacuous: it sees the imports the package makes."""
    tree = ast.parse((PACKAGE / "kmeans.py").read_text())
    sources = {_resolve("statkmeans.kmeans", n) for n in ast.walk(tree)
               if isinstance(n, ast.ImportFrom)}
    assert {"statkmeans._validation", "statkmeans._results"} <= sources
    assert _is_module("statkmeans._engine") and not _is_module("statkmeans._engine.Runner")


def _public_callables():
    for name in statkmeans.__all__:
        obj = getattr(statkmeans, name)
        if inspect.isfunction(obj):
            yield name, obj
        elif inspect.isclass(obj) and attrs.has(obj):
            for meth_name, meth in vars(obj).items():
                if inspect.isfunction(meth) and not meth_name.startswith("_"):
                    yield f"{name}.{meth_name}", meth


@pytest.mark.parametrize("name, func", list(_public_callables()), ids=lambda v: v
                         if isinstance(v, str) else "")
def test_keyword_only_arguments(name, func):
    """rng, executor, n_threads and ax are keyword-only everywhere."""
    params = inspect.signature(func).parameters
    wrong = [p for p in KEYWORD_ONLY if p in params and params[p].kind != params[p].KEYWORD_ONLY]
    assert not wrong, f"{name}: {wrong} should be keyword-only"


@pytest.mark.parametrize("name", [n for n in statkmeans.__all__
                                  if inspect.isclass(getattr(statkmeans, n))
                                  and attrs.has(getattr(statkmeans, n))])
def test_results_are_frozen(name):
    """Result classes are frozen attrs classes sharing one IPython printer."""
    from statkmeans._results import PrettyPrinted

    cls = getattr(statkmeans, name)
    assert cls.__setattr__.__name__ == "_frozen_setattrs"  # attrs' frozen classes
    assert issubclass(cls, PrettyPrinted)


def test_plots_only_draw():
    """The plots package computes nothing of its own: no kernels, no engine, no draws."""
    for path in (PACKAGE / "plots").glob("*.py"):
        text = path.read_text()
        for word in ("_kernels", "_engine", "draw_starts", "resolve_draws"):
            assert word not in text, f"{path.name} uses {word}"
