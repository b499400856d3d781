"""Consistency between the database and the evidence folder, after a crash or a restore.

Imports and progress reports run in one transaction each, so a killed server leaves no
half-written rows; but an evidence file is written to disk inside the transaction, and a
kill between the write and the commit leaves a file no row points to. ``duban fsck``
finds such orphans (and the opposite: rows whose file is gone, files whose checksum
changed, sources stored without their proposals) and ``--fix`` removes what is safe to remove.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from duban.ledger.models import Evidence, Journal, Source

# Files younger than this may belong to an upload whose transaction has not committed yet.
DEFAULT_MIN_AGE_SECONDS = 3600


@dataclass
class Report:
    orphan_files: list[str] = field(default_factory=list)  # on disk, no Evidence row
    young_files: list[str] = field(default_factory=list)  # orphans for now, maybe an upload in flight
    missing_files: list[str] = field(default_factory=list)  # Evidence row, no file
    corrupt_files: list[str] = field(default_factory=list)  # size or sha256 differs from the row
    half_imported: list[int] = field(default_factory=list)  # Source ids with directives but no items

    @property
    def problems(self) -> int:
        return len(self.orphan_files) + len(self.missing_files) + len(self.corrupt_files) + len(self.half_imported)


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def files_on_disk(root: Path) -> Iterator[str]:
    """Storage names (posix paths relative to MEDIA_ROOT) of every file in the evidence folder."""
    if not root.is_dir():
        return
    for path in root.rglob("*"):
        if path.is_file() or path.is_symlink():
            yield path.relative_to(root).as_posix()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check(*, verify: bool = False, min_age: float = DEFAULT_MIN_AGE_SECONDS) -> Report:
    report = Report()
    root = evidence_root()
    known = {}
    for pk, name, size, sha256 in Evidence.objects.values_list("pk", "file", "size", "sha256").iterator():
        known[name] = (pk, size, sha256)
    now = time.time()
    for name in files_on_disk(root):
        if name in known:
            continue
        path = root / name
        age = now - path.lstat().st_mtime
        (report.young_files if age < min_age else report.orphan_files).append(name)
    for name, (_pk, size, sha256) in known.items():
        path = root / name
        if not path.is_file():
            report.missing_files.append(name)
        elif verify and (path.stat().st_size != size or sha256_of(path) != sha256):
            report.corrupt_files.append(name)
    report.half_imported = half_imported_sources()
    report.orphan_files.sort()
    report.missing_files.sort()
    return report


def half_imported_sources() -> list[int]:
    """Sources whose analysis found directives but which own no item at all.

    Items are never deleted (merges and rejections keep them), so this only happens when
    the proposals were lost, and it blocks re-importing the report (same content hash).
    """
    candidates = Source.objects.annotate(n_items=Count("items")).filter(n_items=0).values_list("pk", "analysis")
    return sorted(pk for pk, analysis in candidates.iterator() if (analysis or {}).get("directives"))


def fix(report: Report) -> None:
    """Remove orphan files (and folders they leave empty) and half-imported sources."""
    root = evidence_root()
    for name in report.orphan_files:
        path = root / name
        path.unlink(missing_ok=True)
        for folder in path.parents:
            if folder == root or root not in folder.parents:
                break
            try:
                folder.rmdir()  # only succeeds when empty
            except OSError:
                break
    for pk in report.half_imported:
        with transaction.atomic():
            source = Source.objects.select_for_update().get(pk=pk)
            if source.items.exists():  # proposals appeared since the check
                continue
            Journal.record(action="fsck", target=f"ledger.source:{pk}", field="source", old=source.title,
                           reason="导入不完整（有指示要求但没有事项），已删除以便重新导入")
            source.delete()
