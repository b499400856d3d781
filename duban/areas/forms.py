from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duban.areas.models import STAGE_ORDER, ProjectProfile, Stage
from duban.ledger.models import Unit

_DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})  # <input type=date> needs ISO


class MergeForm(forms.Form):
    target = forms.CharField(label=_("合并到（对象名称）"), max_length=200)
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProjectForm(forms.ModelForm):
    class Meta:
        model = ProjectProfile
        fields = ["owner_unit", "investment", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = Unit.objects.filter(is_active=True)


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(label=_("新阶段"), choices=Stage.choices)
    actual = forms.DateField(label=_("实际时间"), widget=_DATE)
    note = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("回退理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PlanForm(forms.Form):
    """One planned date per stage."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for stage in STAGE_ORDER:
            self.fields[stage] = forms.DateField(label=Stage(stage).label, required=False, widget=_DATE)


class RatingForm(forms.Form):
    """Awarded or not, and the evidence, for each star of a scheme."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, stars=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.stars = list(stars)
        for star in self.stars:
            self.fields[f"star_{star.pk}"] = forms.BooleanField(label=star.name, required=False)
            self.fields[f"evidence_{star.pk}"] = forms.CharField(
                label=_("评定依据"), required=False, widget=forms.TextInput(attrs={"size": 40}))

    def star_fields(self):
        return [(star, self[f"star_{star.pk}"], self[f"evidence_{star.pk}"]) for star in self.stars]

    def awards(self) -> dict[int, tuple[bool, str]]:
        return {star.pk: (self.cleaned_data[f"star_{star.pk}"], self.cleaned_data[f"evidence_{star.pk}"].strip())
                for star in self.stars}


class TieForm(forms.Form):
    """Tie one of a unit's items to one of its scheme's stars (or untie it)."""

    item = forms.ModelChoiceField(label=_("事项"), queryset=None)
    star = forms.ModelChoiceField(label=_("星"), queryset=None)
    untie = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, items, stars, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["star"].queryset = stars
