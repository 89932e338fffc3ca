from django.contrib import admin
from django.http import HttpRequest

from lib.admin import NoEditAdmin

from .models import ContentItem, CopyRecipient, Delivery, Directive, IncomingDocument, NumberCounter


@admin.register(IncomingDocument)
class IncomingDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "issued_on", "issuer", "subject", "organisation"]
    search_fields = ["number", "subject"]
    raw_id_fields = ["organisation"]


class ContentItemInline(admin.TabularInline):
    model = ContentItem
    extra = 0


class CopyRecipientInline(admin.TabularInline):
    model = CopyRecipient
    extra = 0


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ["reference", "issued_on", "issuer", "subject", "status", "is_public"]
    list_filter = ["status", "is_public"]
    search_fields = ["subject", "symbol"]
    raw_id_fields = ["issuer", "corrects", "recipient_organisations", "implements"]
    inlines = [ContentItemInline, CopyRecipientInline]

    def has_change_permission(self, request: HttpRequest, obj: Directive | None = None) -> bool:
        # An issued directive is the record of what was sent; corrections are new documents.
        return super().has_change_permission(request, obj) and not (obj and obj.is_issued)

    def has_delete_permission(self, request: HttpRequest, obj: Directive | None = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.is_issued)


@admin.register(Delivery)
class DeliveryAdmin(NoEditAdmin):
    list_display = ["directive", "organisation", "delivered_at", "opened_at", "acknowledged_at", "last_reported_at"]
    raw_id_fields = ["directive", "organisation", "acknowledged_by"]


@admin.register(NumberCounter)
class NumberCounterAdmin(admin.ModelAdmin):
    list_display = ["issuer", "year", "last_number"]
    raw_id_fields = ["issuer"]
