from django.contrib import admin

from lib.admin import NoEditAdmin

from .models import Checklist, Inspection, InspectionPlan, ScreeningCampaign


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "levels", "status", "is_active", "position"]
    list_editable = ["is_active", "position"]
    list_filter = ["status", "is_active"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(NoEditAdmin):
    """Plans change through the pages and the API, which check jurisdiction."""

    list_display = ["title", "unit", "period_start", "period_end"]
    raw_id_fields = ["unit"]
    search_fields = ["title"]


@admin.register(Inspection)
class InspectionAdmin(NoEditAdmin):
    """A record of what inspectors found is never edited."""

    list_display = ["__str__", "unit", "target_level", "status", "inspected_on", "outcome", "gap_flagged"]
    list_filter = ["status", "outcome", "target_level", "gap_flagged"]


@admin.register(ScreeningCampaign)
class ScreeningCampaignAdmin(NoEditAdmin):
    list_display = ["title", "unit", "target_group", "period_start", "period_end"]
    raw_id_fields = ["unit"]
