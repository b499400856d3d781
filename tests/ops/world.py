"""A small ledger with one of every kind of record, and a user for every role.

Unit A (天桥街道, with a community below it) owns ``item``; unit B (翟庄街道) owns nothing
of it. ``MARKER`` appears only in unit A's item, so any answer to liaison B that contains
it is a leak.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile

from duban import clock
from duban.ledger.models import (
    ClosingReport,
    Evidence,
    Extension,
    Item,
    Journal,
    Progress,
    Source,
    Subject,
    Unit,
    User,
)

ROLES = ("anonymous", "liaison_a", "liaison_b", "leader", "officer", "admin")
MARKER = "甲单位专属事项QX7"
LEADER_NAME = "王书记"
PDF = b"%PDF-1.4\n% ops test evidence\n"


@dataclass
class World:
    users: dict[str, User | None]
    unit_a: Unit
    unit_b: Unit
    community: Unit  # below unit A; rated in 五星
    source: Source
    subject: Subject
    item: Item  # unit A's, in progress
    proposal: Item  # from the source, awaiting review
    progress: Progress
    evidence: Evidence
    extension: Extension


def build_world() -> World:
    top = Unit.objects.create(name="区委区政府", kind=Unit.Kind.LEADERSHIP)
    unit_a = Unit.objects.create(name="天桥街道", kind=Unit.Kind.TOWN, parent=top)
    community = Unit.objects.create(name="漓江路社区", kind=Unit.Kind.COMMUNITY, parent=unit_a)
    unit_b = Unit.objects.create(name="翟庄街道", kind=Unit.Kind.TOWN, parent=top)

    def user(name, role, unit=None, **extra):
        # No password: tests sign in with force_login (hashing one costs ~0.3 s per user).
        return User.objects.create_user(name, role=role, unit=unit, **extra)

    users = {
        "anonymous": None,
        "liaison_a": user("liaison_a", User.Role.LIAISON, unit_a),
        "liaison_b": user("liaison_b", User.Role.LIAISON, unit_b),
        "leader": user("leader", User.Role.LEADER),
        "officer": user("officer", User.Role.OFFICER),
        "admin": user("admin", User.Role.ADMIN, is_staff=True, is_superuser=True),
    }
    body = ["10月19日，区委书记王书记到天桥街道调研。", f"他要求，{MARKER}要加快推进，确保年底前完工。"]
    source = Source.objects.create(title="区委书记到天桥街道调研", origin=Source.Origin.TEXT, content_hash="f" * 64,
                                   raw="\n".join(body).encode(), article={"title": "区委书记到天桥街道调研", "body": body},
                                   analysis={"directives": [{"text": MARKER}]}, event_date=dt.date(2026, 10, 19))
    subject = Subject.objects.create(name="天桥街道老旧小区改造项目", kind=Subject.Kind.PROJECT, unit=unit_a)
    deadline = clock.today() + dt.timedelta(days=30)
    item = Item.objects.create(text=f"{MARKER}要加快推进，确保年底前完工", source=source, directive_index=0, para=1,
                               start=3, end=3 + len(MARKER) + 5, speaker=LEADER_NAME, subject=subject,
                               subject_name=subject.name, lead_unit=unit_a, deadline=deadline,
                               status=Item.Status.IN_PROGRESS, topic="城乡建设", assigned_at=clock.now())
    proposal = Item.objects.create(text="要加强安全生产", source=source, directive_index=1, speaker=LEADER_NAME)
    progress = Progress.objects.create(item=item, author=users["liaison_a"], unit=unit_a, text="已完成主体工程", percent=60)
    evidence = Evidence(progress=progress, original_name="验收报告.pdf", content_type="application/pdf", size=len(PDF),
                        sha256=hashlib.sha256(PDF).hexdigest())
    evidence.file.save("2026/11/ops-test.pdf", ContentFile(PDF), save=True)
    extension = Extension.objects.create(item=item, requested_by=users["liaison_a"], old_deadline=deadline,
                                         new_deadline=deadline + dt.timedelta(days=30), reason="雨季停工")
    Journal.record(user=users["officer"], item=item, action="assign", field="status", new=item.status)
    # A 办结报告 filed before a 退回 (the item is back in progress): something to print.
    ClosingReport.objects.create(item=item, author=users["liaison_a"], unit=unit_a, completion="主体工程已完工",
                                 item_version=item.version - 1)
    from duban.areas import projects

    projects.create_project(subject, users["officer"], owner_unit=unit_a)
    return World(users, unit_a, unit_b, community, source, subject, item, proposal, progress, evidence, extension)


def fingerprint() -> str:
    """A digest of every row duban keeps (not sessions or login throttling) and of the evidence files."""
    from django.apps import apps
    from django.conf import settings

    digest = hashlib.sha256()
    skipped = {"loginfailure"}
    for label in ("ledger", "areas", "api", "reports", "ops"):
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in sorted(config.get_models(), key=lambda m: m._meta.label):
            if model._meta.model_name in skipped:
                continue
            rows = model._base_manager.order_by("pk").values_list()
            digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
            for field in model._meta.many_to_many:
                through = getattr(model, field.name).through
                digest.update(repr(list(through.objects.order_by("pk").values_list())).encode())
    media = settings.MEDIA_ROOT
    from pathlib import Path

    root = Path(media)
    if root.exists():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(root)}:{hashlib.sha256(path.read_bytes()).hexdigest()}".encode())
    return digest.hexdigest()
