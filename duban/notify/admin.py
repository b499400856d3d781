from django import forms
from django.contrib import admin, messages

from duban.notify import models, plugins, service


class TargetForm(forms.ModelForm):
    channel = forms.ChoiceField(label="渠道", choices=())

    class Meta:
        model = models.Target
        fields = "__all__"
        widgets = {"secret": forms.PasswordInput(render_value=True)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = plugins.choices()


@admin.register(models.Target)
class TargetAdmin(admin.ModelAdmin):
    form = TargetForm
    list_display = ("__str__", "channel", "address", "events", "enabled")
    list_filter = ("channel", "enabled")
    search_fields = ("user__username", "user__first_name", "unit__name", "address")
    autocomplete_fields = ("user", "unit")


class AttemptInline(admin.TabularInline):
    model = models.DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ("at", "ok", "note")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read-only; failed notices can be put back in the queue."""

    list_display = ("created_at", "event", "title", "user", "channel", "address", "status", "attempts",
                    "next_attempt_at", "last_error")
    list_filter = ("status", "event", "channel")
    search_fields = ("title", "address", "user__username", "user__first_name")
    date_hierarchy = "created_at"
    inlines = [AttemptInline]
    actions = ["retry"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="重新发送（放回发送队列）")
    def retry(self, request, queryset):
        count = service.retry_now(queryset)
        self.message_user(request, f"已放回发送队列 {count} 条，工作进程将在一分钟内发送。", messages.SUCCESS)
