"""Forms of the events pages. They read the input; the rules live in the actions."""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import AnyUser
from lib.forms import StyledForm, date_field
from safety.pickers import place_field
from territory.models import AdminUnit

from . import queries
from .models import DayStatus, Decision, Event, EventKind, Site


class EventForm(StyledForm):
    """A new exam or election: its name and kind, the unit of the user's that organises it, its
    days, and how many days before them its sites' plans must be approved."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    unit = forms.ModelChoiceField(label=_("Organised by"), queryset=AdminUnit.objects.none(), empty_label=None)
    starts_on = date_field(_("First day"))
    ends_on = date_field(_("Last day"))
    plans_due_days = forms.IntegerField(
        label=_("Plans approved this many days before"), initial=7, min_value=0, max_value=90
    )

    def __init__(self, units: list[AdminUnit], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = AdminUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        self.fields["plans_due_days"].widget.attrs["inputmode"] = "numeric"


class SiteForm(StyledForm):
    """A site of the event: a polling station or school of its area, picked, and the site's name."""

    place = forms.CharField(label=_("Place"))  # a place picker, made for the user and the event
    name = forms.CharField(label=_("Name of the site"), max_length=200, required=False)

    def __init__(self, user: AnyUser, event: Event, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"] = place_field(
            _("Place"),
            user,
            places=queries.site_places(user, event),
            url=reverse("events:site_place_pick", args=[event.pk]),
            help_text=_("A polling station or school of the event's area: type part of its name, then pick."),
        )
        self.fields["name"].widget.attrs["placeholder"] = _("e.g. Khu vực bỏ phiếu số 3")


class PlanForm(StyledForm):
    """A site's safety plan: each line of its event's checklist, ticked or counted, and notes.
    A line's field is named by its code, as the action names its errors; it starts from the
    plan already sent, and shows read-only to who may not change it."""

    def __init__(self, *args: Any, site: Site, read_only: bool = False, **kwargs: Any) -> None:
        plan = getattr(site, "plan", None)
        answers = plan.answers if plan is not None else {}
        kwargs.setdefault("prefix", "plan")
        kwargs.setdefault("initial", {**answers, "notes": plan.notes if plan is not None else ""})
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for item in queries.checklist(site.event):
            if item.counts:
                fields[item.code] = forms.CharField(
                    label=item.text,
                    required=False,
                    max_length=12,
                    widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                )
            else:
                fields[item.code] = forms.BooleanField(label=item.text, required=False)
        fields["notes"] = forms.CharField(
            label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.fields = fields
        self.style()
        for field in fields.values():
            field.disabled = read_only


class SiteStepForm(StyledForm):
    """A small form of a site's page, laid out on one line: each field says what it is in its
    box (a placeholder, read out as its name) rather than in a label above it."""

    def __init__(self, *args: Any, site: Site | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select form-select-sm" if select else "form-control form-control-sm"
            field.widget.attrs["aria-label"] = str(field.label)
            if not select:
                field.widget.attrs["placeholder"] = str(field.label)


class StatusForm(SiteStepForm):
    """The status a site reports on the day; the action checks the numbers and the incident."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[(v, label) for v, label in DayStatus.choices if v != DayStatus.NOT_REPORTED]
    )
    present = forms.CharField(label=_("Present"), required=False, max_length=12)
    mobile_served = forms.CharField(label=_("Mobile box"), required=False, max_length=12)
    incident = forms.CharField(label=_("Incident: what happened (no names)"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("present", "mobile_served"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"


class DecisionForm(SiteStepForm):
    """The level above decides for a site in a very-high-risk area, with its reason."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[(v, label) for v, label in Decision.choices if v])
    note = forms.CharField(label=_("Reason"), required=False, max_length=300)


class ReviewForm(SiteStepForm):
    """The level above approves a site's plan or returns it with a note (the button says which)."""

    verdict = forms.ChoiceField(label=_("Verdict"), choices=[("approve", _("Approve")), ("return", _("Return"))])
    note = forms.CharField(label=_("Note (required to return)"), required=False, max_length=300)
