"""The unit tree of ``/units/``: the active units grouped by kind, each with the units below it.

A county's units hang from 区委/区政府; listing them under it would make one long branch, so
the units right below a 党委政府 unit head their kind's group (乡镇街道, 部门, 企业…) and
the units below those (a town's villages and communities) stay nested under them. Read in
three queries and built in Python: two thousand units take a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from duban.ledger.models import Item, Unit, UnitAlias
from duban.ledger.units import named_like

K = Unit.Kind
GROUP_ORDER = [K.LEADERSHIP, K.TOWN, K.DEPARTMENT, K.ENTERPRISE, K.PROJECT, K.VILLAGE, K.COMMUNITY, K.OTHER]


@dataclass
class Node:
    pk: int
    name: str
    kind: str
    parent_id: int | None
    aliases: list[str] = field(default_factory=list)
    active_items: int = 0  # items in progress it leads
    matched: bool = False  # the search found this one (not only something below it)
    children: list[Node] = field(default_factory=list)


@dataclass
class Group:
    kind: str
    label: str
    nodes: list[Node]

    @property
    def size(self) -> int:
        return sum(count(node) for node in self.nodes)


def count(node: Node) -> int:
    return 1 + sum(count(child) for child in node.children)


def heads_a_group(node: Node, nodes: dict[int, Node]) -> bool:
    """A unit with no (active) parent, or right below a 党委政府 unit of another kind."""
    parent = nodes.get(node.parent_id)
    return parent is None or (parent.kind == K.LEADERSHIP and node.kind != K.LEADERSHIP)


def build(nodes: list[Node], matched: set[int] | None = None) -> list[Group]:
    """``nodes`` (in display order) as groups by kind; with ``matched``, only those units and
    the units above them (shown for context, not marked)."""
    by_pk = {node.pk: node for node in nodes}
    keep = None if matched is None else _with_ancestors(matched, by_pk)
    heads: dict[str, list[Node]] = {}
    for node in nodes:
        if keep is not None and node.pk not in keep:
            continue
        node.matched = matched is not None and node.pk in matched
        if heads_a_group(node, by_pk):
            heads.setdefault(node.kind, []).append(node)
        else:
            by_pk[node.parent_id].children.append(node)
    if matched is not None:  # a 党委政府 kept only as the parent of a match is no match of its own
        heads = {kind: kept for kind, nodes in heads.items() if (kept := [n for n in nodes if n.matched or n.children])}
    labels = dict(K.choices)
    return [Group(kind, str(labels[kind]), heads[kind]) for kind in GROUP_ORDER if kind in heads]


def _with_ancestors(pks: set[int], by_pk: dict[int, Node]) -> set[int]:
    keep = set()
    for pk in pks:
        while pk in by_pk and pk not in keep:
            keep.add(pk)
            pk = by_pk[pk].parent_id
    return keep


def load(query: str = "") -> list[Group]:
    """The active units' tree; with ``query``, the units whose name or alias contains it."""
    units = Unit.objects.filter(is_active=True)
    nodes = [Node(pk, name, kind, parent_id)
             for pk, name, kind, parent_id in units.values_list("pk", "name", "kind", "parent_id")]
    by_pk = {node.pk: node for node in nodes}
    for pk, alias in UnitAlias.objects.filter(unit__is_active=True).order_by("alias").values_list("unit_id", "alias"):
        by_pk[pk].aliases.append(alias)
    busy = (Item.objects.filter(status__in=Item.ACTIVE).order_by().values("lead_unit")
            .annotate(n=Count("*")).values_list("lead_unit", "n"))
    for pk, n in busy:
        if pk in by_pk:
            by_pk[pk].active_items = n
    query = query.strip()
    matched = set(units.filter(named_like(query)).values_list("pk", flat=True)) if query else None
    return build(nodes, matched)


def render(nodes: list[Node]) -> SafeString:
    """Nested lists of links to the unit pages (built here: a template include per unit would
    take most of the page's time on a county's two thousand units)."""
    if not nodes:
        return SafeString("")
    return format_html('<ul class="unit-tree">{}</ul>', format_html_join("", "{}", ((_row(n),) for n in nodes)))


def _row(node: Node) -> SafeString:
    aliases = format_html(' <span class="muted">（{}）</span>', "、".join(node.aliases)) if node.aliases else ""
    busy = (format_html(' <span class="badge">{}</span>', _("在办 %(n)d") % {"n": node.active_items})
            if node.active_items else "")
    return format_html('<li data-unit="{}"{}><a href="{}">{}</a>{}{}{}</li>', node.pk,
                       SafeString(' class="hit"') if node.matched else "", reverse("unit", args=[node.pk]),
                       node.name, aliases, busy, render(node.children))
