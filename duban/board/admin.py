from django.contrib import admin

from duban.board.models import PublicItem


@admin.register(PublicItem)
class PublicItemAdmin(admin.ModelAdmin):
    list_display = ("commitment", "item", "published_by", "published_at")
    search_fields = ("commitment",)
    raw_id_fields = ("item",)
    readonly_fields = ("published_by", "published_at")
