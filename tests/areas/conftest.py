import pytest

from duban.ledger.models import Unit, User


@pytest.fixture
def units(db):
    town = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN)
    return {
        "town": town,
        "community": Unit.objects.create(name="漓江路社区", kind=Unit.Kind.COMMUNITY, parent=town),
        "village": Unit.objects.create(name="后谢村", kind=Unit.Kind.VILLAGE),
        "other": Unit.objects.create(name="翟庄街道", kind=Unit.Kind.TOWN),
        "dept": Unit.objects.create(name="区发展改革委", kind=Unit.Kind.DEPARTMENT),
    }


@pytest.fixture
def people(units):
    return {
        "officer": User.objects.create_user("officer", password="pw", role=User.Role.OFFICER),
        "leader": User.objects.create_user("leader", password="pw", role=User.Role.LEADER),
        "liaison": User.objects.create_user("liaison", password="pw", role=User.Role.LIAISON, unit=units["town"]),
        "stranger": User.objects.create_user("stranger", password="pw", role=User.Role.LIAISON,
                                             unit=units["other"]),
    }
