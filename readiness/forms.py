"""Forms of the readiness pages. They read the input; the rules live in the actions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from accounts.pickers import CHANGE, unit_field
from lib.forms import StyledForm
from territory.models import AdminUnit

from .models import ResourceKind


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
