"""Forms of the places pages. They check the shape of the input; the rules live in the actions."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from accounts.pickers import ALL, CHANGE
from lib.forms import StyledForm
from lib.picker import PickField
from territory.models import Scheme
from territory.queries import unit_label

from .actions.registration import EDITABLE_BY_OWNERS, FIELDS, MAX_CAPACITY
from .models import Establishment, EstablishmentType, OperatingStatus
from .places import PLACE_UNIT_LEVELS, registration_units

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


# Where an action's error shows when the form has no field of its name: a place's location at its latitude.
ERRORS_AT = {"location": "latitude"}


class PlaceForm(StyledForm):
    """Everything about a place, for officers (and owners registering a new place)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    type = forms.ModelChoiceField(label=_("Type"), queryset=EstablishmentType.objects.all(), empty_label="—")
    scheme = forms.ChoiceField(label=_("Administrative units"), choices=Scheme.choices, required=False)
    unit = forms.CharField(label=_("Commune or village"))  # a unit picker, made for the user in __init__
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=12,
        decimal_places=8,
        help_text=_("Leave empty to place it at the centre of the commune or village."),
    )
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=12, decimal_places=8)
    capacity = forms.IntegerField(
        label=_("Capacity or headcount (people)"), required=False, min_value=0, max_value=MAX_CAPACITY
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    status = forms.ChoiceField(label=_("Operating status"), choices=OperatingStatus.choices)
    confirm_duplicate = forms.BooleanField(
        label=_("This is a different place: register it anyway"), required=False, widget=forms.CheckboxInput
    )

    def __init__(self, user: AnyUser, *args: Any, place: Establishment | None = None, **kwargs: Any) -> None:
        if place is not None:
            kwargs.setdefault("initial", self.initial_for(place))
        super().__init__(*args, **kwargs)
        self.place = place
        scheme = self.data.get("scheme") or self.initial.get("scheme") or settings.DEFAULT_SCHEME
        if scheme not in Scheme.values:
            scheme = settings.DEFAULT_SCHEME
        self.fields["scheme"].initial = scheme
        if place is not None:
            scheme = place.unit.scheme
            del self.fields["scheme"]
        # The picker searches the units the user may register in, of the scheme chosen above it.
        self.fields["unit"] = PickField(
            registration_units(user, scheme=scheme).select_related("parent"),
            "units:pick",
            params={"scope": CHANGE if jurisdiction.unit_paths(user, jurisdiction.CHANGE_ROLES) else ALL}
            | {"levels": ",".join(PLACE_UNIT_LEVELS), "scheme": scheme},
            label=_("Commune or village"),
            label_from=unit_label,
            help_text=_("Type part of the name (without accents is fine) or the code, then pick."),
        )
        self.fields["unit"].widget.attrs.update({"class": "form-control", "data-picker-include": "scheme"})

    @staticmethod
    def initial_for(place: Establishment) -> dict[str, Any]:
        initial = {field: getattr(place, field) for field in FIELDS if hasattr(place, field)}
        initial.update(type=place.type_id, unit=place.unit.code, scheme=place.unit.scheme)
        if place.location_approximate:
            initial.update(latitude=None, longitude=None)  # an approximate location is not a typed one
        return initial

    def values(self) -> dict[str, Any]:
        """The values for register_place, or for update_place only what was changed."""
        data = {field: self.cleaned_data[field] for field in FIELDS if field in self.cleaned_data}
        data.pop("scheme", None)
        if self.place is None:
            return data
        changed = set(self.changed_data)
        if changed & {"latitude", "longitude"}:
            changed |= {"latitude", "longitude"}
        return {field: value for field, value in data.items() if field in changed}


class OwnerPlaceForm(StyledForm):
    """What an owner may change about their place."""

    address = PlaceForm.base_fields["address"]
    capacity = PlaceForm.base_fields["capacity"]
    contact_name = PlaceForm.base_fields["contact_name"]
    contact_phone = PlaceForm.base_fields["contact_phone"]
    status = PlaceForm.base_fields["status"]

    def __init__(self, *args: Any, place: Establishment, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {field: getattr(place, field) for field in EDITABLE_BY_OWNERS})
        super().__init__(*args, **kwargs)
        self.place = place

    def values(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in self.changed_data if field in EDITABLE_BY_OWNERS}


class PlaceImportForm(StyledForm):
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    scheme = forms.ChoiceField(label=_("Unit codes are in"), choices=Scheme.choices, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scheme"].initial = settings.DEFAULT_SCHEME

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        return upload
