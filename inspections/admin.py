from django.contrib import admin

from .models import Checklist, Inspection, InspectionPlan, ScreeningCampaign


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "levels", "status", "is_active", "position"]
    list_editable = ["is_active", "position"]
    list_filter = ["status", "is_active"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "period_start", "period_end"]
    raw_id_fields = ["unit"]
    search_fields = ["title"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # plans change through the pages and the API, which check jurisdiction


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "unit", "target_level", "status", "inspected_on", "outcome", "gap_flagged"]
    list_filter = ["status", "outcome", "target_level", "gap_flagged"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # a record of what inspectors found is never edited


@admin.register(ScreeningCampaign)
class ScreeningCampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "target_group", "period_start", "period_end"]
    raw_id_fields = ["unit"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
