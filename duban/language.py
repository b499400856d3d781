"""The language duban's commands speak: Chinese, or English when the locale (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``) starts with ``en``.

The English texts come from the same catalogue as the pages' (duban/locale, msgids are the
Chinese texts), read with the standard library so that the commands without a database
(read, analyze, batch) stay free of Django. The Django commands use Django's gettext,
activated in the same language by ``duban.cli``.
"""

from __future__ import annotations

import functools
import gettext
import os
from pathlib import Path

LOCALE = Path(__file__).resolve().parent / "locale"


def language() -> str:
    """``en`` when the locale asks for English, else Chinese (``zh-hans``)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name, ""):
            return "en" if value.lower().startswith("en") else "zh-hans"
    return "zh-hans"


def translator(lang: str):
    """gettext for duban's messages in ``lang``."""
    if lang == "en":
        return gettext.translation("django", LOCALE, languages=["en"], fallback=True).gettext
    return lambda text: text


@functools.cache
def _translator_for(lang: str):
    return translator(lang)


def _(text: str) -> str:
    """``text`` in the language of the environment (for the commands without Django)."""
    return _translator_for(language())(text)
