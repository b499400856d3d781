import datetime as dt

import pytest

from duban.ledger import closing, services, workflow
from duban.ledger.models import Item, Journal, Unit, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN)
    other = Unit.objects.create(name="翟庄街道", kind=Unit.Kind.TOWN)
    return {
        "officer": User.objects.create_user("officer", role=User.Role.OFFICER),
        "liaison": User.objects.create_user("liaison", role=User.Role.LIAISON, unit=town),
        "stranger": User.objects.create_user("stranger", role=User.Role.LIAISON, unit=other),
        "town": town,
    }


def test_full_path_is_journaled(people):
    item = Item.objects.create(text="要对标群众需求,量身打造、常态化提供服务")
    workflow.apply(item, "assign", people["officer"], lead_unit=people["town"],
                   deadline=dt.date(2030, 1, 1))
    item = workflow.apply(item, "sign", people["liaison"])
    item = services.report_progress(item, people["liaison"], text="已全面完成").item
    item = closing.submit(item, people["liaison"], completion="已全面完成")
    item = workflow.apply(item, "close", people["officer"], reason="现场核实", rating="good")
    assert item.status == Item.Status.CLOSED
    statuses = list(Journal.objects.filter(item=item, field="status").values_list("new", flat=True))
    assert statuses == ["assigned", "signed", "in_progress", "submitted", "closed"]


def test_other_units_liaison_is_refused_and_nothing_changes(people):
    item = Item.objects.create(text="x", lead_unit=people["town"], deadline=dt.date(2030, 1, 1),
                               status=Item.Status.ASSIGNED)
    with pytest.raises(workflow.NotAllowed):
        workflow.apply(item, "sign", people["stranger"])
    item.refresh_from_db()
    assert item.status == Item.Status.ASSIGNED and not Journal.objects.exists()


def test_stale_version_is_a_conflict(people):
    item = Item.objects.create(text="x")
    workflow.edit(item, people["officer"], text="y", version=1)
    with pytest.raises(workflow.Conflict):
        workflow.edit(item, people["officer"], text="z", version=1)
    item.refresh_from_db()
    assert item.text == "y" and item.version == 2


def test_journal_cannot_be_changed(people):
    entry = Journal.record(user=people["officer"], action="edit", field="text", old="a", new="b")
    entry.new = "c"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        Journal.objects.all().delete()
    with pytest.raises(PermissionError):
        Journal.objects.update(new="d")


@pytest.mark.parametrize(("language", "refusals"), [
    ("zh-hans", ["事项当前状态为“已交办”，不能执行“销号”。", "您无权对此事项执行“签收”。", "“退回”需要填写理由。"]),
    ("en", ["The item is “Assigned”: it cannot be given “Close out”.", "You may not “Sign for” this item.",
            "“Return” needs a reason."]),
])
def test_refusals_speak_the_users_language(people, language, refusals):
    from django.utils import translation

    item = Item.objects.create(text="x", lead_unit=people["town"], deadline=dt.date(2030, 1, 1),
                               status=Item.Status.ASSIGNED)
    submitted = Item.objects.create(text="y", lead_unit=people["town"], status=Item.Status.SUBMITTED)
    with translation.override(language):
        messages = []
        for target, action, who in [(item, "close", "officer"), (item, "sign", "stranger"),
                                    (submitted, "return", "officer")]:
            with pytest.raises(workflow.WorkflowError) as refused:
                workflow.apply(target, action, people[who])
            messages.append(str(refused.value))
    assert messages == refusals
