"""Forms of the pages. Labels are what screen readers announce, so every field has one."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from duban.analysis.schema import TOPICS
from duban.ledger import assessment
from duban.ledger.instructions import leaders
from duban.ledger.models import Item, Source, Unit

# <input type=date> only takes ISO dates; the zh-hans input format (Y/m/d) would leave it blank.
DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class UnitPicker(forms.Widget):
    """A type-ahead unit chooser (``unitpicker.js``) instead of a list of every unit: a county
    has thousands. ``multiple`` for 配合单位. The markup is ``web/partials/unit_picker.html``,
    which the review cards include directly."""

    template_name = "web/partials/unit_picker.html"

    def __init__(self, *, multiple=False, placeholder="", attrs=None):
        super().__init__(attrs)
        self.multiple, self.placeholder = multiple, placeholder

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
            return [v for v in values if v]  # the picker always sends one empty value
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def id_for_label(self, id_):
        return f"{id_}-q" if id_ else id_  # the box the user types in

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = value if isinstance(value, (list, tuple)) else [value]
        context.update(picker_id=context["widget"]["attrs"].get("id", name), name=name, multiple=self.multiple,
                       placeholder=self.placeholder, chosen=chosen_units(values))
        return context


def chosen_units(values) -> list[Unit]:
    """Units given as units (no query: the review page passes them for fifty cards) or ids."""
    if all(isinstance(v, Unit) for v in values):
        return list(values)
    pks = [int(v) for v in (getattr(v, "pk", v) for v in values) if str(v or "").isdigit()]
    found = Unit.objects.in_bulk(pks) if pks else {}
    return [found[pk] for pk in pks if pk in found]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("上传文件（网页、文本、Word .docx、PDF 或 OFD）"), required=False)
    text = forms.CharField(label=_("粘贴报道全文"), required=False, widget=forms.Textarea(attrs={"rows": 10}))
    url = forms.URLField(label=_("报道网址"), required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        given = [k for k in ("file", "text", "url") if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError(_("请上传文件、粘贴文本或填写网址（三选一）。"))
        return data


class ManualEntryForm(forms.Form):
    """A paper typed or pasted in: one item per line or per numbered paragraph (一、 （一） 1.)."""

    kind = forms.ChoiceField(label=_("来源类别"), choices=[c for c in Source.Kind.choices if c[0] != Source.Kind.REPORT],
                             initial=Source.Kind.INSTRUCTION)
    doc_number = forms.CharField(label=_("文号或编号"), required=False, max_length=100,
                                 widget=forms.TextInput(attrs={"placeholder": _("如 〔2026〕12号、工单号")}))
    issuer = forms.CharField(label=_("批示人或提出人"), required=False, max_length=200)
    date = forms.DateField(label=_("日期"), required=False, widget=DATE)
    title = forms.CharField(label=_("标题（可不填）"), required=False, max_length=500)
    text = forms.CharField(label=_("事项内容（每行一项，或按“一、”“1.”编号分段）"),
                           widget=forms.Textarea(attrs={"rows": 12}))


class SpreadsheetImportForm(forms.Form):
    file = forms.FileField(label=_("台账 Excel 文件（.xlsx）"))
    partial = forms.BooleanField(label=_("有错误的行跳过，只导入正确的行"), required=False)


class ItemEditForm(forms.Form):
    text = forms.CharField(label=_("交办事项"), widget=forms.Textarea(attrs={"rows": 3}))
    speaker = forms.CharField(label=_("讲话领导"), required=False)
    subject_name = forms.CharField(label=_("对象"), required=False)
    topic = forms.ChoiceField(label=_("领域"), choices=[(t, t) for t in TOPICS])
    lead_unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.filter(is_active=True), required=False,
                                       widget=UnitPicker(placeholder=_("输入单位名称或别名")))
    leader_in_charge = forms.CharField(label=_("责任领导"), required=False)
    deadline = forms.DateField(label=_("完成时限"), required=False, widget=DATE)


class ItemPageEditForm(ItemEditForm):
    """The item page's 修改事项, with the item's 配合单位 (the review cards choose those beside
    交办: a proposal's co-units would let their liaisons open it)."""

    co_units = forms.ModelMultipleChoiceField(label=_("配合单位"), queryset=Unit.objects.filter(is_active=True),
                                              required=False, widget=UnitPicker(multiple=True,
                                                                                placeholder=_("输入单位名称，可选多个")))

    # Also on the item page only: the office re-prioritises an item without a leader's 批示.
    priority = forms.ChoiceField(label=_("优先级"), choices=Item.Priority.choices, required=False)

    field_order = ["text", "speaker", "subject_name", "topic", "lead_unit", "co_units", "leader_in_charge", "deadline",
                   "priority"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("priority"):
            cleaned.pop("priority", None)  # not sent (a form from before the field): left as it is
        return cleaned


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.filter(is_active=True),
                                       widget=UnitPicker(placeholder=_("输入单位名称或别名")))
    co_units = forms.ModelMultipleChoiceField(label=_("配合单位"), queryset=Unit.objects.filter(is_active=True),
                                              required=False, widget=UnitPicker(multiple=True,
                                                                                placeholder=_("输入单位名称，可选多个")))
    deadline = forms.DateField(label=_("完成时限"), widget=DATE)
    leader_in_charge = forms.CharField(label=_("责任领导"), required=False)


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}))
    percent = forms.IntegerField(label=_("完成比例（%）"), min_value=0, max_value=100, required=False)
    milestone = forms.CharField(label=_("节点"), required=False)


class ClosingReportForm(forms.Form):
    """办结报告, filed with 申请销号 (``ledger.closing``)."""

    completion = forms.CharField(label=_("完成情况"), widget=forms.Textarea(attrs={"rows": 4}))
    measures = forms.CharField(label=_("主要措施及成效"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    problems = forms.CharField(label=_("存在问题及下步打算"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(label=_("申请延期至"), widget=DATE)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class BulletinForm(forms.Form):
    number = forms.IntegerField(label=_("期数"), min_value=1, initial=1)
    since = forms.DateField(label=_("起始日期"), widget=DATE)
    until = forms.DateField(label=_("截止日期"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return data


STATUS_LABELS = dict(Item.Status.choices)


class LeaderChoiceField(forms.ModelChoiceField):
    """One of the leaders of now, by name (the login ID only when no name is recorded)."""

    def __init__(self, label, **kwargs):
        super().__init__(label=label, queryset=leaders(), **kwargs)

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class InstructionForm(forms.Form):
    """领导批示. A leader gives their own; the office names the leader of a paper 批示
    (``for_office``). Only a closed item offers 重新打开."""

    text = forms.CharField(label=_("批示内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    leader = LeaderChoiceField(_("批示领导（代领导录入纸质批示）"))
    priority = forms.ChoiceField(label=_("调整优先级"), required=False,
                                 choices=[("", _("不调整")), *Item.Priority.choices])
    reopen = forms.BooleanField(label=_("重新打开该事项（以批示为理由）"), required=False)

    def __init__(self, *args, for_office: bool, closed: bool, **kwargs):
        super().__init__(*args, auto_id="instruction-%s", **kwargs)
        if not for_office:
            del self.fields["leader"]
        if not closed:
            del self.fields["reopen"]


class PresentForm(forms.Form):
    """呈批: the office asks a leader for a 批示 on the item."""

    leader = LeaderChoiceField(_("呈送领导"))
    note = forms.CharField(label=_("呈批说明（可不填）"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="present-%s", **kwargs)


class LoginForm(AuthenticationForm):
    """Django's login form, saying so when the ledger's throttle is what refused the login."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            from duban.ledger.throttle import client_address, is_throttled

            if is_throttled(self.cleaned_data.get("username"), client_address(self.request)):
                minutes = max(1, settings.DUBAN_LOGIN_WINDOW_SECONDS // 60)
                raise forms.ValidationError(
                    _("登录失败次数过多，请 %(m)d 分钟后再试。") % {"m": minutes}, code="throttled") from None
            raise


class AssessmentForm(forms.Form):
    """The 考核 page's period (default: the quarter ``today`` falls in) and its sort order."""

    since = forms.DateField(label=_("起始日期"), widget=DATE, required=False)
    until = forms.DateField(label=_("截止日期"), widget=DATE, required=False)
    sort = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                             choices=[(key, key) for key in assessment.SORTS])

    def __init__(self, data, today):
        quarter = assessment.quarter_of(today)
        data = data.copy()  # the dates left out are the quarter's, shown in the fields
        for name, day in (("since", quarter.since), ("until", quarter.until)):
            if not data.get(name):
                data[name] = day.isoformat()
        super().__init__(data)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return data

    def period(self) -> assessment.Period:
        return assessment.Period(self.cleaned_data["since"], self.cleaned_data["until"])

    def sort_by(self) -> str:
        return self.cleaned_data.get("sort") or assessment.DEFAULT_SORT
