"""People, units and items for page tests; the seed report's pipeline for import tests."""

import datetime as dt

import pytest

from duban import clock
from duban.ledger import workflow
from duban.ledger.models import Item, Unit, UnitAlias, User

PASSWORD = "pw-for-tests-1"



@pytest.fixture
def units(db):
    district = Unit.objects.create(name="召陵区委区政府", kind=Unit.Kind.LEADERSHIP)
    UnitAlias.objects.create(unit=district, alias="召陵区")
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN, parent=district)
    community = Unit.objects.create(name="漓江路社区", kind=Unit.Kind.COMMUNITY, parent=town)
    other = Unit.objects.create(name="翟庄街道", kind=Unit.Kind.TOWN, parent=district)
    return {"district": district, "town": town, "community": community, "other": other}


@pytest.fixture
def people(units):
    def make(name, role, unit=None):
        return User.objects.create_user(name, password=PASSWORD, role=role, unit=unit, email=f"{name}@example.cn")

    return {
        "officer": make("officer", User.Role.OFFICER),
        "leader": make("leader", User.Role.LEADER),
        "liaison": make("liaison", User.Role.LIAISON, units["town"]),
        "stranger": make("stranger", User.Role.LIAISON, units["other"]),
    }


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def assigned(people, units):
    """An item of 天桥街道, assigned through the workflow, due in 30 days."""
    item = Item.objects.create(text="要对标群众需求,量身打造、常态化提供服务", topic="民生服务", speaker="秦保强")
    return workflow.apply(item, "assign", people["officer"], lead_unit=units["town"],
                          deadline=clock.today() + dt.timedelta(days=30))
