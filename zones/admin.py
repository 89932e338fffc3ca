"""The provincial administrator edits frameworks, levels, measures and types of goods here.
Records people make (case counts, zones, permits) are changed through the app's pages, which
check jurisdiction and keep the rules; here they are read only."""

from django.contrib import admin

from lib.admin import ReadOnlyAdmin

from .models import (
    CaseCount,
    DistancingMeasure,
    DistancingZone,
    GoodsPermit,
    GoodsType,
    LevelChange,
    LevelFramework,
    ProvinceLevels,
    RiskLevel,
    UnitLevel,
)


class RiskLevelInline(admin.TabularInline):
    model = RiskLevel
    extra = 0
    fields = ["rank", "code", "name", "name_en", "colour", "text_colour", "strictness", "measures"]


@admin.register(LevelFramework)
class LevelFrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "status", "window_days", "is_default"]
    list_filter = ["status"]
    inlines = [RiskLevelInline]


@admin.register(DistancingMeasure)
class DistancingMeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "strictness", "legal_basis", "position"]
    list_editable = ["strictness", "position"]


@admin.register(GoodsType)
class GoodsTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]
    list_editable = ["position"]


@admin.register(ProvinceLevels)
class ProvinceLevelsAdmin(admin.ModelAdmin):
    list_display = ["province", "framework", "last_as_of", "last_run_at", "last_duration_ms"]
    raw_id_fields = ["province"]


@admin.register(UnitLevel)
class UnitLevelAdmin(ReadOnlyAdmin):
    list_display = ["unit", "level", "computed_level", "override_level", "since"]
    list_filter = ["framework", "level"]
    search_fields = ["unit__search_name", "unit__code"]


@admin.register(LevelChange)
class LevelChangeAdmin(ReadOnlyAdmin):
    list_display = ["unit", "date", "level", "computed_level", "source", "by"]
    list_filter = ["source", "framework"]
    search_fields = ["unit__search_name", "unit__code"]


@admin.register(CaseCount)
class CaseCountAdmin(ReadOnlyAdmin):
    list_display = ["unit", "date", "cases", "untraced_cases", "linked_cases", "recorded_by"]
    date_hierarchy = "date"
    search_fields = ["unit__search_name", "unit__code"]


@admin.register(DistancingZone)
class DistancingZoneAdmin(ReadOnlyAdmin):
    list_display = ["name", "measure", "level", "starts_at", "planned_end", "ended_at", "is_wide"]
    list_filter = ["measure", "end_reason", "is_wide"]


@admin.register(GoodsPermit)
class GoodsPermitAdmin(ReadOnlyAdmin):
    list_display = ["number", "plate", "operator_name", "status", "valid_from", "valid_until"]
    list_filter = ["status", "goods_type"]
    search_fields = ["number", "plate", "operator_name"]
