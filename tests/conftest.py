"""Shared fixtures. Tests never need ../shared: they use the bundled seed report."""

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "duban" / "data" / "zhaoling-2023-10-20.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(autouse=True)
def _evidence_in_tmp(request, tmp_path):
    """Keep uploaded files of Django tests out of the user's data folder."""
    if "settings" in request.fixturenames or request.node.get_closest_marker("django_db"):
        settings = request.getfixturevalue("settings")
        settings.MEDIA_ROOT = tmp_path / "evidence"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the dashboard keeps its counts for a minute)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
