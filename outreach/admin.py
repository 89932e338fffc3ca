from django.contrib import admin

from lib.admin import NoEditAdmin

from .models import Activity, Channel, Measure


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "max_per_activity"]
    list_editable = ["name", "max_per_activity"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "measure", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(Activity)
class ActivityAdmin(NoEditAdmin):
    """Totals and coverage are kept by the reporting action."""

    list_display = ["directive", "content_item", "channel", "quantity", "occurred_on", "organisation"]
    list_filter = ["channel"]
    raw_id_fields = ["directive", "content_item", "organisation", "area", "reached"]
