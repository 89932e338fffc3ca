from django.contrib import admin

from .models import ChecklistItem, Event


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["event_kind", "code", "text", "counts", "position"]
    list_filter = ["event_kind"]
    list_editable = ["position"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "starts_on", "ends_on", "closed_at"]
    raw_id_fields = ["unit", "created_by"]
