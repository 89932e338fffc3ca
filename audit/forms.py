"""The audit trail's filter: who (picked among the users), what kind of record (a list), which."""

from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lib.forms import StyledForm
from lib.picker import PickerInput, code_of


def record_types() -> list[tuple[str, Any]]:
    """Every kind of record people change, by its name in the page's language (tables the system
    keeps for itself, counts and reminders, have no name of their own and are left out)."""
    types = [
        (f"{model._meta.app_label}.{model._meta.model_name}", str(model._meta.verbose_name).capitalize())
        for app in settings.AUDITED_APPS
        for model in apps.get_app_config(app).get_models()
        if "verbose_name" in model._meta.original_attrs
    ]
    return [("", _("Every kind of record")), *sorted(types, key=lambda choice: choice[1])]


class EntriesFilter(StyledForm):
    user = forms.CharField(
        label=_("By"),
        required=False,
        max_length=150,
        widget=PickerInput("audit:actor_pick"),
        help_text=_("A name or username: pick from the list."),
    )
    type = forms.ChoiceField(label=_("Kind of record"), required=False)
    id = forms.CharField(
        label=_("Record number"), required=False, max_length=64, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = record_types()  # type: ignore[attr-defined]

    def clean_user(self) -> str:
        return code_of(self.cleaned_data["user"])
