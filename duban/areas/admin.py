from django.contrib import admin

from duban.areas.models import (
    ProjectProfile,
    ProjectStage,
    StageChange,
    Star,
    StarAward,
    StarRating,
    StarScheme,
)


class StarInline(admin.TabularInline):
    model = Star
    fields = ["order", "name", "criteria"]
    extra = 0


@admin.register(StarScheme)
class StarSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "unit_kind"]
    inlines = [StarInline]


class StarAwardInline(admin.TabularInline):
    model = StarAward
    fields = ["star", "awarded", "evidence"]
    extra = 0


@admin.register(StarRating)
class StarRatingAdmin(admin.ModelAdmin):
    list_display = ["unit", "year", "scheme", "rated_by", "rated_at"]
    list_filter = ["year", "scheme"]
    search_fields = ["unit__name"]
    inlines = [StarAwardInline]


class ProjectStageInline(admin.TabularInline):
    model = ProjectStage
    fields = ["stage", "planned", "actual"]
    extra = 0


class StageChangeInline(admin.TabularInline):
    model = StageChange
    fields = ["at", "old_stage", "new_stage", "actual", "note", "reason", "user"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # stage changes go through the project page, which checks the rules


@admin.register(ProjectProfile)
class ProjectProfileAdmin(admin.ModelAdmin):
    list_display = ["subject", "owner_unit", "investment", "current_stage"]
    list_filter = ["current_stage"]
    search_fields = ["subject__name"]
    readonly_fields = ["current_stage"]  # changed on the project page, where the stage rules apply
    inlines = [ProjectStageInline, StageChangeInline]
