"""Documents a 督查室 receives: Word .docx, PDF with a text layer, OFD; and the ones refused."""

import io
import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import duban
from duban.cli import main
from duban.errors import InputError, NotAPage, TooLarge
from duban.reader import documents
from tests.reader.documents import (
    DATE_LINE,
    GREETING,
    PARAGRAPHS,
    SIGNATURE,
    TITLE,
    make_docx,
    make_ofd,
    make_pdf,
)

DOCUMENT_BODY = [GREETING, *PARAGRAPHS]


def test_docx_title_date_paragraphs_and_table_in_reading_order():
    article = duban.read(make_docx())
    assert article.title == TITLE
    assert article.published == "2023-11-05"  # the 落款 date line
    assert article.body == [*DOCUMENT_BODY, "事项 责任单位 完成时限", "重点项目开工 县发改局 2023年12月31日",
                            SIGNATURE, DATE_LINE]


def test_docx_automatic_numbering_is_printed():
    body = duban.read(make_docx(numbered=True)).body
    assert body[2:5] == [f"{n}.{p.split('、', 1)[1]}" for n, p in enumerate(PARAGRAPHS[1:], 1)]


def test_pdf_paragraphs_joined_across_lines_and_pages_without_header_or_page_numbers():
    article = duban.read(make_pdf(pages=2))
    assert article.title == TITLE
    assert article.published == "2023-11-05"
    assert article.body == [*DOCUMENT_BODY, SIGNATURE, DATE_LINE]


def test_pdf_title_set_on_two_lines_is_one_title():
    article = duban.read(make_pdf(pages=1, title_lines=2))
    assert article.title == TITLE  # not the 版头 above it (on one page it is no running header)
    assert article.body == ["某某县人民政府文件", *DOCUMENT_BODY, SIGNATURE, DATE_LINE]


def test_ofd():
    pytest.importorskip("ofdkit")
    article = duban.read(make_ofd())
    assert article.title == TITLE
    assert article.published == "2023-11-05"  # the printed date, not the file's CreationDate
    assert article.body == [*DOCUMENT_BODY, SIGNATURE, DATE_LINE]


def test_kind_is_read_from_content():
    assert documents.kind_of(make_docx()) == documents.DOCX
    assert documents.kind_of(make_pdf(pages=1)) == documents.PDF
    assert documents.kind_of(make_ofd()) == documents.OFD
    assert documents.kind_of(b"<html><body>PK</body></html>") is None


@pytest.mark.parametrize("data, words", [
    (lambda: make_pdf(pages=1, text=False), "扫描件"),
    (lambda: make_pdf(pages=1, password="secret"), "加密"),
    (lambda: make_docx()[:3000], "损坏"),
    (lambda: _docx_with_broken_xml(), "损坏"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".docx"),
])
def test_unreadable_documents_are_refused_with_one_clear_line(data, words):
    with pytest.raises(NotAPage) as refused:
        duban.read(data())
    assert words in str(refused.value) and "\n" not in str(refused.value)


def _docx_with_broken_xml() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            archive.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    return out.getvalue()


def test_cli_reads_documents_and_refuses_bad_ones_one_line_each(tmp_path, capsys):
    files = {
        "notice.docx": make_docx(), "notice.pdf": make_pdf(), "notice.ofd": make_ofd(),
        "scan.pdf": make_pdf(pages=1, text=False),
        "locked.pdf": make_pdf(pages=1, password="secret"), "broken.docx": make_docx()[:3000],
        "renamed.pdf": make_docx(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    out = tmp_path / "out"
    status = main(["read", *(str(tmp_path / name) for name in files), "--out", str(out)])
    assert status == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert sorted(line.split(": ")[1].rsplit("/", 1)[-1] for line in errors) == [
        "broken.docx", "locked.pdf", "renamed.pdf", "scan.pdf"]
    assert any("扩展名" in line and "renamed.pdf" in line for line in errors)
    assert sorted(p.name for p in out.iterdir()) == ["notice-2.json", "notice-3.json", "notice.json"]
    for result in out.iterdir():
        article = json.loads(result.read_text(encoding="utf-8"))["article"]
        assert (article["title"], article["published"]) == (TITLE, "2023-11-05")
        assert article["body"][:len(DOCUMENT_BODY)] == DOCUMENT_BODY


def test_batch_reports_a_bad_document_as_an_input_error_and_goes_on(tmp_path):
    from duban.batch import PAGE_SUFFIXES, process_page

    assert {".docx", ".pdf", ".ofd"} <= set(PAGE_SUFFIXES)
    for name, data in {"renamed.pdf": make_docx(), "scan.pdf": make_pdf(pages=1, text=False)}.items():
        (tmp_path / name).write_bytes(data)
        outcome = process_page(str(tmp_path / name), str(tmp_path / f"{name}.json"), name)
        assert (outcome.ok, outcome.kind, outcome.error) == (False, "input", "NotAPage")
        assert "\n" not in outcome.message


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]), st.binary(max_size=600))
def test_damaged_documents_raise_only_input_errors(magic, rest):
    try:
        duban.read(magic + rest)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_truncated_real_documents_raise_only_input_errors():
    for data in (make_docx(), make_pdf(pages=1), make_ofd()):
        for cut in (len(data) // 3, len(data) // 2, len(data) - 20):
            try:
                duban.read(data[:cut])
            except InputError as exc:
                assert "\n" not in str(exc)


def test_html_quoting_the_pdf_header_is_still_html():
    page = "<html><body><div class='content'><p>文件头是 %PDF-1.7，说明这是一个PDF文件，我们在这里讨论它的结构和读取方法。</p></div></body></html>"
    assert duban.read(page.encode("utf-8")).body[0].startswith("文件头是")


def test_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_UNPACKED", 100_000)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" * 100_001)
    with pytest.raises(TooLarge):
        duban.read(out.getvalue())


def test_title_and_date_of_a_document():
    lines = ["某某县人民政府办公室文件", "某政办发〔2023〕12号", TITLE, GREETING, PARAGRAPHS[0], SIGNATURE,
             "二〇二三年十一月五日"]
    title, body = documents.split_title(lines)
    assert title == TITLE and TITLE not in body and body[0] == "某某县人民政府办公室文件"
    assert documents.date_line(body) == "2023-11-05"
    assert documents.printed_date("二〇二三年十二月三十一日") == "2023-12-31"
    assert documents.printed_date("2024年2月30日") is None
    assert documents.split_title([PARAGRAPHS[0]]) == (None, [PARAGRAPHS[0]])  # prose is no title
