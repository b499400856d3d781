"""评价 at 销号: required, stored on the item, journaled; 重新打开 clears it, the journal keeps it."""

import pytest

from duban.ledger import closing, services, workflow
from duban.ledger.models import Item, Journal, Rating

pytestmark = pytest.mark.django_db
S = Item.Status


@pytest.fixture
def submitted(people, units, future):
    item = Item.objects.create(text="完善社区服务功能")
    item = workflow.apply(item, "assign", people["officer"], lead_unit=units["town"], deadline=future)
    item = workflow.apply(item, "sign", people["liaison"])
    item = services.report_progress(item, people["liaison"], text="已完成").item
    return closing.submit(item, people["liaison"], completion="已完成")


def test_the_scale_is_one_table_with_a_score_per_grade():
    assert [(r.value, str(r.label), r.score) for r in Rating] == [
        ("good", "好", 100), ("fair", "较好", 80), ("average", "一般", 60), ("poor", "差", 40)]
    assert Rating("fair").score == 80


def test_close_without_a_rating_is_refused_and_changes_nothing(people, submitted):
    before = Journal.objects.count()
    with pytest.raises(workflow.RatingRequired, match="好、较好、一般、差"):
        workflow.apply(submitted, "close", people["officer"], reason="现场核实")
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED and submitted.rating == "" and Journal.objects.count() == before


@pytest.mark.parametrize(("rating", "note"), [("excellent", ""), ("", "说明而无评价")])
def test_an_unknown_grade_or_a_note_alone_is_refused(people, submitted, rating, note):
    with pytest.raises(workflow.RatingRequired):
        workflow.apply(submitted, "close", people["officer"], reason="现场核实", rating=rating, rating_note=note)
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_only_close_rates(people, submitted):
    with pytest.raises(workflow.WorkflowError, match="只有销号时可以评价"):
        workflow.apply(submitted, "return", people["officer"], reason="佐证不足", rating="poor")
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_close_stores_and_journals_the_rating(people, submitted):
    item = workflow.apply(submitted, "close", people["officer"], reason="现场核实", rating="fair",
                          rating_note=" 按期完成，资料略欠完整 ")
    item.refresh_from_db()
    assert (item.status, item.rating, item.rating_note) == (S.CLOSED, "fair", "按期完成，资料略欠完整")
    lines = {j.field: (j.action, j.old, j.new, j.username)
             for j in Journal.objects.filter(item=item, field__in=["rating", "rating_note"])}
    assert lines == {"rating": ("close", "", "fair", "officer"),
                     "rating_note": ("close", "", "按期完成，资料略欠完整", "officer")}


def test_reopen_clears_the_rating_and_the_journal_keeps_it(people, submitted):
    item = workflow.apply(submitted, "close", people["officer"], reason="现场核实", rating="good", rating_note="很好")
    item = workflow.apply(item, "reopen", people["officer"], reason="群众反映未落实")
    item.refresh_from_db()
    assert (item.status, item.rating, item.rating_note) == (S.IN_PROGRESS, "", "")
    cleared = Journal.objects.filter(item=item, action="reopen", field="rating").get()
    assert (cleared.old, cleared.new, cleared.reason) == ("good", "", "群众反映未落实")
    assert Journal.objects.filter(item=item, action="reopen", field="rating_note", old="很好").exists()


def test_a_spreadsheet_import_may_close_unrated(people, submitted):
    item = workflow.apply(submitted, "close", people["officer"], reason="导入台账 第3行", allow_unrated=True)
    item.refresh_from_db()
    assert item.status == S.CLOSED and item.rating == ""
    assert not Journal.objects.filter(item=item, field="rating").exists()  # nothing changed, nothing journaled
