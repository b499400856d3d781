"""Sentences of an article body, with their offsets.

A sentence here is the GUIDE's "clause group": it ends at 。；！？ (or ; ! ?).
A closing quote right after the end mark belongs to the sentence, so quoted speech
("“…。”") stays whole. Offsets point into ``article.body[para]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

END_MARKS = "。；！？;!?"
CLOSING = "”’」』\"'）)"
_SENTENCE = re.compile(rf"[^{END_MARKS}]*(?:[{END_MARKS}]+[{CLOSING}]*|$)")
# Comma-level separators inside a sentence ("segments").
SEGMENT_MARKS = "，,：:"
_LEADING_JUNK = " \t\u3000\xa0"
_TRAILING = END_MARKS + CLOSING


@dataclass(frozen=True)
class Sentence:
    para: int
    start: int  # offset of the first character kept
    end: int  # offset after the last character kept (end mark excluded)
    text: str  # body[para][start:end]
    quoted: bool = False  # the whole sentence is a quotation “…”
    index: int = 0  # position of the sentence in its paragraph
    mark: str = ""  # the end mark (。；！？), "" at a paragraph's end without one

    def segments(self) -> list[tuple[int, int]]:
        """(start, end) offsets, relative to ``text``, of its comma-separated parts."""
        out, pos = [], 0
        for m in re.finditer(rf"[{SEGMENT_MARKS}]", self.text):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, len(self.text)))
        return [(a, b) for a, b in out if b > a]


def split_paragraph(para: int, text: str) -> list[Sentence]:
    sentences = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        tail = m.group().rstrip(CLOSING)
        mark = tail[-1] if tail and tail[-1] in END_MARKS else ""
        # trim end marks, closing quotes and blanks off the end
        while end > start and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
            end -= 1
        while start < end and text[start] in _LEADING_JUNK:
            start += 1
        if end <= start:
            continue
        quoted = text[start] in "“「\"" and text[m.start():m.end()].rstrip().endswith(("”", "」", '"'))
        if quoted:
            start += 1
        elif text.count("“", start, end) > text.count("”", start, end) and text[end:end + 1] == "”":
            end += 1  # 落实“三管三必须”。: the closing quote belongs to the words
        sentences.append(Sentence(para, start, end, text[start:end], quoted, len(sentences), mark))
    return sentences


def split_body(body: list[str]) -> list[Sentence]:
    out = []
    for i, paragraph in enumerate(body):
        out.extend(split_paragraph(i, paragraph))
    return out
