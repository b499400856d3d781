import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from duban.ledger import demo, services
from duban.ledger.backup import dump_rows
from duban.ledger.models import Evidence, Item, Journal, User

pytestmark = pytest.mark.django_db(transaction=True)


def dump() -> list:
    """Every backed-up row, timestamps to the microsecond."""
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "rows.json"
        dump_rows(path)
        return sorted(json.loads(path.read_text()), key=lambda o: (o["model"], str(o["pk"])))


@pytest.fixture
def filled(pipeline, settings):
    demo.build(password="demo-pass")
    item = Item.objects.filter(status=Item.Status.IN_PROGRESS).first()
    services.report_progress(item, demo.liaison_of(item), text="附照片", files=[
        SimpleUploadedFile("照片.png", b"\x89PNG\r\n\x1a\n" + b"1" * 100),
        SimpleUploadedFile("说明.txt", "现场整改说明".encode())])
    return Path(settings.MEDIA_ROOT)


def test_round_trip(filled, tmp_path):
    archive = tmp_path / "backup.zip"
    before = dump()
    files = {e.file.name: (filled / e.file.name).read_bytes() for e in Evidence.objects.all()}
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "已备份" in out.getvalue() and "2 个佐证材料" in out.getvalue()
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    assert manifest["counts"]["ledger.item"] == Item.objects.count()
    assert manifest["counts"]["ledger.journal"] == Journal.objects.count() > 0

    call_command("flush", interactive=False, verbosity=0)
    for path in filled.rglob("*"):
        if path.is_file():
            path.unlink()
    assert not Item.objects.exists()
    call_command("restore", str(archive), stdout=io.StringIO())
    assert dump() == before
    assert {name: (filled / name).read_bytes() for name in files} == files
    assert User.objects.get(username="duchashi").check_password("demo-pass")
    # New rows get fresh ids after a restore (sequences were moved past the restored ones).
    assert Item.objects.create(text="恢复后新增").pk > max(o["pk"] for o in before if o["model"] == "ledger.item")


def test_restore_refuses_a_non_empty_database(filled, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="数据库不是空的"):
        call_command("restore", str(archive), stdout=io.StringIO())


def test_corrupted_archive_is_refused_before_anything_is_written(filled, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "data.json":
                data = data.replace(b"duchashi", b"attacker")
            dst.writestr(info, data)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="校验值不符"):
        call_command("restore", str(tampered), stdout=io.StringIO())
    assert not User.objects.exists()
    with pytest.raises(CommandError, match="不是 duban 备份文件|无法读取"):
        bogus = tmp_path / "bogus.zip"
        bogus.write_bytes(b"not a zip")
        call_command("restore", str(bogus), stdout=io.StringIO())


def test_journal_of_a_deleted_user_is_backed_up_and_restored(people, tmp_path):
    entry = Journal.record(user=people["stranger"], action="edit", field="text", old="a", new="b")
    gone = people["stranger"].pk
    people["stranger"].delete()
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive), stdout=io.StringIO())
    restored = Journal.objects.get(pk=entry.pk)
    assert restored.user_id == gone and restored.username == "stranger"
