"""A stated time limit, kept as written: 年底前, 10月底前完成, 2025年6月30日前."""

from __future__ import annotations

import re

_DEADLINE = re.compile(
    r"(?:(?:\d{4}|今|明)年)?(?:\d{1,2}月)?(?:\d{1,2}日|底|末|中旬|上旬|下旬)前(?:全面|基本|全部)?(?:完成|建成|投用|投产|到位|落实)?"
    r"|(?:(?:\d{4}|今|明)年|年)(?:内|底前|末前)(?:全面|基本|全部)?(?:完成|建成|投用|投产|到位|落实)?"
    r"|(?:\d+|[一二三四五六七八九十两]+)(?:个)?(?:月|周|天|日|个工作日)内(?:完成|整改到位|办结)?"
    r"|限期(?:整改|完成|办结)"
)


def find_deadline(text: str) -> str | None:
    for m in _DEADLINE.finditer(text):
        value = m.group()
        if re.search(r"\d|今|明|年|月|周|天|限期", value):
            return value
    return None
