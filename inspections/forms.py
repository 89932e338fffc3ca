"""Forms of the inspection pages. They read and type the input; the rules live in actions."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import jurisdiction
from accounts.jurisdiction import AnyUser
from lib.forms import StyledForm, date_field
from territory.models import LEVEL_ORDER, AdminUnit, Level

from .actions import CAMPAIGN_LEVELS
from .models import Checklist, InspectionStatus, Outcome

_SEPARATORS = re.compile(r"[\s,;]+")


def codes(text: str) -> list[str]:
    return [code for code in _SEPARATORS.split(text or "") if code]


def unit_choices(units: list[AdminUnit]) -> list[tuple[str, str]]:
    return [(str(unit.pk), f"{unit.name} ({unit.get_level_display().lower()})") for unit in units]


def target_candidates(user: AnyUser) -> list[AdminUnit]:
    """Units one and two levels below each unit of the user's jurisdiction, to tick in a plan."""
    found: dict[int, AdminUnit] = {}
    for top in jurisdiction.scope_units(user):
        depth = LEVEL_ORDER.index(Level(top.level))
        levels = [str(level) for level in LEVEL_ORDER[depth + 1 : depth + 3]]
        if not levels:
            continue
        below = AdminUnit.objects.filter(path__under=top.path, level__in=levels).order_by("path")
        for unit in below[:2000]:
            found[unit.pk] = unit
    return sorted(found.values(), key=lambda unit: unit.path)


class PlanForm(StyledForm):
    unit = forms.ChoiceField(label=_("Inspecting unit"))
    title = forms.CharField(label=_("Title"), max_length=300)
    period_start = date_field(_("From"))
    period_end = date_field(_("To"))
    team = forms.CharField(label=_("Team"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    checklist = forms.ModelChoiceField(
        label=_("Checklist for units"),
        queryset=Checklist.objects.filter(is_active=True),
        required=False,
        empty_label=_("The checklist of each unit's level"),
        to_field_name="code",
    )
    target_units = forms.MultipleChoiceField(
        label=_("Units to inspect"), required=False, widget=forms.CheckboxSelectMultiple
    )
    more_units = forms.CharField(
        label=_("Other units (codes)"),
        required=False,
        help_text=_("Codes of units further below, separated by spaces or commas."),
    )
    places = forms.CharField(
        label=_("Places (public codes)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The code printed on each place's QR poster, separated by spaces or commas."),
    )

    def __init__(self, user: AnyUser, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices(jurisdiction.scope_units(user))  # type: ignore[attr-defined]
        self.fields["target_units"].choices = unit_choices(target_candidates(user))  # type: ignore[attr-defined]


class FilterForm(StyledForm):
    unit = forms.CharField(label=_("Unit code"), required=False, max_length=20)
    period = forms.CharField(label=_("Period"), required=False, max_length=40, help_text=_("e.g. 2021-05, 2021-Q2"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *InspectionStatus.choices])
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", _("All")), *Outcome.choices])
    flagged = forms.BooleanField(label=_("Large gap only"), required=False)


class RecordForm(StyledForm):
    inspected_on = date_field(_("Inspected on"))
    inspectors = forms.CharField(
        label=_("Inspectors"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    findings = forms.CharField(
        label=_("Findings"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    fix_by = date_field(_("Fixes due by"), required=False)
    follow_up = forms.CharField(
        label=_("Follow-up"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class FileForm(StyledForm):
    file = forms.FileField(label=_("Photo or PDF (at most 5 MB)"))


class CampaignForm(StyledForm):
    unit = forms.ChoiceField(label=_("Commune or district"))
    title = forms.CharField(label=_("Title"), max_length=300)
    target_group = forms.CharField(
        label=_("Target group"), max_length=300, help_text=_("e.g. people back from an outbreak area")
    )
    period_start = date_field(_("From"))
    period_end = date_field(_("To"))

    def __init__(self, user: AnyUser, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = jurisdiction.filter_by_unit(
            user,
            AdminUnit.objects.filter(level__in=[str(level) for level in CAMPAIGN_LEVELS]),
            field="",
            roles=jurisdiction.CHANGE_ROLES,
        ).order_by("path")[:2000]
        self.fields["unit"].choices = unit_choices(list(units))  # type: ignore[attr-defined]


class ScreeningDayForm(StyledForm):
    village = forms.ChoiceField(label=_("Village"))
    day = date_field(_("Day"))
    households = forms.IntegerField(label=_("Households in the village"), min_value=0)
    households_visited = forms.IntegerField(label=_("Households visited"), min_value=0)
    people_screened = forms.IntegerField(label=_("People screened"), min_value=0)
    people_referred = forms.IntegerField(label=_("People referred for testing or follow-up"), min_value=0)

    def __init__(self, villages: list[AdminUnit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = [(str(v.pk), f"{v.name} — {v.parent}") for v in villages]  # type: ignore[attr-defined]
