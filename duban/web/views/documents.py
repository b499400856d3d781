"""Word papers to print (``reports.notices``): an item's 交办单 and 办结报告, a unit's 督办通知单.

The 交办单 and 办结报告 go to whoever sees the item (the office, leaders, the item's units);
the 督办通知单 is the office's to send. An item another unit's liaison may not see is 404.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban import clock
from duban.ledger import closing
from duban.ledger.models import Source, Unit
from duban.reports import notices
from duban.web.access import get_item, office_required


@login_required
def item_notice(request, pk: int):
    """交办单 of an item given to a unit (one not yet given has nothing to print: 404)."""
    item = get_item(request.user, pk)
    if item.assigned_at is None:
        raise Http404(_("事项尚未交办，没有交办单。"))
    return notices.http_response(notices.build_assignment(item), notices.assignment_filename(item))


@login_required
def item_closing_report(request, pk: int):
    """The latest 办结报告 of an item (404 while none is filed)."""
    item = get_item(request.user, pk)
    report = closing.latest(item)
    if report is None:
        raise Http404(_("该事项尚无办结报告。"))
    return notices.http_response(notices.build_closing_report(report), notices.closing_report_filename(item))


class UnitNoticeForm(forms.Form):
    """Which of the unit's open items: all, those of one report, or those given in a date range."""

    source = forms.IntegerField(required=False, min_value=1, label=gettext_lazy("来源报道"))
    since = forms.DateField(required=False, label=gettext_lazy("交办日期自"))
    until = forms.DateField(required=False, label=gettext_lazy("交办日期至"))


@office_required
def unit_notice(request, pk: int):
    unit = get_object_or_404(Unit, pk=pk)
    form = UnitNoticeForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(" ".join(e for errors in form.errors.values() for e in errors))
    choice = form.cleaned_data
    source = Source.objects.filter(pk=choice["source"]).first() if choice["source"] else None
    if choice["source"] and source is None:
        raise Http404(_("来源报道不存在。"))
    items = notices.unit_items(unit, source=choice["source"], since=choice["since"], until=choice["until"])
    document = notices.build_unit_notice(unit, items, officer=request.user,
                                         scope=notices.unit_scope(source, choice["since"], choice["until"]))
    return notices.http_response(document, notices.unit_notice_filename(unit, clock.today()))
