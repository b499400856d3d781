"""Packages import downwards only: no cycles between duban's parts, and the core stays pure.

    base (errors, clock, home, tasks, language) < reader < analysis < the duban package (duban.read/analyze)
    < ledger < areas < reports < web, api, ops < entry points (cli, batch, settings, urls, wsgi)

A package may import its own layer's modules and any lower layer's, never a higher one —
including imports inside functions. Documented in docs/ledger.md ("Package layers").
"""

import ast
from pathlib import Path

import pytest

DUBAN = Path(__file__).resolve().parents[1] / "duban"
LAYERS = [
    {"errors", "clock", "home", "tasks", "language"},
    {"reader"},
    {"analysis"},
    {"__init__"},
    {"ledger", "notify"},
    {"areas"},
    {"reports"},
    {"web", "api", "ops", "board", "sso"},
    {"schedule"},
    {"cli", "batch", "settings", "urls", "wsgi", "__main__", "wheelhouse"},
]
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}
PURE = {"reader", "analysis"}  # the library people use without a database


def part_of(path: Path) -> str:
    relative = path.relative_to(DUBAN).parts
    return relative[0] if len(relative) > 1 else relative[0].removesuffix(".py")


def imports(path: Path):
    """Modules imported anywhere in the file; ``from duban import clock`` is ``duban.clock``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module == "duban":
            for alias in node.names:
                submodule = (DUBAN / alias.name).is_dir() or (DUBAN / f"{alias.name}.py").is_file()
                yield f"duban.{alias.name}" if submodule else "duban"
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def imported_parts(path: Path):
    for module in imports(path):
        if module == "duban":
            yield "__init__"
        elif module.startswith("duban."):
            yield module.split(".")[1]


MODULES = [p for p in sorted(DUBAN.rglob("*.py")) if "migrations" not in p.parts]


def test_every_part_has_a_layer():
    assert {part_of(p) for p in MODULES} <= set(RANK), {part_of(p) for p in MODULES} - set(RANK)


def test_imports_go_down_only():
    upward = sorted({(p.relative_to(DUBAN).as_posix(), target) for p in MODULES for target in imported_parts(p)
                     if RANK[target] > RANK[part_of(p)]})
    assert not upward, f"imports of a higher layer: {upward}"


@pytest.mark.parametrize("part", sorted(PURE))
def test_the_core_needs_no_django(part):
    uses = sorted({p.name for p in (DUBAN / part).rglob("*.py")
                   for module in imports(p) if module.split(".")[0] in ("django", "ninja")})
    assert not uses, uses


def test_the_check_sees_a_late_upward_import(tmp_path):
    """The scan reads imports inside functions too (a late import is still a dependency)."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from duban.reports import excel\n    from duban import clock\n", encoding="utf-8")
    assert list(imported_parts(probe)) == ["reports", "clock"] and RANK["reports"] > RANK["ledger"]
