"""What the provincial administrator edits: kinds, units of measure, scenarios with their needs,
and the reporting cycle. Gaps follow with `recompute_gaps` after a change of needs."""

from django.contrib import admin

from .models import MeasureUnit, Need, ReportingCycle, ResourceKind, Scenario


@admin.register(MeasureUnit)
class MeasureUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(ResourceKind)
class ResourceKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "measure", "tracks_use", "position", "is_active"]
    list_filter = ["group"]
    list_editable = ["position", "is_active"]


class NeedInline(admin.TabularInline):
    model = Need
    extra = 0


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "min_cases", "max_cases", "planning_cases", "position"]
    inlines = [NeedInline]


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    list_display = ["province", "starts_on", "length_days", "due_days"]
    raw_id_fields = ["province"]
