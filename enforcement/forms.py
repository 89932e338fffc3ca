"""Forms of the enforcement pages. They read and type the input; the rules live in actions."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from accounts.pickers import ALL, unit_field
from lib.forms import StyledForm, date_field
from safety.pickers import place_field

from .models import OffenderKind, ViolationStatus, ViolationType

_MONEY = re.compile(r"^\d{1,3}([.,\s]\d{3})*$|^\d+$")


class MoneyField(forms.CharField):
    """An amount in đồng, written "15000000" or "15.000.000"."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(value or "").strip().removesuffix("đ").removesuffix("đồng").strip()
        if not text:
            return None
        if not _MONEY.match(text):
            raise ValidationError(_("Write the amount in đồng with digits only, e.g. 15.000.000."))
        return int(re.sub(r"\D", "", text))


class ViolationForm(StyledForm):
    offender_kind = forms.ChoiceField(label=_("Who"), choices=OffenderKind.choices, widget=forms.RadioSelect)
    establishment = forms.CharField(label=_("Place"), required=False)  # a place picker, made for the user
    offender_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Of the business or person; a place's own name by default."),
    )
    is_official = forms.BooleanField(label=_("A state official (cán bộ, công chức, viên chức)"), required=False)
    position = forms.CharField(label=_("Position"), required=False, max_length=200)
    agency = forms.CharField(label=_("Agency"), required=False, max_length=200)
    type = forms.ModelChoiceField(
        label=_("Violation type"), queryset=ViolationType.objects.filter(is_active=True), to_field_name="code"
    )
    act = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published as written: no ID numbers, home addresses or phone numbers."),
    )
    unit = forms.CharField(label=_("Where it happened"), required=False)  # a unit picker, made for the user
    occurred_on = date_field(_("When"))
    inspection = forms.IntegerField(label=_("Found in inspection number"), required=False, min_value=1)

    def __init__(self, user: AnyUser, *args: Any, scheme: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["establishment"] = place_field(
            _("Place"),
            user,
            required=False,
            help_text=_("For a registered place only: part of its name or address, or the code on its poster."),
        )
        self.fields["unit"] = unit_field(_("Where it happened"), user, scheme=scheme, required=False)


class DecideForm(StyledForm):
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = date_field(_("Decision date"))
    decision_authority = forms.CharField(label=_("Decided by"), required=False, max_length=200)
    fine_amount = MoneyField(label=_("Fine (đồng)"), required=False)
    fine_reason = forms.CharField(
        label=_("Why no fine, or another measure"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason for withdrawal"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvidenceForm(StyledForm):
    file = forms.FileField(label=_("Photo or PDF (at most 5 MB)"))


class FilterForm(StyledForm):
    unit = forms.CharField(label=_("Area"), required=False)  # a unit picker, made for the user
    type = forms.CharField(label=_("Type"), required=False, max_length=60, widget=forms.Select)
    period = forms.CharField(
        label=_("Period"), required=False, max_length=40, help_text=_("e.g. 2021, 2021-Q2, 2021-05")
    )

    scope = ALL  # published violations of anywhere

    def __init__(self, user: AnyUser, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(_("Area"), user, scope=self.scope, required=False, help_text="")
        types = [("", _("All types")), *ViolationType.objects.values_list("code", "name")]
        self.fields["type"].widget.choices = types  # type: ignore[attr-defined]


class OfficerFilterForm(FilterForm):
    scope = ""  # the user's jurisdiction
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ViolationStatus.choices])


class ReportForm(StyledForm):
    unit = forms.CharField(label=_("Unit"), required=False)  # a unit picker, made for the user
    period = forms.CharField(
        label=_("Period"), required=False, max_length=40, help_text=_("e.g. 2021, 2021-Q2, 2021-05")
    )

    def __init__(self, user: AnyUser, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(_("Unit"), user, required=False, help_text="")
