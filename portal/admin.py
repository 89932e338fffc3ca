from django.contrib import admin

from .models import ReportCategory


@admin.register(ReportCategory)
class ReportCategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "deadline_days", "position", "is_active")
    list_editable = ("deadline_days", "position", "is_active")
