"""Lead and co-operating units: 非本单位职责 (a lead unit hands an item back), reassignment,
co-units suggested by the analyser, and the unit search the pickers use."""

import pytest

from duban.ledger import services, workflow
from duban.ledger.filters import LedgerFilters, select
from duban.ledger.models import Item, Journal, Source, Unit, UnitAlias
from duban.ledger.units import UnitResolver, search_units, unit_paths

pytestmark = pytest.mark.django_db
S = Item.Status

MINUTES = """召陵区召开防汛工作专题会议

6月3日，区长李明主持召开防汛工作专题会议。会议议定如下：
一、由天桥街道牵头，翟庄街道、漓江路社区配合，6月底前完成沿河排涝泵站检修。
二、区应急管理局要加强汛期值班值守。
"""


@pytest.fixture
def given(people, units, future):
    """An item the office gave 天桥街道 (with 民政局 co-operating)."""
    item = Item.objects.create(text="开展沿河排涝泵站检修", deadline=future)
    return workflow.apply(item, "assign", people["officer"], lead_unit=units["town"], co_units=[units["civil"]])


def lines(item, action):
    return {(j.field, j.old, j.new, j.reason) for j in Journal.objects.filter(item=item, action=action)}


# --- 非本单位职责 -----------------------------------------------------------------------------

@pytest.mark.parametrize("signed", [False, True])
def test_the_lead_unit_hands_an_item_back_with_a_reason(given, people, units, signed):
    if signed:
        given = workflow.apply(given, "sign", people["liaison"])
    number = given.number
    item = workflow.apply(given, "decline", people["liaison"], reason="泵站属翟庄街道管辖")
    assert item.status == S.ACCEPTED and item.lead_unit is None
    assert item.number == number  # the 督办编号 stays with the item
    assert list(item.co_units.all()) == [units["civil"]]  # the co-units are the office's to change
    assert lines(item, "decline") == {
        ("lead_unit", "天桥街道", "", "泵站属翟庄街道管辖"),
        ("status", S.SIGNED if signed else S.ASSIGNED, S.ACCEPTED, "泵站属翟庄街道管辖")}


def test_declining_drops_the_suggestion_too(given, people, units):
    """交办 按建议单位 must not send the item back to the unit that declined it."""
    Item.objects.filter(pk=given.pk).update(suggested_unit=units["town"])
    item = workflow.apply(given, "decline", people["liaison"], reason="泵站属翟庄街道管辖")
    assert item.suggested_unit is None
    assert ("suggested_unit", "天桥街道", "", "泵站属翟庄街道管辖") in lines(item, "decline")


def test_declining_needs_a_reason(given, people):
    with pytest.raises(workflow.ReasonRequired):
        workflow.apply(given, "decline", people["liaison"], reason="  ")
    given.refresh_from_db()
    assert given.status == S.ASSIGNED and given.lead_unit is not None
    assert not Journal.objects.filter(item=given, action="decline").exists()


@pytest.mark.parametrize("who", ["co", "stranger", "officer", "leader"])
def test_only_the_lead_units_liaison_declines(given, people, who):
    """A co-unit does not sign and does not decline either; the office reassigns by itself."""
    with pytest.raises(workflow.NotAllowed):
        workflow.apply(given, "decline", people[who], reason="不是我们的事")


def test_once_work_has_started_the_unit_asks_the_office_instead(given, people):
    workflow.apply(given, "sign", people["liaison"])
    services.report_progress(given, people["liaison"], text="已开始检修")
    with pytest.raises(workflow.InvalidTransition):
        workflow.apply(given, "decline", people["liaison"], reason="不是我们的事")


def test_the_office_reassigns_a_declined_item(given, people, units):
    workflow.apply(given, "decline", people["liaison"], reason="泵站属翟庄街道管辖")
    item = workflow.apply(given, "assign", people["officer"], lead_unit=units["other"])
    assert item.status == S.ASSIGNED and item.lead_unit == units["other"]
    assert ("lead_unit", "", "翟庄街道", "") in lines(item, "assign")
    assert Item.objects.filter(number=item.number).count() == 1  # no second number
    assert workflow.may(people["stranger"], workflow.LEAD, item) and not workflow.may(people["liaison"], workflow.LEAD, item)


def test_declined_items_wait_in_their_own_filter_until_reassigned(given, people, units):
    declined = LedgerFilters(declined=True)
    assert not select(declined).queryset().exists()
    workflow.apply(given, "decline", people["liaison"], reason="泵站属翟庄街道管辖")
    accepted = Item.objects.create(text="立项未交办", status=S.ACCEPTED)  # never declined: not in it
    assert list(select(declined).queryset()) == [given]  # not the accepted item never given to a unit
    assert accepted.status == S.ACCEPTED
    workflow.apply(given, "assign", people["officer"], lead_unit=units["other"])
    assert not select(declined).queryset().exists()


# --- lead only ------------------------------------------------------------------------------

def test_lead_only_leaves_out_the_items_a_unit_only_co_operates_on(given, people, units, future):
    led = Item.objects.create(text="民政局牵头的事项", lead_unit=units["civil"], deadline=future, status=S.ASSIGNED)
    civil = people["co"].visible_unit_ids()
    everything = select(LedgerFilters(status=(S.ASSIGNED,)), civil).rows()
    assert {i.pk for i in everything[:10]} == {given.pk, led.pk}
    assert [i.pk for i in select(LedgerFilters(status=(S.ASSIGNED,), lead_only=True), civil).rows()[:10]] == [led.pk]
    # the office choosing a unit: the items that unit leads
    chosen = LedgerFilters(unit=units["civil"].pk, lead_only=True)
    assert [i.pk for i in select(chosen).queryset()] == [led.pk]


# --- co-units -------------------------------------------------------------------------------

def test_a_co_unit_made_lead_leaves_the_co_units(given, people, units):
    item = workflow.edit(given, people["officer"], lead_unit=units["civil"])
    assert item.lead_unit == units["civil"] and not item.co_units.exists()
    item = workflow.edit(item, people["officer"], co_units=[units["civil"], units["town"]])
    assert list(item.co_units.all()) == [units["town"]]  # the lead is never its own co-unit


def test_assigning_records_lead_and_co_units(people, units, future):
    item = Item.objects.create(text="开展排涝演练", deadline=future)
    workflow.apply(item, "assign", people["officer"], lead_unit=units["town"],
                   co_units=[units["other"], units["community"]])
    assert {u.name for u in item.co_units.all()} == {"翟庄街道", "漓江路社区"}
    (line,) = Journal.objects.filter(item=item, field="co_units")
    assert line.action == "assign" and set(line.new.split("、")) == {"翟庄街道", "漓江路社区"}
    assert workflow.may(people["stranger"], workflow.MEMBER, item)  # the co-unit sees and reports on it
    assert not workflow.may(people["stranger"], workflow.LEAD, item)


def test_the_analysers_co_units_become_suggested_co_units(units, people):
    source, _ = services.import_report(MINUTES, origin=Source.Origin.TEXT, user=people["officer"])
    item = source.items.get(text__contains="泵站")
    assert item.suggested_unit == units["town"]
    assert {u.name for u in item.suggested_co_units.all()} == {"翟庄街道", "漓江路社区"}
    assert not item.co_units.exists()  # only the officer's 交办 makes them co-units
    other = source.items.get(text__contains="值班")
    assert not other.suggested_co_units.exists()


def test_suggested_co_units_are_resolved_once_and_never_the_lead(units):
    resolver = UnitResolver()
    found = services.suggested_co_units(["翟庄街道", "翟庄街道", "不存在的单位", "召陵区", "天桥街道"], resolver,
                                        lead=units["town"])
    assert found == [units["other"], units["district"]]


def test_a_split_proposal_keeps_its_suggested_co_units(units, people):
    source, _ = services.import_report(MINUTES, origin=Source.Origin.TEXT, user=people["officer"])
    item = source.items.get(text__contains="泵站")
    _, second = services.split(item, people["officer"], ["由天桥街道牵头完成检修", "翟庄街道配合"])
    assert set(second.suggested_co_units.all()) == {units["other"], units["community"]}


# --- unit search ----------------------------------------------------------------------------

def test_unit_search_puts_exact_then_prefix_then_contained_names_first(units):
    Unit.objects.create(name="天桥街道办事处物业中心", kind=Unit.Kind.ENTERPRISE)
    Unit.objects.create(name="新天桥街道", kind=Unit.Kind.TOWN)
    Unit.objects.create(name="天桥街道旧址", kind=Unit.Kind.OTHER, is_active=False)
    names = [u.name for u in search_units("天桥街道")]
    assert names[0] == "天桥街道" and set(names[1:]) == {"天桥街道办事处物业中心", "新天桥街道"}
    assert names.index("天桥街道办事处物业中心") < names.index("新天桥街道")


def test_unit_search_finds_aliases_and_limits_its_answer(units):
    assert [u.name for u in search_units("区民政局")] == ["民政局"]
    assert [u.name for u in search_units("召陵")] == ["召陵区委区政府"]
    UnitAlias.objects.create(unit=units["other"], alias="翟庄")
    assert [u.name for u in search_units("翟庄")] == ["翟庄街道"]
    assert len(search_units("", limit=3)) == 3 and search_units("没有这个单位") == []


def test_unit_paths_name_the_units_above(units):
    paths = unit_paths([units["community"], units["district"]])
    assert paths == {units["community"].pk: "召陵区委区政府 › 天桥街道", units["district"].pk: ""}
