"""The unit tree (/units/) and the unit search the pickers ask (/units/search/)."""

import time

import pytest
from django.urls import reverse

from duban.ledger.models import Item, Unit, UnitAlias
from duban.web import unit_tree
from duban.web.unit_tree import Node

pytestmark = pytest.mark.django_db
K = Unit.Kind


# --- the tree, as data ----------------------------------------------------------------------

def node(pk, kind, parent=None, name=None):
    return Node(pk, name or f"u{pk}", kind, parent)


def shape(groups):
    def of(n):
        return (n.name, [of(c) for c in n.children]) if n.children else n.name
    return {g.kind: [of(n) for n in g.nodes] for g in groups}


def test_units_below_the_leadership_are_grouped_by_kind_and_keep_their_own_units():
    nodes = [node(1, K.LEADERSHIP, name="区委"), node(2, K.TOWN, 1, "镇"), node(3, K.VILLAGE, 2, "村"),
             node(4, K.DEPARTMENT, 1, "局"), node(5, K.ENTERPRISE, None, "企业"), node(6, K.LEADERSHIP, 1, "区政府"),
             node(7, K.ENTERPRISE, 2, "镇办企业")]
    groups = unit_tree.build(nodes)
    assert [g.kind for g in groups] == [K.LEADERSHIP, K.TOWN, K.DEPARTMENT, K.ENTERPRISE]
    assert shape(groups) == {K.LEADERSHIP: [("区委", ["区政府"])], K.TOWN: [("镇", ["村", "镇办企业"])],
                             K.DEPARTMENT: ["局"], K.ENTERPRISE: ["企业"]}
    assert groups[1].size == 3


def test_a_search_keeps_the_matches_and_the_units_above_them():
    nodes = [node(1, K.LEADERSHIP), node(2, K.TOWN, 1), node(3, K.VILLAGE, 2), node(4, K.TOWN, 1)]
    groups = unit_tree.build(nodes, matched={3})
    assert shape(groups) == {K.TOWN: [("u2", ["u3"])]}  # u1 heads nothing kept: left out
    town = groups[0].nodes[0]
    assert not town.matched and town.children[0].matched
    assert unit_tree.build(nodes, matched=set()) == []


def test_a_unit_under_an_inactive_one_heads_its_group():
    """The tree is of active units: a parent left out does not hide the units below it."""
    assert shape(unit_tree.build([node(3, K.VILLAGE, 2)])) == {K.VILLAGE: ["u3"]}


# --- the page -------------------------------------------------------------------------------

def test_the_tree_groups_the_units_and_links_their_pages(client_for, people, units, assigned):
    page = client_for(people["officer"]).get(reverse("units")).content.decode()
    assert 'id="kind-leadership"' in page and 'id="kind-town"' in page
    town = page.split('id="kind-town"')[1]
    assert town.index("天桥街道") < town.index("漓江路社区") < town.index("翟庄街道")  # the community under its town
    assert reverse("unit", args=[units["community"].pk]) in page
    assert "（召陵区）" in page  # the alias beside the name
    assert '天桥街道</a> <span class="badge">在办 1</span>' in page  # the assigned item it leads


def test_the_search_box_narrows_the_tree_by_name_or_alias(client_for, people, units):
    client = client_for(people["officer"])
    partial = client.get(reverse("units"), {"q": "漓江"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "漓江路社区" in partial and "天桥街道" in partial and "翟庄街道" not in partial
    assert 'class="hit"' in partial.split("漓江路社区")[0].rsplit("<li", 1)[1]
    by_alias = client.get(reverse("units"), {"q": "召陵区"}).content.decode()
    assert "<html" in by_alias and "召陵区委区政府" in by_alias and "天桥街道" not in by_alias
    assert "没有名称或别名含“不存在”的单位" in client.get(reverse("units"), {"q": "不存在"}).content.decode()


@pytest.mark.parametrize("name", ["units", "unit-search"])
def test_the_tree_and_the_search_are_for_the_office_and_leaders(client, client_for, people, name):
    url = reverse(name)
    assert client.get(url)["Location"].startswith(reverse("login"))
    assert client_for(people["liaison"]).get(url).status_code == 403
    assert client_for(people["leader"]).get(url).status_code == 200
    assert client_for(people["officer"]).get(url).status_code == 200


def test_the_nav_links_the_tree_for_those_who_may_see_it(client_for, people, units):
    assert f'href="{reverse("units")}"' in client_for(people["officer"]).get(reverse("ledger")).content.decode()
    assert f'href="{reverse("units")}"' not in client_for(people["liaison"]).get(reverse("ledger")).content.decode()


# --- the search the pickers ask ---------------------------------------------------------------

def test_search_answers_json_best_match_first_with_the_units_above(client_for, people, units):
    Unit.objects.create(name="天桥街道物业中心", kind=K.ENTERPRISE, parent=units["town"])
    data = client_for(people["officer"]).get(reverse("unit-search"), {"q": "天桥街道"}).json()
    assert [r["name"] for r in data["results"]] == ["天桥街道", "天桥街道物业中心"]
    first, second = data["results"]
    assert first == {"id": units["town"].pk, "name": "天桥街道", "kind": "乡镇街道", "path": "召陵区委区政府"}
    assert second["path"] == "召陵区委区政府 › 天桥街道"


def test_search_by_alias_and_with_a_limit(client_for, people, units):
    client = client_for(people["officer"])
    assert [r["name"] for r in client.get(reverse("unit-search"), {"q": "召陵区"}).json()["results"]] == ["召陵区委区政府"]
    assert len(client.get(reverse("unit-search"), {"limit": "2"}).json()["results"]) == 2
    assert len(client.get(reverse("unit-search"), {"limit": "x"}).json()["results"]) == 4  # the default, 20
    assert client.get(reverse("unit-search"), {"q": "无此单位"}).json() == {"results": []}


@pytest.fixture
def county(units):
    """Two thousand units: 30 towns of 40 villages, 300 departments, 470 enterprises (some aliased)."""
    towns = Unit.objects.bulk_create(Unit(name=f"第{t}镇", kind=K.TOWN, parent=units["district"]) for t in range(30))
    Unit.objects.bulk_create(Unit(name=f"第{t}镇第{v}村", kind=K.VILLAGE, parent=town)
                             for t, town in enumerate(towns) for v in range(40))
    Unit.objects.bulk_create(Unit(name=f"第{d}局", kind=K.DEPARTMENT, parent=units["district"]) for d in range(300))
    firms = Unit.objects.bulk_create(Unit(name=f"第{e}公司", kind=K.ENTERPRISE) for e in range(470))
    UnitAlias.objects.bulk_create(UnitAlias(unit=firm, alias=f"公司{e}号") for e, firm in enumerate(firms[:100]))
    assert Unit.objects.count() > 2000


def test_two_thousand_units_take_a_few_queries_and_little_time(client_for, people, county,
                                                               django_assert_max_num_queries):
    client = client_for(people["officer"])
    started = time.perf_counter()
    with django_assert_max_num_queries(8):
        page = client.get(reverse("units")).content.decode()
    with django_assert_max_num_queries(8):
        found = client.get(reverse("unit-search"), {"q": "第7镇"}).json()["results"]
    elapsed = time.perf_counter() - started
    assert page.count("<li data-unit=") == Unit.objects.count()
    assert found[0]["name"] == "第7镇" and len(found) == 20
    assert elapsed < 5  # about 0.1 s alone; generous for a loaded machine
    with django_assert_max_num_queries(8):
        narrowed = client.get(reverse("units"), {"q": "公司9号"}, HTTP_HX_REQUEST="true").content.decode()
    assert narrowed.count("<li data-unit=") == 1 and "第9公司" in narrowed


def test_counts_in_the_tree_are_items_in_progress_led(client_for, people, units):
    for status in (Item.Status.ASSIGNED, Item.Status.IN_PROGRESS, Item.Status.CLOSED, Item.Status.PROPOSED):
        Item.objects.create(text=status, status=status, lead_unit=units["other"])
    page = client_for(people["officer"]).get(reverse("units")).content.decode()
    assert '翟庄街道</a> <span class="badge">在办 2</span>' in page


def test_the_tree_reads_in_english(client_for, people, units, assigned):
    client = client_for(people["officer"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("units")).content.decode()
    assert "Find a unit (name or alias)" in page and "1 in progress" in page and "查找单位" not in page
    assert "No unit's name or alias contains “无”." in client.get(reverse("units"), {"q": "无"}).content.decode()


def test_a_unit_page_leads_back_to_the_tree_for_the_office(client_for, people, units):
    url = reverse("unit", args=[units["town"].pk])
    assert f'href="{reverse("units")}"' in client_for(people["officer"]).get(url).content.decode()
    assert f'href="{reverse("units")}"' not in client_for(people["liaison"]).get(url).content.decode()
