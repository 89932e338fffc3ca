"""Readiness for every scenario — "bốn tại chỗ": each unit declares its own command, forces,
equipment and logistics; scenarios say what each kind of resource a unit needs; the gap is kept
per unit, scenario and kind so that tables and maps never recompute it on a read."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.attachments import Attachment
from lib.records import ListEntry, UnitOfMeasure, in_use, list_position, person
from territory.models import AdminUnit, Level
from territory.scoped import UnitPathField


class Group(models.TextChoices):
    COMMAND = "command", _("On-the-spot command")
    FORCES = "forces", _("On-the-spot forces")
    EQUIPMENT = "equipment", _("On-the-spot equipment")
    LOGISTICS = "logistics", _("On-the-spot logistics")


class MeasureUnit(UnitOfMeasure):
    name = models.CharField(_("name"), max_length=40, help_text=_("e.g. người, chiếc, giường, hộp"))


class ResourceKind(ListEntry):
    """A kind of resource counted by every unit: medical staff, ambulances, isolation beds…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    measure = models.ForeignKey(MeasureUnit, verbose_name=_("unit of measure"), on_delete=models.PROTECT)
    tracks_use = models.BooleanField(
        _("tracks the quantity in use"), default=False, help_text=_("beds, places: how many are occupied")
    )
    position = list_position()
    is_active = in_use()

    class Meta(ListEntry.Meta):
        verbose_name = _("resource kind")
        verbose_name_plural = _("resource kinds")


class Scenario(ListEntry):
    """A number of cases in one unit (1–10, 10–50…) and what each kind of resource it needs."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=120)
    min_cases = models.PositiveIntegerField(_("cases from"))
    max_cases = models.PositiveIntegerField(_("cases up to"), null=True, blank=True, help_text=_("empty: no limit"))
    planning_cases = models.PositiveIntegerField(
        _("cases planned for"), help_text=_("the number of cases the needs are computed for")
    )
    contacts_per_case = models.PositiveIntegerField(_("close contacts per case"), default=20)
    position = list_position()

    class Meta(ListEntry.Meta):
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["position", "min_cases"]

    @property
    def planning_contacts(self) -> int:
        return self.planning_cases * self.contacts_per_case


class Need(models.Model):
    """What a scenario needs of a kind: a ratio to cases and to contacts, at least a minimum;
    a row for a level replaces the row for all levels."""

    scenario = models.ForeignKey(Scenario, verbose_name=_("scenario"), on_delete=models.CASCADE, related_name="needs")
    kind = models.ForeignKey(ResourceKind, verbose_name=_("resource kind"), on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("unit level"), max_length=10, choices=Level.choices, blank=True)
    per_case = models.DecimalField(_("per case"), max_digits=8, decimal_places=3, default=0)
    per_contact = models.DecimalField(_("per contact"), max_digits=8, decimal_places=3, default=0)
    minimum = models.PositiveIntegerField(_("minimum"), default=0)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [models.UniqueConstraint(fields=["scenario", "kind", "level"], name="need_unique")]

    def __str__(self) -> str:
        return f"{self.scenario} — {self.kind}"


class Profile(models.Model):
    """A unit's own readiness page: the steering committee's on-duty office phone."""

    unit = models.OneToOneField(AdminUnit, on_delete=models.CASCADE, related_name="readiness")
    duty_phone = models.CharField(
        _("on-duty office phone"), max_length=20, blank=True, help_text=_("the office line, never a personal number")
    )
    committee_name = models.CharField(_("steering committee"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("readiness profile")
        verbose_name_plural = _("readiness profiles")

    def __str__(self) -> str:
        return str(self.unit)


class CommitteeMember(models.Model):
    """A member of the unit's steering committee, by position (an official's name and position
    may be shown; no personal contact details are kept)."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    committee_role = models.CharField(_("role in the committee"), max_length=80, help_text=_("Trưởng ban, Phó ban…"))
    position = models.CharField(_("position"), max_length=150, help_text=_("Chủ tịch UBND xã, Trưởng trạm y tế…"))
    name = models.CharField(_("name"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["unit", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.committee_role}: {self.position}"


def plan_path(instance: "PlanDocument", filename: str) -> str:
    return f"readiness/plans/{instance.unit_id}/v{instance.version}-{filename}"


class PlanDocument(Attachment):
    """A version of the unit's response plan; the newest is the one in force."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=plan_path)

    class Meta(Attachment.Meta):
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")
        ordering = ["unit", "-version"]
        constraints = [models.UniqueConstraint(fields=["unit", "version"], name="plan_version_unique")]


class Stock(models.Model):
    """How much of a kind a unit has now (people, equipment or supplies), and since when."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    kind = models.ForeignKey(ResourceKind, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))
    in_use = models.PositiveIntegerField(_("in use"), null=True, blank=True)
    updated_on = models.DateField(_("updated on"))
    updated_by = person()

    class Meta:
        verbose_name = _("stock")
        verbose_name_plural = _("stocks")
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="stock_unique"),
            models.CheckConstraint(
                condition=Q(in_use__isnull=True) | Q(in_use__lte=models.F("quantity")), name="stock_use_within"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.kind}: {self.quantity}"


class Pledge(models.Model):
    """What a higher level promises to lend a unit below it when a scenario happens."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("for unit"), on_delete=models.CASCADE, related_name="+")
    by_unit = models.ForeignKey(AdminUnit, verbose_name=_("pledged by"), on_delete=models.CASCADE, related_name="+")
    kind = models.ForeignKey(ResourceKind, verbose_name=_("resource kind"), on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))
    updated_on = models.DateField(_("updated on"))

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [models.UniqueConstraint(fields=["unit", "by_unit", "kind"], name="pledge_unique")]

    def __str__(self) -> str:
        return f"{self.by_unit} → {self.unit}: {self.kind} {self.quantity}"


class UnitGap(models.Model):
    """Needed − available − pledged for one unit and scenario, every kind at once: `lines` maps a
    kind's code to [needed, available, pledged, shortfall]. Kept by `actions.recompute_gaps` on
    every write and by the `recompute_gaps` command; the unit's path makes a province's whole
    tree one indexed range read."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="+")
    path = UnitPathField()
    level = models.CharField(max_length=10)
    kinds_short = models.PositiveSmallIntegerField()
    shortfall = models.PositiveIntegerField()
    worst_cover = models.PositiveSmallIntegerField(help_text="percent of the need covered, for the worst kind")
    worst_kind = models.CharField(max_length=40, blank=True)
    lines = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scenario", "unit"], name="unit_gap_unique")]
        indexes = [
            models.Index(fields=["scenario", "path"], name="unit_gap_path_idx", opclasses=["", "varchar_pattern_ops"])
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.scenario_id}: {self.kinds_short}"


class ReportingCycle(models.Model):
    """How often units update their stocks (weekly by default) and how long after a period
    starts the update is due."""

    province = models.OneToOneField(AdminUnit, verbose_name=_("province"), on_delete=models.CASCADE, related_name="+")
    starts_on = models.DateField(_("first period starts on"))
    length_days = models.PositiveSmallIntegerField(_("period length (days)"), default=7)
    due_days = models.PositiveSmallIntegerField(_("due after (days)"), default=2)
    levels = models.JSONField(_("levels that report"), default=list, help_text='["district", "commune"]')

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")

    def __str__(self) -> str:
        return str(self.province)


class PeriodReport(models.Model):
    """A unit's stock update for one period: when it came, whether it was on time."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(_("period"))
    submitted_at = models.DateTimeField(_("submitted at"))
    on_time = models.BooleanField(_("on time"))
    submitted_by = person()

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        constraints = [models.UniqueConstraint(fields=["unit", "period_start"], name="period_report_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_start}"


class PeriodReminder(models.Model):
    """One reminder per late unit and period, so that the reminder loop never repeats itself."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "period_start"], name="period_reminder_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period_start}"


class Drill(models.Model):
    """A response drill (diễn tập) held by a unit."""

    unit = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    held_on = models.DateField(_("held on"))
    scenario = models.ForeignKey(Scenario, verbose_name=_("scenario"), on_delete=models.PROTECT, related_name="+")
    participants = models.PositiveIntegerField(_("participants"), default=0)
    findings = models.TextField(_("findings"))
    recorded_by = person()

    class Meta:
        verbose_name = _("drill")
        verbose_name_plural = _("drills")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit} {self.held_on:%d/%m/%Y}"


# A verified figure more than this many percent below the declared one is flagged.
SHORT_FLAG_PERCENT = 10


class Verification(models.Model):
    """A readiness inspection: a level above counts on the spot what a unit declared. Its
    inspection record (date, inspecting unit, outcome, findings) is the inspections app's; the
    figures, declared and verified side by side, are here."""

    inspection = models.OneToOneField(
        "inspections.Inspection", verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="verification"
    )
    unit = models.ForeignKey(AdminUnit, verbose_name=_("unit inspected"), on_delete=models.PROTECT, related_name="+")
    inspected_on = models.DateField(_("inspected on"))

    class Meta:
        verbose_name = _("readiness inspection")
        verbose_name_plural = _("readiness inspections")
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["unit", "inspected_on"], name="verification_unit_idx")]

    def __str__(self) -> str:
        return f"{self.unit} {self.inspected_on:%d/%m/%Y}"

    @property
    def flagged_lines(self) -> list["VerifiedLine"]:
        return [line for line in self.lines.all() if line.flagged]


class VerifiedLine(models.Model):
    """One kind of a readiness inspection: what the unit had declared (and when), what the
    inspectors counted."""

    verification = models.ForeignKey(Verification, on_delete=models.CASCADE, related_name="lines")
    kind = models.ForeignKey(ResourceKind, verbose_name=_("resource kind"), on_delete=models.PROTECT, related_name="+")
    declared = models.PositiveIntegerField(_("declared"))
    declared_on = models.DateField(_("declared on"))
    verified = models.PositiveIntegerField(_("verified"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("verified figure")
        verbose_name_plural = _("verified figures")
        ordering = ["verification", "kind__position", "kind__code"]
        constraints = [models.UniqueConstraint(fields=["verification", "kind"], name="verified_line_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.declared} → {self.verified}"

    @property
    def difference(self) -> int:
        return self.verified - self.declared

    @property
    def short_percent(self) -> int:
        """How far below the declared figure the count fell, in percent (0 when not below)."""
        if self.declared <= 0 or self.verified >= self.declared:
            return 0
        return (self.declared - self.verified) * 100 // self.declared

    @property
    def flagged(self) -> bool:
        return (self.declared - self.verified) * 100 > SHORT_FLAG_PERCENT * self.declared
