"""Exams and elections held safely: an event, its sites (polling areas, exam sites) each at a
place, a safety plan per site from a checklist that is data per kind of event, approval by the
level above, the status each site reports on the day, and incidents with their response."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.records import list_position, person, stamp
from safety.models import Establishment
from territory.models import AdminUnit
from territory.scoped import UnitPathField


class EventKind(models.TextChoices):
    ELECTION = "election", _("Election")
    EXAM = "exam", _("Exam")


# The type of place each kind of event is held at (establishment types of the safety app).
PLACE_TYPES = {EventKind.ELECTION: "polling_station", EventKind.EXAM: "school"}


class ChecklistItem(models.Model):
    """One line of the safety plan of a kind of event; `counts` asks for a number (voters in
    quarantine served by the mobile ballot box, candidates from high-risk areas)."""

    event_kind = models.CharField(_("kind of event"), max_length=10, choices=EventKind.choices)
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("text"), max_length=300)
    counts = models.BooleanField(_("asks for a number"), default=False)
    position = list_position()

    class Meta:
        verbose_name = _("plan checklist item")
        verbose_name_plural = _("plan checklist items")
        ordering = ["event_kind", "position"]
        constraints = [models.UniqueConstraint(fields=["event_kind", "code"], name="checklist_item_unique")]

    def __str__(self) -> str:
        return self.text


class Event(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    unit = models.ForeignKey(AdminUnit, verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    plans_due_days = models.PositiveSmallIntegerField(
        _("plans approved this many days before"), default=7, help_text=_("sites still without one are chased")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = person()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class PlanStatus(models.TextChoices):
    MISSING = "missing", _("No plan")
    SUBMITTED = "submitted", _("Awaiting approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class DayStatus(models.TextChoices):
    NOT_REPORTED = "not_reported", _("Not reported")
    OPENED = "opened", _("Opened for the day")
    NORMAL = "normal", _("Normal")
    INCIDENT = "incident", _("Incident")
    CLOSED = "closed", _("Closed for the day")


class Decision(models.TextChoices):
    NONE = "", _("None")
    KEEP = "keep", _("Hold as planned")
    MOVE = "move", _("Move the site")
    POSTPONE = "postpone", _("Postpone")
    MOBILE_BOX = "mobile_box", _("Mobile ballot box only")


class Site(models.Model):
    """A polling area (khu vực bỏ phiếu) or an exam site, at a place, in a unit."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sites")
    place = models.ForeignKey(Establishment, verbose_name=_("place"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(AdminUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    path = UnitPathField()
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. Khu vực bỏ phiếu số 3"))
    owner = person(_("responsible"))
    plan_status = models.CharField(_("plan"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.MISSING)
    status = models.CharField(_("status"), max_length=14, choices=DayStatus.choices, default=DayStatus.NOT_REPORTED)
    present = models.PositiveIntegerField(_("voters or candidates present"), default=0)
    mobile_served = models.PositiveIntegerField(_("served by the mobile ballot box"), default=0)
    reported_at = models.DateTimeField(_("last report"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    decision_note = models.CharField(_("reason for the decision"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["path", "name"]
        constraints = [models.UniqueConstraint(fields=["event", "place"], name="site_place_unique")]
        indexes = [
            models.Index(fields=["event", "path"], name="site_event_path_idx", opclasses=["", "varchar_pattern_ops"]),
            models.Index(fields=["event", "status", "reported_at"], name="site_event_status_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class SafetyPlan(models.Model):
    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="plan")
    answers = models.JSONField(_("answers"), default=dict)
    notes = models.TextField(_("notes"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))
    reviewed_at, reviewed_by = stamp(_("reviewed at"))
    review_note = models.CharField(_("review note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("safety plan")
        verbose_name_plural = _("safety plans")

    def __str__(self) -> str:
        return str(self.site)


class StatusReport(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("status"), max_length=14, choices=DayStatus.choices)
    present = models.PositiveIntegerField(_("present"), default=0)
    mobile_served = models.PositiveIntegerField(_("served by the mobile ballot box"), default=0)
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = person(blank=False)

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["-reported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.site}: {self.status}"


class Incident(models.Model):
    """A suspected case at a site and the response to it (no personal data: what happened, not who)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="incidents")
    opened_at = models.DateTimeField(_("opened at"))
    description = models.CharField(_("what happened"), max_length=500)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = person(blank=False)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.site} {self.opened_at:%d/%m/%Y %H:%M}"


class IncidentAction(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="actions")
    at = models.DateTimeField(_("at"))
    text = models.CharField(_("action taken"), max_length=500)
    by = person(blank=False)

    class Meta:
        verbose_name = _("response action")
        verbose_name_plural = _("response actions")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.text


class PlanReminder(models.Model):
    """One reminder per site and day, so that the chasing loop never repeats itself."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "day"], name="plan_reminder_unique")]

    def __str__(self) -> str:
        return f"{self.site_id} {self.day}"
