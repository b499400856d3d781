"""The ledger page's filter form, for its page, its Excel export and the dashboard's links.

What each filter means is ``duban.ledger.filters`` (the API's item list uses it too); the
form only reads the values and offers the page's sort orders.
"""

from __future__ import annotations

import dataclasses

from django import forms
from django.utils.translation import gettext_lazy as _

from duban.analysis.schema import TOPICS
from duban.ledger.filters import UNRATED, LedgerFilters
from duban.ledger.models import Item, Rating, Source, Unit, User

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
    # The API's date filters, so that its queries work here too (links, bookmarks).
    deadline_from = forms.DateField(required=False, widget=forms.HiddenInput)
    deadline_to = forms.DateField(required=False, widget=forms.HiddenInput)
    created_from = forms.DateField(required=False, widget=forms.HiddenInput)
    created_to = forms.DateField(required=False, widget=forms.HiddenInput)
    # The dashboard's trend chart opens one week: items assigned, or closed, within a date range.
    assigned_from = forms.DateField(label=_("交办日期起"), required=False, widget=forms.HiddenInput)
    assigned_to = forms.DateField(label=_("交办日期止"), required=False, widget=forms.HiddenInput)
    closed_from = forms.DateField(label=_("销号日期起"), required=False, widget=forms.HiddenInput)
    closed_to = forms.DateField(label=_("销号日期止"), required=False, widget=forms.HiddenInput)
    # The home pages' to-do queues open these (said above the results, like the date ranges).
    pending_extension = forms.BooleanField(label=_("延期待批"), required=False, widget=forms.HiddenInput)
    returned = forms.BooleanField(label=_("被退回"), required=False, widget=forms.HiddenInput)
    # The 考核 page's counts open these: one lead unit's items, closed on time or late, by
    # their 评价, or sent back within a period.
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=Unit.objects.all(), required=False,
                                       widget=forms.HiddenInput)
    on_time = forms.NullBooleanField(required=False, widget=forms.HiddenInput)
    rating = forms.ChoiceField(label=_("评价"), required=False, widget=forms.HiddenInput,
                               choices=[("", ALL), *Rating.choices, (UNRATED, _("未评价"))])
    returned_from = forms.DateField(required=False, widget=forms.HiddenInput)
    returned_to = forms.DateField(required=False, widget=forms.HiddenInput)
    declined = forms.BooleanField(label=_("待重新交办"), required=False, widget=forms.HiddenInput)
    lead_only = forms.BooleanField(label=_("仅本单位牵头"), required=False, widget=forms.HiddenInput)
    # A leader's 待批示 queues: the leader's user id, and whether they have 圈阅'd the item since.
    awaiting_instruction = forms.IntegerField(label=_("待批示"), required=False, widget=forms.HiddenInput)
    instruction_read = forms.NullBooleanField(required=False, widget=forms.HiddenInput)
    priority = forms.ChoiceField(label=_("优先级"), required=False, choices=[("", ALL), *Item.Priority.choices])

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

    def ledger_filters(self) -> LedgerFilters:
        """The valid values as the ledger's one filter definition; the page lists the ledger
        (not proposals, rejected or merged items) unless a status is chosen."""
        filters = LedgerFilters.of(self.valid_data())
        return dataclasses.replace(filters, in_ledger=None if filters.status else True)

    def order(self) -> tuple[str, ...]:
        return SORTS.get(self.valid_data().get("sort") or "deadline", SORTS["deadline"])

    def flags(self) -> list[str]:
        """The hidden filters in force (延期待批, 被退回, 待重新交办, the 考核 page's), to say so above the results."""
        data = self.valid_data()
        flags = [str(self.fields[name].label) for name in ("pending_extension", "returned", "declined", "lead_only")
                 if data.get(name)]
        if data.get("lead_unit"):
            flags.append(_("%(unit)s牵头的事项") % {"unit": data["lead_unit"]})
        if data.get("on_time") is not None:
            flags.append(str(_("按期办结") if data["on_time"] else _("逾期办结")))
        if data.get("rating"):
            flags.append(_("评价：%(grade)s") % {"grade": dict(self.fields["rating"].choices)[data["rating"]]})
        if data.get("awaiting_instruction") is not None:
            flags.append(awaiting_flag(data["awaiting_instruction"], data.get("instruction_read")))
        return flags

    def date_ranges(self) -> list[tuple[str, object, object]]:
        """The 交办/销号 date ranges in force, (label, from, to), to say so above the results."""
        data = self.valid_data()
        return [(str(label), data.get(start), data.get(end))
                for label, start, end in ((_("交办日期"), "assigned_from", "assigned_to"),
                                          (_("销号日期"), "closed_from", "closed_to"),
                                          (_("退回日期"), "returned_from", "returned_to"))
                if data.get(start) or data.get(end)]


def awaiting_flag(leader_id: int, read: bool | None) -> str:
    """待张书记批示（，已圈阅 / 未圈阅）: what a 待批示 queue's ledger lists."""
    leader = User.objects.filter(pk=leader_id).first()
    name = (leader.get_full_name() or leader.username) if leader else "—"
    if read is None:
        return _("待%(leader)s批示") % {"leader": name}
    return (_("待%(leader)s批示，已圈阅") if read else _("待%(leader)s批示，未圈阅")) % {"leader": name}
