"""Thumbnails drawn from bytes: photos scaled and turned upright, a PDF's first page, refusals."""

import io

import pytest
from PIL import Image

from duban.ledger.thumbnails import Unrenderable, image_thumbnail, pdf_thumbnail


def encoded(image, kind="PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def size_of(jpeg: bytes):
    picture = Image.open(io.BytesIO(jpeg))
    assert picture.format == "JPEG"
    return picture.size


def test_a_photo_is_scaled_to_the_longest_side_keeping_its_shape():
    assert size_of(image_thumbnail(encoded(Image.new("RGB", (4000, 3000), "red"), "JPEG"))) == (320, 240)
    assert size_of(image_thumbnail(encoded(Image.new("RGB", (600, 1200), "red")), longest=100)) == (50, 100)


def test_a_small_picture_is_not_enlarged():
    assert size_of(image_thumbnail(encoded(Image.new("RGB", (120, 80), "red")))) == (120, 80)


def test_a_phone_photo_is_turned_upright_by_its_exif_orientation():
    photo = Image.new("RGB", (400, 200), "red")
    exif = photo.getexif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    assert size_of(image_thumbnail(encoded(photo, "JPEG", exif=exif.tobytes()))) == (160, 320)


def test_transparent_parts_are_white():
    clear = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    assert Image.open(io.BytesIO(image_thumbnail(encoded(clear)))).getpixel((25, 25)) >= (250, 250, 250)


def test_a_pdf_s_first_page_is_drawn():
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=(842, 595))  # A4 landscape, two pages
    sheet.rect(0, 0, 842, 595, fill=1)  # page one is black
    sheet.showPage()
    sheet.save()
    page = Image.open(io.BytesIO(pdf_thumbnail(out.getvalue())))
    assert page.size == (320, 227)  # PDFium rounds the page's 226.3 pixels up
    assert page.convert("L").getpixel((160, 113)) < 20


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 truncated", b"\x89PNG\r\n\x1a\nbroken"])
def test_damaged_files_are_refused(data):
    with pytest.raises(Unrenderable):
        pdf_thumbnail(data) if data.startswith(b"%PDF") or not data else image_thumbnail(data)


def test_a_picture_claiming_too_many_pixels_is_refused_before_decoding():
    bomb = encoded(Image.new("1", (10_000, 10_000)))  # a few kilobytes of PNG, 100 million pixels
    assert len(bomb) < 100_000
    with pytest.raises(Unrenderable):
        image_thumbnail(bomb)
