from django.contrib import admin

from .models import AdminUnit, Organisation, RecipientGroup, UnitSuccession


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "scheme", "population", "is_demo"]
    list_filter = ["scheme", "level", "is_demo"]
    search_fields = ["code", "search_name", "name"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path"]


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "is_main"]
    raw_id_fields = ["predecessor", "successor"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "search_name", "code"]
    raw_id_fields = ["unit"]


@admin.register(RecipientGroup)
class RecipientGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "position"]
    filter_horizontal = ["members"]
    raw_id_fields = ["unit"]
