"""Subjects and repeats on the bundled 召陵区 report, as the import will produce them."""

import pytest

from duban.analysis import analyze
from duban.areas.recurrence import flag_recurrences
from duban.ledger.models import Item, Source, Subject
from duban.ledger.subjects import resolve_subject
from duban.reader import read

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_items(seed_bytes):
    """The seed report's directives stored as ledger items, as the import would store them."""
    analysis = analyze(read(seed_bytes))
    names = [d.subject for d in analysis.directives if d.subject]
    source = Source.objects.create(origin=Source.Origin.FILE, content_hash="seed", raw=b"")
    return [Item.objects.create(text=d.text, subject_name=d.subject or "", source=source, directive_index=i,
                                status=Item.Status.ASSIGNED,
                                subject=resolve_subject(d.subject, article_names=names) if d.subject else None)
            for i, d in enumerate(analysis.directives)]


def test_each_place_of_the_report_is_one_subject(seed_items):
    by_subject = {}
    for item in seed_items:
        if item.subject:
            by_subject.setdefault(item.subject.name, []).append(item)
    # One subject per inspected place, however the analyser spelled it.
    assert len(by_subject["双汇第三工业园"]) >= 4
    assert len(by_subject["际华皮革皮鞋研究院"]) >= 3
    assert Subject.objects.filter(name__contains="第三工业园").count() == 1
    # The meeting's "围绕际华皮鞋皮革…" directive names the institute with its words swapped.
    assert resolve_subject("际华皮鞋皮革").name == "际华皮革皮鞋研究院"
    assert resolve_subject("第三工业园").name == "双汇第三工业园"


def test_a_later_report_repeating_a_demand_is_flagged(seed_items):
    later = Source.objects.create(origin=Source.Origin.TEXT, content_hash="later", raw=b"")
    park = resolve_subject("第三工业园")
    repeat = Item.objects.create(text="要推动研发中心提档升级，健全科技成果与市场转化衔接机制",
                                 subject=park, source=later)
    fresh = Item.objects.create(text="要做好园区冬季消防安全检查", subject=park, source=later)
    repeated = flag_recurrences(repeat)
    assert [i.text[:12] for i in repeated] == ["要面向未来、面向需求、面向国际"[:12]]
    assert flag_recurrences(fresh) == []
