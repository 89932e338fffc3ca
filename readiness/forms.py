"""Forms of the readiness pages. They read the input; the rules live in the actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from accounts.pickers import CHANGE, unit_field
from lib.forms import StyledForm, date_field
from territory.models import AdminUnit

from .models import ResourceKind, Scenario


class LendForm(StyledForm):
    """What a unit pledges to lend one of the units below it: the unit, picked, a kind, a quantity."""

    unit = forms.CharField(label=_("Lent to"))  # a unit picker below the lender, made in __init__
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=ResourceKind.objects.filter(is_active=True), to_field_name="code", empty_label=None
    )
    quantity = forms.CharField(
        label=_("Quantity"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )

    def __init__(self, user: AnyUser, lender: AdminUnit, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(
            _("Lent to"),
            user,
            scope=CHANGE,
            under=lender,
            help_text=_("A unit below this one: type part of its name or its code, then pick."),
        )


class PledgeForm(StyledForm):
    """What a level above pledges to this unit: who pledges (a unit of the user's above it), a
    kind, a quantity."""

    by_unit = forms.ModelChoiceField(label=_("Pledged by"), queryset=AdminUnit.objects.none(), empty_label=None)
    kind = forms.ModelChoiceField(
        label=_("Kind"), queryset=ResourceKind.objects.filter(is_active=True), to_field_name="code", empty_label=None
    )
    quantity = forms.CharField(
        label=_("Quantity"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )

    def __init__(self, pledgers: list[AdminUnit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        by_unit = self.fields["by_unit"]
        assert isinstance(by_unit, forms.ModelChoiceField)
        by_unit.queryset = AdminUnit.objects.filter(pk__in=[u.pk for u in pledgers]).order_by("path")


class DrillForm(StyledForm):
    """A drill the unit held: the day, the scenario drilled, how many took part, what it found."""

    held_on = date_field(_("Held on"))
    scenario = forms.ModelChoiceField(
        label=_("Scenario"), queryset=Scenario.objects.all(), to_field_name="code", empty_label=None
    )
    participants = forms.CharField(
        label=_("Participants"), max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    findings = forms.CharField(label=_("Findings"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_participants(self) -> str:
        return str(self.cleaned_data["participants"]).strip() or "0"  # left empty: nobody counted
