"""Every command's help: duban's command name, one language, none of Django's plumbing."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from duban import cli

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [*cli.PURE_COMMANDS, *(name for name in cli.DJANGO_COMMANDS if name != "manage")]
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_PHRASE = re.compile(r"\b[a-z]{2,} [a-z]{2,}\b")  # two lowercase words in a row: an English phrase
DJANGO_PLUMBING = ["--settings", "--pythonpath", "--traceback", "--no-color", "--force-color", "--skip-checks",
                   "--verbosity", "-v {", "--version"]


def prose(line: str) -> str:
    """The words of a help text, without the command lines, options and addresses it names."""
    return re.sub(r"duban [a-z-]+|--?[a-z][a-z-]*|https?://\S+|[a-z]+://\S+", "", line)


def texts(parser):
    """The description and every help text the parser shows."""
    shown = [a.help for a in parser._actions if a.help and a.help != "==SUPPRESS=="]
    return [parser.description, *shown]


def help_of(name, lang):
    with cli.speaking(lang) as translate:
        parser = cli.parser_for(name, translate)
        return parser, parser.format_help()


@pytest.mark.parametrize("name", COMMANDS)
def test_chinese_help(name, db):
    parser, text = help_of(name, "zh-hans")
    assert parser.prog == f"duban {name}" and text.startswith(f"用法：duban {name} ")
    assert not any(option in text for option in DJANGO_PLUMBING), text
    for line in texts(parser):
        assert CJK.search(line) and not ENGLISH_PHRASE.search(prose(line)), f"not Chinese: {line!r}"
    assert "usage:" not in text and "show this help" not in text


@pytest.mark.parametrize("name", COMMANDS)
def test_english_help(name, db):
    parser, text = help_of(name, "en")
    assert text.startswith(f"usage: duban {name} ")
    assert not any(option in text for option in DJANGO_PLUMBING), text
    for line in texts(parser):
        letters, chinese = len(re.findall(r"[A-Za-z]", line)), len(CJK.findall(line))
        assert letters >= 3 and chinese < letters / 4, f"not English: {line!r}"


def test_the_overview_lists_every_command_in_one_language():
    chinese = cli.usage()
    english = cli.usage(cli.translator("en"))
    for name in COMMANDS:
        assert re.search(rf"^  {re.escape(name)} ", chinese, re.MULTILINE)
    assert not CJK.search(english), english
    assert all(CJK.search(line) for line in chinese.splitlines() if line.startswith("  "))


@pytest.mark.parametrize(("lang", "start"), [("zh-hans", "用法：duban manage "), ("en", "usage: duban manage ")])
def test_manage_lists_commands_by_dubans_names(lang, start, db):
    text = cli.manage_help(cli.translator(lang))
    listed = re.findall(r"^  (\S+)$", text, re.MULTILINE)
    assert text.startswith(start) and {"import", "import-xlsx", "fsck", "changepassword"} <= set(listed)
    assert "import_report" not in listed and (lang == "en") != bool(CJK.search(text))


def messages():
    """Every string in duban's code that is not a docstring (messages, hints, help), with its file."""
    for path in sorted((ROOT / "duban").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield path.relative_to(ROOT).as_posix(), node.value


def hints():
    """The messages that may name duban's commands and switches: not an argument handed to
    another program (``"--wheel-dir"`` in pip's argv), nor the part of a line that is a
    command for pip."""
    for path, text in messages():
        if not re.fullmatch(r"--[a-z][a-z-]*", text):
            yield path, re.sub(r"\bpip (install|wheel|download)\b[^\n]*", "", text)


def test_every_hint_names_a_command_and_a_switch_that_exist(db):
    options = {option for name in COMMANDS for action in cli.parser_for(name)._actions
               for option in action.option_strings}
    known_commands = {*COMMANDS, "manage", "help"}
    wrong = [(path, word) for path, text in hints()
             for word in re.findall(r"\bduban ([a-z][a-z-]*)", text) if word not in known_commands]
    wrong += [(path, option) for path, text in hints()
              for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", text) if option not in options]
    assert not wrong, wrong
    assert "--allow-private" in options and "--reset" in options  # the scan sees the hints' switches


def duban(*args, lang="C.UTF-8", home):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG", "DATABASE_URL"))}
    env.update(LANG=lang, DUBAN_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "duban", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_help_as_people_type_it(tmp_path):
    by_word = duban("help", "fsck", home=tmp_path)
    by_flag = duban("fsck", "--help", home=tmp_path)
    through_manage = duban("manage", "fsck", "--help", home=tmp_path)
    assert by_word.returncode == by_flag.returncode == through_manage.returncode == 0
    assert by_word.stdout.startswith("用法：duban fsck") and by_word.stdout == by_flag.stdout == through_manage.stdout
    english = duban("import", "--help", lang="en_GB.UTF-8", home=tmp_path)
    assert english.stdout.startswith("usage: duban import ") and not CJK.search(english.stdout.split("\n\n", 1)[1])
    unknown = duban("help", "nonsense", home=tmp_path)
    assert unknown.returncode == 2 and "nonsense" in unknown.stderr and "Traceback" not in unknown.stderr
