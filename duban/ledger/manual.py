"""Directives the analyser did not find: typed or pasted in, or marked in the article by hand.

Both end as proposals (status ``proposed``) reviewed on the same screen as an import's, so
accept, edit, assign and reject work on them the same way, and both are journaled.
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from duban.analysis.analyzer import responsible_units
from duban.analysis.deadline import find_deadline
from duban.analysis.schema import Directive
from duban.analysis.topic import classify
from duban.errors import InputError
from duban.ledger import services, workflow
from duban.ledger.models import Item, Journal, Source, User
from duban.ledger.units import UnitResolver

# Numbers that open a paragraph in official papers, outermost first: 一、 （一） 1. 1.、 1、 (1) ①.
# "1.5亿元" at a line's start is not a number: the dot must not be followed by a digit.
NUMBERED = re.compile(r"^\s*(?:(?P<l1>[一二三四五六七八九十百]+、)|(?P<l2>[（(][一二三四五六七八九十百]+[)）]、?)"
                      r"|(?P<l3>\d+(?:[.．](?!\d)、?|、))|(?P<l4>[（(]\d+[)）]、?)|(?P<l5>[①-⑳]))\s*")


def _level(number: re.Match) -> int:
    return int(number.lastgroup[1:])


# Who gave a 批示 or chaired the meeting is the "speaker" of its items; a hotline caller,
# a deputy or a CPPCC member is recorded on the source only.
SPEAKER_KINDS = (Source.Kind.INSTRUCTION, Source.Kind.MINUTES)


def item_paragraphs(text: str) -> list[tuple[str, int | None]]:
    """The text as paragraphs, each with where its item starts (after the number), None if none.

    A numbered text has one item per numbered paragraph (lines without a number continue the
    one before; lines before the first number are its preamble: who, title, date). A heading
    numbered one level out (一、关于安全生产) followed by its own numbered points is context,
    its points the items. A text without numbers has one item per line.
    """
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not any(NUMBERED.match(line) for line in lines):
        return [(line, 0) for line in lines]
    paragraphs: list[list] = []  # [text, where the item starts or None, numbering level]
    for line in lines:
        if number := NUMBERED.match(line):
            paragraphs.append([line, number.end(), _level(number)])
        elif paragraphs and paragraphs[-1][1] is not None:
            paragraphs[-1][0] += line
        else:
            paragraphs.append([line, None, 0])
    for this, following in zip(paragraphs, paragraphs[1:], strict=False):
        if this[1] is not None and following[1] is not None and following[2] > this[2]:
            this[1] = None  # a heading over deeper points
    return [(para, start if start is not None and para[start:].strip() else None) for para, start, _ in paragraphs]


def enter_items(text: str, *, user: User | None, kind: str, title: str = "", doc_number: str = "",
                issuer: str = "", date: dt.date | None = None) -> tuple[Source, bool]:
    """Store a typed or pasted paper (批示, 会议纪要, 12345 工单, 建议/提案) with one proposal
    per line or numbered paragraph. Idempotent like an import: ``(source, created)``."""
    services.require_office(user, pgettext_lazy("refused action", "录入事项"))
    if kind not in Source.Kind.values:
        raise InputError(_("未知的来源类别：%(kind)s") % {"kind": kind})
    paragraphs = item_paragraphs(text)
    if not any(start is not None for _, start in paragraphs):
        raise InputError(_("没有可立项的内容：请每行写一项，或按“一、”“1.”等编号分段。"))
    title = (title or "").strip() or _title_for(kind, doc_number, issuer)
    body = [para for para, _ in paragraphs]
    digest = services.content_hash(f"{kind}\n{doc_number}\n{title}", body)
    if existing := Source.objects.filter(content_hash=digest).first():
        return existing, False
    try:
        with transaction.atomic():
            source = Source.objects.create(
                title=title[:500], origin=Source.Origin.MANUAL, kind=kind, doc_number=doc_number.strip()[:100],
                issuer=issuer.strip()[:200], content_hash=digest, raw=text.encode("utf-8"),
                article={"title": title, "body": body, "published": date.isoformat() if date else None},
                event_date=date, imported_by=user if user is not None and user.is_authenticated else None)
            Journal.record(user=user, target=f"ledger.source:{source.pk}", action="enter", new=source.title,
                           reason=" ".join(filter(None, [source.get_kind_display(), source.doc_number, source.issuer])))
            resolver = UnitResolver()
            numbered = [(at, para, start) for at, (para, start) in enumerate(paragraphs) if start is not None]
            for index, (at, para, start) in enumerate(numbered):
                directive = Directive(text=para[start:].strip(), para=at, start=start, end=len(para),
                                      speaker=source.issuer if kind in SPEAKER_KINDS else None)
                _save_proposal(source, index, directive, user, resolver, f"录入自《{source.title}》")
    except IntegrityError:
        if existing := Source.objects.filter(content_hash=digest).first():
            return existing, False
        raise
    return source, True


def _title_for(kind: str, doc_number: str, issuer: str) -> str:
    """领导批示 〔2026〕3号 · 张书记: a title from what the form says about the paper."""
    return " ".join(filter(None, [str(Source.Kind(kind).label), doc_number.strip(), issuer.strip()]))


@transaction.atomic
def mark_directive(source: Source, user: User, *, para: int, start: int, end: int) -> Item:
    """A directive the analyser missed, marked by selecting its words in the article.

    Speaker, subject and stop come from the analysis where it knows them (a directive in the
    same paragraph, else the stop being visited, else the event's leader); the deadline
    as written from the words themselves.
    """
    services.require_office(user, pgettext_lazy("refused action", "标记指示要求"))
    if source.withdrawn_at is not None:
        raise workflow.InvalidTransition(_("这篇报道已撤回，请先恢复。"))
    body = (source.article or {}).get("body") or []
    if not 0 <= para < len(body) or not 0 <= start < end <= len(body[para]):
        raise workflow.WorkflowError(_("选中的文字不在原文中，请刷新后重新选择。"))
    text = body[para][start:end]
    if not text.strip():
        raise workflow.WorkflowError(_("请选中指示要求的文字。"))
    overlapping = (source.items.filter(para=para, start__lt=end, end__gt=start)
                   .exclude(status__in=(Item.Status.MERGED, Item.Status.WITHDRAWN)).first())
    if overlapping:
        raise workflow.WorkflowError(_("选中的文字与已有事项“%(t)s”重叠；要分成几项请用“拆分”。")
                                     % {"t": overlapping.text[:20]})
    analysis = source.analysis or {}
    known = _nearest_directive(analysis.get("directives") or [], para)
    stop = _stop_at(analysis.get("stops") or [], para)
    leaders = (analysis.get("event") or {}).get("leaders") or []
    directive = Directive(
        text=text, para=para, start=start, end=end,
        speaker=(known or {}).get("speaker") or (leaders[0].get("name") if leaders else None),
        subject=((known or {}).get("subject") if known and known.get("para") == para else None)
        or (stop[1]["site"] if stop else None),
        stop=stop[0] if stop else None)
    index = (source.items.order_by("-directive_index").values_list("directive_index", flat=True).first() or 0) + 1
    stops = [SimpleNamespace(site=s.get("site") or "") for s in analysis.get("stops") or []]
    return _save_proposal(source, index, directive, user, UnitResolver(), "在原文中标记", stops)


def _nearest_directive(directives: list[dict], para: int) -> dict | None:
    """The analysed directive in this paragraph, else the last one before it."""
    before = [d for d in directives if d.get("para") is not None and d["para"] <= para]
    return max(before, key=lambda d: (d["para"], d.get("start") or 0)) if before else None


def _stop_at(stops: list[dict], para: int) -> tuple[int, dict] | None:
    """The stop (调研点位) whose paragraphs hold ``para``: the last one starting at or before it."""
    started = [(i, s) for i, s in enumerate(stops) if s.get("para") is not None and s["para"] <= para]
    return started[-1] if started else None


def _save_proposal(source, index, directive, user, resolver, why, stops=()) -> Item:
    directive.topic = classify(directive.text)
    directive.deadline = find_deadline(directive.text)
    lead, co_units = responsible_units(directive.text)  # 由A牵头，B配合: the analyser's reading
    directive.subject = directive.subject or lead
    directive.co_units = directive.co_units or co_units
    item = services._proposal(source, index, directive, list(stops), resolver, user)
    # A unit named in the demand itself (请市住建局牵头…) is the likeliest lead.
    item.suggested_unit = item.suggested_unit or resolver.resolve(directive.text)
    item.deadline = services.default_deadline(item)
    item.save()
    if co_units := services.suggested_co_units(directive.co_units, resolver, lead=item.suggested_unit):
        item.suggested_co_units.set(co_units)
    Journal.record(user=user, item=item, action="enter", field="status", new=item.status, reason=why)
    return item
