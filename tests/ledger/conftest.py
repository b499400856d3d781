"""Fixtures for ledger tests: people in a small unit tree, and the seed report's pipeline."""

import datetime as dt

import pytest

from duban import clock
from duban.ledger.models import Unit, UnitAlias, User


@pytest.fixture
def units(db):
    district = Unit.objects.create(name="召陵区委区政府", kind=Unit.Kind.LEADERSHIP)
    UnitAlias.objects.create(unit=district, alias="召陵区")
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN, parent=district)
    community = Unit.objects.create(name="漓江路社区", kind=Unit.Kind.COMMUNITY, parent=town)
    other = Unit.objects.create(name="翟庄街道", kind=Unit.Kind.TOWN, parent=district)
    civil = Unit.objects.create(name="民政局", kind=Unit.Kind.DEPARTMENT, parent=district)
    UnitAlias.objects.create(unit=civil, alias="区民政局")
    return {"district": district, "town": town, "community": community, "other": other, "civil": civil}


@pytest.fixture
def people(units):
    def make(name, role, unit=None):
        admin = role == User.Role.ADMIN
        return User.objects.create_user(name, password="pw-" + name, role=role, unit=unit, is_staff=admin,
                                        is_superuser=admin)

    return {
        "officer": make("officer", User.Role.OFFICER),
        "admin": make("admin", User.Role.ADMIN),
        "leader": make("leader", User.Role.LEADER),
        "liaison": make("liaison", User.Role.LIAISON, units["town"]),
        "community": make("community", User.Role.LIAISON, units["community"]),
        "co": make("co", User.Role.LIAISON, units["civil"]),
        "stranger": make("stranger", User.Role.LIAISON, units["other"]),
        "nounit": make("nounit", User.Role.LIAISON),
    }


@pytest.fixture
def future():
    return clock.today() + dt.timedelta(days=60)
