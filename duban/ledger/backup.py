"""One-file backups: every row (Django's JSON serialisation) + evidence files + a manifest.

The archive is a zip::

    manifest.json   format, version, when, counts per model, sha256 of every member
    data.json       ``dumpdata``-style rows, natural foreign keys for content types/permissions
    evidence/...    the evidence files, under their storage names

``restore`` goes into an empty database only (after ``migrate``), checks every sha256 before
touching anything, and checks the row counts after loading, in one transaction; any mismatch
and nothing stays. Works on SQLite and PostgreSQL alike (no database-specific dump tools).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.utils.translation import gettext as _

import duban
from duban import clock

FORMAT = "duban-backup"
VERSION = 1
# Not data: rebuilt by migrate (content types, permissions) or short-lived (sessions, throttling,
# CAS session tickets, present where django-cas-ng is installed).
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "ledger.loginfailure", "django_cas_ng")


class BackupError(Exception):
    """A backup that cannot be made or restored; the message is for the user."""


def backed_up_models():
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED:
            continue
        yield model


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def snapshot():
    """One consistent view of the database while dumping, so counts and rows agree."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


class PreciseEncoder(DjangoJSONEncoder):
    """Django's encoder rounds times to milliseconds; a backup keeps them exact."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupSerializer(JSONSerializer):
    def handle_fk_field(self, obj, field):
        try:
            super().handle_fk_field(obj, field)
        except ObjectDoesNotExist:
            # The journal keeps the id of a user since deleted (no constraint, on purpose).
            self._current[field.name] = field.value_from_object(obj)


def dump_rows(path: Path) -> None:
    """``dumpdata`` in dependency order, streamed, with exact timestamps."""
    by_app: dict = {}
    for model in backed_up_models():
        by_app.setdefault(model._meta.app_config, []).append(model)
    ordered = serializers.sort_dependencies(by_app.items(), allow_cycles=True)

    def rows():
        for model in ordered:
            yield from model._base_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)

    with open(path, "w", encoding="utf-8") as out:
        BackupSerializer().serialize(rows(), stream=out, cls=PreciseEncoder, use_natural_foreign_keys=True)


def backup(target: Path) -> dict:
    """Write the archive to ``target`` (atomically: a temp file renamed at the end)."""
    target = Path(target)
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.json"
        with snapshot():
            dump_rows(data)
            counts = {m._meta.label_lower: m._default_manager.count() for m in backed_up_models()}
            evidence = evidence_files()
        manifest = {
            "format": FORMAT, "version": VERSION, "duban": duban.__version__,
            "created": clock.now().isoformat(), "database": connection.vendor,
            "counts": counts, "files": {"data.json": sha256_file(data)},
        }
        fd, temp = tempfile.mkstemp(suffix=".zip", dir=target.parent)
        os.close(fd)
        try:
            with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                archive.write(data, "data.json")
                for name, path in evidence:
                    member = f"evidence/{name}"
                    manifest["files"][member] = sha256_file(path)
                    archive.write(path, member)
                archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    return manifest


def evidence_files() -> list[tuple[str, Path]]:
    from duban.ledger.models import Evidence

    root = Path(settings.MEDIA_ROOT)
    found, missing = [], []
    for name in Evidence.objects.values_list("file", flat=True).iterator():
        path = root / name
        (found if path.is_file() else missing).append((name, path))
    if missing:
        raise BackupError(_("{count} 个佐证材料文件缺失（例如 {example}），请检查 {root}。").format(
            count=len(missing), example=missing[0][1], root=root))
    return found


# --- restore ---------------------------------------------------------------------------------

def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError(_("不是 duban 备份文件（缺少 manifest.json）。")) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(_("不是本版本 duban 的备份文件。"))
    return manifest


def verify(archive: zipfile.ZipFile, manifest: dict) -> None:
    """Every member listed with the right sha256, and nothing unlisted."""
    listed = set(manifest["files"])
    present = {n for n in archive.namelist() if not n.endswith("/")} - {"manifest.json"}
    if listed != present:
        raise BackupError(_("备份文件内容与清单不一致（文件缺失或多出）。"))
    for name, expected in manifest["files"].items():
        if not _safe_member(name):
            raise BackupError(_("备份文件中有不安全的路径：{name}").format(name=name))
        digest = hashlib.sha256()
        with archive.open(name) as member:
            for chunk in iter(lambda: member.read(1 << 20), b""):  # noqa: B023
                digest.update(chunk)
        if digest.hexdigest() != expected:
            raise BackupError(_("备份文件已损坏：{name} 的校验值不符。").format(name=name))


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name


def database_is_empty() -> bool:
    """No ledger rows yet (users, units, reports, items …). Reference rows that other apps'
    migrations create (e.g. 五星 star schemes) do not count: the backup carries its own."""
    return not any(m._default_manager.exists() for m in backed_up_models() if m._meta.app_label == "ledger")


def restore(source: Path) -> dict:
    """Restore the archive into this (migrated, empty) database and MEDIA_ROOT."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(_("无法读取备份文件：{error}").format(error=error)) from None
    with archive:
        manifest = read_manifest(archive)
        verify(archive, manifest)
        if not database_is_empty():
            raise BackupError(_("数据库不是空的：恢复只能在空数据库上进行（请使用新的 DATABASE_URL 或新的数据文件夹）。"))
        with tempfile.TemporaryDirectory() as work:
            data = Path(work) / "data.json"
            with archive.open("data.json") as member, open(data, "wb") as out:
                shutil.copyfileobj(member, out)
            copied = _copy_evidence(archive, manifest)
            try:
                with transaction.atomic():
                    # Drop the reference rows migrations made, so the backup's own come back exactly.
                    call_command("flush", interactive=False, verbosity=0)
                    call_command("loaddata", str(data), verbosity=0)
                    _check_counts(manifest["counts"])
            except BaseException:
                for path in copied:
                    path.unlink(missing_ok=True)
                raise
    return manifest


def _copy_evidence(archive: zipfile.ZipFile, manifest: dict) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    copied = []
    try:
        for name in manifest["files"]:
            if not name.startswith("evidence/"):
                continue
            target = root / name.removeprefix("evidence/")
            if target.exists():
                if sha256_file(target) == manifest["files"][name]:
                    continue
                raise BackupError(_("佐证材料目录中已有不同的同名文件：{target}").format(target=target))
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(name) as member, open(target, "wb") as out:
                shutil.copyfileobj(member, out)
            copied.append(target)
    except BaseException:
        for path in copied:
            path.unlink(missing_ok=True)
        raise
    return copied


def _check_counts(expected: dict[str, int]) -> None:
    actual = {m._meta.label_lower: m._default_manager.count() for m in backed_up_models()}
    wrong = [f"{label}: {expected.get(label, 0)} → {actual.get(label, 0)}"
             for label in sorted(set(expected) | set(actual)) if expected.get(label, 0) != actual.get(label, 0)]
    if wrong:
        raise BackupError(_("恢复后的记录数与清单不符：{counts}").format(counts="；".join(wrong)))
