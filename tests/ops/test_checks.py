"""duban's deploy checks: each fires on the unsafe setting and is quiet on the safe one."""

import os

import pytest
from django.core.checks import Error, Warning
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from duban.ops import checks

GOOD_KEY = "k3Jd9_-sX2pQ8vLr0ZtY7uWc5eHn4mBa6oGf1iKjNlMqRsTuVwXy"


@pytest.fixture
def safe(settings, tmp_path, monkeypatch):
    """A production-like configuration every duban check accepts."""
    settings.DEBUG = False
    settings.SECRET_KEY = GOOD_KEY
    settings.SECURE = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.ALLOWED_HOSTS = ["duban.example.gov.cn"]
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path / "data" / "evidence"
    settings.MEDIA_URL = "/"
    settings.DUBAN_ALLOW_PRIVATE_URLS = False
    monkeypatch.delenv("DUBAN_WORKERS", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    return settings


def ids(messages):
    return [m.id for m in messages]


ALL_CHECKS = [checks.check_debug, checks.check_secret_key, checks.check_https, checks.check_sqlite_workers,
              checks.check_evidence_storage, checks.check_allowed_hosts, checks.check_private_urls]


def test_safe_configuration_passes_every_check(safe, monkeypatch):
    monkeypatch.setenv("DUBAN_SECRET_KEY", GOOD_KEY)
    assert [m for check in ALL_CHECKS for m in check()] == []


def test_debug_is_an_error(safe):
    safe.DEBUG = True
    assert ids(checks.check_debug()) == ["duban.E001"]


@pytest.mark.parametrize("key", ["short", "secret", "x" * 60, "django-insecure-" + GOOD_KEY])
def test_weak_secret_key_is_an_error(safe, key):
    safe.SECRET_KEY = key
    assert ids(checks.check_secret_key()) == ["duban.E002"]


def test_secret_key_file_readable_by_others_is_a_warning(safe, tmp_path, monkeypatch):
    monkeypatch.delenv("DUBAN_SECRET_KEY", raising=False)
    safe.DATA_HOME = tmp_path
    key_file = tmp_path / "secret_key"
    key_file.write_text(GOOD_KEY)
    key_file.chmod(0o644)
    assert ids(checks.check_secret_key()) == ["duban.W003"]
    key_file.chmod(0o600)
    assert checks.check_secret_key() == []


def test_plain_http_is_a_warning_and_half_https_an_error(safe):
    safe.SECURE = False
    assert ids(checks.check_https()) == ["duban.W010"]
    safe.SECURE = True
    safe.CSRF_COOKIE_SECURE = False
    safe.SECURE_HSTS_SECONDS = 0
    [message] = checks.check_https()
    assert message.id == "duban.E011" and "CSRF_COOKIE_SECURE" in message.msg and "HSTS" in message.msg


@pytest.mark.parametrize("variable", ["DUBAN_WORKERS", "WEB_CONCURRENCY"])
def test_sqlite_with_several_workers_is_a_warning(safe, monkeypatch, variable):
    monkeypatch.setattr(checks, "database_engine", lambda: "django.db.backends.sqlite3")
    assert checks.check_sqlite_workers() == []  # one worker: fine
    monkeypatch.setenv(variable, "4")
    [message] = checks.check_sqlite_workers()
    assert isinstance(message, Warning) and message.id == "duban.W020"
    monkeypatch.setattr(checks, "database_engine", lambda: "django.db.backends.postgresql")
    assert checks.check_sqlite_workers() == []


@pytest.mark.parametrize("layout", ["media_in_static", "static_in_media"])
def test_evidence_inside_web_root_is_an_error(safe, tmp_path, layout):
    if layout == "media_in_static":
        safe.MEDIA_ROOT = tmp_path / "static" / "evidence"
    else:
        safe.STATIC_ROOT = tmp_path / "data" / "evidence" / "static"
    assert "duban.E030" in ids(checks.check_evidence_storage())


def test_evidence_in_staticfiles_dirs_is_an_error(safe, tmp_path):
    safe.STATICFILES_DIRS = [tmp_path / "data"]
    assert "duban.E030" in ids(checks.check_evidence_storage())


def test_public_media_url_is_a_warning(safe):
    safe.MEDIA_URL = "/media/"
    assert ids(checks.check_evidence_storage()) == ["duban.W031"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_evidence_dir_is_an_error(safe, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    safe.MEDIA_ROOT = locked / "evidence"
    assert ids(checks.check_evidence_storage()) == ["duban.E032"]


def test_evidence_path_under_a_file_is_an_error(safe, tmp_path):
    (tmp_path / "afile").write_text("x")
    safe.MEDIA_ROOT = tmp_path / "afile" / "evidence"
    assert ids(checks.check_evidence_storage()) == ["duban.E032"]


@pytest.mark.parametrize(("hosts", "expected"), [
    ([], ["duban.E040"]),
    (["*"], ["duban.E041"]),
    (["127.0.0.1", "localhost", "[::1]"], ["duban.W042"]),
    (["duban.example.gov.cn", "127.0.0.1"], []),
])
def test_allowed_hosts(safe, hosts, expected):
    safe.ALLOWED_HOSTS = hosts
    assert ids(checks.check_allowed_hosts()) == expected


def test_private_url_import_is_a_warning(safe):
    safe.DUBAN_ALLOW_PRIVATE_URLS = True
    assert ids(checks.check_private_urls()) == ["duban.W050"]


def test_check_deploy_command_runs_duban_checks(safe):
    safe.DEBUG = True
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", "--deploy")
    assert "duban.E001" in str(raised.value)
    assert all(isinstance(m, Error) for m in checks.check_debug())


def test_duban_checks_are_deploy_only(safe):
    safe.DEBUG = True
    call_command("check")  # without --deploy: no duban errors raised
