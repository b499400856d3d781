import pytest

from duban.areas.models import ProjectProfile
from duban.areas.projects import create_project
from duban.areas.subjects import merge_subjects
from duban.ledger.models import Item, Journal, Subject, SubjectAlias
from duban.ledger.subjects import find_subject, guess_kind, normalise, resolve_subject
from duban.ledger.workflow import NotAllowed, WorkflowError

pytestmark = pytest.mark.django_db


def test_short_name_resolves_to_the_fuller_existing_subject_and_is_remembered():
    full = resolve_subject("双汇第三工业园")
    assert resolve_subject("第三工业园") == full
    assert SubjectAlias.objects.get(alias="第三工业园").subject == full
    assert Subject.objects.count() == 1


def test_short_name_uses_the_fuller_name_of_the_same_article():
    subject = resolve_subject("第三工业园", article_names=["双汇第三工业园", "召陵区养老服务中心"])
    assert subject.name == "双汇第三工业园"
    assert subject.kind == Subject.Kind.PROJECT


def test_swapped_words_are_the_same_subject():
    institute = resolve_subject("际华皮革皮鞋研究院")
    assert resolve_subject("际华皮鞋皮革") == institute


def test_site_suffix_and_punctuation_do_not_make_a_new_subject():
    park = resolve_subject("正大绿色循环经济产业园")
    assert resolve_subject("正大绿色循环经济产业园项目建设现场") == park
    assert resolve_subject("“正大绿色循环经济产业园”") == park
    assert normalise("召陵区养老服务中心") == "养老服务中心"


@pytest.mark.parametrize("a, b", [
    ("双汇第一工业园", "双汇第三工业园"),  # ordinals tell them apart
    ("天桥街道", "天桥街道漓江路社区"),  # the town is not the community inside it
    ("漓江路社区", "黄河路社区"),
    ("社区", "漓江路社区"),  # too short to mean anything
])
def test_different_things_stay_apart(a, b):
    assert resolve_subject(a) != resolve_subject(b)


def test_ambiguous_partial_name_creates_a_new_subject_rather_than_guessing():
    resolve_subject("双汇第三工业园")
    resolve_subject("漯河市食品第三工业园")  # normalised 食品第三工业园: both contain 第三工业园
    assert find_subject("第三工业园") is None


def test_kind_guesses():
    assert guess_kind("漓江路社区") == Subject.Kind.COMMUNITY
    assert guess_kind("后谢村") == Subject.Kind.VILLAGE
    assert guess_kind("召陵区养老服务中心") == Subject.Kind.FACILITY
    assert guess_kind("某食品有限公司") == Subject.Kind.ENTERPRISE


def test_subject_of_a_village_is_linked_to_its_unit(units):
    subject = resolve_subject("后谢村")
    assert subject.unit == units["village"] and subject.kind == Subject.Kind.VILLAGE


def test_blank_name_is_refused():
    with pytest.raises(ValueError):
        resolve_subject("  ")


def test_merge_moves_items_records_alias_and_journal(people):
    keep = Subject.objects.create(name="际华皮革皮鞋研究院")
    dup = Subject.objects.create(name="际华研究院")
    SubjectAlias.objects.create(alias="际华皮革研究院", subject=dup)
    item = Item.objects.create(text="加快推进老厂房改造", subject=dup)
    merge_subjects(dup, keep, people["officer"], reason="同一研究院")
    item.refresh_from_db()
    dup.refresh_from_db()
    assert item.subject == keep and item.version == 2
    assert dup.merged_into == keep
    assert set(keep.aliases.values_list("alias", flat=True)) == {"际华研究院", "际华皮革研究院"}
    assert resolve_subject("际华研究院") == keep
    assert Journal.objects.filter(target=f"ledger.subject:{keep.pk}", action="merge_subject").exists()
    assert Journal.objects.filter(item=item, field="subject", old="际华研究院", new=keep.name).exists()


def test_merge_is_for_officers_only_and_changes_nothing_otherwise(people):
    keep, dup = Subject.objects.create(name="甲"), Subject.objects.create(name="乙")
    item = Item.objects.create(text="x", subject=dup)
    with pytest.raises(NotAllowed):
        merge_subjects(dup, keep, people["liaison"])
    with pytest.raises(WorkflowError):
        merge_subjects(keep, keep, people["officer"])
    item.refresh_from_db()
    assert item.subject == dup and not Journal.objects.exists()


def test_merge_moves_the_project_card_but_never_overwrites_one(people):
    keep = Subject.objects.create(name="双汇第三工业园", kind=Subject.Kind.PROJECT)
    dup = Subject.objects.create(name="双汇三期")
    create_project(dup, people["officer"])
    merge_subjects(dup, keep, people["officer"])
    assert ProjectProfile.objects.get().subject == keep

    other = Subject.objects.create(name="另一个项目")
    create_project(other, people["officer"])
    with pytest.raises(WorkflowError):
        merge_subjects(other, keep, people["officer"])
    other.refresh_from_db()
    assert other.merged_into is None and ProjectProfile.objects.filter(subject=other).exists()
