"""Whitespace normalisation shared by the HTML and the plain-text paths.

The rules, applied to every line of output:

* Zero-width characters (U+200B-U+200D, U+2060, U+FEFF), soft hyphens and control
  characters (C0 except whitespace, DEL, C1) are removed: they are invisible and only
  split words.
* Every other kind of space (NBSP, the ideographic space U+3000 used to indent Chinese
  paragraphs, en/em spaces, tabs) counts as whitespace. Leading and trailing whitespace
  is stripped, so "　　10月18日…" becomes "10月18日…". Runs of inner whitespace become
  one ASCII space.
* Punctuation is never rewritten: full-width "，" and ASCII "," stay as the page printed
  them, because directives are quoted verbatim from the body.
"""

from __future__ import annotations

import re

# invisible characters, and control characters a page cannot mean to show
_INVISIBLE = dict.fromkeys(
    [*map(ord, "\u200b\u200c\u200d\u2060\ufeff\xad"), *range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
)
# str.translate looks every character up in the table; a regex scan for any of them is a
# few times cheaper, and hardly any line has one
_ANY_INVISIBLE = re.compile("[" + re.escape("".join(map(chr, _INVISIBLE))) + "]")


def clean_line(text: str) -> str:
    """One line of visible text: invisible characters dropped, spaces collapsed, ends stripped."""
    if _ANY_INVISIBLE.search(text):
        text = text.translate(_INVISIBLE)
    # str.split() splits on every Unicode space (NBSP, U+3000, en/em spaces…) and drops the ends
    return " ".join(text.split())

