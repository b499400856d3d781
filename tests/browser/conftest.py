"""Playwright driving Debian's Chromium against pytest-django's live server."""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture
def shots():
    """save(page, name): a full-page PNG under tests/artifacts/ for a reviewer to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name, full_page=True):
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)

    return save
