"""Offline install: ``duban wheelhouse DIR`` gathers every wheel; a fresh virtual environment
installs from DIR with the index switched off and passes ``duban check --deploy``."""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from duban import wheelhouse

ROOT = Path(__file__).resolve().parents[2]


def test_pins_and_requirement(tmp_path):
    for name in ("Django-5.2.19-py3-none-any.whl", "psycopg_binary-3.2.1-cp311-cp311-manylinux_2_17_x86_64.whl",
                 "duban-0.1.0-py3-none-any.whl", "notes.txt"):
        (tmp_path / name).write_text("")
    assert wheelhouse.pins(tmp_path) == ["Django==5.2.19", "duban==0.1.0", "psycopg-binary==3.2.1"]
    assert wheelhouse.requirement("postgres,server") == f"{ROOT}[postgres,server]"
    assert wheelhouse.requirement("") == str(ROOT)


def offline_env(**extra) -> dict:
    """No pip configuration, no index, and a dead proxy: any attempt to reach a network fails."""
    # Nothing of this test session either (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "DUBAN_", "DATABASE_URL", "DJANGO_"))}
    dead = "http://127.0.0.1:9"
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_INDEX_URL=f"{dead}/simple",
               http_proxy=dead, https_proxy=dead, HTTP_PROXY=dead, HTTPS_PROXY=dead, PYTHONPATH="", **extra)
    return env


@pytest.mark.slow
def test_offline_install_passes_the_deploy_check(tmp_path):
    wheels = tmp_path / "wheels"
    gathered = subprocess.run([sys.executable, "-m", "duban", "wheelhouse", str(wheels)], cwd=ROOT,
                              capture_output=True, text=True, timeout=1800)
    assert gathered.returncode == 0, gathered.stderr[-3000:]
    assert (wheels / "requirements.txt").read_text().count("==") >= 20

    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-index", "--find-links", str(wheels),
                              "-r", str(wheels / "requirements.txt")], cwd=tmp_path, env=offline_env(),
                             capture_output=True, text=True, timeout=1800)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]

    home = tmp_path / "home"
    env = offline_env(DUBAN_HOME=str(home), DUBAN_SECRET_KEY="k9$Qw" * 12, DUBAN_SECURE="1",
                      DUBAN_ALLOWED_HOSTS="duban.example.gov.cn")
    duban = str(target / "bin" / "duban")
    where = subprocess.run([str(python), "-c", "import duban; print(duban.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert str(target) in where.stdout  # the installed copy, not this source tree
    check = subprocess.run([duban, "check", "--deploy"], cwd=tmp_path, env=env, capture_output=True, text=True,
                           timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    migrate = subprocess.run([duban, "migrate", "-v", "0"], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=300)
    assert migrate.returncode == 0, migrate.stderr
