"""Serving stored evidence: always as a download; inline and as a thumbnail for the few types
a browser may show.

The web page and the API answer with these responses, so both send the same headers. A
preview or thumbnail is offered for images and PDFs only, and only when the stored file's
first bytes say so: the name and the recorded type are what someone uploaded, the bytes are
what a browser would render. Every response forbids type sniffing and runs in a sandbox (no
script, no same-origin access), and a preview may be framed only by duban's own pages.
"""

from __future__ import annotations

import logging
from typing import NoReturn

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse
from django.utils.translation import gettext as _

from duban.ledger import thumbnails
from duban.ledger.evidence import MAGIC

log = logging.getLogger("duban.ledger")

# Content type → how a page shows it. Everything else is a download link only.
PREVIEWS = {"image/png": "image", "image/jpeg": "image", "application/pdf": "pdf"}
HEAD_BYTES = 16
RENDERERS = {"image": thumbnails.image_thumbnail, "pdf": thumbnails.pdf_thumbnail}
THUMBNAIL_SECONDS = 24 * 3600  # a file never changes (its checksum is part of the key)


def preview_kind(evidence) -> str:
    """"image", "pdf" or "" for what the item page offers, from the type recorded at upload
    (which the upload check matched against the file's first bytes)."""
    return PREVIEWS.get(evidence.content_type, "")


def sniffed_type(head: bytes) -> str | None:
    """The previewable type whose magic bytes ``head`` starts with, if any."""
    return next((content_type for content_type in PREVIEWS if head.startswith(MAGIC[content_type])), None)


def _open(evidence):
    try:
        return evidence.file.open("rb")
    except FileNotFoundError:
        log.error("evidence %s is missing its file %s", evidence.pk, evidence.file.name)
        raise Http404(_("佐证材料文件缺失，请联系管理员。")) from None


def _guarded(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def download(evidence) -> FileResponse:
    """The file as an attachment. Only types the upload rules accept are echoed back; anything
    else is opaque bytes, so a mislabelled file can never render as a page."""
    allowed = set(settings.DUBAN_EVIDENCE_TYPES.values())
    content_type = evidence.content_type if evidence.content_type in allowed else "application/octet-stream"
    response = FileResponse(_open(evidence), as_attachment=True, filename=evidence.original_name,
                            content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _guarded(response)


def preview(evidence) -> FileResponse:
    """The file inline, for an <img> or <iframe> on duban's own pages; 404 unless the stored
    bytes are an image or a PDF of the type recorded at upload."""
    if not preview_kind(evidence):
        _no_preview()
    handle = _open(evidence)
    head = handle.read(HEAD_BYTES)
    handle.seek(0)
    if sniffed_type(head) != evidence.content_type:
        handle.close()
        _no_preview(evidence)
    response = FileResponse(handle, filename=evidence.original_name, content_type=evidence.content_type)
    # Only duban's own pages may frame it (the site-wide X-Frame-Options is DENY).
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'self'"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return _guarded(response)


def thumbnail(evidence) -> HttpResponse:
    """A small JPEG of an image, or of a PDF's first page, for the item page's list; 404 where
    ``preview`` would be, and for a file that does not draw (damaged, encrypted, too large)."""
    kind = preview_kind(evidence)
    if not kind:
        _no_preview()
    key = f"duban:evidence-thumbnail:{evidence.pk}:{evidence.sha256}"
    picture = cache.get(key)
    if picture is None:
        with _open(evidence) as handle:
            data = handle.read()
        if sniffed_type(data[:HEAD_BYTES]) != evidence.content_type:
            _no_preview(evidence)
        try:
            picture = RENDERERS[kind](data)
        except thumbnails.Unrenderable as error:
            log.warning("evidence %s draws no thumbnail: %s", evidence.pk, error)
            raise Http404(_("无法生成缩略图，请下载后查看。")) from None
        cache.set(key, picture, THUMBNAIL_SECONDS)
    response = HttpResponse(picture, content_type="image/jpeg")
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _guarded(response)


def _no_preview(evidence=None) -> NoReturn:
    if evidence is not None:
        log.warning("evidence %s is recorded as %s but its bytes are not", evidence.pk, evidence.content_type)
    raise Http404(_("这种文件不能预览，请下载后查看。"))
