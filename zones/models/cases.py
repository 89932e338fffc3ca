"""Confirmed cases as aggregate counts per commune or village per day: no personal data."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lib.records import demo_flag, person
from territory.models import AdminUnit
from territory.scoped import UnitScoped, path_index


class CaseCount(UnitScoped):
    """The confirmed cases of one unit on one day. A count on a commune itself means cases not
    placed in one of its villages, so a commune's total is the sum over its subtree. A day
    without a count means no case."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("commune or village"), on_delete=models.PROTECT)
    commune = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    # The recomputation reads one province's last days at a time: the (province, date) index of
    # migration 0002, which on PostgreSQL also holds the figures, answers it without reading the
    # table (and serves the key).
    province = models.ForeignKey(AdminUnit, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False)
    date = models.DateField(_("date"))
    cases = models.PositiveIntegerField(_("confirmed cases"))
    untraced_cases = models.PositiveIntegerField(_("of which source not traced"), default=0)
    linked_cases = models.PositiveIntegerField(
        _("of which linked to an industrial zone, school or large supermarket"), default=0
    )
    recorded_by = person(_("recorded by"), editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    is_demo = demo_flag()

    class Meta:
        verbose_name = _("case count")
        verbose_name_plural = _("case counts")
        ordering = ["-date", "unit_path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "date"], name="case_count_unit_day_unique"),
            models.CheckConstraint(condition=Q(untraced_cases__lte=F("cases")), name="case_untraced_within_cases"),
            models.CheckConstraint(condition=Q(linked_cases__lte=F("cases")), name="case_linked_within_cases"),
        ]
        indexes = [
            path_index("date", name="case_path_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.date}: {self.cases}"
