"""Every third-party module that the package, the app, the tests or the benchmarks import is declared in
pyproject.toml (dependencies or the test extra): a fresh virtual environment has all of them."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from kennisgraaf.settings import PROJECT_ROOT

FOLDERS = ("kennisgraaf", "app", "tests", "benchmarks")
# The project's own packages, and the app's modules (app/*.py, imported by name from the app's folder).
LOCAL = {"kennisgraaf", "tests", "benchmarks", "app_pages"} | {p.stem for p in (PROJECT_ROOT / "app").glob("*.py")}
# Modules of optional extras that need not be installed here, by the distribution that provides them.
NOT_INSTALLED = {"sklearn": "scikit-learn"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return {canonical(re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0]) for r in requirements}


def imported() -> dict[str, str]:
    """Top-level module name -> first file that imports it."""
    found: dict[str, str] = {}
    for folder in FOLDERS:
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(PROJECT_ROOT)))
    return found


def test_every_third_party_import_is_declared() -> None:
    distributions = packages_distributions()
    wanted = declared()
    missing = []
    for module, where in sorted(imported().items()):
        if module in LOCAL or module in sys.stdlib_module_names:
            continue
        dists = {canonical(d) for d in distributions.get(module, [NOT_INSTALLED.get(module, module)])}
        if not dists & wanted:
            missing.append(f"{module} ({where}; distribution {sorted(dists)})")
    assert not missing, "imported but not declared in pyproject.toml: " + ", ".join(missing)
