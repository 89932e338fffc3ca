from django.contrib import admin

from lib.admin import NoEditAdmin

from .models import DisclosurePolicy, Violation, ViolationType


@admin.register(ViolationType)
class ViolationTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "legal_basis", "fine_min", "fine_max", "status", "is_active", "position"]
    list_editable = ["is_active", "position"]
    list_filter = ["status", "is_active"]
    search_fields = ["code", "name", "legal_basis"]


@admin.register(DisclosurePolicy)
class DisclosurePolicyAdmin(admin.ModelAdmin):
    list_display = ["unit", "days_on_place_page"]
    raw_id_fields = ["unit"]


@admin.register(Violation)
class ViolationAdmin(NoEditAdmin):
    """Decisions, publication and withdrawal go through the checked actions; a withdrawn violation
    stays on record."""

    list_display = ["offender_name", "type", "unit", "status", "decision_date", "fine_amount", "is_official"]
    list_filter = ["status", "type", "is_official", "offender_kind"]
    search_fields = ["offender_name", "decision_number"]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
