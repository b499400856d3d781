"""To-do queues on the home pages: each count, its first items and its ledger link select
the same items; counted in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from duban import clock
from duban.ledger import services, workflow
from duban.ledger.models import Item
from duban.web.queues import SHOWN, queues_for

pytestmark = pytest.mark.django_db
S = Item.Status
TODAY = clock.today()


@pytest.fixture
def work(units, people):
    """One item in each queue (天桥街道's, unless said), and a few that are in none."""
    officer, liaison = people["officer"], people["liaison"]

    def make(text, status, days=40, unit="town", **fields):
        return Item.objects.create(text=text, status=status, lead_unit=units[unit] if unit else None,
                                   deadline=TODAY + dt.timedelta(days=days), **fields)

    returned = make("被退回的事项", S.SUBMITTED)
    workflow.apply(returned, "return", officer, reason="佐证不足")
    declined = make("非本单位职责的事项", S.ASSIGNED)
    workflow.apply(declined, "decline", liaison, reason="属翟庄街道辖区")
    co_operated = make("配合办理的事项", S.ASSIGNED, unit="other")
    co_operated.co_units.add(units["town"])
    extended = make("申请延期的事项", S.IN_PROGRESS)
    services.request_extension(extended, liaison, new_deadline=TODAY + dt.timedelta(days=90), reason="雨季停工")
    return {
        "proposed": make("待审核的建议", S.PROPOSED, unit=None),
        "submitted": make("申请销号的事项", S.SUBMITTED),
        "extended": extended,
        "red": make("超期事项", S.IN_PROGRESS, days=-3, leader_in_charge="王书记"),
        "other_red": make("他单位超期事项", S.IN_PROGRESS, days=-5, unit="other"),
        "assigned": make("待签收的事项", S.ASSIGNED),
        "returned": returned,
        "declined": declined,
        "co_operated": co_operated,
        "yellow": make("快到期的事项", S.SIGNED, days=2),
        "green": make("时间充裕的事项", S.IN_PROGRESS, days=60),
    }


def by_key(user):
    return {q.key: q for q in queues_for(user)}


def texts(queue):
    return {item.text for item in queue.items}


def test_office_queues(work, people):
    queues = by_key(people["officer"])
    assert list(queues) == ["review", "verify", "extensions", "overdue", "reassign"]
    assert texts(queues["reassign"]) == {"非本单位职责的事项"}
    assert texts(queues["review"]) == {"待审核的建议"}
    assert texts(queues["verify"]) == {"申请销号的事项"}
    assert texts(queues["extensions"]) == {"申请延期的事项"}
    assert texts(queues["overdue"]) == {"超期事项", "他单位超期事项"} and queues["overdue"].count == 2


def test_liaison_queues_are_their_units(work, people):
    queues = by_key(people["liaison"])
    assert list(queues) == ["sign", "returned", "due_soon"]
    # 配合办理的事项 is theirs to see, not to sign: only the lead unit signs.
    assert texts(queues["sign"]) == {"待签收的事项"}
    assert texts(queues["returned"]) == {"被退回的事项"}
    assert texts(queues["due_soon"]) == {"快到期的事项"}
    assert texts(by_key(people["stranger"])["sign"]) == {"配合办理的事项"}


def test_a_reassigned_item_leaves_the_reassign_queue(work, people, units):
    workflow.apply(work["declined"], "assign", people["officer"], lead_unit=units["other"])
    assert by_key(people["officer"])["reassign"].count == 0
    assert "非本单位职责的事项" in texts(by_key(people["stranger"])["sign"])


def test_leader_queue_is_their_red_items(work, people):
    people["leader"].first_name = "王书记"
    people["leader"].save()
    queue = by_key(people["leader"])["red"]
    assert texts(queue) == {"超期事项"} and queue.count == 1


def test_leader_queues_tell_unread_requests_from_read_ones(work, people, client_for):
    from duban.ledger import instructions

    leader, officer = people["leader"], people["officer"]
    instructions.present(work["red"], officer, leader)
    instructions.present(work["green"], officer, leader)
    instructions.read(work["green"], leader)
    queues = by_key(leader)
    assert list(queues) == ["instruct", "instruct_read", "red"]
    assert texts(queues["instruct"]) == {"超期事项"} and texts(queues["instruct_read"]) == {"时间充裕的事项"}
    instructions.instruct(work["green"], leader, "同意")
    assert by_key(leader)["instruct_read"].count == 0
    for queue in queues_for(leader):  # each links to the ledger with the same items
        page = client_for(leader).get(queue.url).content.decode()
        assert f"共 {queue.count} 项" in page and all(item.text in page for item in queue.items)
    dashboard = client_for(leader).get("/dashboard/").content.decode()
    assert 'id="queue-instruct"' in dashboard and "超期事项" in dashboard


def test_each_queue_links_to_the_ledger_with_the_same_items(work, people, client_for):
    for role in ("officer", "liaison"):
        client = client_for(people[role])
        for queue in queues_for(people[role]):
            page = client.get(queue.url).content.decode()
            assert f"共 {queue.count} 项" in page, (role, queue.key)
            assert all(item.text in page for item in queue.items)


def test_only_the_first_few_are_listed(units, people):
    for n in range(SHOWN + 3):
        Item.objects.create(text=f"超期 {n}", status=S.IN_PROGRESS, lead_unit=units["town"],
                            deadline=TODAY - dt.timedelta(days=n + 1))
    queue = by_key(people["officer"])["overdue"]
    assert queue.count == SHOWN + 3 and len(queue.items) == SHOWN
    assert queue.items[0].text == f"超期 {SHOWN + 2}"  # the most overdue first


def test_queries_do_not_grow_with_the_items(units, people, settings):
    settings.DUBAN_DASHBOARD_CACHE_SECONDS = 0
    def queries():
        with CaptureQueriesContext(connection) as captured:
            queues_for(people["liaison"])
        return len(captured)

    Item.objects.create(text="待签收", status=S.ASSIGNED, lead_unit=units["town"], deadline=TODAY)
    first = queries()
    for n in range(20):
        Item.objects.create(text=f"待签收 {n}", status=S.ASSIGNED, lead_unit=units["town"], deadline=TODAY)
    assert queries() == first


def test_home_pages_show_the_queues(work, people, units, client_for):
    dashboard = client_for(people["officer"]).get("/dashboard/").content.decode()
    assert 'id="queue-verify"' in dashboard and "申请销号的事项" in dashboard
    unit_page = client_for(people["liaison"]).get(f"/units/{units['town'].pk}/").content.decode()
    assert 'id="queue-returned"' in unit_page and "佐证不足" in unit_page
    # An officer looking at a unit's page sees the unit, not their own queues.
    assert 'id="queue-' not in client_for(people["officer"]).get(f"/units/{units['town'].pk}/").content.decode()


def test_cached_queues_follow_every_journaled_change(work, people):
    assert by_key(people["officer"])["verify"].count == 1
    workflow.apply(work["submitted"], "close", people["officer"], reason="现场核验", rating="good")
    assert by_key(people["officer"])["verify"].count == 0
