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
                if re.search(r"开发区|新区管委会|管理区$|示范区$", county_name):
                    continue
                add(county_name, Division(county_name, county["_admin_code"], 3, prov_name, city_name))
    return index


def _alias(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


@lru_cache(maxsize=1)
def _first_chars() -> tuple[frozenset, int]:
    names = divisions()
    return frozenset(n[0] for n in names), max(map(len, names))


@lru_cache(maxsize=64)
def find_divisions(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) for each division name in ``text``, leftmost-longest, no overlaps.

    A dictionary probe per position (names are at most a dozen characters) is far
    faster than one regular expression with thousands of alternatives.
    """
    names = divisions()
    firsts, longest = _first_chars()
    out, i, n = [], 0, len(text)
    while i < n:
        if text[i] in firsts:
            for k in range(min(longest, n - i), 1, -1):
                if text[i:i + k] in names:
                    out.append((text[i:i + k], i, i + k))
                    i += k - 1
                    break
        i += 1
    return out


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
