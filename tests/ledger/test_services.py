import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.ledger import services, workflow
from duban.ledger.evidence import EvidenceRejected
from duban.ledger.models import Evidence, Extension, Item, Journal, Progress

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%fake but well-formed enough\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def working(people, units, future):
    """An item the town signed for."""
    item = Item.objects.create(text="完善社区服务功能", lead_unit=units["town"], deadline=future,
                               status=Item.Status.SIGNED)
    item.co_units.add(units["civil"])
    return item


# --- split / merge ------------------------------------------------------------------------

def test_split_keeps_the_original_first_and_locates_parts(pipeline, people, seed_bytes):
    source, _ = services.import_report(seed_bytes, origin="file")
    item = source.items.get(text__startswith="要集聚高层次人才")
    parts = ["要集聚高层次人才", "更大力度创新人才管理、技术合作、经费使用等机制"]
    result = services.split(item, people["officer"], parts, version=item.version)
    assert [i.text for i in result] == parts and result[0].pk == item.pk
    for part in result:
        part.refresh_from_db()
        assert part.status == Item.Status.PROPOSED and part.source == source
        assert part.source_sentence()[1] == part.text
        assert part.speaker == item.speaker and part.subject == item.subject
    assert Journal.objects.filter(action="split").count() == 2


def test_split_is_refused_to_others_and_needs_two_parts(people):
    item = Item.objects.create(text="a，b")
    with pytest.raises(workflow.NotAllowed):
        services.split(item, people["liaison"], ["a", "b"])
    with pytest.raises(workflow.WorkflowError):
        services.split(item, people["officer"], ["a", "  "])
    item.status = Item.Status.ASSIGNED
    item.save()
    with pytest.raises(workflow.InvalidTransition):
        services.split(item, people["officer"], ["a", "b"])
    assert Item.objects.count() == 1 and not Journal.objects.exists()


def test_split_with_stale_version_is_a_conflict(people):
    item = Item.objects.create(text="a，b", version=3)
    with pytest.raises(workflow.Conflict):
        services.split(item, people["officer"], ["a", "b"], version=2)
    assert Item.objects.count() == 1


def test_merge(people):
    a, b, c = (Item.objects.create(text=t) for t in "abc")
    child = Item.objects.create(text="child", parent=b)
    merged = services.merge([a, b, c], people["officer"], into=a)
    assert merged.text == "a；b；c" and merged.version == 2
    for other in (b, c):
        other.refresh_from_db()
        assert other.status == Item.Status.MERGED and other.merged_into == a
    child.refresh_from_db()
    assert child.parent == a and child.version == 2
    assert Journal.objects.filter(item=child, action="merge", field="parent", new=str(a.pk)).exists()
    assert Item.objects.in_ledger().count() == 0  # still all proposals or merged
    assert Journal.objects.filter(action="merge", field="status").count() == 2


def test_merge_refusals_change_nothing(people, working):
    a, b = Item.objects.create(text="a"), Item.objects.create(text="b")
    with pytest.raises(workflow.NotAllowed):
        services.merge([a, b], people["leader"], into=a)
    with pytest.raises(workflow.InvalidTransition):
        services.merge([a, working], people["officer"], into=a)
    with pytest.raises(workflow.WorkflowError):
        services.merge([a], people["officer"], into=a)
    assert set(Item.objects.values_list("status", flat=True)) == {"proposed", "signed"}
    assert not Journal.objects.exists()


# --- progress and evidence ------------------------------------------------------------------

def test_first_progress_starts_work_and_stores_evidence(people, working, settings):
    upload = SimpleUploadedFile("现场照片.png", PNG)
    progress = services.report_progress(working, people["liaison"], text="已完成选址", percent=40,
                                        files=[upload, SimpleUploadedFile("方案.docx", docx_bytes())],
                                        version=working.version)
    working.refresh_from_db()
    assert working.status == Item.Status.IN_PROGRESS
    evidence = progress.evidence.order_by("id")
    assert [e.original_name for e in evidence] == ["现场照片.png", "方案.docx"]
    stored = Path(settings.MEDIA_ROOT) / evidence[0].file.name
    assert stored.read_bytes() == PNG and evidence[0].sha256 == hashlib.sha256(PNG).hexdigest()
    assert evidence[0].content_type == "image/png" and "现场照片" not in evidence[0].file.name
    actions = list(Journal.objects.filter(item=working).values_list("action", flat=True))
    assert actions.count("evidence") == 2 and "progress" in actions
    # A co-operating unit reports too; the item stays in progress.
    services.report_progress(working, people["co"], text="配合完成摸底")
    assert Progress.objects.filter(item=working).count() == 2


@pytest.mark.parametrize(("name", "content", "why"), [
    ("a.exe", b"MZ\x90\x00", "类型"),
    ("fake.pdf", b"<html>not a pdf</html>", "不符"),
    ("photo.png", b"\xff\xd8\xff\xe0jpeg", "不符"),
    ("doc.docx", b"PK\x03\x04broken", "不符"),
    ("empty.pdf", b"", "为空"),
])
def test_bad_evidence_is_refused_and_nothing_written(people, working, settings, name, content, why):
    good = SimpleUploadedFile("ok.pdf", PDF)
    with pytest.raises(EvidenceRejected, match=why):
        services.report_progress(working, people["liaison"], text="进展", files=[good, SimpleUploadedFile(name, content)])
    assert not Progress.objects.exists() and not Evidence.objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.*"))
    working.refresh_from_db()
    assert working.status == Item.Status.SIGNED


def test_evidence_size_limit(people, working, settings):
    settings.DUBAN_EVIDENCE_MAX_BYTES = 100
    with pytest.raises(EvidenceRejected, match="过大"):
        services.report_progress(working, people["liaison"], text="进展",
                                 files=[SimpleUploadedFile("big.pdf", PDF + b"x" * 200)])
    assert not Progress.objects.exists()


def test_failed_write_removes_stored_files(people, working, settings, monkeypatch):
    original = Journal.record

    def fail_on_second_file(**kwargs):
        if kwargs.get("action") == "evidence" and Evidence.objects.count() == 2:
            raise RuntimeError("database went away")
        return original(**kwargs)

    monkeypatch.setattr(Journal, "record", fail_on_second_file)
    with pytest.raises(RuntimeError):
        services.report_progress(working, people["liaison"], text="进展",
                                 files=[SimpleUploadedFile("a.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)])
    assert not Evidence.objects.exists()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))


@pytest.mark.parametrize("who", ["stranger", "leader", "nounit"])
def test_progress_refused_to_outsiders(people, working, who):
    with pytest.raises(workflow.NotAllowed):
        services.report_progress(working, people[who], text="进展")
    assert not Progress.objects.exists()


def test_progress_needs_a_signed_item_and_valid_values(people, working):
    with pytest.raises(workflow.WorkflowError):
        services.report_progress(working, people["liaison"], text="  ")
    with pytest.raises(workflow.WorkflowError):
        services.report_progress(working, people["liaison"], text="x", percent=120)
    working.status = Item.Status.ASSIGNED
    working.save()
    with pytest.raises(workflow.InvalidTransition):
        services.report_progress(working, people["liaison"], text="x")
    assert not Progress.objects.exists()


# --- extensions -------------------------------------------------------------------------------

def test_extension_approved_moves_the_deadline(people, working, future):
    later = future + dt.timedelta(days=30)
    ext = services.request_extension(working, people["liaison"], new_deadline=later, reason="雨季施工受阻")
    assert ext.old_deadline == future and ext.status == Extension.Status.PENDING
    ext = services.decide_extension(ext, people["officer"], approve=True, reason="同意")
    working.refresh_from_db()
    assert working.deadline == later and ext.status == Extension.Status.APPROVED
    entry = Journal.objects.get(action="extension_approve")
    assert entry.field == "deadline" and entry.old == str(future) and entry.new == str(later)
    assert entry.reason == "同意"
    with pytest.raises(workflow.InvalidTransition):  # decided once
        services.decide_extension(ext, people["officer"], approve=False, reason="x")


def test_extension_denied_keeps_the_deadline(people, working, future):
    ext = services.request_extension(working, people["liaison"], new_deadline=future + dt.timedelta(days=5),
                                     reason="人手不足")
    with pytest.raises(workflow.ReasonRequired):
        services.decide_extension(ext, people["officer"], approve=False)
    with pytest.raises(workflow.NotAllowed):
        services.decide_extension(ext, people["liaison"], approve=True)
    ext = services.decide_extension(ext, people["officer"], approve=False, reason="时限不能再延")
    working.refresh_from_db()
    assert working.deadline == future and ext.status == Extension.Status.DENIED
    assert Journal.objects.get(action="extension_deny").reason == "时限不能再延"


def test_extension_request_rules(people, working, future):
    later = future + dt.timedelta(days=5)
    with pytest.raises(workflow.NotAllowed):  # a co-operating unit does not own the deadline
        services.request_extension(working, people["co"], new_deadline=later, reason="x")
    with pytest.raises(workflow.ReasonRequired):
        services.request_extension(working, people["liaison"], new_deadline=later, reason=" ")
    with pytest.raises(workflow.WorkflowError):
        services.request_extension(working, people["liaison"], new_deadline=future, reason="x")
    services.request_extension(working, people["liaison"], new_deadline=later, reason="x")
    with pytest.raises(workflow.InvalidTransition):
        services.request_extension(working, people["liaison"], new_deadline=later, reason="again")
    assert Extension.objects.count() == 1
