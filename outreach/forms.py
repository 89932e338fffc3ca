from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directives.models import ContentItem, Directive
from lib.forms import RecordsChoiceField, style
from territory.models import AdminUnit, Level, Organisation

from .models import Channel


def _priority_choices() -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for priorities in Channel.objects.exclude(priorities=[]).values_list("priorities", flat=True):
        for p in priorities:
            seen.setdefault(p["code"], p["label"])
    return [("", "—"), *seen.items()]


class ActivityForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Reported for"), queryset=Organisation.objects.none())
    content_item = forms.ModelChoiceField(label=_("Content item"), queryset=ContentItem.objects.none())
    channel = forms.ModelChoiceField(label=_("Channel"), queryset=Channel.objects.filter(is_active=True))
    priority = forms.ChoiceField(label=_("Priority (loudspeaker broadcasts)"), required=False)
    quantity = forms.IntegerField(
        label=_("Quantity"),
        help_text=_("Counted in the channel's unit, shown in brackets after its name."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
    )
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    units = RecordsChoiceField(
        label=_("Villages and communes reached"),
        queryset=AdminUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    title = forms.CharField(label=_("Description"), max_length=300, required=False)
    evidence_url = forms.CharField(label=_("Evidence link"), max_length=500, required=False)
    evidence_file = forms.FileField(label=_("Evidence file (photo, PDF, Word, Excel, audio, video)"), required=False)

    def __init__(
        self, *args: object, directive: Directive, organisations: list[Organisation], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        self.fields["content_item"].queryset = directive.items.all()  # type: ignore[attr-defined]
        self.fields["channel"].queryset = Channel.objects.filter(is_active=True).select_related("measure")  # type: ignore[attr-defined]
        self.fields["channel"].label_from_instance = lambda c: f"{c.name} ({c.measure.name})"  # type: ignore[attr-defined]
        self.fields["priority"].choices = _priority_choices()  # type: ignore[attr-defined]
        self.fields["occurred_on"].initial = timezone.localdate()
        areas = Q()
        for organisation in organisations:
            areas |= Q(path__under=organisation.unit.path)
        units = (
            AdminUnit.objects.filter(areas, level__in=[Level.COMMUNE, Level.VILLAGE])
            if organisations
            else AdminUnit.objects.none()
        )
        self.fields["units"].queryset = units.order_by("path")  # type: ignore[attr-defined]
        self.fields["units"].label_from_instance = lambda u: ("— " if u.level == Level.VILLAGE else "") + u.name  # type: ignore[attr-defined]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
        style(self)


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Reported for"), queryset=Organisation.objects.none())
    file = forms.FileField(label=_("XLSX or CSV file"))
    dry_run = forms.BooleanField(label=_("Only check the file"), required=False)
    skip_bad_rows = forms.BooleanField(label=_("Import the good rows even if some are bad"), required=False)

    def __init__(self, *args: object, organisations: list[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
        style(self)


class PeriodForm(forms.Form):
    unit = forms.CharField(label=_("Unit code"), max_length=20, required=False)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        style(self)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data
