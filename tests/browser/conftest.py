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


def pick_unit(page, picker: str, name: str) -> None:
    """Choose ``name`` in the unit picker ``picker`` (its id, as ``unit-12`` or ``bulk-unit``) as a
    person does: type the name, then click the match in the list that opens."""
    page.fill(f"#{picker}-q", name)
    option = page.locator(f"#{picker}-list [role=option][data-name='{name}']")
    option.wait_for()
    option.click()
