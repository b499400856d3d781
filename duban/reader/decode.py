"""Bytes -> text without mojibake.

Order of trust: a byte-order mark; strict UTF-8 (a page that decodes cleanly as UTF-8
is UTF-8 whatever its ``<meta charset>`` says: people.com.cn and youth.cn declare
gb2312 and send UTF-8); then the declared charset and the common Chinese legacy
encodings, each decoded strictly and judged by how ordinary the resulting Chinese is
(sohu pages declare UTF-8 and send GBK); then charset-normalizer's guess.
"""

from __future__ import annotations

import codecs
import re

from duban.errors import NotAPage

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
# Legacy names are decoded with their supersets: GB2312 and GBK pages routinely use
# characters only GB18030 has, Big5 pages use HKSCS ones.
_SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "cp936": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cp950": "big5hkscs", "x-x-big5": "big5hkscs",
}
_LEGACY = ("gb18030", "big5hkscs")
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"MZ")
# The most frequent characters of Chinese news text, simplified and traditional. A wrong
# legacy decoding produces rare characters, so the share of these tells the right one.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单"
    "风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土"
    "許这們國會為個來時說對發與經學動過進種還關現機當從點業後實體開應問間將長開區員記"
    "这們國會為個來時說對發與經學動過進種還關現機當從點業後實體開應問間將長區員記書華電"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def decode(data: bytes) -> str:
    """Decode page bytes; raises NotAPage for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    _refuse_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = _candidates(data)
    best = _best_strict(data, candidates)
    if best is not None:
        return best
    return _best_tolerant(data, ["utf-8", *candidates])


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta tag or XML prolog), lower-cased."""
    match = _DECLARED.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _candidates(data: bytes) -> list[str]:
    names = []
    declared = declared_charset(data)
    if declared:
        declared = _SUPERSETS.get(declared, declared)
        try:
            names.append(codecs.lookup(declared).name)
        except LookupError:
            pass
    for name in _LEGACY:
        if codecs.lookup(name).name not in names:
            names.append(codecs.lookup(name).name)
    return [n for n in names if n not in ("utf-8", "ascii")]


def _best_strict(data: bytes, encodings: list[str]) -> str | None:
    """Of the encodings that decode the bytes strictly, the one whose Chinese reads most ordinary.

    The first (declared) encoding wins ties, so an honest declaration is never second-guessed.
    """
    readings = []
    for encoding in encodings:
        try:
            readings.append(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    if len(readings) < 2:  # nothing to weigh (the usual case: GBK bytes are rarely valid Big5)
        return readings[0] if readings else None
    best, best_score = None, -1.0
    for text in readings:
        score = commonness(text)
        if score > best_score + 0.05:
            best, best_score = text, score
    return best


def commonness(text: str) -> float:
    """Share of CJK characters that are among the most common ones (1.0 when there are none)."""
    cjk = _CJK.findall(text[:200_000])
    if not cjk:
        return 1.0
    return sum(map(_COMMON.__contains__, cjk)) / len(cjk)


def _best_tolerant(data: bytes, encodings: list[str]) -> str:
    """No encoding decodes every byte (a truncated page, one stray byte): decode leniently and
    keep the reading with ordinary Chinese and the fewest replacement characters. When even
    that is poor, charset-normalizer gets a say."""
    readings = [data.decode(encoding, errors="replace") for encoding in encodings]
    guess = None
    if min(_damage(text) for text in readings) > 0.01:
        from charset_normalizer import from_bytes

        guess = from_bytes(data[:500_000]).best()
        if guess is not None and guess.encoding:
            readings.append(data.decode(guess.encoding, errors="replace"))
    return max(readings, key=_lenient_score)


def _damage(text: str) -> float:
    return text.count("\ufffd") / max(1, len(text))


def _lenient_score(text: str) -> int:
    """Common Chinese characters gained, replacement characters lost (first reading wins ties)."""
    return sum(ch in _COMMON for ch in _CJK.findall(text[:200_000])) - text.count("\ufffd")


def _refuse_binary(data: bytes) -> None:
    head = data[:8192]
    if head.startswith(_MAGIC) or b"\x00" in head:
        raise NotAPage("输入是二进制文件，不是网页或文本 (binary data, not a page)")
