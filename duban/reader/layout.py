"""Fixed-layout pages (PDF, OFD) -> paragraphs in reading order.

Input: each page's text lines with their position. Page furniture goes first: page
numbers ("- 3 -", "第3页", "3/12") and running headers or footers (the same text at the
top or bottom of most pages). Lines are then joined into paragraphs the way Chinese
documents are set: a paragraph starts on an indented line, or after a line that stops
short of the right margin (its last line), or after a wider vertical gap; a paragraph
carries on across a page break. A title set on two centred lines in larger type is one
paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from duban.reader.normalize import clean_line


@dataclass(slots=True)
class Line:
    text: str
    x0: float  # left edge
    x1: float  # right edge
    top: float  # distance from the top of the page
    size: float  # font size (character height)


_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|"
    r"[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_BAND = 0.1  # top and bottom tenth of the page: where running headers and footers sit


def paragraphs(pages: list[tuple[float, list[Line]]]) -> list[str]:
    """``pages``: (page height, lines in reading order) for each page."""
    furniture = _running_lines(pages)
    out: list[str] = []
    open_paragraph = False  # the last paragraph may go on on the next page
    for height, lines in pages:
        lines = [line for line in lines if line.text and not _is_furniture(line, height, furniture)]
        if not lines:
            continue
        left = _margin(line.x0 for line in lines)
        right = max(line.x1 for line in lines)
        body_size = _margin(line.size for line in lines)
        previous = None
        for line in lines:
            em = line.size or 10.0
            indented = line.x0 > left + 1.2 * em  # a first line, or a centred heading
            if previous is None:
                starts = indented or not open_paragraph
            elif _wrapped_heading(previous, line, left, right, body_size):
                starts = False
            else:
                starts = indented or previous.x1 < right - 1.5 * em or line.top - previous.top > 2.2 * em
            if starts or not out:
                out.append(line.text)
            else:
                out[-1] = _join(out[-1], line.text)
            previous = line
        open_paragraph = previous is not None and previous.x1 >= right - 1.5 * (previous.size or 10.0)
    return [clean_line(p) for p in out if clean_line(p)]


def _wrapped_heading(previous: Line, line: Line, left: float, right: float, body_size: float) -> bool:
    """Two centred lines in the same larger type, one under the other: a title set on two
    lines (公文 titles often are), not two paragraphs."""
    def centred(ln: Line) -> bool:
        return ln.x0 > left + ln.size and abs((ln.x0 + ln.x1) / 2 - (left + right) / 2) < ln.size

    return (line.size > body_size + 0.5 and abs(line.size - previous.size) < 0.5
            and centred(previous) and centred(line) and line.top - previous.top < 2.2 * line.size)


def _join(head: str, tail: str) -> str:
    """Hard-wrapped lines: Chinese joins directly, Latin words keep a space."""
    if head and tail and head[-1].isascii() and head[-1].isalnum() and tail[0].isascii() and tail[0].isalnum():
        return f"{head} {tail}"
    return head + tail


def _margin(values) -> float:
    """The left margin: the most common line start (indented lines are fewer)."""
    counts = Counter(round(v) for v in values)
    most = max(counts.values())
    return min(v for v, n in counts.items() if n == most)


def _is_furniture(line: Line, height: float, running: set[str]) -> bool:
    in_band = line.top < height * _BAND or line.top > height * (1 - _BAND)
    if _PAGE_NUMBER.match(line.text):
        return True
    return in_band and _key(line.text) in running


def _running_lines(pages: list[tuple[float, list[Line]]]) -> set[str]:
    """Texts printed in the top or bottom band of most pages (digits ignored: "第3页")."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for height, lines in pages:
        keys = {_key(line.text) for line in lines
                if line.top < height * _BAND or line.top > height * (1 - _BAND)}
        seen.update(keys)
    return {key for key, n in seen.items() if n >= max(2, len(pages) * 0.6)}


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())
