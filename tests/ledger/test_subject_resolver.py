"""The one subject resolver (duban.ledger.subjects): what the import uses, and its journal."""

import pathlib

import pytest

from duban.ledger import services
from duban.ledger.models import Journal, Subject
from duban.ledger.subjects import guess_kind, resolve_subject

pytestmark = pytest.mark.django_db


def journal_of(subject):
    return list(Journal.objects.filter(target=f"ledger.subject:{subject.pk}").values_list("action", "field", "new"))


def test_creating_a_subject_an_alias_and_a_unit_link_is_journaled(units, people):
    officer = people["officer"]
    park = resolve_subject("双汇第三工业园", user=officer)
    assert journal_of(park) == [("create", "name", "双汇第三工业园")]
    assert resolve_subject("第三工业园", user=officer) == park
    assert ("create", "alias", "第三工业园") in journal_of(park)
    assert Journal.objects.filter(target=f"ledger.subject:{park.pk}", field="alias").get().user == officer
    resolve_subject("第三工业园", user=officer)  # known now: nothing new to journal
    assert len(journal_of(park)) == 2


def test_a_subject_found_without_a_unit_gets_it_and_says_so(units):
    bare = Subject.objects.create(name="天桥街道漓江路社区烟厂生活区", kind=Subject.Kind.COMMUNITY)
    assert resolve_subject("天桥街道漓江路社区烟厂生活区") == bare
    bare.refresh_from_db()
    assert bare.unit == units["community"]
    assert ("edit_subject", "unit", "漓江路社区") in journal_of(bare)


def test_a_units_own_name_is_that_unit_not_an_abbreviation(units):
    subject = resolve_subject("漓江路社区", article_names=["天桥街道漓江路社区烟厂生活区"])
    assert subject.name == "漓江路社区" and subject.unit == units["community"]
    assert subject.kind == Subject.Kind.COMMUNITY


def test_one_kind_table(units, pipeline, seed_bytes):
    """工业园 is a project wherever it is asked (it was an enterprise in the ledger's old copy)."""
    assert guess_kind("双汇第三工业园") == Subject.Kind.PROJECT
    source, _ = services.import_report(seed_bytes, origin="file")
    imported = {i.subject.name: i.subject.kind for i in source.items.exclude(subject=None)}
    assert imported and all(kind == guess_kind(name) or name in {u.name for u in units.values()}
                            for name, kind in imported.items())
    assert Journal.objects.filter(target__startswith="ledger.subject:", action="create", field="name").count() \
        == Subject.objects.count()


def test_there_is_one_resolver():
    root = pathlib.Path(__file__).resolve().parents[2] / "duban"
    defining = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                      if "def resolve_subject(" in p.read_text(encoding="utf-8")
                      or "def guess_kind(" in p.read_text(encoding="utf-8")
                      or "def find_subject(" in p.read_text(encoding="utf-8"))
    assert defining == ["ledger/subjects.py"]
