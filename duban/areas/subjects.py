"""Merging subjects, and which subjects a user may look at.

Resolving a name to a subject is the ledger's (``duban.ledger.subjects``): the import needs it,
and the ledger does not import this app.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from duban.ledger.models import Item, Journal, Subject, SubjectAlias, User, visible_units
from duban.ledger.subjects import subject_target, surviving
from duban.ledger.workflow import NotAllowed, WorkflowError


@transaction.atomic
def merge_subjects(source: Subject, into: Subject, user: User, *, reason: str = "") -> Subject:
    """Merge ``source`` into ``into`` (officers only): its items, aliases and project card move,
    its name becomes an alias, and it keeps pointing at ``into`` so old links still lead somewhere.
    """
    if not user.is_authenticated or not user.is_office:
        raise NotAllowed(_("只有督查室可以合并对象。"))
    source = Subject.objects.select_for_update().get(pk=source.pk)
    into = surviving(Subject.objects.select_for_update().get(pk=into.pk))
    if source.merged_into_id is not None:
        raise WorkflowError(_("“%(name)s”已合并到“%(into)s”。") % {"name": source.name, "into": surviving(source).name})
    if source.pk == into.pk:
        raise WorkflowError(_("不能把对象合并到它自己。"))
    _move_project(source, into, user)
    for item in Item.objects.filter(subject=source):
        Journal.record(user=user, item=item, action="merge_subject", field="subject",
                       old=source.name, new=into.name, reason=reason)
    moved = Item.objects.filter(subject=source).update(subject=into, version=F("version") + 1)
    SubjectAlias.objects.filter(subject=source).update(subject=into)
    SubjectAlias.objects.get_or_create(alias=source.name, defaults={"subject": into})
    Subject.objects.filter(merged_into=source).update(merged_into=into)
    source.merged_into = into
    source.save(update_fields=["merged_into"])
    if into.unit_id is None and source.unit_id is not None:
        into.unit_id = source.unit_id
        into.save(update_fields=["unit"])
    Journal.record(user=user, target=subject_target(into), action="merge_subject", field="merged_from",
                   old=source.name, new=into.name, reason=reason or f"{moved} 条事项随之移动")
    Journal.record(user=user, target=subject_target(source), action="merge_subject", field="merged_into",
                   old="", new=into.name, reason=reason)
    return into


def _move_project(source: Subject, into: Subject, user: User) -> None:
    from duban.areas.models import ProjectProfile

    source_card = ProjectProfile.objects.filter(subject=source).first()
    if source_card is None:
        return
    if ProjectProfile.objects.filter(subject=into).exists():
        raise WorkflowError(_("“%(name)s”和“%(into)s”都有项目台账，请先在管理后台保留其一。")
                            % {"name": source.name, "into": into.name})
    source_card.subject = into
    source_card.save(update_fields=["subject"])
    if into.kind != Subject.Kind.PROJECT:
        Journal.record(user=user, target=subject_target(into), action="merge_subject", field="kind",
                       old=into.kind, new=Subject.Kind.PROJECT)
        into.kind = Subject.Kind.PROJECT
        into.save(update_fields=["kind"])


def listed(subjects):
    """The subjects worth a line in the 对象 list: those with items in the ledger, or that an
    officer has worked on (a project card, another subject merged into it). A name the analyser
    read from a proposal nobody accepted (湖南, 学校, 种粮大户戴宏家中) is left out."""
    from duban.areas.models import ProjectProfile

    return subjects.filter(
        Q(pk__in=Item.objects.in_ledger().filter(subject__isnull=False).values("subject_id"))
        | Q(pk__in=ProjectProfile.objects.values("subject_id"))
        | Q(pk__in=Subject.objects.filter(merged_into__isnull=False).values("merged_into_id")))


def subjects_visible_to(user: User):
    """Subjects a user may look at: all for the office and leaders, else those of their units' items."""
    subjects = Subject.objects.filter(merged_into__isnull=True)
    units = visible_units(user)
    if units is None:
        return subjects
    if not units:
        return subjects.none()
    item_ids = Item.objects.visible_to(user).values("pk")
    return subjects.filter(Q(items__in=item_ids) | Q(unit_id__in=units)
                           | Q(project__owner_unit_id__in=units)).distinct()
