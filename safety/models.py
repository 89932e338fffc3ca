import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.records import (
    Created,
    Derived,
    ListEntry,
    SearchNameField,
    completeness,
    coordinates,
    list_position,
    optional_link,
    person,
)
from territory.models import AdminUnit
from territory.scoped import ProvincePolicy, UnitScoped, path_index


class PublicState(models.TextChoices):
    """The four states of the national dashboard, each with its colour."""

    SAFE = "safe", _("Safe")
    AT_RISK = "at_risk", _("At risk")
    UNSAFE = "unsafe", _("Unsafe")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


STATE_COLOURS = {
    PublicState.SAFE: "#198754",
    PublicState.AT_RISK: "#fd7e14",
    PublicState.UNSAFE: "#dc3545",
    PublicState.NOT_ASSESSED: "#6c757d",
}


class CriteriaSetStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    PARTIAL = "partial", _("Partial — official texts not all at hand")


class CriteriaSet(models.Model):
    """One version of an official self-assessment criteria set; `definition` holds sections,
    items, options, bands and rules (see safety/scoring.py). Editing makes a new version."""

    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    status, status_note = completeness(CriteriaSetStatus.choices)
    validity_days = models.PositiveIntegerField(_("valid for (days)"), default=7)
    definition = models.JSONField(_("definition"))
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = optional_link(settings.AUTH_USER_MODEL, _("created by"), on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="criteria_set_version_unique"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(is_current=True), name="criteria_set_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_usable(self) -> bool:
        """A set with no items yet (only its rules are known) waits for the full set to be imported."""
        return any(section.get("items") for section in self.definition.get("sections", []))


class EstablishmentType(ListEntry):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    criteria_set_code = models.SlugField(
        _("default criteria set"), max_length=60, blank=True, help_text=_("code of the criteria set its places use")
    )
    position = list_position()

    class Meta(ListEntry.Meta):
        verbose_name = _("type of place")
        verbose_name_plural = _("types of place")
        ordering = ["position", "name"]


class OperatingStatus(models.TextChoices):
    OPERATING = "operating", _("Operating")
    SUSPENDED = "suspended", _("Temporarily suspended")
    CLOSED = "closed", _("Closed")


class Registration(models.TextChoices):
    PENDING = "pending", _("Waiting for acceptance")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


def new_public_code() -> str:
    # 32 signs, no 0/O or 1/I to misread on a poster; 32 divides 256, so every sign is as likely.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(alphabet[byte % 32] for byte in secrets.token_bytes(8))


class Establishment(UnitScoped, Created):
    """A crowded place that self-assesses: a market, a hospital, a factory, a school…"""

    name = models.CharField(_("name"), max_length=200)
    type = models.ForeignKey(EstablishmentType, verbose_name=_("type"), on_delete=models.PROTECT)
    address = models.CharField(_("address"), max_length=300, blank=True)
    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune or village"), on_delete=models.PROTECT)
    latitude, longitude = coordinates()
    location_approximate = models.BooleanField(_("approximate location"), default=False)
    capacity = models.PositiveIntegerField(_("capacity or headcount"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("owners"), blank=True, related_name="establishments"
    )
    status = models.CharField(
        _("operating status"), max_length=10, choices=OperatingStatus.choices, default=OperatingStatus.OPERATING
    )
    registration = models.CharField(
        _("registration"), max_length=10, choices=Registration.choices, default=Registration.ACCEPTED
    )
    public_code = models.CharField(_("public code"), max_length=12, unique=True, default=new_public_code)
    search_name = SearchNameField(max_length=510, source=("name", "address"))
    # The public state, kept here so maps and lists of a million places need no join. It is
    # the latest assessment's state until that expires; then a safe or at-risk rating no longer
    # vouches for the place and the state falls back to "not assessed" (expire_ratings).
    state = models.CharField(
        _("public state"), max_length=12, choices=PublicState.choices, default=PublicState.NOT_ASSESSED
    )
    last_assessment = optional_link("Assessment", on_delete=models.SET_NULL, related_name="+", editable=False)
    assessed_at = models.DateTimeField(_("last assessed"), null=True, blank=True, editable=False)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False, db_default=False)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        indexes = [
            path_index("state", name="place_path_state_idx"),
            path_index("valid_until", name="place_path_valid_idx"),
            models.Index(fields=["latitude", "longitude"], name="place_location_idx"),
            # What the situation view counts without reading the places: those in service whose
            # rating has run out (by expiry first, so a country's count reads only those), and
            # those never assessed.
            models.Index(
                fields=["valid_until", "unit_path"],
                name="place_overdue_idx",
                condition=models.Q(registration="accepted") & ~models.Q(status="closed"),
            ),
            models.Index(
                fields=["unit_path"],
                name="place_never_idx",
                opclasses=["varchar_pattern_ops"],
                condition=models.Q(registration="accepted", last_assessment__isnull=True, state="not_assessed")
                & ~models.Q(status="closed"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.valid_until is not None and self.valid_until < (now or timezone.now())

    @property
    def is_public(self) -> bool:
        """Shown on the public map: accepted and not closed (suspended places stay, marked so)."""
        return self.registration == Registration.ACCEPTED and self.status != OperatingStatus.CLOSED


class Assessment(models.Model):
    """One self-assessment (or an officer's assessment) scored with one criteria-set version."""

    establishment = models.ForeignKey(
        Establishment, verbose_name=_("place"), on_delete=models.CASCADE, related_name="assessments"
    )
    criteria_set = models.ForeignKey(CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT)
    answers = models.JSONField(_("answers"))
    item_points = models.JSONField(_("points per item"), default=dict)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2)
    max_score = models.DecimalField(_("maximum"), max_digits=8, decimal_places=2)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=1)
    band = models.CharField(_("result"), max_length=40)
    band_label = models.CharField(_("result label"), max_length=200)
    state = models.CharField(_("public state"), max_length=12, choices=PublicState.choices)
    vetoes = models.JSONField(_("rules applied"), default=list)
    submitted_by = person(_("submitted by"), blank=False)
    by_officer = models.BooleanField(_("by an officer"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    valid_until = models.DateTimeField(_("valid until"))

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["establishment", "-submitted_at"], name="assessment_place_idx")]

    def __str__(self) -> str:
        return f"{self.establishment} — {self.band_label} ({self.submitted_at:%d/%m/%Y})"


class SafetyPolicy(ProvincePolicy):
    """Choices a province makes about its safety system."""

    accept_owner_registrations = models.BooleanField(_("accept places registered by owners at once"), default=False)
    remind_days_before = models.PositiveSmallIntegerField(_("remind owners this many days before expiry"), default=2)

    class Meta:
        verbose_name = _("safety policy")
        verbose_name_plural = _("safety policies")


class UnitStateCount(Derived):
    """How many public places of each state a unit holds itself (not counting the units below
    it), kept up to date with the map cells, so the public summary of a province or the whole
    country adds up a few rows per unit instead of counting the places."""

    unit_path = models.CharField(max_length=255)
    state = models.CharField(max_length=12, choices=PublicState.choices)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit_path", "state"], name="unit_state_count_unique")]
        indexes = [path_index(name="unit_state_count_path_idx")]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.state}: {self.count}"


class MapCell(Derived):
    """How many public places of each state lie in one cell of a coarse grid, kept up to date
    as places change, so a map of the whole country reads a few hundred rows, not millions."""

    grid = models.PositiveSmallIntegerField()
    x = models.IntegerField()
    y = models.IntegerField()
    state = models.CharField(max_length=12, choices=PublicState.choices)
    count = models.IntegerField(default=0)
    latitude_sum = models.FloatField(default=0)
    longitude_sum = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["grid", "x", "y", "state"], name="map_cell_unique")]
        indexes = [models.Index(fields=["grid", "y", "x"], name="map_cell_lookup_idx")]

    def __str__(self) -> str:
        return f"grid {self.grid} ({self.x}, {self.y}) {self.state}: {self.count}"


class ImportPhase(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKING = "checking", _("Checking")
    CHECKED = "checked", _("Checked")
    IMPORTING = "importing", _("Importing")
    INTERRUPTED = "interrupted", _("Interrupted")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Refused")


class ImportJob(models.Model):
    """A places import from upload to done, kept in the database so that every app server can
    show its progress. Progress is written as it happens (`heartbeat_at`); a job whose worker
    died stops beating and is reported interrupted, and resumes after the last whole batch."""

    audited = False  # bookkeeping: the import is audited by one entry when it writes places

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    path = models.CharField(max_length=300)
    scheme = models.CharField(max_length=8)
    phase = models.CharField(max_length=12, choices=ImportPhase.choices, default=ImportPhase.UPLOADED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    good = models.PositiveIntegerField(default=0)
    bad = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    file_error = models.TextField(blank=True)
    # Places written so far: batches commit with this count, so it is where a resumed job starts.
    created = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(default=timezone.now)
    # "host:pid" of the process running the check or the import: on that machine, a job whose
    # process is gone (killed, out of memory) is known dead at once, without waiting for STALE.
    worker = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("places import")
        verbose_name_plural = _("places imports")
        indexes = [models.Index(fields=["created_at"], name="import_job_age_idx")]

    def __str__(self) -> str:
        return f"{self.filename} ({self.phase})"
