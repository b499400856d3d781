"""A newcomer's first commands, as separate processes with nothing set but a fresh DUBAN_HOME."""

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]


def duban(*args, home: Path):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DUBAN_", "DATABASE_URL", "LC_", "LANG"))}
    env.update(DUBAN_HOME=str(home), PYTHONPATH=str(ROOT), LANG="C.UTF-8")
    return subprocess.run([sys.executable, "-m", "duban", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_demo_then_export_and_backup_use_the_same_database(tmp_path):
    home = tmp_path / "home"
    demo = duban("demo", "--no-serve", "--password", "demo-pass", home=home)
    assert demo.returncode == 0, demo.stderr
    items = int(re.search(r"台账事项 (\d+) 条", demo.stdout).group(1))
    assert "以后再次打开：duban serve" in demo.stdout  # no environment to set: it is the default database

    sheet = tmp_path / "台账.xlsx"
    export = duban("export", "--xlsx", str(sheet), home=home)
    assert export.returncode == 0, export.stderr
    assert f"已导出 {items} 条" in export.stdout and load_workbook(sheet)["台账"].max_row == items + 2

    archive = tmp_path / "backup.zip"
    backup = duban("backup", str(archive), home=home)
    assert backup.returncode == 0, backup.stderr
    assert "manifest.json" in zipfile.ZipFile(archive).namelist()
    assert sorted(p.name for p in home.iterdir() if p.suffix == ".sqlite3") == ["duban.sqlite3"]

    again = duban("demo", "--no-serve", home=home)
    assert again.returncode == 1 and "duban demo --reset" in again.stderr and "Traceback" not in again.stderr


def test_commands_on_a_fresh_home_say_what_to_run_and_leave_nothing(tmp_path):
    home = tmp_path / "home"
    for args in (["export", "--xlsx", str(tmp_path / "x.xlsx")], ["backup", str(tmp_path / "b.zip")]):
        result = duban(*args, home=home)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"duban {args[0]}：") and "duban migrate" in result.stderr
    assert not (home / "duban.sqlite3").exists()


def test_a_broken_database_is_one_line(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "duban.sqlite3").write_text("not a database")
    result = duban("export", "--xlsx", str(tmp_path / "x.xlsx"), home=home)
    assert result.returncode == 1 and result.stderr.startswith("duban export：数据库出错：")
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
