"""HTML -> a cleaned lxml tree and its text as a list of blocks in reading order.

A *block* is the inline text between two block boundaries (a block element opening or
closing, or a ``<br>``): roughly one rendered line or paragraph. Body detection and
metadata both work on these blocks, so the page is walked once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from duban.reader.normalize import clean_line

# Never rendered as article text.
_INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "option", "button", "textarea", "input", "video", "audio", "source", "map",
    "link", "meta", "title", "base",
)
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section summary table tbody "
    "td tfoot th thead tr ul".split()
)
_XML_PROLOG = re.compile(r"^[\s\ufeff]*(?:<\?xml[^>]*\?>\s*)+", re.I)
# matched in the lower-cased style: re.I would switch off the regex engine's first-character
# scan, and a page has a hundred or more style attributes
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none")
_VISIBILITY_HIDDEN = re.compile(r"visibility\s*:\s*hidden")
_REVEALED_TEXT = 200  # characters: a hidden block this long is the page's content, shown by script


@dataclass(slots=True)
class Block:
    """One run of inline text. ``owner`` is its nearest block ancestor element."""

    text: str
    owner: etree._Element
    link_chars: int
    tag: str

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


# Plain etree elements: lxml.html's element classes cost a Python lookup per node.
# huge_tree: deeply nested table layouts exceed libxml2's default depth limit (input is size-capped).
# The page is handed to libxml2 as UTF-8 bytes with the encoding fixed: a str would be
# parsed as well but must first be scanned for lone surrogates (a fifth of the parse's
# time), while encoding finds them for free; and a <meta charset> or XML declaration
# cannot override the encoding the page was already decoded from.
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, default_doctype=False, huge_tree=True, encoding="utf-8"
)
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def parse(text: str) -> etree._Element:
    """Parse a page into an lxml tree (recovering from broken markup)."""
    text = _XML_PROLOG.sub("", text, count=1)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (only in a str handed to read()): shown as U+FFFD
        data = _SURROGATES.sub("\ufffd", text).encode("utf-8")
    root = etree.fromstring(data, _PARSER)
    if root is None:  # nothing parseable, e.g. only a comment
        root = etree.fromstring(b"<html><body>" + data + b"</body></html>", _PARSER)
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", _PARSER)
    return root


def strip_invisible(root: etree._Element) -> None:
    """Drop elements a reader never sees: scripts, styles, form widgets, media players, comments."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_INVISIBLE_TAGS, with_tail=False)
    # <head> is unwrapped, not dropped: its own children (title, meta, scripts) are gone by now,
    # and on a malformed page (a script before <html>, an unclosed custom tag such as
    # <sohu_cms_include>) the parser puts the whole page inside it.
    etree.strip_tags(root, "head")
    hidden = [
        el for el in root.iter()
        if el.get("hidden") is not None
        or ((style := el.get("style")) and _HIDDEN_STYLE.search(lowered := style.lower()) and _hidden_by(lowered, el))
    ]
    for el in hidden:
        parent = el.getparent()
        if parent is not None:
            _drop_keeping_tail(el, parent)


def _hidden_by(style: str, el: etree._Element) -> bool:
    """Whether a (lower-cased) style hides the element for good. A long text that is only
    ``visibility:hidden`` is laid out and shown by the page's script (WeChat's
    ``#js_content``), so it stays."""
    if _DISPLAY_NONE.search(style):
        return True
    return bool(_VISIBILITY_HIDDEN.search(style)) and len("".join(el.itertext()).strip()) < _REVEALED_TEXT


def _drop_keeping_tail(el: etree._Element, parent: etree._Element) -> None:
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def text_of(el: etree._Element) -> str:
    return "".join(el.itertext())


def blocks(root: etree._Element) -> list[Block]:
    """The page's text as blocks in document order (empty ones skipped)."""
    out: list[Block] = []
    owners: list[etree._Element] = []
    parts: list[str] = []
    add = parts.append
    links = 0  # characters of parts that sit inside <a>
    in_link = 0
    block_tags = BLOCK_TAGS

    def flush():  # called only when parts has text
        nonlocal links
        text = "".join(parts)
        parts.clear()
        if not text.isspace():  # most runs between two block boundaries are the markup's indentation
            text = clean_line(text)
            if text and owners:
                owner = owners[-1]
                out.append(Block(text, owner, min(links, len(text)), owner.tag))
        links = 0

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if tag.__class__ is not str:
            continue
        if event == "start":
            if tag in block_tags:
                if parts:
                    flush()
                owners.append(el)
            elif tag == "br":
                if parts:
                    flush()
            elif tag == "a":
                in_link += 1
            text = el.text
            if text:
                add(text)
                if in_link:
                    links += len(text.strip())
        else:
            if tag in block_tags:
                if parts:
                    flush()
                owners.pop()
            elif tag == "a":
                in_link -= 1
            text = el.tail
            if text:
                add(text)
                if in_link:
                    links += len(text.strip())
    if parts:
        flush()
    return out


def meta_tags(root: etree._Element) -> dict[str, str]:
    """``<meta name|property|itemprop=… content=…>`` as a dict with lower-cased keys (first one wins)."""
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = el.get("name") or el.get("property") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content is not None:
            found.setdefault(re.sub(r"\s+", "", key).lower(), content.strip())
    return found
