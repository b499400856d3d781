"""Every command speaks one language at run time too (its help: tests/test_cli_help.py).

Each message of a command goes through the catalogue (``_``) and has an English text there;
under LANG=en the common paths of the commands print no Chinese except data (unit names,
report titles).
"""

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from duban.language import translator

ROOT = Path(__file__).resolve().parents[1]
DUBAN = ROOT / "duban"
CJK = re.compile(r"[\u4e00-\u9fff]")
# What the commands run and print: the commands, the checks `duban check` prints, the modules
# whose errors they print. (cli.py's help tables are held by tests/test_cli_help.py.)
MODULES = sorted(DUBAN.glob("*/management/commands/*.py")) + [DUBAN / p for p in (
    "ops/checks.py", "schedule/checks.py", "sso/checks.py", "ledger/backup.py", "reports/reminders.py",
    "reports/excel.py", "batch.py", "wheelhouse.py", "reader/cli.py", "analysis/cli.py")]
TRANSLATING = {"_", "translate", "gettext", "gettext_lazy", "gettext_noop"}
# Chinese literals that are not messages, and why.
NOT_MESSAGES = {
    ("reports/management/commands/export.py", "督办事项台账"): "the sheet's own title, a Chinese document",
    ("reader/cli.py", "日期"): "a label, translated where it is printed (_(k))",
    ("reader/cli.py", "来源"): "a label, translated where it is printed",
    ("reader/cli.py", "责编"): "a label, translated where it is printed",
    ("reader/cli.py", "审核"): "a label, translated where it is printed",
    ("reader/cli.py", "点击"): "a label, translated where it is printed",
    ("reader/cli.py", "页"): "the progress unit, translated in progress()",
    ("analysis/cli.py", "篇"): "the progress unit, translated in progress()",
    ("reader/cli.py", "文件"): "the reader's size errors are the library's own wording (docs/ledger.md)",
}
# Data, not messages: the sheet's columns and names, the journal's reasons, notices' texts.
DATA_MODULES = {"reports/excel.py", "reports/reminders.py"}


def literals(path: Path):
    """(line, text, translated) for every string constant with Chinese in it, outside docstrings
    and help texts; ``translated``: it is the argument of a translating call."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    translated, skipped = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in TRANSLATING:
            translated |= {id(n) for arg in node.args for n in ast.walk(arg)}
        elif isinstance(node, ast.keyword) and node.arg in ("help", "description"):
            skipped |= {id(n) for n in ast.walk(node.value)}
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "help" for t in node.targets):
            skipped |= {id(n) for n in ast.walk(node.value)}
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and ast.get_docstring(node):
            skipped.add(id(node.body[0].value))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value)
                and id(node) not in skipped):
            yield node.lineno, node.value, id(node) in translated


def name(path: Path) -> str:
    return path.relative_to(DUBAN).as_posix()


@pytest.mark.parametrize("path", [p for p in MODULES if name(p) not in DATA_MODULES], ids=name)
def test_every_message_goes_through_the_catalogue(path):
    raw = [(line, text) for line, text, translated in literals(path)
           if not translated and (name(path), text) not in NOT_MESSAGES]
    assert not raw, f"{name(path)}: Chinese text not passed through _(): {raw}"


@pytest.mark.parametrize("path", MODULES, ids=name)
def test_every_message_has_english(path):
    english = translator("en")
    missing = [(line, text) for line, text, translated in literals(path) if translated and english(text) == text]
    assert not missing, f"{name(path)}: no English in duban/locale for {missing}"


# One process runs the commands one after another (each a `duban …` as typed), under LANG=en.
DRIVER = """
import contextlib, io, json, sys
from duban import cli
runs = []
for argv in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exit:
            code = exit.code
    runs.append({"argv": argv, "code": code, "out": out.getvalue(), "err": err.getvalue()})
print(json.dumps(runs))
"""


def run_all(commands, home: Path, lang: str):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "DATABASE_URL"))}
    env.update(LANG=lang, DUBAN_HOME=str(home), PYTHONPATH=str(ROOT), DUBAN_CLOCK="2023-11-01")
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(commands)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def without_data(text: str) -> str:
    """The messages of an output, without the data they quote: the demo's accounts (unit
    names), titles in quotes, the notice a log line names."""
    lines = [line for line in text.splitlines() if not line.startswith("  ")]  # the demo's account table
    lines = [re.sub(r" \(【.*→ \w+\)$", "", line) for line in lines]  # (【交办】item text → user)
    return re.sub(r"“[^”]*”", "“…”", "\n".join(lines))


def test_the_commands_speak_english_under_lang_en(tmp_path):
    home, sheet, archive = tmp_path / "home", tmp_path / "ledger.xlsx", tmp_path / "backup.zip"
    seed = str(DUBAN / "data" / "zhaoling-2023-10-20.txt")
    commands = [
        ["migrate"],
        ["demo", "--no-serve", "--password", "demo-pass-1"],
        ["demo", "--no-serve"],  # refused: the database holds data
        ["import", "--text", seed],  # imported before
        ["import", str(tmp_path / "missing.txt")],
        ["export", "--xlsx", str(sheet)],
        ["export", "--xlsx", str(sheet), "--status", "bogus"],
        ["export", "--xlsx", str(tmp_path / "no" / "t.xlsx")],
        ["import-xlsx", str(sheet), "--dry-run"],
        ["import-xlsx", str(tmp_path / "missing.xlsx")],
        ["createuser", "ops", "--role", "officer", "--password", "a-long-pass-9"],
        ["createuser", "ops", "--role", "officer", "--password", "a-long-pass-9"],
        ["createuser", "x", "--role", "liaison", "--password", "a-long-pass-9"],
        ["create-token", "ops", "--name", "weekly"],
        ["create-token", "nobody"],
        ["revoke-token", "--list"],
        ["revoke-token", "1"],
        ["revoke-token", "99"],
        ["revoke-token"],
        ["backup", str(archive)],
        ["backup", str(tmp_path / "no" / "b.zip")],
        ["restore", str(archive)],  # refused: the database is not empty
        ["restore", str(tmp_path / "missing.zip")],
        ["remind", "--dry-run", "--webhook", ""],
        ["remind", "--date", "tomorrow"],
        ["link-subjects", "--dry-run"],
        ["fsck"],
        ["check", "--deploy"],
        ["batch", str(tmp_path / "no-corpus"), "--out", str(tmp_path / "out")],
        ["read", str(tmp_path / "missing.html")],
        ["read", str(tmp_path)],
    ]
    runs = run_all(commands, home, "en_US.UTF-8")
    for run in runs:
        said = run["out"] + run["err"]
        assert said.strip(), run["argv"]  # every path says something
        assert not CJK.search(without_data(said)), f"{run['argv']}: {said}"
    by_argv = {" ".join(run["argv"]): run for run in runs}
    assert by_argv[f"backup {archive}"]["out"].startswith("Backed up ")
    assert "issued for ops" in by_argv["create-token ops --name weekly"]["err"]
    assert by_argv["revoke-token 1"]["out"].startswith("Revoked token #1")
    assert "(duban.W010) The HTTPS settings are off" in by_argv["check --deploy"]["err"]
    assert "No such user: nobody" in by_argv["create-token nobody"]["err"]


def test_the_same_paths_speak_chinese_by_default(tmp_path):
    """The control: the paths above do print Chinese when nothing asks for English."""
    runs = run_all([["migrate"], ["backup", str(tmp_path / "no" / "b.zip")], ["create-token", "nobody"]],
                   tmp_path / "home", "C.UTF-8")
    assert "目录不存在" in runs[1]["err"] and "用户不存在：nobody" in runs[2]["err"]
