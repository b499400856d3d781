from django import forms
from django.forms import modelformset_factory

from duban.notify import plugins
from duban.notify.models import Target
from duban.notify.service import EVENTS


class TargetForm(forms.ModelForm):
    """One channel a user chose; the events as boxes (none ticked: every event)."""

    channel = forms.ChoiceField(label="渠道", choices=())
    event_list = forms.MultipleChoiceField(label="通知事项", required=False, widget=forms.CheckboxSelectMultiple,
                                           choices=list(EVENTS.items()), help_text="都不选则为全部")

    class Meta:
        model = Target
        fields = ["channel", "address", "secret", "enabled"]
        widgets = {"secret": forms.PasswordInput(render_value=True)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "—"), *plugins.choices()]  # "—": the blank extra row
        self.fields["event_list"].initial = [e for e in self.instance.events.split(",") if e]

    def save(self, commit=True):
        self.instance.events = ",".join(self.cleaned_data["event_list"])
        return super().save(commit)


TargetFormSet = modelformset_factory(Target, form=TargetForm, extra=1, can_delete=True)
