"""Small pictures of evidence: a photo scaled down, a PDF's first page drawn.

The item page shows these instead of the files themselves, so a 6 MB phone photo costs a
few kilobytes in the list, and a PDF shows its first page on a phone, whose browser may not
display PDFs in a page. Pure functions over bytes (Pillow, and PDFium through pypdfium2,
both offline); the caller has checked the bytes' type.
"""

from __future__ import annotations

import io
import threading
import warnings

LONGEST_SIDE = 320  # pixels
# A photo or page bigger than this (in pixels) is refused rather than decoded: a small
# file can claim an enormous picture (a "decompression bomb").
MAX_PIXELS = 60_000_000
JPEG_QUALITY = 80
# PDFium may not be called from two threads at once, even for different documents (the
# pypdfium2 documentation); a threaded server draws one PDF at a time.
_PDFIUM = threading.Lock()


class Unrenderable(ValueError):
    """The bytes do not make a picture (damaged, encrypted, too large)."""


def image_thumbnail(data: bytes, longest: int = LONGEST_SIDE) -> bytes:
    """A JPEG no larger than ``longest`` on its longer side, turned upright as the camera said."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # Pillow warns of big pictures; MAX_PIXELS refuses them below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise Unrenderable(f"{width}×{height} pixels")
            image.draft("RGB", (longest, longest))  # JPEG: decode at a fraction of the size
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((longest, longest))
            return _jpeg(upright)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise Unrenderable(str(error)) from None


def pdf_thumbnail(data: bytes, longest: int = LONGEST_SIDE) -> bytes:
    """The first page of a PDF as a JPEG no larger than ``longest`` on its longer side."""
    with _PDFIUM:
        return _jpeg(_first_page(data, longest))


def _first_page(data: bytes, longest: int):
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise Unrenderable(str(error)) from None
    try:
        if len(document) == 0:
            raise Unrenderable("no pages")
        page = document[0]
        width, height = page.get_size()  # in points
        if width <= 0 or height <= 0:
            raise Unrenderable("an empty page")
        # A copy Pillow owns: the bitmap's memory goes with the document.
        return page.render(scale=longest / max(width, height)).to_pil().copy()
    finally:
        document.close()


def _jpeg(image) -> bytes:
    if image.mode not in ("RGB", "L"):
        image = _on_white(image)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _on_white(image):
    """RGB of any mode, transparent parts white (as the page behind them)."""
    from PIL import Image

    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
