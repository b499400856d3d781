"""The demo ledger: 召陵区's units, a few users, the bundled report imported and put to work.

Everything goes through ``services``/``workflow`` like real use, so the demo's journal
reads like a real one and the demo doubles as an end-to-end exercise of the workflow.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from duban import clock
from duban.ledger import closing, instructions, services, workflow
from duban.ledger.models import Item, Rating, Unit, UnitAlias, User

SEED_REPORT = Path(__file__).resolve().parent.parent / "data" / "zhaoling-2023-10-20.txt"

K = Unit.Kind
# (name, kind, aliases, children)
UNIT_TREE = ("召陵区委区政府", K.LEADERSHIP, ["召陵区", "召陵区委", "召陵区政府", "区委区政府"], [
    ("区委区政府督查室", K.DEPARTMENT, ["督查室"], []),
    ("区委办公室", K.DEPARTMENT, ["区委办"], []),
    ("区委组织部", K.DEPARTMENT, ["组织部"], []),
    ("区发展和改革委员会", K.DEPARTMENT, ["区发改委", "发改委"], []),
    ("区民政局", K.DEPARTMENT, ["民政局"], [
        ("召陵区养老服务中心", K.OTHER, ["养老服务中心"], []),
    ]),
    ("区工业和信息化局", K.DEPARTMENT, ["区工信局", "工信局"], [
        ("双汇第三工业园", K.ENTERPRISE, ["双汇三园"], []),
        ("漯河卷烟厂", K.ENTERPRISE, [], []),
    ]),
    ("区商务局", K.DEPARTMENT, ["商务局"], []),
    ("区住房和城乡建设局", K.DEPARTMENT, ["区住建局", "住建局"], []),
    ("区文化广电和旅游局", K.DEPARTMENT, ["区文旅局", "文旅局"], []),
    ("区农业农村局", K.DEPARTMENT, ["农业农村局"], [
        ("正大绿色循环经济产业园项目", K.PROJECT, ["正大项目", "正大全产业链项目"], []),
    ]),
    ("区科学技术局", K.DEPARTMENT, ["区科技局", "科技局"], [
        ("际华皮革皮鞋研究院", K.ENTERPRISE, ["际华皮鞋皮革", "际华研究院"], []),
    ]),
    ("区应急管理局", K.DEPARTMENT, ["应急管理局"], []),
    ("区信访局", K.DEPARTMENT, ["信访局"], []),
    ("区水利局", K.DEPARTMENT, ["水利局"], []),
    ("天桥街道", K.TOWN, ["天桥街道办事处"], [
        ("漓江路社区", K.COMMUNITY, [], []),
        ("烟厂社区", K.COMMUNITY, [], []),
    ]),
    ("翟庄街道", K.TOWN, [], []),
    ("马路街街道", K.TOWN, [], []),
    ("召陵镇", K.TOWN, [], []),
    ("邓襄镇", K.TOWN, [], []),
    ("万金镇", K.TOWN, [], []),
    ("老窝镇", K.TOWN, [], []),
    ("姬石镇", K.TOWN, [], []),
    ("青年镇", K.TOWN, [], []),
])

# Directives addressed to the whole district go to the department for their topic.
TOPIC_UNITS = {
    "党的建设": "区委组织部", "民生服务": "区民政局", "项目建设": "区发展和改革委员会",
    "招商引资": "区商务局", "产业发展": "区工业和信息化局", "科技创新": "区科学技术局",
    "城乡建设": "区住房和城乡建设局", "生态环保": "区水利局", "文化旅游": "区文化广电和旅游局",
    "安全稳定": "区应急管理局", "改革开放": "区发展和改革委员会", "国防军队": "区委办公室", "综合": "区委办公室",
}
LEADERS = {"区科学技术局": "王副区长", "区工业和信息化局": "王副区长", "区商务局": "李副区长",
           "区民政局": "赵副区长", "区农业农村局": "赵副区长", "区住房和城乡建设局": "陈副区长",
           "区文化广电和旅游局": "陈副区长", "区发展和改革委员会": "区长"}

# (username, display name, role, unit name or None)
USERS = [
    ("duchashi", "督查室 张科长", User.Role.OFFICER, "区委区政府督查室"),
    ("lingdao", "区委书记", User.Role.LEADER, None),
    ("admin", "系统管理员", User.Role.ADMIN, None),
    ("tianqiao", "天桥街道 联络员", User.Role.LIAISON, "天桥街道"),
    ("minzheng", "区民政局 联络员", User.Role.LIAISON, "区民政局"),
    ("gongxin", "区工信局 联络员", User.Role.LIAISON, "区工业和信息化局"),
    ("keji", "区科技局 联络员", User.Role.LIAISON, "区科学技术局"),
    ("shangwu", "区商务局 联络员", User.Role.LIAISON, "区商务局"),
    ("nongye", "区农业农村局 联络员", User.Role.LIAISON, "区农业农村局"),
    ("zhujian", "区住建局 联络员", User.Role.LIAISON, "区住房和城乡建设局"),
    ("fagai", "区发改委 联络员", User.Role.LIAISON, "区发展和改革委员会"),
    ("weiban", "区委办 联络员", User.Role.LIAISON, "区委办公室"),
]


@dataclass
class DemoResult:
    logins: list[tuple[str, str, str, str]] = field(default_factory=list)  # user, password, role, unit
    items: int = 0
    proposals: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def create_units(node=UNIT_TREE, parent: Unit | None = None, order: int = 0) -> None:
    name, kind, aliases, children = node
    unit = Unit.objects.create(name=name, kind=kind, parent=parent, order=order)
    for alias in aliases:
        UnitAlias.objects.create(unit=unit, alias=alias)
    for position, child in enumerate(children):
        create_units(child, unit, position)


def create_users(password: str | None) -> list[tuple[str, str, str, str]]:
    logins = []
    for username, display, role, unit_name in USERS:
        secret = password or secrets.token_urlsafe(8)
        unit = Unit.objects.get(name=unit_name) if unit_name else None
        user = User.objects.create_user(username, password=secret, first_name=display, role=role, unit=unit,
                                        is_staff=role == User.Role.ADMIN, is_superuser=role == User.Role.ADMIN)
        logins.append((user.username, secret, user.get_role_display(), unit.name if unit else ""))
    return logins


def lead_unit_for(item: Item) -> Unit:
    """The resolved unit, unless that is the district itself: then the department for the topic."""
    unit = item.suggested_unit
    if unit is None or unit.kind == Unit.Kind.LEADERSHIP:
        unit = Unit.objects.get(name=TOPIC_UNITS.get(item.topic, "区委办公室"))
    return unit


def co_units_for(item: Item, lead: Unit, n: int) -> list[Unit]:
    """The analyser's co-units, and on every third item the department for its topic (or, when
    that department leads, 天桥街道), so the unit pages and 交办单 show 牵头/配合."""
    units = list(item.suggested_co_units.all())
    if n % 3 == 1:
        helper = Unit.objects.get(name=TOPIC_UNITS.get(item.topic, "区委办公室"))
        units.append(helper if helper != lead else Unit.objects.get(name="天桥街道"))
    return [u for u in units if u != lead]


def assign_all(source, officer: User) -> list[Item]:
    assigned = []
    for n, item in enumerate(source.items.filter(status=Item.Status.PROPOSED).order_by("directive_index")):
        item = workflow.apply(item, "accept", officer)
        unit = lead_unit_for(item)
        parent = unit.parent
        leader = LEADERS.get(unit.name) or (LEADERS.get(parent.name, "") if parent else "")
        assigned.append(workflow.apply(item, "assign", officer, lead_unit=unit, deadline=item.deadline,
                                       leader_in_charge=leader or "区委副书记", co_units=co_units_for(item, unit, n)))
    return assigned


# The 评价 the demo's closed items get in turn (grade, note), so the 考核 page ranks by them;
# every third closed item is closed after its deadline (逾期办结), so 按期办结率 varies too.
DEMO_RATINGS = [
    (Rating.GOOD, "演示：按期完成，群众满意"),
    (Rating.FAIR, "演示：完成较好，佐证材料略欠完整"),
    (Rating.AVERAGE, "演示：基本完成，进度偏慢"),
    (Rating.GOOD, "演示：措施有力，成效明显"),
    (Rating.POOR, "演示：整改不到位，群众仍有反映"),
]


def close_rated(item: Item, officer: User, closed_before: int) -> None:
    """销号 with the next demo 评价; every third one after its deadline (逾期办结)."""
    grade, note = DEMO_RATINGS[closed_before % len(DEMO_RATINGS)]
    if closed_before % 3 == 2:
        item = workflow.edit(item, officer, deadline=clock.today() - dt.timedelta(days=2), reason="演示：逾期办结")
    # The demo's reports carry no files: closing without evidence takes a reason.
    workflow.apply(item, "close", officer, reason="演示：督查室现场核实，已办结", rating=grade, rating_note=note)


def liaison_of(item: Item) -> User | None:
    units = [item.lead_unit, *([item.lead_unit.parent] if item.lead_unit.parent else [])]
    return User.objects.filter(role=User.Role.LIAISON, unit__in=units).order_by("id").first()


def put_to_work(items: list[Item], officer: User) -> None:
    """Move a share of the items along so every light and status shows on the dashboard."""
    today = clock.today()
    workable = [(i, u) for i in items if i.level == Item.Level.ITEM and (u := liaison_of(i))]
    closed = returned = 0
    for n, (item, liaison) in enumerate(workable):
        stage = n % 8
        if stage == 7:
            continue  # stays assigned, waiting to be signed for
        item = workflow.apply(item, "sign", liaison)
        if stage == 6:
            continue
        item = services.report_progress(item, liaison, text="已制定工作方案，明确责任人和时间节点。",
                                        percent=30, milestone="制定方案").item
        if stage in (0, 1):
            services.report_progress(item, liaison, text="主体工作已完成，正在整理佐证材料。", percent=100,
                                     milestone="完成")
            item = closing.submit(item, liaison, completion="已按要求全面完成，群众反映良好。",
                                  measures="成立工作专班，倒排工期，每周调度。")
            if not returned:  # one 退回 and a second 办结报告, for the 考核 page's 退回次数
                item = workflow.apply(item, "return", officer, reason="演示：佐证材料不全，请补充现场照片。")
                item = closing.submit(item, liaison, completion="已补充现场照片，整改全部完成。")
                returned += 1
            if stage == 0 or n % 16 == 1:  # half the stage-1 items closed too: more grades to rank
                close_rated(item, officer, closed)
                closed += 1
        elif stage == 2:
            workflow.edit(item, officer, deadline=today - dt.timedelta(days=5), reason="演示：逾期事项")
        elif stage == 3:
            workflow.edit(item, officer, deadline=today + dt.timedelta(days=2), reason="演示：临近时限")
        elif stage == 4 and item.deadline:
            services.request_extension(item, liaison, new_deadline=item.deadline + dt.timedelta(days=30),
                                       reason="涉及跨部门协调，需延期一个月。")


def leader_at_work(officer: User) -> None:
    """The office asks the leader about the overdue items; the leader instructs on the first
    (making it 紧急) and 圈阅s the second, so the leader's home shows both 待批示 queues and an
    item shows a 批示."""
    leader = User.objects.get(username="lingdao")
    overdue = Item.objects.filter(status__in=Item.ACTIVE, deadline__lt=clock.today()).order_by("deadline", "id")[:3]
    for n, item in enumerate(overdue):
        instructions.present(item, officer, leader, "该事项已超期，请领导阅示。")
        if n == 0:
            instructions.instruct(item, leader, "请责任单位倒排工期，本周内报送整改方案。", priority=Item.Priority.URGENT)
        elif n == 1:
            instructions.read(item, leader)


@transaction.atomic
def build(password: str | None = None) -> DemoResult:
    """Fill an empty database with the demo; answers the logins to print."""
    create_units()
    result = DemoResult(logins=create_users(password))
    officer = User.objects.get(username="duchashi")
    source, _ = services.import_report(SEED_REPORT.read_bytes(), origin="file", location=SEED_REPORT.name,
                                       user=officer)
    items = assign_all(source, officer)
    put_to_work(items, officer)
    leader_at_work(officer)
    result.items = Item.objects.in_ledger().count()
    result.proposals = Item.objects.filter(status=Item.Status.PROPOSED).count()
    for status in Item.objects.values_list("status", flat=True):
        label = Item.Status(status).label
        result.statuses[str(label)] = result.statuses.get(str(label), 0) + 1
    return result
