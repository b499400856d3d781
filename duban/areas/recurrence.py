"""再次交办: a new directive that repeats a demand already in the ledger for the same subject.

Leaders revisit the same places and say the same thing in other words ("加快设备调试，确保
投产达效" / "抓紧完成设备安装调试，确保如期投产达效"). Two directives count as the same
demand when their content words overlap enough: the texts lose punctuation and the genre's
stock verbs and adverbs (要, 加快, 进一步, 确保 …), which every directive has and which say
nothing about *what* is demanded; the rest is compared as sets of character bigrams (no
word segmentation needed, robust to reordering). The score is the mean of the Dice
coefficient (overall overlap) and the overlap coefficient (a short demand restated at length).

Measured on tests/areas/fixtures/recurrence_pairs.json by bench/recurrence.py.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q

from duban import clock
from duban.ledger.models import Item, Journal

# Stock words of the directive genre, longest first so "进一步" goes before "一".
FILLER = sorted([
    "进一步", "想方设法", "要", "强调", "指出", "切实", "持续", "不断", "积极", "主动", "加快", "加大",
    "加强", "推动", "推进", "抓紧", "抓好", "做好", "确保", "坚决", "全面", "着力", "力度", "尽快",
    "早日", "更好", "更多", "工作", "问题", "实现", "提升", "完善", "各类", "严防", "防止", "杜绝",
    "务必", "一定", "认真", "扎实", "全力", "大力", "深入", "有效", "进度",
], key=len, reverse=True)
_FILLER_RE = re.compile("|".join(map(re.escape, FILLER)))
_NON_WORD = re.compile(r"[\W_]+")

def threshold() -> float:
    return settings.DUBAN_RECURRENCE_THRESHOLD


def window_days() -> int:
    """How long a closed item still counts: a demand repeated within this window is 再次交办."""
    return settings.DUBAN_RECURRENCE_DAYS


@lru_cache(maxsize=4096)
def fingerprint(text: str) -> frozenset[str]:
    """The character bigrams of a directive's content words (single characters kept alone)."""
    text = _NON_WORD.sub("|", unicodedata.normalize("NFKC", text or ""))
    pieces = [p for p in _FILLER_RE.sub("|", text).split("|") if p]
    grams = {p[i: i + 2] for p in pieces for i in range(len(p) - 1)}
    grams.update(p for p in pieces if len(p) == 1)
    return frozenset(grams)


def similarity(a: str, b: str) -> float:
    """How likely two directives make the same demand, 0..1."""
    fa, fb = fingerprint(a), fingerprint(b)
    if not fa or not fb:
        return 0.0
    common = len(fa & fb)
    dice = 2 * common / (len(fa) + len(fb))
    overlap = common / min(len(fa), len(fb))
    return (dice + overlap) / 2


def is_repeat(a: str, b: str) -> bool:
    return similarity(a, b) >= threshold()


def candidates(item: Item, *, now: dt.datetime | None = None):
    """Earlier ledger items about the same subject that are still open or closed recently."""
    if item.subject_id is None:
        return Item.objects.none()
    now = now or clock.now()
    recent = now - dt.timedelta(days=window_days())
    open_items = ~Q(status__in=Item.FINISHED)
    recently_closed = Q(status=Item.Status.CLOSED, closed_at__gte=recent)
    found = (Item.objects.in_ledger().filter(subject_id=item.subject_id)
             .filter(open_items | recently_closed).exclude(pk=item.pk))
    if item.source_id is not None:
        found = found.exclude(source_id=item.source_id)  # one report does not repeat itself
    return found


@transaction.atomic
def flag_recurrences(item: Item, *, now: dt.datetime | None = None) -> list[Item]:
    """Link ``item`` to the earlier items it repeats (``Item.repeat_of``), best match first.

    Call it for each new proposal after its subject is set. Journaled on the item.
    """
    scored = sorted(((similarity(item.text, earlier.text), earlier) for earlier in candidates(item, now=now)),
                    key=lambda pair: (-pair[0], pair[1].pk))
    repeats = [earlier for score, earlier in scored if score >= threshold()]
    already = set(item.repeat_of.values_list("pk", flat=True))
    new = [earlier for earlier in repeats if earlier.pk not in already]
    if new:
        item.repeat_of.add(*new)
        Journal.record(item=item, action="flag_repeat", field="repeat_of",
                       new="、".join(f"#{e.pk}" for e in new), reason="再次交办（自动识别）")
    return repeats


def repeat_count(item: Item) -> int:
    """How many times this demand was made again after it was first assigned."""
    return item.repeated_by.count()


def with_repeat_counts(items):
    """Annotate ``times_repeated`` (later items repeating each one) and ``repeats`` (earlier items
    each one repeats) on an item queryset, for lists and the 通报's "再次交办 N 次" column."""
    return items.annotate(times_repeated=Count("repeated_by", distinct=True),
                          repeats=Count("repeat_of", distinct=True))
