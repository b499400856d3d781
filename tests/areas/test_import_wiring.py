"""The ledger import resolves subjects with the areas' aliases and flags 再次交办."""

import datetime as dt

import pytest

from duban.ledger import services, workflow
from duban.ledger.models import Item, Unit, User

pytestmark = pytest.mark.django_db

FIRST = """县委书记王建国到城关镇调研

发布时间：2024-07-12  来源：某县融媒体中心

7月10日，县委书记王建国到城关镇调研。在城关镇第一中学，王建国强调，要加强校园安全管理，全面排查危旧校舍安全隐患。
"""

SECOND = """县委书记王建国再赴城关镇督导

发布时间：2024-09-02  来源：某县融媒体中心

8月30日，县委书记王建国到城关镇督导。在第一中学，王建国强调，要全面排查危旧校舍安全隐患，加强校园安全管理。
"""


@pytest.fixture
def officer():
    return User.objects.create_user("officer", role=User.Role.OFFICER)


def import_and_assign(text, officer) -> Item:
    source, _ = services.import_report(text, origin="text", user=officer)
    school, _ = Unit.objects.get_or_create(name="城关镇第一中学", kind=Unit.Kind.OTHER)
    return workflow.apply(source.items.get(), "assign", officer, lead_unit=school, deadline=dt.date(2030, 1, 1))


def test_repeat_of_an_assigned_item_is_flagged(officer):
    earlier = import_and_assign(FIRST, officer)
    second, created = services.import_report(SECOND, origin="text", user=officer)
    assert created
    later = second.items.get()
    # "第一中学" resolves to the subject the first report created under its fuller name.
    assert later.subject_id == earlier.subject_id
    assert list(later.repeat_of.all()) == [Item.objects.get(pk=earlier.pk)]


def test_different_demand_is_not_flagged(officer):
    earlier = import_and_assign(FIRST, officer)
    other = SECOND.replace("要全面排查危旧校舍安全隐患，加强校园安全管理", "要办好秋季运动会，丰富学生课余生活")
    second, _ = services.import_report(other, origin="text", user=officer)
    later = second.items.get()
    assert later.subject_id == earlier.subject_id  # same subject, so only the wording differs
    assert not later.repeat_of.exists()
