"""Subjects: finding the one a name refers to (aliases, containment, near spellings).

The one subject resolver: the import, ``duban link-subjects`` and the subject pages
all use it (merging subjects is ``duban.areas.subjects``).

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

from duban.analysis.places import find_divisions
from duban.ledger.models import Journal, Subject, SubjectAlias, Unit, User
from duban.ledger.units import UnitResolver

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
    """A subject's kind from how its name ends (社区, 村, …产业园, …公司): the one kind table."""
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


def subject_target(subject: Subject) -> str:
    return f"ledger.subject:{subject.pk}"


def _remember_alias(name: str, subject: Subject, user: User | None) -> None:
    """Record how a name matched, so the next time it is exact (journaled: it decides future matches)."""
    if name == subject.name or Subject.objects.filter(name=name).exists():
        return
    _, created = SubjectAlias.objects.get_or_create(alias=name, defaults={"subject": subject})
    if created:
        Journal.record(user=user, target=subject_target(subject), action="create", field="alias", new=name)


def _link_unit(subject: Subject, unit: Unit | None, user: User | None) -> None:
    """A subject found without a unit gets the one its name names (a unit of record)."""
    if subject.unit_id is None and unit is not None:
        subject.unit = unit
        subject.save(update_fields=["unit"])
        Journal.record(user=user, target=subject_target(subject), action="edit_subject", field="unit", new=unit.name)


@transaction.atomic
def resolve_subject(name: str, *, article_names: Iterable[str] = (), user: User | None = None,
                    units: UnitResolver | None = None) -> Subject:
    """The subject ``name`` refers to, creating it if none matches; every subject, alias and
    unit link it creates is journaled (``user`` None: the command line).

    ``article_names`` are the other subject names of the same report: a short name there
    ("第三工业园") resolves like the fuller one it abbreviates. ``units`` finds a subject's unit
    (pass one to share its cache over an import). Raises ValueError for a blank name.
    """
    name = unicodedata.normalize("NFKC", name or "").strip().strip("\"'“”‘’ ")[:200]
    if not name:
        raise ValueError("对象名称为空")
    units = units or UnitResolver()
    unit = units.resolve(name)
    # A unit's own name or alias (漓江路社区) is that unit, not an abbreviation of a longer site.
    names_a_unit = name in units.names
    fuller = None if names_a_unit else _fuller_name_in_article(name, article_names)
    if fuller:
        subject = resolve_subject(fuller, user=user, units=units)
        _remember_alias(name, subject, user)
        return subject
    match = _exact(name) if names_a_unit else find_subject(name)
    if match:
        _remember_alias(name, match.subject, user)
        _link_unit(match.subject, unit, user)
        return match.subject
    kind = guess_kind(name)
    if names_a_unit and unit.kind in (Unit.Kind.VILLAGE, Unit.Kind.COMMUNITY):
        kind = unit.kind
    # get_or_create: two imports naming the same new subject at once both end up with one.
    subject, created = Subject.objects.get_or_create(name=name, defaults={"kind": kind, "unit": unit})
    if created:
        Journal.record(user=user, target=subject_target(subject), action="create", field="name", new=name)
    return subject
