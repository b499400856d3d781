"""Administrative divisions and their codes, from jionlp's lexicon (china_location.txt).

jionlp prints a banner on import and its lexicon takes ~0.5 s to load, so both happen
once, lazily, with the banner swallowed. Only the three coded levels (province, city,
county) are used; towns, streets and villages are found by their suffix instead
(see entities.py), because the lexicon writes them with county prefixes.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Division:
    name: str  # full name as in the lexicon: 召陵区
    code: str  # 411104
    level: int  # 1 province, 2 city, 3 county
    province: str
    city: str | None


@lru_cache(maxsize=1)
def jionlp():
    """Import jionlp once, without its banner on stdout."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp as module
    return module


@lru_cache(maxsize=1)
def divisions() -> dict[str, list[Division]]:
    """Every name a division is written by (full name and, above county level, the alias)."""
    index: dict[str, list[Division]] = {}

    def add(name, division):
        if name and len(name) >= 2:
            index.setdefault(name, []).append(division)

    for prov_name, prov in jionlp().china_location_loader().items():
        p = Division(prov_name, prov["_admin_code"], 1, prov_name, None)
        add(prov_name, p)
        add(_alias(prov.get("_alias")), p)
        for city_name, city in prov.items():
            if city_name.startswith("_"):
                continue
            c = Division(city_name, city["_admin_code"], 2, prov_name, city_name)
            add(city_name, c)
            for alias in city.get("_alias") or []:
                add(alias, c)
            for county_name, county in city.items():
                if county_name.startswith("_") or not isinstance(county, dict):
                    continue
                # Skip development zones (经开区 …): not divisions people write as places.
                if re.search(r"开发区|园区|工业园|产业园|新区|高新|经济|管理|示范|实验|试验|保税|港区|合作区", county_name):
                    continue
                county_div = Division(county_name, county["_admin_code"], 3, prov_name, city_name)
                add(county_name, county_div)
                alias = _alias(county.get("_alias"))
                if alias and len(alias) >= 3 and county_name.endswith(("市", "县", "旗")):
                    # 霍尔果斯, 阿拉山口: county-level names distinctive enough alone
                    add(alias, county_div)
    return index


def _alias(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


@lru_cache(maxsize=1)
def _lengths_by_head() -> dict[str, tuple[int, ...]]:
    """For each two-character head, the lengths of division names starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for name in divisions():
        lengths.setdefault(name[:2], set()).add(len(name))
    return {head: tuple(sorted(ls, reverse=True)) for head, ls in lengths.items()}


@lru_cache(maxsize=8)
def find_divisions(text: str) -> list[tuple[str, int, int]]:
    """Cached :func:`scan_divisions` (an article's text is scanned by several steps)."""
    return scan_divisions(text)


# Characters that end or join words far more often than they start a two-character
# division (成县, 和县, 于都 is three): such a name must stand after a boundary.
_FUNCTION_HEADS = frozenset("成和在为与及从对向就是到把被给将")
# Verbs of the genre that open a real county's name (要会同县公安局…: not 会同县) stand as a
# division only after a boundary; divisions named by ordinary words (城区第二水厂, 郊区) never.
_VERB_HEADS = frozenset(("会同",))
_WORD_NAMES = frozenset(("城区", "郊区", "矿区"))


def scan_divisions(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) for each division name in ``text``, leftmost-longest, no overlaps.

    The regex engine skips to the positions whose two characters could start a name;
    there, one set probe for the two-character head, then a dictionary probe
    per possible length: much faster than a regular expression of thousands of names.
    """
    names, by_head = divisions(), _lengths_by_head()
    out, after = [], 0
    for m in _first_chars().finditer(text):
        i = m.start()
        if i < after:
            continue
        lengths = by_head.get(text[i:i + 2])
        if not lengths:
            continue
        for k in lengths:
            after_word = i > 0 and "\u4e00" <= text[i - 1] <= "\u9fff"
            if after_word and (k == 2 and text[i] in _FUNCTION_HEADS or text[i:i + 2] in _VERB_HEADS):
                continue  # 责成县市场监管局, 乡镇和县直部门, 要会同县公安局: not 成县, 和县, 会同县
            if text[i:i + k] in _WORD_NAMES:
                continue
            if text[i:i + k] in names:
                out.append((text[i:i + k], i, i + k))
                after = i + k
                break
    return out


@lru_cache(maxsize=1)
def _first_chars() -> re.Pattern:
    """Positions whose two characters could open a division name (a few in a hundred)."""
    firsts = "".join(sorted({re.escape(name[0]) for name in divisions()}))
    seconds = "".join(sorted({re.escape(name[1]) for name in divisions()}))
    return re.compile(f"(?=[{firsts}][{seconds}])")


def resolve_codes(names: list[str]) -> dict[str, str]:
    """Division codes for names, using the other names of the article to pick among homonyms."""
    index = divisions()
    found = {n: index[n] for n in names if n in index}
    context = {d.province for ds in found.values() if len(ds) == 1 for d in ds}
    context |= {d.city for ds in found.values() if len(ds) == 1 for d in ds if d.city}
    codes = {}
    for name, options in found.items():
        if len(options) > 1:
            ranked = sorted(options, key=lambda d: (d.city not in context, d.province not in context, d.level))
            options = ranked
        codes[name] = options[0].code
    return codes
