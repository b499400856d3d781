"""Office documents (Word .docx, PDF, OFD) -> Article: what kind a file is, and the
title and date of a document whose paragraphs are already in reading order.

The kind is read from the content (magic bytes, the names inside a zip), never from the
file name. A document has no page furniture to remove, so its Article is its paragraphs;
the title is the document's own (metadata, a heading style) or the short first line
printed above the text, the date the 落款/成文 date line printed on its own, else the
document's metadata date.
"""

from __future__ import annotations

import io
import re
import zipfile

from duban.errors import NotAPage, TooLarge
from duban.reader.article import Article

PDF, DOCX, OFD = "pdf", "docx", "ofd"
KIND_NAMES = {PDF: "PDF", DOCX: "Word 文档 (.docx)", OFD: "OFD 版式文档"}
MAX_UNPACKED = 200 * 1024 * 1024  # a .docx/.ofd larger than this unpacked is refused (zip bomb)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.wps compound file


def kind_of(data: bytes) -> str | None:
    """PDF, DOCX or OFD by content; None for anything else (HTML, text, other binaries)."""
    head = data[:1024]
    at = head.find(b"%PDF-")  # the header may follow some junk, but not markup that quotes it
    if at == 0 or (at > 0 and b"<" not in head[:at]):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        names = _zip_names(data)
        if names is None:
            return None
        if "word/document.xml" in names:
            return DOCX
        if any(n.lower() == "ofd.xml" for n in names):
            return OFD
    return None


_SUFFIX_KIND = {".pdf": PDF, ".docx": DOCX, ".ofd": OFD}


def check_name(name: str, data: bytes) -> None:
    """Refuse a document whose name says one kind and whose content is another (a .docx
    renamed .pdf): the content decides how a file is read, but a mismatch usually means
    the wrong file was picked, so the user is told instead of guessed for."""
    claimed = _SUFFIX_KIND.get(name[name.rfind("."):].lower()) if "." in name else None
    actual = kind_of(data)
    if claimed and actual and claimed != actual:
        raise NotAPage(f"文件扩展名表明是 {KIND_NAMES[claimed]}，内容却是 {KIND_NAMES[actual]}；"
                       f"请核对文件或改正扩展名 (extension does not match content)")


def refuse_other_binary(data: bytes) -> None:
    """Clear messages for the office files duban cannot read."""
    if data.startswith(_OLE):
        raise NotAPage("这是旧版 Word/WPS 文件 (.doc/.wps)，请另存为 .docx 后再读取 (legacy .doc not supported)")
    if data.startswith(b"PK\x03\x04"):
        names = _zip_names(data)
        if names is None:
            raise NotAPage("文件已损坏：压缩包结构无法读取（Word/OFD 文件损坏？）(corrupt zip/docx)")
        raise NotAPage("这是压缩包，不是 Word、PDF、OFD 文档或网页 (zip archive, not a document)")


def _zip_names(data: bytes) -> set[str] | None:
    """The names in a zip (None when it cannot be opened); refuses a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED:
        raise TooLarge(f"文件解压后过大：{unpacked} 字节，上限 {MAX_UNPACKED} (document too large when unpacked)")
    return {entry.filename for entry in entries}


def read_document(kind: str, data: bytes) -> Article:
    if kind == DOCX:
        from duban.reader.word import read_docx

        return read_docx(data)
    if kind == PDF:
        from duban.reader.pdf import read_pdf

        return read_pdf(data)
    from duban.reader.ofd import read_ofd

    return read_ofd(data)


# --- title and date of a document --------------------------------------------------------

_DOC_NUMBER = re.compile(r"〔\s*(?:19|20)\d{2}\s*〕|\[\s*(?:19|20)\d{2}\s*\]|[（(]\s*(?:19|20)\d{2}\s*[)）]\s*\d+\s*号")
_PROSE = re.compile(r"[，。；！？]")
_ISSUER_HEADER = re.compile(r"^.{2,24}(?:文件|简报|通报|督查通报|专报)$")  # the 版头 above a 公文's title
_DIGIT_DATE = re.compile(r"((?:19|20)\d{2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_HAN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
               "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_DATE = re.compile(r"([〇○零OＯ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_DATE_LINE_MAX = 24  # characters: a date printed on its own line (落款), maybe with the issuer


def printed_date(text: str) -> str | None:
    """A date in digits (2023年11月5日, 2023-11-05) or in Chinese numerals (二〇二三年十一月五日)."""
    from duban.reader.meta import iso

    match = _DIGIT_DATE.search(text)
    if match:
        return iso(*match.groups())
    match = _HAN_DATE.search(text)
    if match:
        year = "".join(str(_HAN_DIGITS[c]) for c in match.group(1))
        return iso(year, str(_han_number(match.group(2))), str(_han_number(match.group(3))))
    return None


def _han_number(text: str) -> int:
    """一..三十一 as an int."""
    if "十" not in text:
        return _HAN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_HAN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_HAN_DIGITS.get(ones, 0) if ones else 0)


def date_line(paragraphs: list[str]) -> str | None:
    """The document's own date: a short line that is (mostly) a date — the 落款 at the end,
    or a date line under the title. The last one wins (the signing date)."""
    for text in reversed(paragraphs):
        if len(text) <= _DATE_LINE_MAX and not _PROSE.search(text):
            found = printed_date(text)
            if found:
                return found
    return None


def split_title(paragraphs: list[str], known: str | None = None) -> tuple[str | None, list[str]]:
    """The document's title and the paragraphs without it.

    ``known`` (a Title/Heading style, the file's metadata title) wins when it is printed
    at the top; else the first short line without sentence punctuation above the text
    (after the issuer's 版头 such as 某某县人民政府文件 and a 文号 line such as
    某政办发〔2023〕12号).
    """
    for i, text in enumerate(paragraphs[:4]):
        if known and text == known:
            return known, paragraphs[:i] + paragraphs[i + 1 :]
    if known:
        return known, paragraphs
    for i, text in enumerate(paragraphs[:4]):
        if (_DOC_NUMBER.search(text) and len(text) <= 30) or _ISSUER_HEADER.match(text):
            continue
        if 4 <= len(text) <= 60 and not _PROSE.search(text) and not printed_date(text):
            return text, paragraphs[:i] + paragraphs[i + 1 :]
        break
    return None, paragraphs


def article(paragraphs: list[str], *, title: str | None = None, published: str | None = None) -> Article:
    """An Article from a document's paragraphs (already cleaned and in reading order)."""
    paragraphs = [p for p in paragraphs if p]
    title, body = split_title(paragraphs, title)
    return Article(title=title, published=date_line(body) or published, body=body)
