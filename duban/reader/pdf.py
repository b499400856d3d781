"""PDF with a text layer -> Article (pdfminer.six, MIT licence).

pdfminer maps CJK fonts through their CMaps (Adobe-GB1 and friends ship with it), so
Chinese comes out as text, in the order of its layout analysis. Lines and their
positions go to ``layout.paragraphs``. A PDF without text (a scan), one that needs a
password, or a damaged file is refused with one line that names the problem.
"""

from __future__ import annotations

import io
import re

from duban.errors import NotAPage
from duban.reader import documents, layout
from duban.reader.article import Article
from duban.reader.normalize import clean_line

_PDF_DATE = re.compile(r"D?:?((?:19|20)\d{2})(\d{2})(\d{2})")


def read_pdf(data: bytes) -> Article:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFTextExtractionNotAllowed

    try:
        pages, info = _pages(data)
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFTextExtractionNotAllowed) as exc:
        raise NotAPage("PDF 已加密（需要密码），无法读取；请提供未加密的文件 (password-protected PDF)") from exc
    except NotAPage:
        raise
    except Exception as exc:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError…) on damaged files
        raise NotAPage(f"PDF 文件已损坏，无法读取 (corrupt PDF: {exc.__class__.__name__})") from exc
    paragraphs = layout.paragraphs(pages)
    if not paragraphs:
        raise NotAPage("PDF 没有文字层（可能是扫描件或图片），请先做文字识别 (OCR) 再读取 (no text layer: scanned PDF?)")
    title = clean_line(_text(info.get("Title")))
    created = _PDF_DATE.match(_text(info.get("CreationDate")))
    from duban.reader.meta import iso

    return documents.article(
        paragraphs,
        title=title if title and title in paragraphs[:4] else None,
        published=iso(*created.groups()) if created else None,
    )


def _pages(data: bytes) -> tuple[list[tuple[float, list[layout.Line]]], dict]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    if not document.is_extractable:
        from pdfminer.pdfpage import PDFTextExtractionNotAllowed

        raise PDFTextExtractionNotAllowed("text extraction not allowed")
    info = document.info[0] if document.info else {}
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    pages = []
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        result = device.get_result()
        height = result.height
        lines = []
        for item in result:
            if isinstance(item, LTTextBox):
                for text_line in item:
                    if isinstance(text_line, LTTextLine):
                        text = clean_line(text_line.get_text())
                        if text:
                            lines.append(layout.Line(text, text_line.x0, text_line.x1, height - text_line.y1,
                                                     text_line.height))
        pages.append((height, lines))
    return pages, info


def _text(value) -> str:
    """A PDF info value: bytes (PDFDocEncoding or UTF-16 with BOM) or a resolved object."""
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    if isinstance(value, bytes):
        if value.startswith((b"\xfe\xff", b"\xff\xfe")):
            return value.decode("utf-16", errors="replace")
        return value.decode("latin-1", errors="replace")
    return value if isinstance(value, str) else ""
