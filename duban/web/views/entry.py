"""Items that do not come from a news report: typed or pasted papers, and the ledger spreadsheet."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from duban.errors import InputError
from duban.ledger import manual, workflow
from duban.reports.excel import read_ledger, save_rows
from duban.web.access import office_required
from duban.web.forms import ManualEntryForm, SpreadsheetImportForm


@office_required
def manual_entry(request):
    """A 领导批示, 会议纪要, 12345 工单 or 建议/提案: each line or numbered paragraph becomes a
    proposal on the usual review screen, the paper recorded as their source."""
    form = ManualEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source, created = manual.enter_items(
                data["text"], user=request.user, kind=data["kind"], title=data["title"],
                doc_number=data["doc_number"], issuer=data["issuer"], date=data["date"])
        except InputError as error:
            form.add_error("text", str(error))
        else:
            if created:
                messages.success(request, _("已录入 %(n)d 项，请审核后立项、交办。") % {"n": source.items.count()})
            else:
                messages.warning(request, _("这份材料已录入过，已打开原有的审核页。"))
            return redirect("review", pk=source.pk)
    return render(request, "web/manual.html", {"form": form}, status=400 if form.errors else 200)


@office_required
def spreadsheet_import(request):
    """The ledger workbook back in, checked row by row as ``duban import-xlsx`` does: with any
    error nothing is written, unless the officer asks to skip the bad rows."""
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        rows, errors = read_ledger(upload)
        context.update(errors=errors, good=len(rows))
        if errors and not form.cleaned_data["partial"]:
            return render(request, "web/spreadsheet.html", context, status=400)
        try:
            summary = save_rows(rows, request.user, filename=upload.name)
        except workflow.WorkflowError as error:
            context["errors"] = [str(error)]
            return render(request, "web/spreadsheet.html", context, status=error.code)
        context["summary"] = summary
    return render(request, "web/spreadsheet.html", context, status=400 if form.errors else 200)
