"""Forms of the zones pages. They only read input; the rules live in the actions."""

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from accounts.pickers import ALL, unit_field, units_field
from lib import forms as forms_lib
from lib.forms import RecordsChoiceField, StyledForm, Submitted
from territory.models import AdminUnit, Level

from .actions import Conflict
from .actions.zones import LEVEL_PREFIX
from .models import DistancingMeasure, GoodsType, LevelFramework

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_UPLOAD = 5 * 1024 * 1024
ROUTE_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
INDENT = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2, Level.VILLAGE: 3}


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AdminUnit) -> str:
        return "\u00a0\u00a0" * INDENT[Level(obj.level)] + f"{obj.name} ({obj.code})"


class UnitsChoiceField(RecordsChoiceField):
    def label_from_instance(self, obj: AdminUnit) -> str:
        return "\u00a0\u00a0" * INDENT[Level(obj.level)] + f"{obj.name} ({obj.code})"


T = TypeVar("T")


def submit(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], T],
    done: str | Callable[[T], str] = "",
    conflict_field: str | None = None,
) -> Submitted[T]:
    """The post of a zones page (`lib.forms.submit`): a form or an action that refuses is 422,
    with the action's errors at their fields and the rest on top; a conflict is 409, at
    `conflict_field` (else on top)."""
    return forms_lib.submit(
        request,
        form,
        action,
        done,
        invalid=422,
        name_unknown=False,
        refused={Conflict: 409},
        refused_field=conflict_field,
    )


class CaseForm(StyledForm):
    unit = UnitChoiceField(label=_("Commune or village"), queryset=AdminUnit.objects.none())
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    cases = forms.IntegerField(label=_("Confirmed cases"))
    untraced_cases = forms.IntegerField(label=_("Of which source not traced"), initial=0)
    linked_cases = forms.IntegerField(
        label=_("Of which linked to an industrial zone, school or large supermarket"), initial=0
    )

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ImportForm(StyledForm):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))
    skip_bad_rows = forms.BooleanField(label=_("If some rows are bad, import the good rows anyway"), required=False)
    dry_run = forms.BooleanField(label=_("Only check the file, import nothing"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Only .csv and .xlsx files can be imported."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class PopulationForm(StyledForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=AdminUnit.objects.none())
    population = forms.IntegerField(label=_("Population"))

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class OverrideForm(StyledForm):
    level = forms.ChoiceField(label=_("Level"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args: Any, framework: LevelFramework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [(level.code, level.name) for level in framework.levels.order_by("rank")]  # type: ignore[attr-defined]


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class NoteForm(StyledForm):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False)


class FrameworkForm(StyledForm):
    framework = forms.ModelChoiceField(
        label=_("Framework"), queryset=LevelFramework.objects.order_by("position"), to_field_name="code"
    )


def measure_choices(framework: LevelFramework | None) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [(m.code, m.name) for m in DistancingMeasure.objects.order_by("position", "code")]
    if framework is not None:
        levels = [(f"{LEVEL_PREFIX}{level.code}", level.name) for level in framework.levels.order_by("rank")]
        return [(str(_("Distancing measures")), choices), (framework.name, levels)]
    return choices


class ZoneForm(StyledForm):
    units = UnitsChoiceField(
        label=_("Units covered"),
        queryset=AdminUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Villages first: keep the zone as narrow as possible."),
    )
    measure = forms.ChoiceField(label=_("Measure applied"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE_INPUT)
    signer_name = forms.CharField(label=_("Signed by"), max_length=120)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME_INPUT)
    planned_end = forms.DateTimeField(label=_("Planned end"), widget=DATETIME_INPUT)
    reason = forms.CharField(
        label=_("Reason (the cases that triggered it)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    triggering_cases = forms.IntegerField(label=_("Number of cases that triggered it"), initial=0, min_value=0)
    scope_justification = forms.CharField(
        label=_("Why not narrower"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )

    def __init__(self, *args: Any, units: QuerySet[AdminUnit], framework: LevelFramework | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["measure"].choices = measure_choices(framework)  # type: ignore[attr-defined]


class LiftForm(StyledForm):
    at = forms.DateTimeField(label=_("Lifted from"), widget=DATETIME_INPUT, required=False)
    decision_number = forms.CharField(label=_("Lifting decision"), max_length=60, required=False)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )


class PermitForm(StyledForm):
    operator_name = forms.CharField(label=_("Transport operator"), max_length=200)
    operator_phone = forms.CharField(label=_("Operator's phone"), max_length=20)
    plate = forms.CharField(label=_("Number plate"), max_length=20, help_text=_("e.g. 48C-123.45"))
    vehicle_kind = forms.CharField(label=_("Vehicle"), max_length=100, required=False)
    driver_name = forms.CharField(label=_("Driver"), max_length=120)
    driver_phone = forms.CharField(label=_("Driver's phone"), max_length=20, required=False)
    goods_type = forms.ModelChoiceField(
        label=_("Goods"), queryset=GoodsType.objects.order_by("position"), to_field_name="code"
    )
    goods_detail = forms.CharField(label=_("Goods in detail"), max_length=200, required=False)
    # The route: unit pickers over every commune, district and province of the scheme (a lorry
    # leaves the jurisdiction), made for the user in __init__.
    origin = forms.CharField(label=_("From (origin)"))
    waypoints = forms.CharField(label=_("Through"), required=False)
    destination = forms.CharField(label=_("To (destination)"))
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE_INPUT)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE_INPUT)

    def __init__(self, user: AnyUser, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = ROUTE_LEVELS
        self.fields["origin"] = unit_field(_("From (origin)"), user, scope=ALL, levels=levels)
        self.fields["waypoints"] = units_field(
            _("Through"),
            user,
            scope=ALL,
            levels=levels,
            required=False,
            help_text=_("In order. Without the list, type the codes separated by commas."),
        )
        self.fields["destination"] = unit_field(_("To (destination)"), user, scope=ALL, levels=levels)
