"""Which unit a name in a report refers to: the suggested unit of a proposal, a subject's unit."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When

from duban.ledger.models import Unit, UnitAlias


class UnitResolver:
    """Unit names and aliases loaded once, so an import of 30 directives runs one query."""

    def __init__(self):
        self.names: dict[str, int] = {}
        for pk, name in Unit.objects.filter(is_active=True).values_list("pk", "name"):
            self.names[name] = pk
        for pk, alias in UnitAlias.objects.filter(unit__is_active=True).values_list("unit_id", "alias"):
            self.names.setdefault(alias, pk)
        self._units: dict[int, Unit] = {}

    def resolve_id(self, name: str) -> int | None:
        name = (name or "").strip()
        if not name:
            return None
        if name in self.names:
            return self.names[name]
        # "天桥街道漓江路社区" → 漓江路社区: the longest known name inside it is the most specific.
        contained = [known for known in self.names if len(known) >= 2 and known in name]
        if contained:
            return self.names[max(contained, key=len)]
        # "双汇" → 双汇第三工业园, but only when exactly one unit carries the name.
        containing = {pk for known, pk in self.names.items() if len(name) >= 2 and name in known}
        return containing.pop() if len(containing) == 1 else None

    def resolve(self, name: str) -> Unit | None:
        pk = self.resolve_id(name)
        if pk is None:
            return None
        if pk not in self._units:
            self._units[pk] = Unit.objects.get(pk=pk)
        return self._units[pk]


def resolve_unit(name: str) -> Unit | None:
    """Find the unit a subject/jurisdiction name refers to (exact name, alias, or contained name)."""
    return UnitResolver().resolve(name)


def unit_named(name: str) -> Unit | None:
    """The unit with exactly this name or alias (what a person types on the command line);
    unlike ``resolve_unit``, no guessing from contained names."""
    return Unit.objects.filter(Q(name=name) | Q(aliases__alias=name)).first()


def named_like(text: str) -> Q:
    """Units whose name or one of whose aliases contains ``text`` (a subquery: one row per unit)."""
    return Q(name__icontains=text) | Q(pk__in=UnitAlias.objects.filter(alias__icontains=text).values("unit_id"))


def search_units(text: str, *, limit: int = 20) -> list[Unit]:
    """Active units for a type-ahead: the name or an alias is the text, then starts with it,
    then contains it; within each, in the units' own order. Empty text: the first units."""
    text = (text or "").strip()
    units = Unit.objects.filter(is_active=True)
    if text:
        exact = Q(name=text) | Q(pk__in=UnitAlias.objects.filter(alias=text).values("unit_id"))
        starts = Q(name__istartswith=text) | Q(pk__in=UnitAlias.objects.filter(alias__istartswith=text)
                                              .values("unit_id"))
        units = units.filter(named_like(text)).annotate(
            rank=Case(When(exact, then=Value(0)), When(starts, then=Value(1)), default=Value(2),
                      output_field=IntegerField())).order_by("rank", "order", "name")
    return list(units[:limit])


def unit_paths(units) -> dict[int, str]:
    """Each unit's chain of parents (召陵区委区政府 › 天桥街道), to tell like names apart."""
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    names = dict(Unit.objects.values_list("pk", "name"))
    paths = {}
    for unit in units:
        chain, pk, seen = [], parents.get(unit.pk), {unit.pk}
        while pk is not None and pk not in seen:  # a loop in bad data ends the walk
            seen.add(pk)
            chain.append(names[pk])
            pk = parents.get(pk)
        paths[unit.pk] = " › ".join(reversed(chain))
    return paths
