from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lib.admin import NoEditAdmin

from . import clusters
from .actions.criteria import FIELDS, check_criteria_set, create_criteria_set, revise_criteria_set
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

    # The admin writes places directly, so it keeps the map's counts as the actions do.
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            before = clusters.stored(obj.pk) if change else None
            super().save_model(request, obj, form, change)
            clusters.move(before, clusters.presence(obj))

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            before = clusters.stored(obj.pk)
            super().delete_model(request, obj)
            clusters.move(before, None)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            clusters.rebuild()


@admin.register(Assessment)
class AssessmentAdmin(NoEditAdmin):
    """An assessment is a record of what was declared; it is never edited."""

    list_display = ["establishment", "criteria_set", "band_label", "state", "submitted_at", "valid_until"]
    list_filter = ["state", "criteria_set__code"]
    raw_id_fields = ["establishment", "submitted_by"]


class CriteriaSetForm(forms.ModelForm):
    """Checks a change as the versioning action will, so a bad definition is a form error."""

    class Meta:
        model = CriteriaSet
        fields = ["code", "title", "legal_basis", "status", "status_note", "validity_days", "definition"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        fields = {name: cleaned.get(name) for name in FIELDS}
        fields["status_note"] = fields["status_note"] or ""
        try:
            check_criteria_set(fields, cleaned.get("definition"))
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                self.add_error(None if name == "__all__" else name, messages)
        if not self.instance.pk and CriteriaSet.objects.filter(code=cleaned.get("code")).exists():
            self.add_error("code", _("A criteria set with this code exists: edit it to make a new version."))
        return cleaned


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    """Saving never overwrites a version: it makes the next one, current (revise_criteria_set)."""

    form = CriteriaSetForm
    list_display = ["code", "version", "title", "status", "is_current", "validity_days"]
    list_filter = ["status", "is_current"]
    search_fields = ["code", "title", "legal_basis"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        always = ["version", "is_current", "created_at", "created_by"]
        return ["code", *always] if obj is not None else always

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # versions are the record of what places were assessed against

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        fields = {name: form.cleaned_data[name] for name in FIELDS}
        fields["status_note"] = fields["status_note"] or ""
        definition = form.cleaned_data["definition"]
        if change:
            original = CriteriaSet.objects.get(pk=obj.pk)
            saved = revise_criteria_set(original, by=request.user, definition=definition, **fields)
        else:
            saved = create_criteria_set(obj.code, definition, by=request.user, **fields)
        # The admin's messages and redirect then speak of the version just made.
        obj.pk = saved.pk
        obj.refresh_from_db()


@admin.register(SafetyPolicy)
class SafetyPolicyAdmin(admin.ModelAdmin):
    list_display = ["unit", "accept_owner_registrations", "remind_days_before"]
    raw_id_fields = ["unit"]
