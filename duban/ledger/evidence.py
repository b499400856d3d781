"""Checks on evidence uploads: size, extension, and that the content is what the name says.

A file named ``report.pdf`` must start like a PDF; a ``.docx`` must be a zip with a
``word/`` part. Names people upload are kept for display only; files are stored under
a random name so nothing a user types ever becomes a path.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from duban.errors import megabytes
from duban.ledger.workflow import WorkflowError


class EvidenceRejected(WorkflowError):
    code = 400


@dataclass(frozen=True)
class EvidenceInfo:
    name: str
    storage_name: str
    content_type: str
    size: int
    sha256: str


def _is_zip_with(head: bytes, upload, part: str) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return any(name.startswith(part) for name in archive.namelist())
    except zipfile.BadZipFile:
        return False


def _is_text(upload) -> bool:
    upload.seek(0)
    data = upload.read()
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


# How files of a type begin (their "magic bytes"); also what a preview checks before serving.
MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


def _starts_like(content_type: str):
    return lambda head, f: head.startswith(MAGIC[content_type])


SNIFFERS = {
    ".pdf": _starts_like("application/pdf"),
    ".jpg": _starts_like("image/jpeg"),
    ".jpeg": _starts_like("image/jpeg"),
    ".png": _starts_like("image/png"),
    ".docx": lambda head, f: _is_zip_with(head, f, "word/"),
    ".xlsx": lambda head, f: _is_zip_with(head, f, "xl/"),
    ".txt": lambda head, f: _is_text(f),
}


def check(upload) -> tuple[object, EvidenceInfo]:
    """Validate one upload; answer it with what will be stored, or raise EvidenceRejected."""
    name = PurePath(upload.name or "").name or "file"
    suffix = PurePath(name).suffix.lower()
    allowed = settings.DUBAN_EVIDENCE_TYPES
    if suffix not in allowed:
        raise EvidenceRejected(_("不支持的文件类型：%(name)s（允许 %(allowed)s）。")
                               % {"name": name, "allowed": "、".join(sorted(allowed))})
    limit = settings.DUBAN_EVIDENCE_MAX_BYTES
    digest, size = hashlib.sha256(), 0
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1 << 16), b""):
        size += len(chunk)
        if size > limit:
            raise EvidenceRejected(_("文件过大：%(name)s（上限 %(limit)s）。") % {"name": name, "limit": megabytes(limit)})
        digest.update(chunk)
    if size == 0:
        raise EvidenceRejected(_("文件为空：%(name)s。") % {"name": name})
    upload.seek(0)
    head = upload.read(16)
    sniff = SNIFFERS.get(suffix)
    if sniff is not None and not sniff(head, upload):
        raise EvidenceRejected(_("文件内容与扩展名不符：%(name)s。") % {"name": name})
    upload.seek(0)
    return upload, EvidenceInfo(name=name, storage_name=f"{uuid.uuid4().hex}{suffix}",
                                content_type=allowed[suffix], size=size, sha256=digest.hexdigest())
