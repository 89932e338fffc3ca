"""Admin pages for records people change only through an app's pages and actions, which check
jurisdiction, keep the rules and audit: the administrator reads them in the admin, never edits."""

from django.contrib import admin
from django.http import HttpRequest


class NoEditAdmin(admin.ModelAdmin):
    """The admin shows the records and never changes one."""

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ReadOnlyAdmin(NoEditAdmin):
    """The admin shows the records, and neither adds nor changes one."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
