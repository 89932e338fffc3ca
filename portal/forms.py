from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from accounts.pickers import ALL, unit_field
from directives.access import organisation_label
from lib.forms import StyledForm
from lib.picker import PickField
from safety.models import EstablishmentType
from territory.models import AdminUnit, Level, Organisation

from .locating import portal_province
from .models import PUBLISHED_STATUSES, ReportStatus
from .queries import active_categories

CONTROL = {"class": "form-control"}
SELECT = {"class": "form-select"}


def commune_choices() -> list[tuple[str, Any]]:
    """The province's communes grouped by district, for a page that works without JavaScript."""
    province = portal_province()
    if province is None:
        return []
    units = AdminUnit.objects.filter(path__under=province.path, level__in=[Level.DISTRICT, Level.COMMUNE])
    groups: list[tuple[str, Any]] = [("", _("— choose —"))]
    current: list[tuple[str, str]] = []
    for unit in units.order_by("path").only("code", "name", "level", "path"):
        if unit.level != Level.COMMUNE:
            current = []
            groups.append((unit.name, current))
        else:
            current.append((unit.code, unit.name))
    return groups


# Where a report's error shows when the form has no field of its name: the location at the unit,
# the photos at the first photo.
ERRORS_AT = {"location": "unit", "photos": "photo1"}


class ReportForm(forms.Form):
    category = forms.ChoiceField(label=_("What is it about?"), widget=forms.Select(attrs=SELECT))
    text = forms.CharField(
        label=_("What happened"),
        required=False,
        widget=forms.Textarea(attrs={**CONTROL, "rows": 5, "maxlength": 4000}),
        help_text=_("Where, when, what you saw. Do not write phone numbers or names of persons."),
    )
    unit = forms.ChoiceField(label=_("Commune"), required=False, widget=forms.Select(attrs=SELECT))
    lat = forms.CharField(
        label=_("Latitude"), required=False, widget=forms.TextInput(attrs={**CONTROL, "inputmode": "decimal"})
    )
    lon = forms.CharField(
        label=_("Longitude"), required=False, widget=forms.TextInput(attrs={**CONTROL, "inputmode": "decimal"})
    )
    place = forms.CharField(label=_("Place code"), required=False, max_length=12, widget=forms.TextInput(attrs=CONTROL))
    photo1 = forms.FileField(
        label=_("Photo 1"), required=False, widget=forms.ClearableFileInput(attrs={**CONTROL, "accept": "image/*"})
    )
    photo2 = forms.FileField(
        label=_("Photo 2"), required=False, widget=forms.ClearableFileInput(attrs={**CONTROL, "accept": "image/*"})
    )
    photo3 = forms.FileField(
        label=_("Photo 3"), required=False, widget=forms.ClearableFileInput(attrs={**CONTROL, "accept": "image/*"})
    )
    contact_name = forms.CharField(
        label=_("Your name (optional, never published)"), required=False, widget=forms.TextInput(attrs=CONTROL)
    )
    contact_phone = forms.CharField(
        label=_("Your phone (optional, never published)"),
        required=False,
        widget=forms.TextInput(attrs={**CONTROL, "inputmode": "tel", "autocomplete": "tel"}),
    )
    # Hidden from people by CSS; robots fill it in.
    website = forms.CharField(
        label=_("Leave empty"), required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )

    PHOTOS = ("photo1", "photo2", "photo3")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("— choose —"))] + [(c.code, c.label) for c in active_categories()]  # type: ignore[attr-defined]
        self.fields["category"].required = False
        self.fields["unit"].choices = commune_choices()  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {k: v for k, v in data.items() if k not in self.PHOTOS and v not in (None, "")}

    def uploads(self) -> list[Any]:
        return [self.cleaned_data.get(name) for name in self.PHOTOS if self.cleaned_data.get(name)]


PUBLIC_STATUS_CHOICES = [("", _("All"))] + [(s.value, s.label) for s in ReportStatus if s in PUBLISHED_STATUSES]


class PublicFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False, widget=forms.Select(attrs=SELECT))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=PUBLIC_STATUS_CHOICES, widget=forms.Select(attrs=SELECT)
    )
    unit = forms.ChoiceField(label=_("Commune"), required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All"))] + [(c.code, c.label) for c in active_categories()]  # type: ignore[attr-defined]
        choices = commune_choices()
        self.fields["unit"].choices = [("", _("All")), *choices[1:]]  # type: ignore[attr-defined]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *list(ReportStatus.choices)],
        widget=forms.Select(attrs=SELECT),
    )
    category = forms.ChoiceField(label=_("Category"), required=False, widget=forms.Select(attrs=SELECT))
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    escalated = forms.BooleanField(label=_("Escalated to me"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All"))] + [(c.code, c.label) for c in active_categories()]  # type: ignore[attr-defined]


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=12,
        widget=forms.TextInput(attrs={**CONTROL, "autocapitalize": "characters"}),
    )


class WhereForm(forms.Form):
    q = forms.CharField(
        label=_("Address, village, commune or place"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={**CONTROL, "type": "search", "placeholder": _("e.g. Duc Manh, cho Dak Mil")}),
    )
    unit = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    lat = forms.DecimalField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.DecimalField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    type = forms.ChoiceField(label=_("Nearest safe places of type"), required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = EstablishmentType.objects.order_by("position", "name")
        self.fields["type"].choices = [("", _("any type"))] + [(t.code, t.name) for t in types]  # type: ignore[attr-defined]


class TransferForm(StyledForm):
    """Where an officer sends a report: a commune or district of the province, or an agency
    outside the system, each picked by name; the action says which one is wanted."""

    unit = forms.CharField(label=_("To a commune or district"), required=False)  # a unit picker, made in __init__
    organisation = forms.CharField(label=_("or to an agency"), required=False)  # an agency picker, likewise
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, user: AnyUser, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province = portal_province()
        self.fields["unit"] = unit_field(
            _("To a commune or district"),
            user,
            scope=ALL,
            levels=[Level.DISTRICT, Level.COMMUNE],
            under=province,
            required=False,
        )
        agencies = (
            Organisation.objects.filter(unit__path__under=province.path) if province else Organisation.objects.none()
        )
        self.fields["organisation"] = PickField(
            agencies,
            "directives:recipient_pick",
            params={"single": "1"},
            label_from=organisation_label,
            label=_("or to an agency"),
            required=False,
            help_text=_("Type part of its name, then pick."),
        )
