"""Reader: page bytes or pasted text -> :class:`Article` (pure Python, no Django).

``read`` is the only entry point. Bad input raises a subclass of
:class:`duban.errors.InputError` (empty, binary, not a page, too large); nothing else is
expected to escape.
"""

from __future__ import annotations

import re

from duban.errors import EmptyInput, NotAPage, TooLarge
from duban.reader.article import Article, Site

__all__ = ["Article", "Site", "read", "MAX_BYTES"]

MAX_BYTES = 20 * 1024 * 1024  # bigger than any news page; protects memory on stray files
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|table|meta|title|br|span)\b", re.I)
_READABLE = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def read(data: bytes | str, *, url: str | None = None, max_bytes: int = MAX_BYTES) -> Article:
    """Read HTML (bytes in any encoding, or str), pasted text, or a document (Word .docx,
    PDF with a text layer, OFD: recognised by content, not name) into an Article."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        if len(data) > max_bytes:
            raise TooLarge.over("输入", max_bytes, len(data))
        if not data.strip():
            raise EmptyInput("输入为空 (empty input)")
        from duban.reader import documents

        kind = documents.kind_of(data)
        if kind:
            return _with_body(documents.read_document(kind, data), url)
        documents.refuse_other_binary(data)
        from duban.reader.decode import decode

        text = decode(data)
    elif isinstance(data, str):
        text = data
        if len(text) > max_bytes:
            raise TooLarge.over("输入", max_bytes)
    else:
        raise TypeError(f"read() takes bytes or str, not {type(data).__name__}")
    if not text.strip():
        raise EmptyInput("输入为空 (empty input)")
    if "\x00" in text[:8192]:
        raise NotAPage("输入是二进制文件，不是网页或文本 (binary data, not a page)")
    if _HTML.search(text, 0, 65536):  # endpos, not a slice: no copy of the page
        from duban.reader.page import read_html

        article = read_html(text, url=url)
    else:
        from duban.reader.text import read_text

        article = read_text(text, url=url)
    return _with_body(article, url)


def _with_body(article: Article, url: str | None) -> Article:
    if not article.body or not any(_READABLE.search(p) for p in article.body):
        raise NotAPage("没有找到正文，不是新闻网页或文本 (no article text found)")
    if article.url is None:
        article.url = url
    return article
