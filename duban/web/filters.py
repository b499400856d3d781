"""The ledger's filters, shared by the ledger page, its Excel export and the dashboard's links.

Search is ``icontains`` over item text, subject and source title: on SQLite that is a
LIKE scan, which is fast enough for a district's ledger (tens of thousands of rows) and
needs no Chinese tokenizer; see docs/web.md for PostgreSQL options.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duban.analysis.schema import TOPICS
from duban.ledger.models import Item, Source, Unit

# Each ends in the id, so that items with equal keys keep one order from page to page.
SORTS = {
    "deadline": ("deadline", "id"),
    "-deadline": ("-deadline", "-id"),
    "unit": ("lead_unit__name", "deadline", "id"),
    "status": ("status", "deadline", "id"),
    "topic": ("topic", "deadline", "id"),
    "-created": ("-created_at", "-id"),
}
SORT_CHOICES = [
    ("deadline", _("时限从早到晚")), ("-deadline", _("时限从晚到早")), ("unit", _("责任单位")),
    ("status", _("状态")), ("topic", _("领域")), ("-created", _("最新导入")),
]


ALL = _("全部")


class LedgerFilter(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False)
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.all(), required=False,
                                  empty_label=ALL)
    topic = forms.ChoiceField(label=_("领域"), required=False, choices=[("", ALL)] + [(t, t) for t in TOPICS])
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", ALL), *Item.Status.choices])
    light = forms.ChoiceField(label=_("灯"), required=False, choices=[("", ALL), *Item.Light.choices])
    leader = forms.CharField(label=_("领导"), required=False)
    # Thousands of reports cannot be a drop-down: the source page links here with ?source=ID,
    # and the form then offers only that report (or 全部), so it can be kept or cleared.
    source = forms.ModelChoiceField(label=_("来源报道"), queryset=Source.objects.none(), required=False,
                                    empty_label=ALL)
    subject = forms.IntegerField(required=False, widget=forms.HiddenInput)
    since = forms.DateField(label=_("报道日期起"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("报道日期止"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=SORT_CHOICES)
    # The dashboard's trend chart opens one week: items assigned, or closed, within a date range.
    assigned_from = forms.DateField(label=_("交办日期起"), required=False, widget=forms.HiddenInput)
    assigned_to = forms.DateField(label=_("交办日期止"), required=False, widget=forms.HiddenInput)
    closed_from = forms.DateField(label=_("销号日期起"), required=False, widget=forms.HiddenInput)
    closed_to = forms.DateField(label=_("销号日期止"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = str(self.data.get("source") or "")
        field = self.fields["source"]
        if chosen.isdigit():
            field.queryset = Source.objects.filter(pk=chosen).only("pk", "title", "location")
        else:
            field.widget = forms.HiddenInput()

    def valid_data(self) -> dict:
        """The values that are valid (invalid ones are ignored, not fatal)."""
        return self.cleaned_data if self.is_valid() else {
            k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}

    def date_ranges(self) -> list[tuple[str, object, object]]:
        """The 交办/销号 date ranges in force, (label, from, to), to say so above the results."""
        data = self.valid_data()
        return [(str(label), data.get(start), data.get(end))
                for label, start, end in ((_("交办日期"), "assigned_from", "assigned_to"),
                                          (_("销号日期"), "closed_from", "closed_to"))
                if data.get(start) or data.get(end)]

    def unit_ids(self) -> set[int] | None:
        """The chosen unit and the units below it; None when not filtering by unit."""
        unit = self.valid_data().get("unit")
        return unit.descendant_ids() if unit else None

    def filter(self, items, by_unit: bool = True):
        """Apply the valid filters to ``items``; ``by_unit=False`` leaves the unit to the caller."""
        data = self.valid_data()
        items = (items.with_light().select_related("lead_unit", "source", "subject")
                 .defer("source__raw", "source__article", "source__analysis"))
        status = data.get("status")
        items = items.filter(status=status) if status else items.in_ledger()
        if data.get("q"):
            q = data["q"].strip()
            # Reports and units matching the words are small subqueries, not joins per item.
            items = items.filter(Q(text__icontains=q) | Q(subject_name__icontains=q)
                                 | Q(source__in=Source.objects.filter(title__icontains=q).values("pk"))
                                 | Q(lead_unit__in=Unit.objects.filter(name__icontains=q).values("pk")))
        if by_unit and data.get("unit"):
            items = items.filter(Item.involving(data["unit"].descendant_ids()))
        for field in ("topic", "source"):
            if data.get(field):
                items = items.filter(**{field: data[field]})
        if data.get("light"):
            items = items.filter(Item.light_is(data["light"]))
        if data.get("leader"):
            items = items.filter(Q(speaker__icontains=data["leader"]) | Q(leader_in_charge__icontains=data["leader"]))
        if data.get("subject"):
            items = items.filter(Q(subject_id=data["subject"]) | Q(subject__merged_into_id=data["subject"]))
        # The report's date is the activity date, else its publication or import date.
        if data.get("since"):
            items = items.filter(Q(source__event_date__gte=data["since"])
                                 | Q(source__event_date__isnull=True, created_at__date__gte=data["since"]))
        if data.get("until"):
            items = items.filter(Q(source__event_date__lte=data["until"])
                                 | Q(source__event_date__isnull=True, created_at__date__lte=data["until"]))
        for field, lookup in (("assigned_from", "assigned_at__date__gte"), ("assigned_to", "assigned_at__date__lte"),
                              ("closed_from", "closed_at__date__gte"), ("closed_to", "closed_at__date__lte")):
            if data.get(field):
                items = items.filter(**{lookup: data[field]})
        return items.order_by(*SORTS.get(data.get("sort") or "deadline", SORTS["deadline"]))
