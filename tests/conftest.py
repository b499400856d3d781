"""Shared fixtures. Tests never need ../shared: they use the bundled seed report."""

import os
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "duban" / "data" / "zhaoling-2023-10-20.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def pipeline():
    """The real reader and analyser (tests patch attributes of it to simulate failures)."""
    import duban

    return duban


@pytest.fixture(scope="session", autouse=True)
def _data_home():
    """The run prepares DUBAN_HOME as a command does (importing the settings makes nothing)."""
    from django.conf import settings

    from duban import home

    home.prepare(settings)


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY")


@pytest.fixture(autouse=True)
def _no_ambient_proxy(monkeypatch):
    """Tests fetch from local servers directly, whatever proxy the machine running them sets."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


DJANGO_FIXTURES = {"settings", "db", "transactional_db", "live_server", "client", "admin_client"}


@pytest.fixture(autouse=True)
def _django_test_settings(request, tmp_path):
    """For tests that touch Django: uploaded files go to a temporary folder, not the user's
    data folder, and passwords hash fast (PBKDF2 is slow on purpose; tests make many users)."""
    if DJANGO_FIXTURES & set(request.fixturenames) or request.node.get_closest_marker("django_db"):
        settings = request.getfixturevalue("settings")
        settings.MEDIA_ROOT = tmp_path / "evidence"
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clock_after_each_test():
    """A test that froze duban's clock leaves it running again for the next one."""
    yield
    from duban import clock

    clock.reset()


@pytest.fixture(autouse=True)
def _language_after_each_test():
    """A request in English (a cookie, a header) leaves Django's language active in the thread:
    each test starts in the default language, whatever ran before it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def frozen_clock():
    """``frozen_clock(date_or_datetime)`` stops duban's clock there for the rest of the test."""
    from contextlib import ExitStack

    from duban import clock

    with ExitStack() as stack:
        yield lambda moment: stack.enter_context(clock.frozen(moment))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the dashboard keeps its counts for a minute)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- one Chromium for every browser test (tests/browser, tests/ops) ---------------------------
# A second sync_playwright() in the same session fails ("Sync API inside the asyncio loop"),
# so browser tests share this session-scoped one.
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    # Playwright's sync API runs an event loop in this thread; the ORM calls a test makes
    # between page steps are ordinary synchronous calls, so Django's async guard is lifted.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
