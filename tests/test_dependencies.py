"""Dependencies declared honestly: what duban imports is a core dependency, what the tests and
benchmarks import is in their extras, and no core dependency sits unused."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Core dependencies used by name, not by import: the settings name whitenoise's middleware and
# storage as strings.
USED_WITHOUT_IMPORT = {"whitenoise"}


def names(requirements) -> set[str]:
    return {re.match(r"[A-Za-z0-9_.-]+", r).group(0).lower().replace("_", "-") for r in requirements}


def imported_distributions(folder: str) -> dict[str, str]:
    """Third-party distributions imported anywhere under ``folder`` -> one file importing it."""
    found, by_module = {}, packages_distributions()
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in ("duban", "tests", "bench"):
                    continue
                for distribution in by_module.get(top, [top]):
                    found.setdefault(distribution.lower().replace("_", "-"), path.relative_to(ROOT).as_posix())
    return found


CORE = names(PROJECT["dependencies"])
EXTRAS = {extra: names(requirements) for extra, requirements in PROJECT["optional-dependencies"].items()}


def test_duban_imports_only_core_dependencies():
    undeclared = {d: f for d, f in imported_distributions("duban").items() if d not in CORE}
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"


def test_every_core_dependency_is_used():
    unused = CORE - set(imported_distributions("duban")) - USED_WITHOUT_IMPORT
    assert not unused, f"declared but never imported by duban: {sorted(unused)}"


@pytest.mark.parametrize(("folder", "extra"), [("tests", "test"), ("bench", "bench")])
def test_tests_and_benchmarks_import_what_their_extra_declares(folder, extra):
    allowed = CORE | EXTRAS[extra] | EXTRAS.get("postgres", set())
    undeclared = {d: f for d, f in imported_distributions(folder).items() if d not in allowed}
    assert not undeclared, f"imported by {folder}/ but not in the {extra!r} extra: {undeclared}"
