import datetime as dt
import json
from pathlib import Path

import pytest

from duban import clock
from duban.areas.recurrence import flag_recurrences, similarity, threshold, with_repeat_counts
from duban.ledger.models import Item, Journal, Source, Subject

PAIRS = json.loads((Path(__file__).parent / "fixtures" / "recurrence_pairs.json").read_text("utf-8"))["pairs"]


def test_labelled_pairs_are_a_fair_test():
    assert len(PAIRS) >= 40 and {p["set"] for p in PAIRS} == {"tuning", "holdout"}
    assert 0.3 < sum(p["same"] for p in PAIRS) / len(PAIRS) < 0.7


def test_precision_and_recall_on_labelled_pairs():
    predicted = [(similarity(p["a"], p["b"]) >= threshold(), p["same"]) for p in PAIRS]
    tp = sum(1 for guess, same in predicted if guess and same)
    fp = sum(1 for guess, same in predicted if guess and not same)
    fn = sum(1 for guess, same in predicted if not guess and same)
    assert tp / (tp + fp) >= 0.85
    assert tp / (tp + fn) >= 0.85


def test_similarity_ignores_stock_words_and_punctuation():
    assert similarity("要加快推进，确保", "进一步抓紧") == 0.0
    assert similarity("做好项目周边环境整治。", "做好项目周边环境整治") == 1.0


def _source(n):
    return Source.objects.create(origin=Source.Origin.TEXT, content_hash=f"h{n}", raw=b"")


@pytest.fixture
def subject(db):
    return Subject.objects.create(name="正大绿色循环经济产业园", kind=Subject.Kind.PROJECT)


@pytest.mark.django_db
def test_a_repeated_demand_is_linked_to_the_open_item_and_journaled(subject):
    earlier = Item.objects.create(text="加快设备调试，确保项目年底前投产达效", subject=subject,
                                  source=_source(1), status=Item.Status.IN_PROGRESS)
    other = Item.objects.create(text="引进优质资源和新业态，实现政企合作双赢", subject=subject,
                                source=_source(2), status=Item.Status.ASSIGNED)
    new = Item.objects.create(text="要抓紧完成设备安装调试，确保项目如期投产达效", subject=subject,
                              source=_source(3))
    assert flag_recurrences(new) == [earlier]
    assert list(new.repeat_of.all()) == [earlier] and list(earlier.repeated_by.all()) == [new]
    assert other.repeated_by.count() == 0
    assert Journal.objects.filter(item=new, action="flag_repeat").count() == 1
    flag_recurrences(new)  # idempotent: no second journal line
    assert Journal.objects.filter(item=new, action="flag_repeat").count() == 1


@pytest.mark.django_db
def test_only_same_subject_open_or_recently_closed_ledger_items_count(subject, settings):
    settings.DUBAN_RECURRENCE_DAYS = 180
    text = "做好项目周边环境整治"
    now = clock.now()
    elsewhere = Subject.objects.create(name="双汇第三工业园")
    Item.objects.create(text=text, subject=elsewhere, source=_source(1), status=Item.Status.ASSIGNED)
    Item.objects.create(text=text, subject=subject, source=_source(2), status=Item.Status.PROPOSED)
    Item.objects.create(text=text, subject=subject, source=_source(3), status=Item.Status.CLOSED,
                        closed_at=now - dt.timedelta(days=400))
    recent = Item.objects.create(text=text, subject=subject, source=_source(4), status=Item.Status.CLOSED,
                                 closed_at=now - dt.timedelta(days=30))
    source = _source(5)
    Item.objects.create(text=text, subject=subject, source=source, status=Item.Status.ASSIGNED)
    new = Item.objects.create(text="进一步抓好项目周边环境综合整治工作", subject=subject, source=source)
    assert flag_recurrences(new, now=now) == [recent]


@pytest.mark.django_db
def test_item_without_subject_is_never_flagged():
    Item.objects.create(text="做好项目周边环境整治", status=Item.Status.ASSIGNED)
    assert flag_recurrences(Item.objects.create(text="做好项目周边环境整治")) == []


@pytest.mark.django_db
def test_repeat_counts_are_annotated_for_reports(subject):
    earlier = Item.objects.create(text="做好项目周边环境整治", subject=subject, source=_source(1),
                                  status=Item.Status.ASSIGNED)
    for n in (2, 3):
        flag_recurrences(Item.objects.create(text="进一步抓好项目周边环境综合整治", subject=subject,
                                             source=_source(n)))
    counts = {i.pk: (i.times_repeated, i.repeats) for i in with_repeat_counts(Item.objects.all())}
    assert counts[earlier.pk] == (2, 0)
    assert sorted(counts.values()) == [(0, 1), (0, 1), (2, 0)]


def test_holdout_pairs_written_after_tuning_keep_their_floor():
    holdout = [p for p in PAIRS if p["set"] == "holdout"]
    predicted = [(similarity(p["a"], p["b"]) >= threshold(), p["same"]) for p in holdout]
    tp = sum(1 for guess, same in predicted if guess and same)
    assert tp / sum(1 for guess, _ in predicted if guess) >= 0.8
    assert tp / sum(1 for _, same in predicted if same) >= 0.8
