"""duban fsck: evidence files vs. rows, half-imported sources; --fix removes orphans."""

import hashlib
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from duban.ledger.models import Evidence, Item, Journal, Progress, Source

pytestmark = pytest.mark.django_db
HOUR_AGO = time.time() - 7200


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "evidence"
    return settings.MEDIA_ROOT


def add_evidence(content: bytes = b"%PDF-1.4 ok") -> Evidence:
    item = Item.objects.create(text="要抓好安全生产", status=Item.Status.IN_PROGRESS)
    progress = Progress.objects.create(item=item, text="已完成排查")
    evidence = Evidence(progress=progress, original_name="排查.pdf", content_type="application/pdf",
                        size=len(content), sha256=hashlib.sha256(content).hexdigest())
    evidence.file.save("2026/11/abc.pdf", ContentFile(content), save=True)
    return evidence


def orphan(media, name: str, *, old: bool = True):
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"left behind by a killed upload")
    if old:
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


def fsck(*args) -> tuple[int, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("fsck", *args, stdout=out)
        return 0, out.getvalue()
    except CommandError as exc:
        return exc.returncode, out.getvalue()


def test_consistent_state_passes(media):
    add_evidence()
    assert fsck("--verify") == (0, "数据库与佐证材料目录一致。\n")


def test_orphan_files_are_reported_then_removed_with_fix(media):
    kept = add_evidence()
    lost = orphan(media, "2026/11/orphan.pdf")
    lonely = orphan(media, "2026/10/alone.jpg")
    young = orphan(media, "2026/11/uploading.pdf", old=False)

    code, out = fsck()
    assert code == 1 and "2026/11/orphan.pdf" in out and "2026/10/alone.jpg" in out
    assert "uploading.pdf" not in out and "1 个新近的无主文件" in out
    assert lost.exists()  # reporting changes nothing

    code, out = fsck("--fix")
    assert code == 0 and not lost.exists() and not lonely.exists()
    assert not lonely.parent.exists()  # emptied date folder goes too
    assert young.exists() and (media / kept.file.name).exists()
    assert fsck()[0] == 0


def test_min_age_zero_treats_every_unknown_file_as_orphan(media):
    orphan(media, "new.pdf", old=False)
    code, out = fsck("--min-age", "0")
    assert code == 1 and "new.pdf" in out


def test_missing_and_corrupt_files_are_reported_not_fixed(media):
    gone = add_evidence()
    (media / gone.file.name).unlink()
    code, out = fsck("--fix")
    assert code == 1 and "缺失文件" in out and gone.file.name in out
    assert Evidence.objects.filter(pk=gone.pk).exists()  # a row is evidence: never dropped

    (media / gone.file.name).write_bytes(b"%PDF-1.4 changed")
    assert fsck()[0] == 0  # size/checksum only with --verify
    code, out = fsck("--verify")
    assert code == 1 and "校验和不符" in out


def test_half_imported_source_is_removed_with_fix_and_journaled(media):
    analysis = {"directives": [{"text": "要加快项目建设"}]}
    broken = Source.objects.create(title="半截报道", origin="text", content_hash="a" * 64, raw=b"x",
                                   analysis=analysis)
    whole = Source.objects.create(title="完整报道", origin="text", content_hash="b" * 64, raw=b"x",
                                  analysis=analysis)
    Item.objects.create(text="要加快项目建设", source=whole)
    Source.objects.create(title="没有指示的报道", origin="text", content_hash="c" * 64, raw=b"x",
                          analysis={"directives": []})

    code, out = fsck()
    assert code == 1 and f"\n  {broken.pk}\n" in out and f"\n  {whole.pk}\n" not in out
    assert fsck("--fix")[0] == 0
    assert set(Source.objects.values_list("title", flat=True)) == {"完整报道", "没有指示的报道"}
    assert Journal.objects.filter(action="fsck", target=f"ledger.source:{broken.pk}").exists()
