from django.contrib import admin

from .models import Assessment, CriteriaSet, Establishment, EstablishmentType, SafetyPolicy


@admin.register(EstablishmentType)
class EstablishmentTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "criteria_set_code", "position"]
    list_editable = ["criteria_set_code", "position"]


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "unit", "state", "status", "registration", "valid_until"]
    list_filter = ["type", "state", "status", "registration"]
    search_fields = ["name", "search_name", "public_code"]
    raw_id_fields = ["unit", "owners"]
    readonly_fields = ["public_code", "state", "assessed_at", "valid_until"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["establishment", "criteria_set", "band_label", "state", "submitted_at", "valid_until"]
    list_filter = ["state", "criteria_set__code"]
    raw_id_fields = ["establishment", "submitted_by"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # an assessment is a record of what was declared; it is never edited


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "title", "status", "is_current", "validity_days"]
    list_filter = ["status", "is_current"]


@admin.register(SafetyPolicy)
class SafetyPolicyAdmin(admin.ModelAdmin):
    list_display = ["unit", "accept_owner_registrations", "remind_days_before"]
    raw_id_fields = ["unit"]
