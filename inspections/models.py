"""Inspections down the hierarchy and door-to-door screening campaigns.

The higher level inspects the lower: an inspection is made *by* a unit (`unit`, the inspecting
level) of a *target* strictly below it — a unit, or a place in its subtree. Each inspection keeps
the materialised path of its target (`target_path`), so coverage and jurisdiction are one
prefix filter, as everywhere else.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lib.attachments import Attachment, upload_to
from lib.records import (
    CreatedDemo,
    ListEntry,
    completeness,
    in_use,
    list_position,
    optional_link,
    period,
    period_ordered,
    person,
    stamp,
)
from territory.models import AdminUnit
from territory.scoped import UnitPathField, UnitScoped, path_index


class ChecklistStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    PARTIAL = "partial", _("Partial — not an official form")


def checklist_problems(items: Any) -> list[str]:
    """What makes a list of items unusable; empty when it is sound."""
    if not isinstance(items, list) or not items:
        return [gettext("A checklist needs a list of items.")]
    problems: list[str] = []
    codes: set[str] = set()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not str(item.get("code", "")).strip() or not str(item.get("text", "")).strip():
            problems.append(gettext("Item %(number)d needs a code and a text.") % {"number": number})
            continue
        if item["code"] in codes:
            problems.append(gettext("Item code %(code)s is used twice.") % {"code": item["code"]})
        codes.add(item["code"])
    return problems


class Checklist(ListEntry):
    """A checklist for inspecting a unit (steering committee set up, plan in place, quarantine
    site ready…), loaded from inspections/data/unit_checklists.json and editable by the
    provincial administrator. `items` is a list of {"code", "text", "key", "na_allowed"}."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    basis = models.CharField(_("source"), max_length=300, blank=True)
    levels = models.JSONField(
        _("levels"), default=list, blank=True, help_text=_("levels of the units it is used for by default")
    )
    items = models.JSONField(_("items"))
    status, status_note = completeness(ChecklistStatus.choices)
    is_active = in_use()
    position = list_position()

    class Meta(ListEntry.Meta):
        verbose_name = _("unit checklist")
        verbose_name_plural = _("unit checklists")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        problems = checklist_problems(self.items)
        if problems:
            raise ValidationError({"items": problems})


class InspectionPlan(UnitScoped, CreatedDemo):
    """A unit's plan to inspect units below it and places in its jurisdiction over a period."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("inspecting unit"), on_delete=models.PROTECT, related_name="inspection_plans"
    )
    title = models.CharField(_("title"), max_length=300)
    period_start, period_end = period()
    team = models.TextField(_("team"), blank=True, help_text=_("names and positions of the inspectors"))
    checklist = optional_link(Checklist, _("checklist for units"))

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-period_start", "-pk"]
        indexes = [path_index("period_start", name="plan_path_idx")]
        constraints = [period_ordered("plan_period_ordered")]

    def __str__(self) -> str:
        return self.title


class TargetKind(models.TextChoices):
    UNIT = "unit", _("Administrative unit")
    PLACE = "place", _("Place")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class Outcome(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    NEEDS_FIXES = "needs_fixes", _("Needs fixes by a date")
    VIOLATION = "violation", _("Violation found")


class Inspection(UnitScoped, CreatedDemo):
    """One target of a plan (or an unplanned inspection): planned, then recorded."""

    plan = optional_link(InspectionPlan, _("plan"), related_name="inspections")
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("inspecting unit"), on_delete=models.PROTECT, related_name="inspections_made"
    )
    target_kind = models.CharField(_("target"), max_length=5, choices=TargetKind.choices)
    target_unit = optional_link(AdminUnit, _("unit inspected"), related_name="inspections_received")
    target_place = optional_link("safety.Establishment", _("place inspected"), related_name="inspections")
    # The inspected unit's path, or the path of the unit the inspected place lies in.
    target_path = UnitPathField(source=("target_unit", "target_place.unit_path"))
    target_level = models.CharField(_("level of the target"), max_length=10, editable=False)
    period_start, period_end = period()
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    team = models.TextField(_("team"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InspectionStatus.choices, default=InspectionStatus.PLANNED
    )
    checklist = optional_link(Checklist, _("checklist for units"))
    criteria_set = optional_link("safety.CriteriaSet", _("criteria set"), related_name="+")

    # The record.
    inspected_on = models.DateField(_("inspected on"), null=True, blank=True)
    inspectors = models.TextField(_("inspectors"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    item_points = models.JSONField(_("points per item"), default=dict, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum"), max_digits=8, decimal_places=2, null=True, blank=True)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=1, null=True, blank=True)
    result_label = models.CharField(_("result"), max_length=200, blank=True)
    verified_state = models.CharField(_("verified public state"), max_length=12, blank=True)
    failed_items = models.JSONField(_("criteria not met"), default=list, blank=True)
    # The owner's latest self-assessment when the place was inspected, and how far apart they are.
    self_assessment = optional_link(
        "safety.Assessment", _("owner's self-assessment"), on_delete=models.SET_NULL, related_name="+"
    )
    self_percent = models.DecimalField(
        _("self-assessed percent"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    self_state = models.CharField(_("self-assessed state"), max_length=12, blank=True)
    gap = models.DecimalField(_("gap (percentage points)"), max_digits=5, decimal_places=1, null=True, blank=True)
    gap_flagged = models.BooleanField(_("large gap"), default=False)
    findings = models.TextField(_("findings"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    fix_by = models.DateField(_("fix by"), null=True, blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    reinspection_of = optional_link("self", _("re-inspection of"), related_name="reinspections")
    follow_up_closed_on = models.DateField(_("fixes closed on"), null=True, blank=True)
    follow_up_closed_by = optional_link("self", _("closed by"), on_delete=models.SET_NULL, related_name="+")
    recorded_at, recorded_by = stamp(_("recorded at"), editable=False)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_kind="unit", target_unit__isnull=False, target_place__isnull=True)
                | Q(target_kind="place", target_place__isnull=False, target_unit__isnull=True),
                name="inspection_one_target",
            ),
            period_ordered("inspection_period_ordered"),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(inspected_on__isnull=False, outcome__gt=""),
                name="inspection_done_has_record",
            ),
            # So "inspected in a period" is a plain date range that a covering index answers.
            models.CheckConstraint(
                condition=Q(status="done") | Q(inspected_on__isnull=True), name="inspection_date_only_when_done"
            ),
        ]
        indexes = [
            path_index("inspected_on", name="inspection_target_idx", path="target_path"),
            # Covers coverage and reports of what was inspected in a period: no table reads.
            models.Index(
                fields=["inspected_on", "target_path", "target_kind", "target_level", "target_place"],
                name="inspection_done_idx",
            ),
            models.Index(fields=["target_place", "inspected_on"], name="inspection_place_idx"),
            models.Index(
                fields=["period_end", "period_start"],
                name="inspection_planned_idx",
                condition=Q(status="planned"),
            ),
            path_index(name="inspection_by_idx"),
            models.Index(
                fields=["fix_by"],
                name="inspection_open_fix_idx",
                condition=Q(outcome="needs_fixes", follow_up_closed_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_name} ({self.period_start:%d/%m/%Y})"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.target_kind == TargetKind.PLACE:
            assert self.target_place is not None
            self.target_level = TargetKind.PLACE
        else:
            assert self.target_unit is not None
            self.target_level = self.target_unit.level
        super().save(*args, **kwargs)

    @property
    def target_name(self) -> str:
        target = self.target_place if self.target_kind == TargetKind.PLACE else self.target_unit
        return str(target)

    @property
    def is_done(self) -> bool:
        return self.status == InspectionStatus.DONE

    @property
    def follow_up_open(self) -> bool:
        return self.outcome == Outcome.NEEDS_FIXES and self.follow_up_closed_on is None


# The name migration 0001 gives the upload path.
inspection_upload_to = upload_to


class InspectionFile(Attachment):
    """A photo or PDF attached to an inspection record (checked by content, not name)."""

    folder = "inspections"
    record_field = "inspection"

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="files"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("inspection file")
        verbose_name_plural = _("inspection files")


class ScreeningCampaign(UnitScoped, CreatedDemo):
    """A door-to-door screening campaign a commune or district opens for a period and a target
    group ("people back from an outbreak area"). Counts only: no personal data."""

    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("commune or district"), on_delete=models.PROTECT, related_name="screening_campaigns"
    )
    title = models.CharField(_("title"), max_length=300)
    target_group = models.CharField(_("target group"), max_length=300)
    period_start, period_end = period()

    class Meta:
        verbose_name = _("screening campaign")
        verbose_name_plural = _("screening campaigns")
        ordering = ["-period_start", "-pk"]
        indexes = [path_index("period_start", name="campaign_path_idx")]
        constraints = [period_ordered("campaign_period_ordered")]

    def __str__(self) -> str:
        return self.title


class ScreeningDay(models.Model):
    """What one village did on one day of a campaign; recording the same day again corrects it."""

    campaign = models.ForeignKey(
        ScreeningCampaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="days"
    )
    village = models.ForeignKey(AdminUnit, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    village_path = UnitPathField(source="village")
    day = models.DateField(_("day"))
    households = models.PositiveIntegerField(_("households in the village"))
    households_visited = models.PositiveIntegerField(_("households visited"))
    people_screened = models.PositiveIntegerField(_("people screened"))
    people_referred = models.PositiveIntegerField(_("people referred for testing or follow-up"))
    recorded_by = person(editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("screening day")
        verbose_name_plural = _("screening days")
        ordering = ["day", "village_path"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "village", "day"], name="screening_day_unique"),
            models.CheckConstraint(
                condition=Q(households_visited__lte=models.F("households")), name="screening_visited_le_households"
            ),
            models.CheckConstraint(
                condition=Q(people_referred__lte=models.F("people_screened")), name="screening_referred_le_screened"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.village} {self.day:%d/%m/%Y}"
