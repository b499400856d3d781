"""Subjects: finding the one a name refers to (aliases, containment, near spellings), and merging.

Reports name the same place in different ways: "双汇第三工业园" and, a paragraph later,
"第三工业园"; "际华皮革皮鞋研究院" in one report and "际华皮鞋皮革" in the next. Resolution
tries, in order: the exact name or a recorded alias; the normalised name; a fuller name from
the same article that contains it; an existing subject whose name contains it or is contained
in it; a near spelling (same characters, different order). Only when all fail is a new subject
created. Whatever way a name was matched, it is recorded as an alias, so the next time is exact.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from django.db import transaction
from django.db.models import F, Q

from duban.analysis.places import find_divisions
from duban.ledger.models import Item, Journal, Subject, SubjectAlias, Unit, UnitAlias, User
from duban.ledger.workflow import NotAllowed, WorkflowError

# Words around a name that do not change what it names ("…项目建设现场", "召陵区…"):
# leading administrative divisions (from the analyser's division lexicon) and site suffixes.
_SUFFIXES = ("建设现场", "施工现场", "项目现场", "现场", "建设项目", "项目")
_PUNCT = re.compile(r"[\s\"'“”‘’《》〈〉「」『』()（）\[\]【】·・,，。、:：;；!！?？\-—_/]+")
# Ordinals and directions tell apart names that are otherwise alike (第一/第三工业园, 东/西区).
_DISTINGUISHING = set("〇零一二三四五六七八九十百千0123456789东西南北上下前后新老")

MIN_CONTAINED = 4  # a contained name shorter than this ("社区") says nothing
NEAR_SPELLING = 0.8


@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """The key names are compared on: NFKC, no punctuation or spaces, no local prefix or site suffix."""
    key = _PUNCT.sub("", unicodedata.normalize("NFKC", name or ""))
    key = _strip_leading_divisions(key)
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
            break
    return key


def _strip_leading_divisions(key: str) -> str:
    """漯河市召陵区养老服务中心 -> 养老服务中心: a division prefix does not change what is named."""
    while True:
        found = find_divisions(key)
        if not found or found[0][1] != 0 or len(key) <= found[0][2] + 1:
            return key
        key = key[found[0][2]:]


def _distinguishers(key: str) -> Counter:
    return Counter(ch for ch in key if ch in _DISTINGUISHING)


def name_similarity(a: str, b: str) -> float:
    """How likely two normalised names name the same thing, 0..1.

    1.0 when one contains the other (and the shorter one is long enough to mean something);
    otherwise the mean of character coverage (the shorter name's characters found in the
    longer one: catches swapped words, 皮革皮鞋/皮鞋皮革) and the share of it found in the
    same order (keeps anagram-like coincidences out).
    Names that differ in an ordinal or direction never match. Scores that could not reach
    ``NEAR_SPELLING`` may come back as 0 (a cheap exit: resolution compares every known name).
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=lambda s: (len(s), s))  # same order either way round
    if short in long:
        if len(short) < MIN_CONTAINED:
            return 0.0
        # "第三工业园" in "第一、第二、第三工业园" is fine; ordinals outside the short name don't veto.
        return 1.0
    if _distinguishers(a) != _distinguishers(b):
        return 0.0
    if len(short) < MIN_CONTAINED:
        return 0.0
    shared = set(short) & set(long)
    if sum(ch in shared for ch in short) < (2 * NEAR_SPELLING - 1) * len(short):
        return 0.0  # cheap exit: coverage this low cannot reach NEAR_SPELLING even fully in order
    found = Counter(short) & Counter(long)
    coverage = sum(found.values()) / len(short)
    blocks = SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    in_order = sum(block.size for block in blocks) / len(short)
    return (coverage + in_order) / 2


def guess_kind(name: str) -> str:
    """A subject's kind from how its name ends (社区, 村, …产业园, …公司)."""
    key = normalise(name)
    rules = [
        (("社区", "生活区", "小区"), Subject.Kind.COMMUNITY),
        (("村",), Subject.Kind.VILLAGE),
        (("项目", "产业园", "工业园", "园区", "基地", "工程", "示范区", "集聚区"), Subject.Kind.PROJECT),
        (("公司", "集团", "企业", "厂", "合作社"), Subject.Kind.ENTERPRISE),
        (("中心", "研究院", "医院", "学校", "馆", "站", "所", "院", "场", "广场", "公园"), Subject.Kind.FACILITY),
        (("街道", "镇", "乡", "区", "县", "市"), Subject.Kind.PLACE),
        (("局", "委", "办", "部"), Subject.Kind.UNIT),
    ]
    raw = re.sub(r"\s+", "", name or "")
    for endings, kind in rules:
        if raw.endswith(endings) or key.endswith(endings):
            return kind
    if "项目" in raw:
        return Subject.Kind.PROJECT
    return Subject.Kind.OTHER


def surviving(subject: Subject) -> Subject:
    """Follow ``merged_into`` to the subject that now stands for this one."""
    seen = set()
    while subject.merged_into_id is not None and subject.pk not in seen:
        seen.add(subject.pk)
        subject = subject.merged_into
    return subject


@dataclass(frozen=True)
class Match:
    subject: Subject
    score: float
    how: str  # "exact", "alias", "normalised", "contains", "near"


def _exact(name: str) -> Match | None:
    subject = Subject.objects.filter(name=name).first()
    if subject:
        return Match(surviving(subject), 1.0, "exact")
    alias = SubjectAlias.objects.select_related("subject").filter(alias=name).first()
    if alias:
        return Match(surviving(alias.subject), 1.0, "alias")
    return None


def _known_names() -> Iterable[tuple[str, Subject]]:
    """Every (name, surviving subject) pair: subject names and aliases."""
    subjects = {s.pk: s for s in Subject.objects.all()}
    for subject in subjects.values():
        yield subject.name, subject
    for alias, subject_id in SubjectAlias.objects.values_list("alias", "subject_id"):
        yield alias, subjects[subject_id]


def _compatible(kind_a: str, kind_b: str) -> bool:
    """A town is not the community inside it, even though its name is contained in the community's."""
    return kind_a == kind_b or Subject.Kind.OTHER in (kind_a, kind_b)


def find_subject(name: str) -> Match | None:
    """The existing subject ``name`` most likely names, or None. Never creates anything.

    When a partial match (containment, near spelling) fits several different subjects
    equally well, nothing is returned: a wrong merge is worse than a duplicate an officer merges.
    """
    name = (name or "").strip()
    if not name:
        return None
    exact = _exact(name)
    if exact:
        return exact
    key, kind = normalise(name), guess_kind(name)
    scored: dict[int, Match] = {}
    for known, subject in _known_names():
        known_key = normalise(known)
        if known_key == key:
            match = Match(surviving(subject), 1.0, "normalised")
        elif not _compatible(kind, subject.kind):
            continue
        else:
            score = name_similarity(key, known_key)
            if score < NEAR_SPELLING:
                continue
            match = Match(surviving(subject), score, "contains" if score == 1.0 else "near")
        previous = scored.get(match.subject.pk)
        if previous is None or (match.how == "normalised") or match.score > previous.score:
            scored[match.subject.pk] = match
    if not scored:
        return None
    normalised_hits = [m for m in scored.values() if m.how == "normalised"]
    if normalised_hits:
        return normalised_hits[0]
    best = max(m.score for m in scored.values())
    top = [m for m in scored.values() if m.score == best]
    return top[0] if len(top) == 1 else None


def _fuller_name_in_article(name: str, article_names: Iterable[str]) -> str | None:
    """A longer name from the same report that contains this one ("第三工业园" → "双汇第三工业园")."""
    key = normalise(name)
    fuller = [n for n in article_names if n and n != name and len(normalise(n)) > len(key)
              and key in normalise(n) and len(key) >= MIN_CONTAINED]
    return max(fuller, key=len) if fuller else None


def _unit_named(name: str) -> Unit | None:
    unit = Unit.objects.filter(name=name).first()
    if unit:
        return unit
    alias = UnitAlias.objects.select_related("unit").filter(alias=name).first()
    return alias.unit if alias else None


def _remember_alias(name: str, subject: Subject) -> None:
    if name != subject.name and not Subject.objects.filter(name=name).exists():
        SubjectAlias.objects.get_or_create(alias=name, defaults={"subject": subject})


@transaction.atomic
def resolve_subject(name: str, *, article_names: Iterable[str] = ()) -> Subject:
    """The subject ``name`` refers to, creating it if none matches.

    ``article_names`` are the other subject names of the same report: a short name there
    ("第三工业园") resolves like the fuller one it abbreviates. Raises ValueError for a blank name.
    """
    name = unicodedata.normalize("NFKC", name or "").strip().strip("\"'“”‘’ ")
    if not name:
        raise ValueError("对象名称为空")
    fuller = _fuller_name_in_article(name, article_names)
    if fuller:
        subject = resolve_subject(fuller)
        _remember_alias(name, subject)
        return subject
    match = find_subject(name)
    if match:
        _remember_alias(name, match.subject)
        return match.subject
    kind = guess_kind(name)
    unit = _unit_named(name)
    if unit is not None and unit.kind in (Unit.Kind.VILLAGE, Unit.Kind.COMMUNITY):
        kind = unit.kind
    return Subject.objects.create(name=name, kind=kind, unit=unit)


def _target(subject: Subject) -> str:
    return f"ledger.subject:{subject.pk}"


@transaction.atomic
def merge_subjects(source: Subject, into: Subject, user: User, *, reason: str = "") -> Subject:
    """Merge ``source`` into ``into`` (officers only): its items, aliases and project card move,
    its name becomes an alias, and it keeps pointing at ``into`` so old links still lead somewhere.
    """
    if not user.is_authenticated or not user.is_office:
        raise NotAllowed("只有督查室可以合并对象。")
    source = Subject.objects.select_for_update().get(pk=source.pk)
    into = surviving(Subject.objects.select_for_update().get(pk=into.pk))
    if source.merged_into_id is not None:
        raise WorkflowError(f"“{source.name}”已合并到“{surviving(source).name}”。")
    if source.pk == into.pk:
        raise WorkflowError("不能把对象合并到它自己。")
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
    Journal.record(user=user, target=_target(into), action="merge_subject", field="merged_from",
                   old=source.name, new=into.name, reason=reason or f"{moved} 条事项随之移动")
    Journal.record(user=user, target=_target(source), action="merge_subject", field="merged_into",
                   old="", new=into.name, reason=reason)
    return into


def _move_project(source: Subject, into: Subject, user: User) -> None:
    from duban.areas.models import ProjectProfile

    source_card = ProjectProfile.objects.filter(subject=source).first()
    if source_card is None:
        return
    if ProjectProfile.objects.filter(subject=into).exists():
        raise WorkflowError(f"“{source.name}”和“{into.name}”都有项目台账，请先在管理后台保留其一。")
    source_card.subject = into
    source_card.save(update_fields=["subject"])
    if into.kind != Subject.Kind.PROJECT:
        Journal.record(user=user, target=_target(into), action="merge_subject", field="kind",
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
    if not user.is_authenticated:
        return subjects.none()
    if user.sees_everything:
        return subjects
    if user.unit_id is None:
        return subjects.none()
    units = user.unit.descendant_ids()
    item_ids = Item.objects.visible_to(user).values("pk")
    return subjects.filter(Q(items__in=item_ids) | Q(unit_id__in=units)
                           | Q(project__owner_unit_id__in=units)).distinct()
