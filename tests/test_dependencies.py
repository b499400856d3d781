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


# Modules whose distribution has another name, for when it is not installed (an optional extra:
# installed, packages_distributions() knows them).
NOT_INSTALLED_NAMES = {"ldap": "python-ldap", "ldif": "python-ldap", "readability": "readability-lxml"}

# Parts of duban that need an extra of their own (switched on by settings when it is installed).
PARTS_WITH_EXTRAS = {"duban/sso": "sso"}


def imported_distributions(folder: str, leave_out=()) -> dict[str, str]:
    """Third-party distributions imported anywhere under ``folder`` (but not under the folders
    in ``leave_out``) -> one file importing it."""
    found, by_module = {}, packages_distributions()
    siblings = {p.stem for p in (ROOT / folder).glob("*.py")}  # bench/x.py imports bench/analysis.py
    for path in sorted((ROOT / folder).rglob("*.py")):
        if any(path.is_relative_to(ROOT / part) for part in leave_out):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top in sys.stdlib_module_names or top in ("duban", "tests", "bench") or top in siblings:
                    continue
                for distribution in by_module.get(top, [NOT_INSTALLED_NAMES.get(top, top)]):
                    found.setdefault(distribution.lower().replace("_", "-"), path.relative_to(ROOT).as_posix())
    return found


CORE = names(PROJECT["dependencies"])
EXTRAS = {extra: names(requirements) for extra, requirements in PROJECT["optional-dependencies"].items()}


def test_duban_imports_only_core_dependencies():
    found = imported_distributions("duban", leave_out=PARTS_WITH_EXTRAS)
    undeclared = {d: f for d, f in found.items() if d not in CORE}
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"


@pytest.mark.parametrize(("part", "extra"), sorted(PARTS_WITH_EXTRAS.items()))
def test_a_part_with_an_extra_imports_only_core_and_its_extra(part, extra):
    undeclared = {d: f for d, f in imported_distributions(part).items() if d not in CORE | EXTRAS[extra]}
    assert not undeclared, f"imported by {part} but not in [project] dependencies or the {extra!r} extra: {undeclared}"


def test_every_core_dependency_is_used():
    unused = CORE - set(imported_distributions("duban")) - USED_WITHOUT_IMPORT
    assert not unused, f"declared but never imported by duban: {sorted(unused)}"


# The tests of a part with an extra run where it is installed (CI installs it) and skip elsewhere;
# bench/entities.py measures the LAC tagger of the "lac" extra.
ALSO_ALLOWED = {"tests": {*PARTS_WITH_EXTRAS.values(), "postgres"}, "bench": {"lac", "postgres"}}


@pytest.mark.parametrize(("folder", "extra"), [("tests", "test"), ("bench", "bench")])
def test_tests_and_benchmarks_import_what_their_extra_declares(folder, extra):
    allowed = CORE | EXTRAS[extra] | {d for other in ALSO_ALLOWED[folder] for d in EXTRAS[other]}
    undeclared = {d: f for d, f in imported_distributions(folder).items() if d not in allowed}
    assert not undeclared, f"imported by {folder}/ but not in the {extra!r} extra: {undeclared}"
