"""Violations of the epidemic-prevention rules, their decisions and their public disclosure.

Violation types (act, legal basis, fine range) are data loaded from
enforcement/data/violation_types.json and edited by the provincial administrator. A violation
goes draft → decided → published, or is withdrawn with a reason; nothing is ever deleted, and
the audit trail keeps every step.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.attachments import Attachment, upload_to
from lib.records import CreatedDemo, ListEntry, completeness, in_use, list_position, optional_link, stamp
from territory.models import AdminUnit
from territory.scoped import ProvincePolicy, UnitScoped, path_index


class TypeStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    PARTIAL = "partial", _("Partial — article or bound not at hand")


class ViolationType(ListEntry):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("act"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    fine_min = models.PositiveBigIntegerField(_("lowest fine (VND)"), null=True, blank=True)
    fine_max = models.PositiveBigIntegerField(_("highest fine (VND)"))
    additional_measures = models.CharField(_("additional measures"), max_length=300, blank=True)
    status, status_note = completeness(TypeStatus.choices, default=TypeStatus.PARTIAL)
    position = list_position()
    is_active = in_use()

    class Meta(ListEntry.Meta):
        verbose_name = _("violation type")
        verbose_name_plural = _("violation types")
        constraints = [
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True) | Q(fine_min__lte=models.F("fine_max")),
                name="violation_type_range_ordered",
            )
        ]


class DisclosurePolicy(ProvincePolicy):
    """What a province chooses about disclosure: how long a place's public page shows its
    published violations."""

    days_on_place_page = models.PositiveSmallIntegerField(
        _("days a violation stays on the place's public page"), default=90
    )

    class Meta:
        verbose_name = _("disclosure policy")
        verbose_name_plural = _("disclosure policies")


class OffenderKind(models.TextChoices):
    PLACE = "place", _("A registered place")
    BUSINESS = "business", _("A business or organisation")
    PERSON = "person", _("A person")


class ViolationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    DECIDED = "decided", _("Decided")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Violation(UnitScoped, CreatedDemo):
    offender_kind = models.CharField(_("who"), max_length=10, choices=OffenderKind.choices)
    establishment = optional_link("safety.Establishment", _("place"), related_name="violations")
    offender_name = models.CharField(_("name"), max_length=200)
    # Public: a state official is disclosed like anyone else, with position and agency.
    is_official = models.BooleanField(_("state official"), default=False)
    position = models.CharField(_("position"), max_length=200, blank=True)
    agency = models.CharField(_("agency"), max_length=200, blank=True)
    type = models.ForeignKey(ViolationType, verbose_name=_("type"), on_delete=models.PROTECT)
    act = models.TextField(_("what was done"))
    unit = models.ForeignKey(AdminUnit, verbose_name=_("where"), on_delete=models.PROTECT, related_name="violations")
    occurred_on = models.DateField(_("when"))
    inspection = optional_link(
        "inspections.Inspection", _("found in inspection"), on_delete=models.SET_NULL, related_name="violations"
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_authority = models.CharField(_("decided by"), max_length=200, blank=True)
    fine_amount = models.PositiveBigIntegerField(_("fine (VND)"), null=True, blank=True)
    fine_reason = models.TextField(_("why no fine, or another measure"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ViolationStatus.choices, default=ViolationStatus.DRAFT
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    decided_at, decided_by = stamp(_("decided at"), editable=False)
    published_at, published_by = stamp(_("published at"), editable=False)
    withdrawn_at, withdrawn_by = stamp(_("withdrawn at"), editable=False)

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["-decision_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(offender_kind="place") | Q(establishment__isnull=False), name="violation_place_given"
            ),
            # A draft recorded by mistake may be withdrawn before any decision: it then has no date.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "withdrawn"]) | Q(decision_date__isnull=False),
                name="violation_decided_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "decision_date", "id"], name="violation_public_idx"),
            models.Index(fields=["status", "published_at", "id"], name="violation_feed_idx"),
            # Covers the report of decided violations in a period: no table reads.
            models.Index(
                fields=["decision_date", "status", "unit_path", "type", "is_official", "fine_amount"],
                name="violation_report_idx",
            ),
            path_index("status", "decision_date", name="violation_path_idx"),
            models.Index(fields=["type", "status", "decision_date"], name="violation_type_idx"),
            models.Index(fields=["establishment", "status"], name="violation_place_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.offender_name} — {self.type}"


# The name migration 0001 gives the upload path.
evidence_upload_to = upload_to


class Evidence(Attachment):
    """A photo or PDF kept with a violation; never public (it may show people)."""

    folder = "violations"
    record_field = "violation"

    violation = models.ForeignKey(
        Violation, verbose_name=_("violation"), on_delete=models.PROTECT, related_name="evidence"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
