"""A stated time limit, kept as written: 年底前, 10月底前完成, 2025年6月30日前, 限期三个月."""

from __future__ import annotations

import re

_DONE = r"(?:全面|基本|全部)?(?:完成|建成|投用|投产|到位|落实|完工)?"
_SPAN = r"(?:\d+|[一二三四五六七八九十两]+)(?:个)?(?:月|周|天|日|个工作日)"
# A date or a span: the most precise statement of the limit.
_DATED = re.compile(
    # a month by number or by where it stands from now: 10月底前, 十月底前, (本|下)月底前, 月底前
    rf"(?:(?:\d{{4}}|今|明)年)?(?:(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|本|当|下个?)?月)?"
    rf"(?:\d{{1,2}}日|底|末|中旬|上旬|下旬)前{_DONE}"
    rf"|(?:本|当|下个?)月内{_DONE}"
    rf"|(?:(?:\d{{4}}|今|明)年|年)(?:内|底前|末前){_DONE}"
    rf"|限期{_SPAN}(?:内)?(?:整改到位|完成|办结)?"
    rf"|{_SPAN}内(?:完成|整改到位|办结)?"
    # seasons and holidays the genre sets work against: 春节前, 明年汛期前, 开学前
    rf"|(?:(?:今|明)年)?(?:春节|元旦|国庆|汛期|主汛期|汛前|开学|入冬|供暖季)前{_DONE}"
)
# Limits without a date: 限期整改, 事不过夜 (the same day), 立行立改.
_UNDATED = re.compile(r"限期(?:整改|完成|办结)|事不过夜|立行立改")


def find_deadline(text: str) -> str | None:
    for m in _DATED.finditer(text):
        value = m.group()
        if re.search(r"\d|今|明|年|月|周|天|限期|[节旦庆期前学冬季]前", value):
            return value
    m = _UNDATED.search(text)
    return m.group() if m else None
