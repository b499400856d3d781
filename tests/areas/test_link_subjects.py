from io import StringIO

import pytest
from django.core.management import call_command

from duban.ledger.models import Item, Journal, Source

pytestmark = pytest.mark.django_db


def _source(n):
    return Source.objects.create(origin=Source.Origin.TEXT, content_hash=f"h{n}", raw=b"")


def test_command_links_subjects_by_article_context_and_flags_repeats():
    first, second = _source(1), _source(2)
    Item.objects.create(text="优化园区功能布局", subject_name="双汇第三工业园", source=first)
    earlier = Item.objects.create(text="提升研发中心层次，建立科技成果转化机制", subject_name="第三工业园",
                                  source=first, status=Item.Status.ASSIGNED)
    new = Item.objects.create(text="要推动研发中心提档升级，健全科技成果转化机制", subject_name="双汇第三工业园",
                              source=second)
    out = StringIO()
    call_command("link_subjects", "--dry-run", stdout=out)
    assert "将关联对象 3 条" in out.getvalue()
    assert not Item.objects.filter(subject__isnull=False).exists()

    call_command("link_subjects", stdout=StringIO())
    subjects = set(Item.objects.values_list("subject__name", flat=True))
    assert subjects == {"双汇第三工业园"}
    assert list(new.repeat_of.all()) == [earlier]
    assert Journal.objects.filter(action="link_subject").count() == 3
