"""The README's configuration table and the code agree, and the settings have no side effects.

Generic on purpose: a new setting needs only its row in the README table."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"DUBAN_[A-Z0-9_]*[A-Z0-9]")


def python_strings():
    """Every string constant in duban's code (f-string parts included), with its file."""
    for path in sorted((ROOT / "duban").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield path, node.value


def read_names() -> set[str]:
    """Names the code looks up: a string that is exactly ``DUBAN_…`` is an environment
    variable or a setting's name passed to os.environ, getattr or a helper."""
    return {value for _, value in python_strings() if NAME.fullmatch(value)}


def documented_names() -> set[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    # A row may document several names together: `DUBAN_A`, `DUBAN_B` in its first cell.
    first_cells = re.findall(r"^\| ([^|]*`DUBAN_[^|]*) \|", section, re.MULTILINE)
    return {name for cell in first_cells for name in re.findall(r"`(DUBAN_[A-Z0-9_]+)`", cell)}


def test_every_setting_read_is_documented():
    missing = read_names() - documented_names()
    assert not missing, f"add these to the README's configuration table: {sorted(missing)}"


def test_every_documented_setting_is_read():
    unread = documented_names() - read_names()
    assert not unread, f"documented in the README but never read: {sorted(unread)}"


def named(text: str, known: set[str]):
    """The names a text mentions; ``DUBAN_LDAP_*`` (a family) stands for the known names it starts."""
    for match in NAME.finditer(text):
        name, after = match.group(0), text[match.end():match.end() + 2]
        if after in ("_*", "_…") and any(k.startswith(name + "_") for k in known):
            continue
        yield name


def test_every_name_in_a_message_exists():
    """Hints and docstrings name only variables that exist (documented) or settings that do."""
    from django.conf import settings

    known = documented_names() | {name for name in dir(settings) if name.startswith("DUBAN_")}
    unknown = {(path.relative_to(ROOT).as_posix(), name)
               for path, value in python_strings() for name in named(value, known) if name not in known}
    assert not unknown, sorted(unknown)


def test_the_scan_finds_names_wherever_the_code_reads_them():
    """The scan finds names wherever the code reads them (the test above cannot pass vacuously)."""
    names = read_names()
    assert {"DUBAN_HOME", "DUBAN_SECRET_KEY", "DUBAN_WORKERS", "DUBAN_YELLOW_DAYS"} <= names
    assert len(documented_names()) == len(names) > 20


def test_importing_the_settings_writes_nothing(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "DUBAN_HOME": str(home), "DJANGO_SETTINGS_MODULE": "duban.settings", "PYTHONPATH": str(ROOT)}
    env.pop("DUBAN_SECRET_KEY", None)
    code = "import django; django.setup(); from django.conf import settings; settings.DATABASES; settings.STATIC_ROOT"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)
    assert not home.exists()


def test_the_secret_key_is_made_on_first_use_owner_only(tmp_path):
    env = {**os.environ, "DUBAN_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "duban.settings",
           "PYTHONPATH": str(ROOT)}
    env.pop("DUBAN_SECRET_KEY", None)
    code = "import django; django.setup(); from django.conf import settings; print(len(settings.SECRET_KEY))"
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120,
                           capture_output=True, text=True)
    key = tmp_path / "secret_key"
    assert int(first.stdout) >= 50 and key.stat().st_mode & 0o777 == 0o600
    before = key.read_text()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120, capture_output=True)
    assert key.read_text() == before
