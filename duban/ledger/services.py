"""Ledger operations beyond single transitions: import, split/merge, progress, extensions.

Signatures are the contract the web pages, the API and the CLI code against; every function
checks permissions with ``workflow.may`` / ``user.is_office``, raises ``workflow.WorkflowError``
subclasses on refusal, journals what it changes, and runs in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

import duban
from duban import clock
from duban.analysis.schema import TOPICS
from duban.errors import InputError, PrivateAddress
from duban.ledger import evidence as evidence_checks
from duban.ledger import workflow
from duban.ledger.deadlines import is_urgent, stated_deadline
from duban.ledger.models import (
    Evidence,
    Extension,
    Item,
    Journal,
    Progress,
    Source,
    User,
)
from duban.ledger.signals import proposals_imported
from duban.ledger.subjects import resolve_subject
from duban.ledger.units import UnitResolver
from duban.ledger.workflow import InvalidTransition, NotAllowed, ReasonRequired, WorkflowError

S = Item.Status
ACTIVE = Item.ACTIVE


def require_office(user: User | None, what: str) -> None:
    """Office staff only; ``None`` is the command line, run by whoever owns the server."""
    if user is not None and not (user.is_authenticated and user.is_active and user.is_office):
        raise NotAllowed(_("只有督查室可以%(what)s。") % {"what": what})


# --- import ----------------------------------------------------------------------------------

def content_hash(title: str | None, body: Iterable[str]) -> str:
    """Fingerprint of what a person reads: NFKC, no whitespace, so re-fetched copies match."""
    text = "\n".join([title or "", *body])
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def import_report(data: bytes | str, *, origin: str, location: str = "", user: User | None = None,
                  url: str | None = None, article=None) -> tuple[Source, bool]:
    """Read + analyse a report and store it with its proposals (Items in status ``proposed``).

    Idempotent by content hash: returns ``(source, created)``; a second import of the same
    report returns the first source and ``created=False`` and creates nothing.
    Raises ``duban.errors.InputError`` for unreadable input.
    """
    require_office(user, pgettext_lazy("refused action", "导入报道"))
    if origin not in Source.Origin.values:
        raise ValueError(f"unknown origin {origin!r}")
    if article is None:  # else read already (an article joined from several pages)
        article = duban.read(data, url=url)
    if not "".join(article.body).strip():
        raise InputError(_("没有读到正文，无法导入。"))
    digest = content_hash(article.title, article.body)
    if existing := Source.objects.filter(content_hash=digest).first():
        return existing, False
    # Analysis runs outside the transaction: it is slow and writes nothing; if it fails,
    # nothing has been written.
    analysis = duban.analyze(article)
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        with transaction.atomic():
            source = Source.objects.create(
                title=(article.title or "")[:500], origin=origin, location=(location or url or "")[:2000],
                content_hash=digest, raw=raw, article=article.to_dict(), analysis=analysis.to_dict(),
                published=_iso_date(article.published), event_date=_iso_date(analysis.event.date),
                imported_by=user if user is not None and user.is_authenticated else None,
            )
            Journal.record(user=user, target=f"ledger.source:{source.pk}", action="import",
                           new=source.title, reason=source.location)
            items = _create_proposals(source, analysis, user)
            proposals_imported.send(sender=Source, source=source, items=items)
    except IntegrityError:
        # Someone imported the same report at the same moment: theirs stands.
        if existing := Source.objects.filter(content_hash=digest).first():
            return existing, False
        raise
    return source, True


def _create_proposals(source: Source, analysis, user: User | None) -> list[Item]:
    resolver, start = UnitResolver(), clock.today()
    items, themes = [], {}
    names = [d.subject for d in analysis.directives if d.subject]
    for index, directive in enumerate(analysis.directives):
        item = _proposal(source, index, directive, analysis.stops, resolver, user, names)
        # A theme ("要解放思想，提升工作标准") heads the items after it in its paragraph.
        key = (item.para, item.speaker)
        if item.level == Item.Level.ITEM:
            item.parent = themes.get(key)
        item.deadline = default_deadline(item, start=start)
        item.save()
        if co_units := suggested_co_units(directive.co_units, resolver, lead=item.suggested_unit):
            item.suggested_co_units.set(co_units)
        if item.level == Item.Level.THEME:
            themes[key] = item
        Journal.record(user=user, item=item, action="import", field="status", new=item.status,
                       reason=f"导入自《{source.title}》")
        items.append(item)
    return items


def _proposal(source, index, directive, stops, resolver, user, article_names=()) -> Item:
    """One directive as an unsaved proposal, with its subject and suggested unit."""
    stop = stops[directive.stop].site if directive.stop is not None and 0 <= directive.stop < len(stops) else ""
    name = (directive.subject or "").strip()
    subject = resolve_subject(name, article_names=article_names, user=user, units=resolver) if name else None
    return Item(
        source=source, directive_index=index, text=directive.text, para=directive.para,
        start=directive.start, end=directive.end, speaker=(directive.speaker or "")[:100],
        stop_name=stop[:200], subject_name=name[:200], subject=subject,
        topic=directive.topic if directive.topic in TOPICS else "综合",
        level=Item.Level.THEME if directive.level == "theme" else Item.Level.ITEM,
        deadline_text=(directive.deadline or "")[:100],
        suggested_unit=(subject.unit if subject and subject.unit_id else None) or resolver.resolve(name),
    )


def suggested_co_units(names, resolver, *, lead=None) -> list:
    """The units the analyser's co-unit names (由A牵头，B配合) refer to, once each, never the lead."""
    found = (resolver.resolve(name) for name in names or ())
    return [unit for unit in dict.fromkeys(u for u in found if u is not None) if unit != lead]


def import_url(url: str, *, user: User | None = None, allow_private: bool = False) -> tuple[Source, bool]:
    """Fetch a page and its further pages (size/time/redirect caps, no private addresses) and
    ``import_report`` the article."""
    require_office(user, pgettext_lazy("refused action", "导入报道"))
    from duban.reader.multipage import fetch_article

    # the article's further pages (下一页) are followed and joined; the first page is kept as raw
    try:
        article, data, final_url = fetch_article(
            url, timeout=settings.DUBAN_FETCH_TIMEOUT, max_bytes=settings.DUBAN_FETCH_MAX_BYTES,
            allow_private=allow_private or settings.DUBAN_ALLOW_PRIVATE_URLS)
    except PrivateAddress as error:  # the same for the command, the page and the API: the switch is a setting
        raise PrivateAddress(f"{error}；确需导入内网网页时，请管理员设置 DUBAN_ALLOW_PRIVATE_URLS=1") from None
    return import_report(data, origin=Source.Origin.URL, location=final_url, user=user, url=final_url,
                         article=article)


def default_deadline(item: Item, *, start: dt.date | None = None) -> dt.date | None:
    """The suggested deadline: the one the report states, else the setting's default.

    A stated deadline ("年底前", "3个工作日内") is read relative to the report's event date;
    "事不过夜"-style demands and items stating none count from ``start`` (default today: when
    the office takes it up). A stated phrase that names no date ("限期整改", "汛期后") gives
    None, not the default: the review card shows it as unresolved for the officer to set.
    """
    start = start or clock.today()
    if item.deadline_text:
        source = item.source if item.source_id else None
        base = (source and (source.event_date or source.published)) or start
        return stated_deadline(item.deadline_text, base=base, start=start,
                               urgent_days=settings.DUBAN_URGENT_DEADLINE_DAYS)
    if is_urgent(item.text):
        return start + dt.timedelta(days=settings.DUBAN_URGENT_DEADLINE_DAYS)
    return start + dt.timedelta(days=settings.DUBAN_DEFAULT_DEADLINE_DAYS)


# --- split and merge -------------------------------------------------------------------------

COPIED_ON_SPLIT = ("source", "directive_index", "para", "speaker", "stop_name", "subject_name", "subject",
                   "topic", "level", "parent", "suggested_unit", "lead_unit", "leader_in_charge", "deadline",
                   "deadline_text")


def _locate(item: Item, part: str) -> tuple[int | None, int | None]:
    """Where ``part`` stands inside the original directive's span, to keep highlighting exact."""
    body = (item.source.article.get("body") if item.source_id else None) or []
    if item.para is None or item.para >= len(body) or item.start is None:
        return item.start, item.end
    found = body[item.para].find(part, item.start, item.end or None)
    return (found, found + len(part)) if found >= 0 else (item.start, item.end)


@transaction.atomic
def split(item: Item, user: User, parts: list[str], *, version: int | None = None) -> list[Item]:
    """Split a proposal into several; returns all resulting proposals (the original first)."""
    require_office(user, pgettext_lazy("refused action", "拆分事项"))
    parts = [p.strip() for p in parts if p and p.strip()]
    if len(parts) < 2:
        raise WorkflowError(_("拆分至少需要两条事项内容。"))
    item = Item.objects.select_for_update().get(pk=item.pk)
    workflow.check_version(item, version)
    if item.status != S.PROPOSED:
        raise InvalidTransition(_("只有待审核的事项可以拆分。"))
    old_text = item.text
    spans = [_locate(item, part) for part in parts]  # within the original span, before it shrinks
    item.text = parts[0]
    item.start, item.end = spans[0]
    workflow.save_fields(item, ["text", "start", "end"])
    Journal.record(user=user, item=item, action="split", field="text", old=old_text, new=item.text)
    result = [item]
    for part, (start, end) in zip(parts[1:], spans[1:], strict=True):
        new = Item(text=part, status=S.PROPOSED, start=start, end=end,
                   **{f: getattr(item, f) for f in COPIED_ON_SPLIT})
        new.save()
        new.suggested_co_units.set(item.suggested_co_units.all())
        Journal.record(user=user, item=new, action="split", field="status", new=new.status,
                       reason=f"拆分自事项 #{item.pk}")
        result.append(new)
    return result


@transaction.atomic
def merge(items: Iterable[Item], user: User, *, into: Item, text: str | None = None) -> Item:
    """Merge proposals into ``into``; the others become status ``merged``."""
    require_office(user, pgettext_lazy("refused action", "合并事项"))
    pks = sorted({i.pk for i in items} - {into.pk})
    if not pks:
        raise WorkflowError(_("请选择要合并的其他事项。"))
    locked = {i.pk: i for i in Item.objects.select_for_update().filter(pk__in=[*pks, into.pk])}
    if len(locked) != len(pks) + 1:
        raise WorkflowError(_("部分事项不存在。"))
    if any(i.status != S.PROPOSED for i in locked.values()):
        raise InvalidTransition(_("只有待审核的事项可以合并。"))
    target = locked[into.pk]
    new_text = (text or "；".join([target.text, *(locked[pk].text for pk in pks)])).strip()
    if new_text != target.text:
        Journal.record(user=user, item=target, action="merge", field="text", old=target.text, new=new_text)
        target.text = new_text
        workflow.save_fields(target, ["text"])
    for pk in pks:
        other = locked[pk]
        other.status, other.merged_into = S.MERGED, target
        workflow.save_fields(other, ["status", "merged_into"])
        for child in Item.objects.filter(parent=other):  # its theme's items follow it
            child.parent = target
            workflow.save_fields(child, ["parent"])
            Journal.record(user=user, item=child, action="merge", field="parent", old=other.pk, new=target.pk)
        Journal.record(user=user, item=other, action="merge", field="status", old=S.PROPOSED, new=S.MERGED,
                       reason=f"合并到事项 #{target.pk}")
    return target


# --- progress, evidence, extensions ----------------------------------------------------------

def report_progress(item: Item, user: User, *, text: str, percent: int | None = None, milestone: str = "",
                    files: Iterable[UploadedFile] = (), version: int | None = None) -> Progress:
    """A unit's progress report with evidence files (size/type limits from settings).

    A first report on a ``signed`` item moves it to ``in_progress``.
    """
    _authorize_progress(user, item)  # first: a forbidden report answers 403 whatever it carries
    text = (text or "").strip()
    if not text:
        raise WorkflowError(_("请填写进展情况。"))
    if percent is not None and not 0 <= int(percent) <= 100:
        raise WorkflowError(_("完成比例应在 0 到 100 之间。"))
    # Every file is checked (size, extension, content) before anything is written.
    checked = [evidence_checks.check(f) for f in files]
    saved_files = []
    try:
        with transaction.atomic():
            progress = _record_progress(item, user, text, percent, milestone, version)
            for upload, info in checked:
                upload.seek(0)
                evidence = Evidence(progress=progress, original_name=info.name[:255],
                                    content_type=info.content_type, size=info.size, sha256=info.sha256)
                evidence.file.save(info.storage_name, upload, save=True)
                saved_files.append(evidence.file.name)
                Journal.record(user=user, item=progress.item, action="evidence", field="file",
                               new=f"{info.name} ({info.size} B, sha256 {info.sha256[:12]}…)")
    except BaseException:
        # The rows are rolled back; don't leave their files behind either.
        from django.core.files.storage import default_storage

        for name in saved_files:
            default_storage.delete(name)
        raise
    return progress


def _authorize_progress(user: User, item: Item) -> None:
    if not (workflow.may(user, workflow.MEMBER, item) or workflow.may(user, workflow.OFFICE, item)):
        raise NotAllowed(_("您无权报送此事项的进展。"))


# What to do before progress can be reported, by the item's status.
PROGRESS_HINTS = {
    S.PROPOSED: pgettext_lazy("progress hint", "事项尚未交办"),
    S.ACCEPTED: pgettext_lazy("progress hint", "事项尚未交办"),
    S.ASSIGNED: pgettext_lazy("progress hint", "请先签收"),
    S.SUBMITTED: pgettext_lazy("progress hint", "已申请销号，等待督查室销号或退回"),
    S.CLOSED: pgettext_lazy("progress hint", "事项已销号，需由督查室重新打开"),
    S.REJECTED: pgettext_lazy("progress hint", "事项不予立项"),
    S.MERGED: pgettext_lazy("progress hint", "事项已合并到其他事项，请在合并后的事项上报送"),
}


def _record_progress(item, user, text, percent, milestone, version) -> Progress:
    item = Item.objects.select_for_update().get(pk=item.pk)
    _authorize_progress(user, item)  # again under the lock: the item may have been reassigned
    workflow.check_version(item, version)
    if item.status not in (S.SIGNED, S.IN_PROGRESS):
        status, hint = item.get_status_display(), PROGRESS_HINTS.get(item.status)
        if hint:
            raise InvalidTransition(_("事项当前状态为“%(status)s”，不能报送进展（%(hint)s）。")
                                    % {"status": status, "hint": hint})
        raise InvalidTransition(_("事项当前状态为“%(status)s”，不能报送进展。") % {"status": status})
    progress = Progress.objects.create(item=item, author=user, unit=user.unit if user.unit_id else None,
                                       text=text, percent=percent, milestone=(milestone or "")[:100])
    summary = " ".join(x for x in [f"{percent}%" if percent is not None else "", milestone or "", text] if x)
    Journal.record(user=user, item=item, action="progress", field="progress", new=summary)
    if item.status == S.SIGNED:
        workflow.set_status(item, S.IN_PROGRESS, user, action="progress")
    else:
        workflow.save_fields(item, [])  # a report is a change: bump the version
    progress.item = item
    return progress


@transaction.atomic
def request_extension(item: Item, user: User, *, new_deadline: dt.date, reason: str) -> Extension:
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not (workflow.may(user, workflow.LEAD, item) or workflow.may(user, workflow.OFFICE, item)):
        raise NotAllowed(_("只有责任单位可以申请延期。"))
    if item.status not in ACTIVE:
        raise InvalidTransition(_("事项当前状态为“%(status)s”，不能申请延期。") % {"status": item.get_status_display()})
    if not (reason or "").strip():
        raise ReasonRequired(_("申请延期需要填写理由。"))
    if item.deadline and new_deadline <= item.deadline:
        raise WorkflowError(_("延期后的时限应晚于当前时限。"))
    if item.extensions.filter(status=Extension.Status.PENDING).exists():
        raise InvalidTransition(_("已有待审批的延期申请。"))
    extension = Extension.objects.create(item=item, requested_by=user, old_deadline=item.deadline,
                                         new_deadline=new_deadline, reason=reason.strip())
    Journal.record(user=user, item=item, action="extension_request", field="deadline", old=item.deadline,
                   new=new_deadline, reason=extension.reason)
    return extension


@transaction.atomic
def decide_extension(extension: Extension, user: User, *, approve: bool, reason: str = "") -> Extension:
    """Approve (the item's deadline moves, journaled with the reason) or deny."""
    require_office(user, pgettext_lazy("refused action", "审批延期"))
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    if extension.status != Extension.Status.PENDING:
        raise InvalidTransition(_("该延期申请已处理。"))
    if not approve and not (reason or "").strip():
        raise ReasonRequired(_("不同意延期需要填写理由。"))
    item = Item.objects.select_for_update().get(pk=extension.item_id)
    extension.status = Extension.Status.APPROVED if approve else Extension.Status.DENIED
    extension.decided_by, extension.decided_at = user, clock.now()
    extension.decision_reason = (reason or "").strip()
    extension.save()
    why = extension.decision_reason or extension.reason
    if approve:
        old = item.deadline
        item.deadline = extension.new_deadline
        workflow.save_fields(item, ["deadline"])
        Journal.record(user=user, item=item, action="extension_approve", field="deadline", old=old,
                       new=item.deadline, reason=why)
    else:
        Journal.record(user=user, item=item, action="extension_deny", field="deadline", old=item.deadline,
                       new=extension.new_deadline, reason=why)
    extension.item = item
    return extension
