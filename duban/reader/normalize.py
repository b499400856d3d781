"""Whitespace normalisation shared by the HTML and the plain-text paths.

The rules, applied to every line of output:

* Zero-width characters (U+200B-U+200D, U+2060, U+FEFF) and soft hyphens are removed:
  they are invisible and only split words.
* Every other kind of space (NBSP, the ideographic space U+3000 used to indent Chinese
  paragraphs, en/em spaces, tabs) counts as whitespace. Leading and trailing whitespace
  is stripped, so "　　10月18日…" becomes "10月18日…". Runs of inner whitespace become
  one ASCII space.
* Punctuation is never rewritten: full-width "，" and ASCII "," stay as the page printed
  them, because directives are quoted verbatim from the body.
"""

from __future__ import annotations

import re

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"))
_SPACES = re.compile(r"[\s\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def clean_line(text: str) -> str:
    """One line of visible text: invisible characters dropped, spaces collapsed, ends stripped."""
    return _SPACES.sub(" ", text.translate(_INVISIBLE)).strip()


def split_lines(text: str) -> list[str]:
    """Non-empty cleaned lines of ``text``."""
    out = []
    for line in text.splitlines():
        line = clean_line(line)
        if line:
            out.append(line)
    return out
