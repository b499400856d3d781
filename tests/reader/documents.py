"""Small Word, PDF and OFD documents for the reader tests, made here (not copies of real files)."""

from __future__ import annotations

import io
import zipfile

import pytest

TITLE = "关于加快重点项目建设的督办通知"
GREETING = "各乡镇人民政府，县直各单位："
PARAGRAPHS = [
    "为加快推进全县重点项目建设，确保年度目标任务按期完成，经县政府同意，现就有关事项通知如下。",
    "一、压实工作责任。各乡镇、各部门要紧盯年度目标任务，倒排工期、挂图作战，确保项目按期建成投产，年底前全面完成。",
    "二、强化要素保障。县自然资源局、县财政局要主动靠前服务，及时协调解决项目建设中遇到的土地、资金等问题。",
    "三、加强督查问效。县督查室要加强跟踪督办，每月通报一次进展，对工作不力、进度滞后的单位通报批评。",
]
SIGNATURE = "某某县人民政府督查室"
DATE_LINE = "2023年11月5日"


def make_docx(*, numbered: bool = False) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = TITLE
    document.add_heading(TITLE, level=1)
    document.add_paragraph(GREETING)
    document.add_paragraph(PARAGRAPHS[0])
    for text in PARAGRAPHS[1:]:
        if numbered:  # Word's automatic list: the "1." lives in the numbering definition
            document.add_paragraph(text.split("、", 1)[1], style="List Number")
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([["事项", "责任单位", "完成时限"], ["重点项目开工", "县发改局", "2023年12月31日"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph(SIGNATURE)
    document.add_paragraph(DATE_LINE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(*, pages: int = 2, password: str | None = None, text: bool = True, title_lines: int = 1) -> bytes:
    """An A4 notice set like a government document: the title centred, paragraphs with a
    two-character indent and wrapped at the margin, a running header and page numbers.
    The paragraphs are spread over ``pages`` pages (a paragraph crosses the page break)."""
    pytest.importorskip("reportlab")  # in the test extra
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # a CID font: no font file needed
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, encrypt=password)
    width, height = A4
    size, left, per_line = 14, 72, 30  # 30 characters of 14 pt fill 420 pt of a 451 pt text width
    cut = len(TITLE) * 2 // 3  # a title set on two lines: "关于加快重点项目建设" / "的督办通知"
    title = [(TITLE, "title")] if title_lines == 1 else [(TITLE[:cut], "title"), (TITLE[cut:], "title")]
    lines = [*title, (GREETING, "left")]
    for paragraph in PARAGRAPHS:
        chunks = [paragraph[:per_line - 2]] + [paragraph[i:i + per_line]
                                               for i in range(per_line - 2, len(paragraph), per_line)]
        lines += [(chunk, "indent" if n == 0 else "left") for n, chunk in enumerate(chunks)]
    lines += [(SIGNATURE, "right"), (DATE_LINE, "right")]
    per_page = -(-len(lines) // pages)
    for page in range(pages):
        if not text:  # a scan: the page is one picture, no text layer
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            pdf.drawImage(ImageReader(Image.new("L", (60, 80), 200)), 0, 0, width, height)
            pdf.showPage()
            continue
        pdf.setFont("STSong-Light", 9)
        pdf.drawCentredString(width / 2, height - 40, "某某县人民政府文件")
        pdf.drawCentredString(width / 2, 30, f"- {page + 1} -")
        y = height - 100
        for chunk, kind in lines[page * per_page:(page + 1) * per_page]:
            pdf.setFont("STSong-Light", 20 if kind == "title" else size)
            if kind == "title":
                pdf.drawCentredString(width / 2, y, chunk)
                y -= 16
            elif kind == "right":
                pdf.drawRightString(width - 120, y, chunk)
            else:
                pdf.drawString(left + (2 * size if kind == "indent" else 0), y, chunk)
            y -= 24
        pdf.showPage()
    pdf.save()
    return out.getvalue()


_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def make_ofd() -> bytes:
    """A one-page OFD (GB/T 33190): OFD.xml -> Document.xml -> a page of TextObjects (mm)."""
    size, left, per_line = 4.2, 25.0, 38
    objects, y, ident = [], 40.0, 10

    def text_object(text: str, x: float) -> None:
        nonlocal ident
        objects.append(f'<ofd:TextObject ID="{ident}" Boundary="{x} {y - size} 170 {size * 1.5}" Font="2" '
                       f'Size="{size}"><ofd:TextCode X="0" Y="{size}" DeltaX="g {len(text) - 1} {size}">'
                       f"{text}</ofd:TextCode></ofd:TextObject>")
        ident += 1

    text_object(TITLE, 50.0)
    y += 12
    text_object(GREETING, left)
    for paragraph in PARAGRAPHS:
        chunks = [paragraph[:per_line - 2]] + [paragraph[i:i + per_line]
                                               for i in range(per_line - 2, len(paragraph), per_line)]
        for n, chunk in enumerate(chunks):
            y += 7
            text_object(chunk, left + (2 * size if n == 0 else 0))
    y += 7
    text_object(SIGNATURE, 120.0)
    y += 7
    text_object(DATE_LINE, 130.0)
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {_NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
                   f"<ofd:DocInfo><ofd:DocID>a1</ofd:DocID><ofd:Title>{TITLE}</ofd:Title>"
                   "<ofd:CreationDate>2023-11-06</ofd:CreationDate></ofd:DocInfo>"
                   "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {_NS}><ofd:CommonData>'
                              "<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                              "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
                              '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                              "</ofd:Pages></ofd:Document>",
        "Doc_0/PublicRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {_NS} BaseLoc="Res"><ofd:Fonts>'
                               '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        "Doc_0/Pages/Page_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {_NS}><ofd:Content>'
                                          f'<ofd:Layer ID="3">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()
