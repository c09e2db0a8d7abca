"""The distributions pyproject.toml declares are the ones hoiku_lib imports.

A dependency that arrives only through another package (websockets through voila, which
promises an older version than the one HOIKU needs) breaks a `pip install` into an existing
environment; a declared one that nothing imports is weight a deployer carries for nothing.
Every import counts, also inside a function or behind ``except ImportError``: they run.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import json
import re
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "hoiku_lib"

#: declared and needed at run time, but never imported by HOIKU's own code
RUN_TIME_ONLY = {
    "ipykernel": "the kernel Voilà starts for every dashboard",
}


def normalise(name: str) -> str:
    """PEP 503: 'PyYAML', 'pyyaml' and 'py_yaml' are one distribution."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _top_modules(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _notebook_trees(path: Path) -> list[ast.AST]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    sources = ("".join(c["source"]) for c in cells)
    # IPython magics (%..., !...) are not Python
    return [
        ast.parse("\n".join(ln for ln in s.splitlines() if not ln.lstrip().startswith(("%", "!"))))
        for s in sources
    ]


@cache
def imported_modules() -> dict[str, list[str]]:
    """Third-party top-level module → the package files that import it."""
    trees: list[tuple[str, ast.AST]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        trees.append((str(path.relative_to(ROOT)), ast.parse(path.read_text(encoding="utf-8"))))
    for path in sorted(PACKAGE.rglob("*.ipynb")):
        if ".ipynb_checkpoints" not in path.parts:
            trees += [(str(path.relative_to(ROOT)), tree) for tree in _notebook_trees(path)]
    modules: dict[str, list[str]] = {}
    for name, tree in trees:
        for module in _top_modules(tree):
            if module in sys.stdlib_module_names or module == "hoiku_lib":
                continue
            modules.setdefault(module, [])
            if name not in modules[module]:
                modules[module].append(name)
    return modules


def declared() -> dict[str, str]:
    """Normalised name → the requirement as written in [project].dependencies."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"]
    return {normalise(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]): r for r in requirements}


def test_the_scan_finds_known_imports() -> None:
    # guards the scanner itself: these are imported at module level and inside functions
    modules = imported_modules()
    assert "yaml" in modules and "pydantic" in modules
    assert "websockets" in modules  # a function-level import in serve/request.py
    assert not any(m in sys.stdlib_module_names for m in modules)


def test_every_imported_distribution_is_declared() -> None:
    dists = md.packages_distributions()
    declared_names = set(declared())
    missing: list[str] = []
    for module, files in sorted(imported_modules().items()):
        owners = dists.get(module)
        if not owners:
            missing.append(f"{module} (imported in {files[0]}) belongs to no installed package")
            continue
        if not {normalise(o) for o in owners} & declared_names:
            names = " or ".join(sorted(set(owners)))
            missing.append(f"{names} (module {module}, imported in {', '.join(files[:3])})")
    assert not missing, "imported but not in pyproject.toml [project].dependencies:\n" + "\n".join(
        missing
    )


def test_every_declared_distribution_is_imported() -> None:
    dists = md.packages_distributions()
    used = {normalise(o) for module in imported_modules() for o in dists.get(module, [])}
    unused = [
        requirement
        for name, requirement in sorted(declared().items())
        if name not in used and name not in RUN_TIME_ONLY
    ]
    assert not unused, (
        "declared in pyproject.toml [project].dependencies but imported nowhere in hoiku_lib "
        "(drop it, or list it in RUN_TIME_ONLY with the reason): " + ", ".join(unused)
    )


@pytest.mark.parametrize("name", sorted(RUN_TIME_ONLY))
def test_run_time_only_dependencies_are_declared(name: str) -> None:
    assert name in declared(), f"{name} is listed as needed at run time but not declared"


def test_installed_versions_satisfy_the_declared_bounds() -> None:
    from packaging.requirements import Requirement

    wrong = []
    for requirement in declared().values():
        req = Requirement(requirement)
        version = md.version(req.name)
        if not req.specifier.contains(version, prereleases=True):
            wrong.append(f"{req.name} {version} is installed, pyproject.toml asks {req.specifier}")
    assert not wrong, "\n".join(wrong)
