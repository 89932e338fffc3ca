"""Citizens' reports (phản ánh, kiến nghị): what anyone may send without an account, and how the
officers of the unit it is routed to triage, handle, answer and close it.

Categories and their deadlines are data (portal/data/report_categories.json), editable by the
provincial administrator. A report's own text, photos and the reporter's contact are never
public: the public sees only the text an officer wrote or approved when accepting it, and the
official answer.
"""

import secrets
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lib.attachments import Attachment
from lib.records import ListEntry, coordinates, demo_flag, in_use, list_position, optional_link, person
from territory.models import AdminUnit, Organisation
from territory.scoped import UnitScoped, path_index


class ReportCategory(ListEntry):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    deadline_days = models.PositiveSmallIntegerField(_("days to answer"), default=10)
    position = list_position()
    is_active = in_use()

    class Meta(ListEntry.Meta):
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the language of the page (Vietnamese unless English is chosen)."""
        return self.name_en if get_language() == "en" and self.name_en else self.name


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("Being handled")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    DUPLICATE = "duplicate", _("Duplicate")
    TRANSFERRED = "transferred", _("Transferred to an agency")


OPEN_STATUSES = (ReportStatus.RECEIVED, ReportStatus.ACCEPTED, ReportStatus.IN_PROGRESS)
PUBLISHED_STATUSES = (ReportStatus.ACCEPTED, ReportStatus.IN_PROGRESS, ReportStatus.ANSWERED, ReportStatus.CLOSED)

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
TRACKING_LENGTH = 10


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


class Report(UnitScoped):
    tracking_code = models.CharField(_("tracking code"), max_length=12, unique=True, default=new_tracking_code)
    category = models.ForeignKey(ReportCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    text = models.TextField(_("what happened"))
    public_text = models.TextField(_("published text"), blank=True)
    # Where it happened (a commune or a village) and the unit whose officers handle it.
    place_unit = optional_link(AdminUnit, _("where"), related_name="+")
    unit = models.ForeignKey(AdminUnit, verbose_name=_("handled by"), on_delete=models.PROTECT, related_name="+")
    establishment = optional_link("safety.Establishment", _("place"), on_delete=models.SET_NULL, related_name="+")
    latitude, longitude = coordinates(null=True, blank=True)
    contact_name = models.CharField(_("reporter's name"), max_length=120, blank=True)
    contact_phone = models.CharField(_("reporter's phone"), max_length=20, blank=True)
    text_hash = models.CharField(max_length=64, editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due by"))
    escalated_to = optional_link(AdminUnit, _("escalated to"), related_name="+")
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    assigned_to = person(_("assigned to"))
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    duplicate_of = optional_link("self", _("duplicate of"), on_delete=models.SET_NULL, related_name="+")
    transferred_to = optional_link(Organisation, _("transferred to"))
    answer = models.TextField(_("official answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    is_demo = demo_flag()

    class Meta:
        verbose_name = _("citizen's report")
        verbose_name_plural = _("citizens' reports")
        ordering = ["-received_at", "-pk"]
        indexes = [
            path_index("status", "due_at", name="report_path_idx"),
            models.Index(fields=["status", "-received_at"], name="report_status_idx"),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES and bool(self.public_text)

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.is_open and self.due_at < (now or timezone.now())


def _photo_path(photo: "ReportPhoto", filename: str) -> str:
    return f"reports/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.jpg"


class ReportPhoto(Attachment):
    """A photo sent with a report, re-encoded without its metadata; seen by officers only."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("file"), upload_to=_photo_path)

    class Meta(Attachment.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    DUPLICATE = "duplicate", _("Marked as a duplicate")
    TRANSFERRED = "transferred", _("Transferred")
    ASSIGNED = "assigned", _("Assigned")
    ACTION = "action", _("Action taken")
    ANSWERED = "answered", _("Answered publicly")
    CLOSED = "closed", _("Closed")
    ESCALATED = "escalated", _("Overdue: escalated to the level above")


# Steps the reporter and the public see on the status page; the others stay with the officers.
PUBLIC_EVENTS = (EventKind.RECEIVED, EventKind.ACCEPTED, EventKind.ANSWERED, EventKind.CLOSED, EventKind.REJECTED)


class ReportEvent(models.Model):
    """One step in a report's handling, in order."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=12, choices=EventKind.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = person(_("by"))
    note = models.TextField(_("note"), blank=True)
    unit = optional_link(AdminUnit, _("unit"), related_name="+")
    inspection = optional_link("inspections.Inspection", _("inspection"), on_delete=models.SET_NULL, related_name="+")
    violation = optional_link("enforcement.Violation", _("violation"), on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.kind}"
