from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from duban.ledger import models


@admin.register(models.User)
class DubanUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("督办", {"fields": ("role", "unit", "phone")}),)
    list_display = ("username", "first_name", "role", "unit", "is_active")
    list_filter = ("role", "is_active")


class UnitAliasInline(admin.TabularInline):
    model = models.UnitAlias
    extra = 0


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent", "division_code", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "aliases__alias")
    inlines = [UnitAliasInline]


class SubjectAliasInline(admin.TabularInline):
    model = models.SubjectAlias
    extra = 0


@admin.register(models.Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "unit", "merged_into")
    list_filter = ("kind",)
    search_fields = ("name", "aliases__alias")
    inlines = [SubjectAliasInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that change only through duban itself: the workflow (pages, API, CLI), which
    journals them, or the worker, which logs its runs."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Journal)
class JournalAdmin(ReadOnlyAdmin):
    """Read-only: the journal is evidence and cannot be changed, even by an admin."""

    list_display = ("at", "username", "item", "action", "field", "old", "new")
    list_filter = ("action",)
    search_fields = ("username", "old", "new", "reason")


@admin.register(models.Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ("id", "text", "status", "lead_unit", "deadline", "topic", "level", "version")
    list_filter = ("status", "topic", "level")
    search_fields = ("text", "subject_name", "speaker")
    list_select_related = ("lead_unit",)


@admin.register(models.Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("id", "title", "kind", "origin", "event_date", "imported_by", "imported_at", "withdrawn_at")
    list_filter = ("origin", "kind", ("withdrawn_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "location")
    exclude = ("raw",)


@admin.register(models.Progress)
class ProgressAdmin(ReadOnlyAdmin):
    list_display = ("item", "unit", "percent", "milestone", "author", "created_at")


@admin.register(models.Extension)
class ExtensionAdmin(ReadOnlyAdmin):
    list_display = ("item", "old_deadline", "new_deadline", "status", "requested_by", "decided_by")
    list_filter = ("status",)


@admin.register(models.Instruction)
class InstructionAdmin(ReadOnlyAdmin):
    list_display = ("item", "leader", "text", "given_at", "recorded_by", "reopened", "priority")


@admin.register(models.InstructionRequest)
class InstructionRequestAdmin(ReadOnlyAdmin):
    list_display = ("item", "leader", "requested_by", "requested_at", "read_at", "answer")


@admin.register(models.Reading)
class ReadingAdmin(ReadOnlyAdmin):
    list_display = ("item", "user", "at")


@admin.register(models.LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Deleting a user's rows here lifts a login lock-out before the window passes."""

    list_display = ("username", "address", "at")
    search_fields = ("username", "address")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
