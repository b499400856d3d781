"""Checks of the intranet settings: each fires on the bad value and is quiet on a good one."""

import pytest

from duban.schedule.checks import check_intranet_settings
from duban.sso.checks import check_sso_groups


def ids(messages):
    return [m.id for m in messages]


@pytest.mark.parametrize("raw, expected", [
    ('{"督查室": {"role": "officer"}}', []),
    ("{}", []),
    ("not json", ["duban.E060"]),
    ('["督查室"]', ["duban.E060"]),
    ('{"督查室": {"role": "boss"}}', ["duban.E061"]),
])
def test_sso_groups(settings, raw, expected):
    settings.DUBAN_SSO_GROUPS = raw
    assert ids(check_sso_groups()) == expected


def test_intranet_settings(settings):
    settings.DUBAN_REMIND_AT, settings.DUBAN_BASE_URL = "08:30", "https://duban.example.gov.cn"
    settings.DUBAN_PUBLIC_BOARD, settings.DUBAN_PUBLIC_BOARD_EMBED_ORIGINS = True, "https://www.example.gov.cn"
    assert check_intranet_settings() == []
    settings.DUBAN_REMIND_AT, settings.DUBAN_BASE_URL, settings.DUBAN_PUBLIC_BOARD_EMBED_ORIGINS = "8点", "", "*"
    assert ids(check_intranet_settings()) == ["duban.E062", "duban.W063", "duban.W064"]
