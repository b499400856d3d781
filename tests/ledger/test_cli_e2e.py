"""The commands as people run them: separate processes, their own databases (slow: ~30 s)."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def duban(*args, home: Path, db: Path | None = None, check=True, **kwargs):
    env = {**os.environ, "DUBAN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    if db is not None:
        env["DATABASE_URL"] = f"sqlite:///{db}"
    result = subprocess.run([sys.executable, "-m", "duban", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300, **kwargs)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    result = duban("demo", "--no-serve", "--password", "demo-pass", home=home)
    db = home / "duban.sqlite3"  # the default database every command uses
    assert db.is_file() and "duchashi  demo-pass" in result.stdout
    assert re.search(r"台账事项 \d+ 条", result.stdout)
    return home, db


def test_export_backup_restore_on_the_demo(demo_db, tmp_path):
    home, db = demo_db
    sheet = tmp_path / "台账.xlsx"
    out = duban("export", "--xlsx", str(sheet), home=home).stdout
    count = int(re.search(r"已导出 (\d+) 条", out).group(1))
    rows = list(load_workbook(sheet)["台账"].iter_rows(values_only=True))
    assert count > 10 and len(rows) == count + 2 and rows[1][1] == "交办事项"

    archive = tmp_path / "backup.zip"
    duban("backup", str(archive), home=home)
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    fresh = tmp_path / "restored.sqlite3"
    other_home = tmp_path / "other"
    other_home.mkdir()
    duban("restore", str(archive), home=other_home, db=fresh)
    again = tmp_path / "again.zip"
    duban("backup", str(again), home=other_home, db=fresh)
    assert json.loads(zipfile.ZipFile(again).read("manifest.json"))["counts"] == manifest["counts"]
    refused = duban("restore", str(archive), home=other_home, db=fresh, check=False)
    assert refused.returncode == 1 and refused.stderr.startswith("duban restore：数据库不是空的") and "Traceback" not in refused.stderr


def test_import_twice_and_bad_input(demo_db, tmp_path):
    home, _ = demo_db
    db = tmp_path / "fresh.sqlite3"
    duban("migrate", home=home, db=db)
    seed = ROOT / "duban" / "data" / "zhaoling-2023-10-20.txt"
    first = duban("import", str(seed), home=home, db=db).stdout
    assert "已导入《" in first
    second = duban("import", str(seed), home=home, db=db).stdout
    assert "此前已导入" in second
    bad = duban("import", str(tmp_path / "missing.html"), home=home, db=db, check=False)
    assert bad.returncode == 1 and "失败" in bad.stderr and "Traceback" not in bad.stderr


def test_demo_serves_and_logs_in(demo_db):
    home, db = demo_db
    port = free_port()
    env = {**os.environ, "DUBAN_HOME": str(home), "PYTHONPATH": str(ROOT)}  # the default database: the demo's
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "duban", "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        for _ in range(100):
            try:
                page = opener.open(f"{base}/login/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not start")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"username": "duchashi", "password": "demo-pass",
                                       "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(f"{base}/login/", data=form, headers={"Referer": f"{base}/login/"})
        response = opener.open(request, timeout=10)
        assert response.status == 200 and not response.url.endswith("/login/")
    finally:
        server.terminate()
        server.wait(timeout=10)
