"""Template helpers: the traffic-light badge and leader links."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from duban.ledger.models import Item
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


@register.simple_tag
def journal_value(entry, which: str):
    value = getattr(entry, which)
    return str(STATUS_LABELS.get(value, value)) if entry.field == "status" else value


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
