"""Template helpers: the traffic-light badge, leader links, people's names and file sizes."""

import re

from django import template
from django.urls import reverse
from django.utils.html import format_html

from duban.ledger import evidence_files
from duban.ledger.models import Item, Rating
from duban.web.labels import JOURNAL_ACTIONS, JOURNAL_FIELDS

register = template.Library()
LIGHT_LABELS = dict(Item.Light.choices)


@register.simple_tag
def light_badge(item_or_light):
    """A coloured badge with the light's name (the colour is never the only signal)."""
    light = item_or_light if isinstance(item_or_light, str) else getattr(item_or_light, "light_sql", None) \
        or item_or_light.light()
    return format_html('<span class="light {}">{}</span>', light, LIGHT_LABELS.get(light, light))


@register.simple_tag
def leader_link(name):
    if not name:
        return "—"
    return format_html('<a href="{}">{}</a>', reverse("leader", args=[name]), name)


STATUS_LABELS = dict(Item.Status.choices)
RATING_LABELS = dict(Rating.choices)
PRIORITY_LABELS = dict(Item.Priority.choices)
FIELD_LABELS = {f.name: f.verbose_name for f in Item._meta.get_fields() if hasattr(f, "verbose_name")}


@register.filter
def action_label(action: str) -> str:
    """The journal's action code as a person reads it."""
    from django.utils.translation import gettext

    from duban.ledger.workflow import TRANSITIONS

    if action in TRANSITIONS:
        return gettext(TRANSITIONS[action].label)
    return gettext(JOURNAL_ACTIONS[action]) if action in JOURNAL_ACTIONS else action


@register.filter
def field_label(field: str) -> str:
    from django.utils.translation import gettext

    if field in JOURNAL_FIELDS:
        return gettext(JOURNAL_FIELDS[field])
    return str(FIELD_LABELS.get(field, field))


# How ``services.report_progress`` journals an evidence file: "name (620 B, sha256 337f…)".
EVIDENCE_LINE = re.compile(r"^(?P<name>.*) \((?P<size>\d+) B, sha256 (?P<hash>[0-9a-f]+)…\)$")


@register.simple_tag(takes_context=True)
def journal_value(context, entry, which: str):
    """A journal value as a person reads it: status names; an evidence file with a human size,
    its checksum only for administrators (it proves which file it was; others need not see it)."""
    value = getattr(entry, which)
    if entry.field == "status":
        return str(STATUS_LABELS.get(value, value))
    if entry.field == "rating":
        return str(RATING_LABELS.get(value, value))
    if entry.field == "priority":
        return str(PRIORITY_LABELS.get(value, value))
    if entry.field == "file" and (match := EVIDENCE_LINE.match(value)):
        user = context.get("user")
        shown = f"{match['name']}（{human_size(int(match['size']))}）"
        if user is not None and (user.is_superuser or getattr(user, "role", "") == "admin"):
            shown += f" sha256 {match['hash']}…"
        return shown
    return value


@register.filter
def human_size(size: int) -> str:
    """620 → "0.6 KB", 2_400_000 → "2.3 MB": the units people see in their file manager."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(size / 1024, 0.1):.1f} KB"


@register.filter
def person(user) -> str:
    """A person's name (their full name; the login ID only when no name is recorded)."""
    if user is None:
        return ""
    return user.get_full_name() or user.username


@register.filter
def signature(author, unit) -> str:
    """Who filed a report, for which unit: "天桥街道 王丽", but "天桥街道 联络员" alone when the
    person's name already says the unit (the demo's accounts would read "天桥街道 天桥街道 联络员")."""
    name = person(author)
    if unit is None or unit.name in name:
        return name
    return f"{unit.name} {name}".strip()


@register.filter
def who(user) -> str:
    """The header's line: the name, then the unit (or role) unless the name already says it
    ("督查室 张科长" is not followed by "· 督查室")."""
    name = person(user)
    place = user.unit.name if user.unit_id else str(user.get_role_display())
    first = name.split()[0] if name.split() else name
    if place in name or first in place or str(user.get_role_display()) in name:
        return name
    return f"{name} · {place}"


@register.simple_tag
def with_marks(items):
    """``{% with_marks items as items %}``: the items with their 已延期/被退回 marks (``duban.web.marks``)."""
    from duban.web.marks import attach_marks

    return attach_marks(items)


@register.simple_tag
def optional_url(name, *args):
    """The URL of a page another app may or may not provide ("" when it does not)."""
    from django.urls import NoReverseMatch

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag
def subject_url(pk):
    """Subject links go to the areas app's page when it has one, else to the basic page here."""
    return optional_url("areas:subject", pk) or reverse("subject", args=[pk])


def countdown_words(deadline, today) -> tuple[str, str]:
    """(kind, words) for the days left until ``deadline``: ("left", "剩余 3 天"),
    ("today", "今天到期") or ("overdue", "超期 2 天"). The one place lists say it."""
    from django.utils.translation import gettext, ngettext

    days = (deadline - today).days
    if days > 0:
        return "left", ngettext("剩余 %(n)d 天", "剩余 %(n)d 天", days) % {"n": days}
    if days == 0:
        return "today", gettext("今天到期")
    return "overdue", ngettext("超期 %(n)d 天", "超期 %(n)d 天", -days) % {"n": -days}


@register.filter
def preview_kind(evidence) -> str:
    """``e|preview_kind``: "image" (thumbnail), "pdf" (inline viewer) or "" (download only)."""
    return evidence_files.preview_kind(evidence)


@register.simple_tag
def countdown(item):
    """``{% countdown item %}``: how long an item being worked on has left (nothing for items
    not given to a unit yet, finished ones, or those without a deadline)."""
    from duban import clock

    if item.status not in Item.ACTIVE or item.deadline is None:
        return ""
    kind, words = countdown_words(item.deadline, clock.today())
    return format_html('<span class="countdown {}">{}</span>', kind, words)


@register.simple_tag
def escalation_badge(item, always=False):
    """``{% escalation_badge item %}``: 升级督办 N 级 once an item is red past the first
    period (``Item.escalation`` ≥ 2); with ``always``, level 1 (red) too."""
    from django.utils.translation import gettext

    level = item.escalation()
    if level < (1 if always else 2):
        return ""
    return format_html('<span class="badge escalation level-{}" title="{}">{}</span>', min(level, 3),
                       gettext("督办级别"), gettext("%(n)s级督办") % {"n": level})


@register.simple_tag
def priority_badge(item, always=False):
    """``{% priority_badge item %}``: 重点 or 紧急 (a leader's 批示 sets it); with ``always``, 一般 too."""
    if item.priority == item.Priority.NORMAL and not always:
        return ""
    return format_html('<span class="badge priority-{}">{}</span>', item.priority, item.get_priority_display())


@register.simple_tag
def rating_badge(item):
    """``{% rating_badge item %}``: the 评价 given at 销号 (好/较好/一般/差), on a closed item only
    (重新打开 clears it; a rating left on another status would be stale)."""
    from django.utils.translation import gettext

    if not item.rating or item.status != Item.Status.CLOSED:
        return ""
    return format_html('<span class="badge rating {}" title="{}">{}</span>', item.rating, gettext("评价"),
                       item.get_rating_display())
