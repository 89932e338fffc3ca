from django.contrib import admin
from django.http import HttpRequest

from lib.admin import ReadOnlyAdmin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "source", "action", "content_type", "object_repr"]
    list_filter = ["action", "source", "content_type"]
    search_fields = ["actor_name", "object_repr", "object_id"]
    date_hierarchy = "at"

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
